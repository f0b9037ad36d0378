"""Put/get round trip of every attribute type, and conditional failures as boto3 sees them."""
from decimal import Decimal

from boto3.dynamodb.types import Binary
from botocore.exceptions import ClientError

from streamscope_e2e import check, check_equal, create_table, resource

ddb = create_table("Items")

item = {
    "pk": {"S": "every-type"},
    "s": {"S": "héllo ✓"},
    "empty": {"S": ""},
    "n": {"N": "-0012.500"},
    "big": {"N": "99999999999999999999999999999999999999"},
    "b": {"B": b"\x00\x01\xff"},
    "t": {"BOOL": True},
    "f": {"BOOL": False},
    "z": {"NULL": True},
    "m": {"M": {"nested": {"L": [{"N": "1"}, {"S": "two"}, {"M": {}}]}}},
    "l": {"L": []},
    "ss": {"SS": ["a", "b"]},
    "ns": {"NS": ["1", "2.5"]},
    "bs": {"BS": [b"\x01", b"\x02"]},
}
ddb.put_item(TableName="Items", Item=item)
got = ddb.get_item(TableName="Items", Key={"pk": {"S": "every-type"}}, ConsistentRead=True)["Item"]
expected = dict(item)
expected["n"] = {"N": "-12.5"}
for name, value in expected.items():
    actual = got.get(name)
    if name in ("ss", "ns", "bs"):
        key = list(value)[0]
        check(actual is not None and sorted(actual[key]) == sorted(value[key]), "%s: %r != %r" % (name, actual, value))
    else:
        check_equal(actual, value, name)
check_equal(set(got), set(expected), "attribute names")

# The resource layer with Python types.
table = resource().Table("Items")
table.put_item(Item={"pk": "doc", "price": Decimal("19.99"), "tags": {"x", "y"}, "raw": Binary(b"\x00"), "meta": {"a": [1, "b", None, True]}})
doc = table.get_item(Key={"pk": "doc"})["Item"]
check_equal(doc["price"], Decimal("19.99"), "price")
check_equal(doc["tags"], {"x", "y"}, "tags")
check_equal(doc["meta"], {"a": [Decimal(1), "b", None, True]}, "meta")
check("Item" not in table.get_item(Key={"pk": "absent"}), "absent item has no Item")

# Conditional failure: the modeled exception, with Item only when asked.
try:
    ddb.put_item(TableName="Items", Item={"pk": {"S": "doc"}}, ConditionExpression="attribute_not_exists(pk)")
    check(False, "the condition must fail")
except ddb.exceptions.ConditionalCheckFailedException as error:
    check_equal(error.response["Error"]["Message"], "The conditional request failed", "message")
    check("Item" not in error.response, "no Item unless asked")
try:
    table.update_item(Key={"pk": "doc"}, UpdateExpression="SET price = :p", ConditionExpression="price < :min",
                      ExpressionAttributeValues={":p": Decimal(1), ":min": Decimal(5)},
                      ReturnValuesOnConditionCheckFailure="ALL_OLD")
    check(False, "the condition must fail")
except ClientError as error:
    check_equal(error.response["Error"]["Code"], "ConditionalCheckFailedException", "code")
    check_equal(error.response["Item"]["price"], {"N": "19.99"}, "old item in the error")

# Update with ReturnValues, delete with ALL_OLD.
updated = table.update_item(Key={"pk": "doc"}, UpdateExpression="ADD visits :one", ExpressionAttributeValues={":one": 1}, ReturnValues="UPDATED_NEW")
check_equal(updated["Attributes"], {"visits": Decimal(1)}, "UPDATED_NEW")
deleted = table.delete_item(Key={"pk": "doc"}, ReturnValues="ALL_OLD")
check_equal(deleted["Attributes"]["visits"], Decimal(1), "ALL_OLD")

# Validation errors surface with AWS's code and message.
try:
    ddb.put_item(TableName="Items", Item={"pk": {"S": "x"}, "bad": {"NS": []}})
    check(False, "an empty set must be rejected")
except ClientError as error:
    check_equal(error.response["Error"]["Code"], "ValidationException", "code")
    check_equal(error.response["Error"]["Message"], "One or more parameter values were invalid: An number set  may not be empty", "message")
print("items ok")
