"""Writes that change nothing produce no stream record (streams.md §4.3, §13 items 1, 2, 34):
an identical put, no-op updates, deleting a missing item, failed conditions and a cancelled
transaction."""
from botocore.exceptions import ClientError

from streamscope_e2e import check, check_equal
from streams_support import clients, make_table, read_stream, summary

ddb, streams = clients()
arn = make_table(ddb, "Quiet")
original = {"pk": {"S": "a"}, "v": {"N": "1.50"}, "s": {"SS": ["x", "y"]}, "m": {"M": {"k": {"L": [{"N": "1"}]}}}}
ddb.put_item(TableName="Quiet", Item=original)


def expect_failure(call, code, **kwargs):
    try:
        call(**kwargs)
    except ClientError as error:
        check_equal(error.response["Error"]["Code"], code, call.__name__ + " error code")
        return
    check(False, "%s should have failed with %s" % (call.__name__, code))


# Identical content: same numbers written differently, set in another order.
ddb.put_item(TableName="Quiet", Item={"pk": {"S": "a"}, "v": {"N": "1.5"}, "s": {"SS": ["y", "x"]},
                                      "m": {"M": {"k": {"L": [{"N": "1.0"}]}}}})
# No-op updates: SET to the same value, REMOVE of a missing attribute, DELETE of absent set elements.
ddb.update_item(TableName="Quiet", Key={"pk": {"S": "a"}}, UpdateExpression="SET v = :v",
                ExpressionAttributeValues={":v": {"N": "1.5"}})
ddb.update_item(TableName="Quiet", Key={"pk": {"S": "a"}}, UpdateExpression="REMOVE nothere")
ddb.update_item(TableName="Quiet", Key={"pk": {"S": "a"}}, UpdateExpression="DELETE s :gone",
                ExpressionAttributeValues={":gone": {"SS": ["z"]}})
# Delete of an item that does not exist.
ddb.delete_item(TableName="Quiet", Key={"pk": {"S": "nobody"}})
# Failed conditions on put, update and delete.
expect_failure(ddb.put_item, "ConditionalCheckFailedException", TableName="Quiet",
               Item={"pk": {"S": "a"}, "v": {"N": "9"}}, ConditionExpression="attribute_not_exists(pk)")
expect_failure(ddb.update_item, "ConditionalCheckFailedException", TableName="Quiet", Key={"pk": {"S": "a"}},
               UpdateExpression="SET v = :v", ConditionExpression="v = :old",
               ExpressionAttributeValues={":v": {"N": "9"}, ":old": {"N": "2"}})
expect_failure(ddb.delete_item, "ConditionalCheckFailedException", TableName="Quiet", Key={"pk": {"S": "a"}},
               ConditionExpression="attribute_not_exists(v)")
# A cancelled transaction: its put and delete must leave no trace.
expect_failure(ddb.transact_write_items, "TransactionCanceledException", TransactItems=[
    {"Put": {"TableName": "Quiet", "Item": {"pk": {"S": "new"}}}},
    {"Delete": {"TableName": "Quiet", "Key": {"pk": {"S": "a"}}}},
    {"ConditionCheck": {"TableName": "Quiet", "Key": {"pk": {"S": "nobody"}},
                        "ConditionExpression": "attribute_exists(pk)"}},
])
# A marker write that does change something.
ddb.put_item(TableName="Quiet", Item={"pk": {"S": "marker"}})

records = [summary(r) for r in read_stream(streams, arn)]
stored = {"pk": {"S": "a"}, "v": {"N": "1.5"}, "s": {"SS": ["x", "y"]}, "m": {"M": {"k": {"L": [{"N": "1"}]}}}}
check_equal([r[0] for r in records], ["INSERT", "INSERT"], "event names (only the two effective writes)")
check_equal(records[0][1], {"pk": {"S": "a"}}, "first record's keys")
new_image = dict(records[0][3])
new_image["s"] = {"SS": sorted(new_image["s"]["SS"])}
check_equal(new_image, stored, "first NewImage (numbers normalised)")
check_equal(records[1][1], {"pk": {"S": "marker"}}, "marker record's keys")
print("streams_no_op_writes ok")
