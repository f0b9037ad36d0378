"""A cancelled transaction with its CancellationReasons; a committed one; TransactGetItems."""
from streamscope_e2e import check, check_equal, create_table

ddb = create_table("Accounts")
ddb.put_item(TableName="Accounts", Item={"pk": {"S": "alice"}, "balance": {"N": "10"}})

try:
    ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": "Accounts", "Item": {"pk": {"S": "bob"}, "balance": {"N": "5"}}}},
        {"Update": {"TableName": "Accounts", "Key": {"pk": {"S": "alice"}}, "UpdateExpression": "SET balance = balance - :a",
                    "ConditionExpression": "balance >= :a", "ExpressionAttributeValues": {":a": {"N": "50"}},
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
    ])
    check(False, "the transaction must be cancelled")
except ddb.exceptions.TransactionCanceledException as error:
    reasons = error.response["CancellationReasons"]
    check_equal([r["Code"] for r in reasons], ["None", "ConditionalCheckFailed"], "reason codes")
    check_equal(reasons[1]["Message"], "The conditional request failed", "reason message")
    check_equal(reasons[1]["Item"]["balance"], {"N": "10"}, "reason item")
    check(error.response["Error"]["Message"].endswith("[None, ConditionalCheckFailed]"), error.response["Error"]["Message"])
check("Item" not in ddb.get_item(TableName="Accounts", Key={"pk": {"S": "bob"}}), "nothing applied")

ddb.transact_write_items(TransactItems=[
    {"Put": {"TableName": "Accounts", "Item": {"pk": {"S": "bob"}, "balance": {"N": "5"}}}},
    {"Update": {"TableName": "Accounts", "Key": {"pk": {"S": "alice"}}, "UpdateExpression": "SET balance = balance - :a",
                "ConditionExpression": "balance >= :a", "ExpressionAttributeValues": {":a": {"N": "5"}}}},
])
got = ddb.transact_get_items(TransactItems=[
    {"Get": {"TableName": "Accounts", "Key": {"pk": {"S": "alice"}}}},
    {"Get": {"TableName": "Accounts", "Key": {"pk": {"S": "nobody"}}}},
    {"Get": {"TableName": "Accounts", "Key": {"pk": {"S": "bob"}}}},
])["Responses"]
check_equal(got[0]["Item"]["balance"], {"N": "5"}, "alice")
check_equal(got[1], {}, "missing item")
check_equal(got[2]["Item"]["balance"], {"N": "5"}, "bob")
print("transactions ok")
