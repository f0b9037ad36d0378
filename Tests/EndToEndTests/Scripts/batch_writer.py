"""Table.batch_writer() (BatchWriteItem in chunks of 25), then BatchGetItem."""
from streamscope_e2e import check, check_equal, client, create_table, resource

ddb = create_table("Batch")
table = resource().Table("Batch")
with table.batch_writer(overwrite_by_pkeys=["pk"]) as batch:
    for i in range(130):
        batch.put_item(Item={"pk": "k%03d" % i, "n": i})
    batch.put_item(Item={"pk": "k000", "n": 1000})
    for i in range(100, 130):
        batch.delete_item(Key={"pk": "k%03d" % i})
check_equal(table.scan(Select="COUNT")["Count"], 100, "items after the batch writer")
check_equal(int(table.get_item(Key={"pk": "k000"})["Item"]["n"]), 1000, "overwritten item")

keys = [{"pk": {"S": "k%03d" % i}} for i in range(0, 110, 10)]
response = ddb.batch_get_item(RequestItems={"Batch": {"Keys": keys, "ProjectionExpression": "pk"}})
check_equal(sorted(i["pk"]["S"] for i in response["Responses"]["Batch"]), ["k%03d" % i for i in range(0, 100, 10)], "batch get")
check_equal(response["UnprocessedKeys"], {}, "unprocessed keys")

# Duplicate keys in one batch are rejected as a whole.
try:
    ddb.batch_write_item(RequestItems={"Batch": [{"PutRequest": {"Item": {"pk": {"S": "d"}}}}, {"DeleteRequest": {"Key": {"pk": {"S": "d"}}}}]})
    check(False, "duplicate keys must be rejected")
except ddb.exceptions.ClientError as error:
    check_equal(error.response["Error"]["Message"], "Provided list of item keys contains duplicates", "message")
print("batch writer ok")
