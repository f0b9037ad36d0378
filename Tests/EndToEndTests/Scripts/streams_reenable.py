"""Disabling and re-enabling a stream (streams.md §2.2, §2.4, §6.2, §13 items 21–24): the old stream
is DISABLED with closed shards and still readable, the new one has a new ARN and label, ListStreams
lists both, DescribeTable points at the new one, and enabling twice is a ValidationException."""
import re
import time

from streamscope_e2e import advance_clock, check, check_equal
from streams_support import clients, describe_all, expect_error, make_table, read_iterator, read_stream

ddb, streams = clients()
old_arn = make_table(ddb, "Cycle", "NEW_IMAGE")
table = ddb.describe_table(TableName="Cycle")["Table"]
old_label = table["LatestStreamLabel"]
check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}", old_label) is not None, "StreamLabel format: %s" % old_label)
check(old_arn.endswith("/stream/" + old_label), "ARN ends with the label")

ddb.put_item(TableName="Cycle", Item={"pk": {"S": "before"}})
_, old_shards = describe_all(streams, old_arn)
# An iterator issued while the stream is enabled keeps working after the disable.
held = streams.get_shard_iterator(StreamArn=old_arn, ShardId=old_shards[0]["ShardId"],
                                  ShardIteratorType="TRIM_HORIZON")["ShardIterator"]

expect_error(ddb.update_table, "ValidationException", "Table already has an enabled stream: TableName: Cycle",
             TableName="Cycle", StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
expect_error(ddb.update_table, "ValidationException", "Table already has an enabled stream: TableName: Cycle",
             TableName="Cycle", StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})


def wait_active():
    for _ in range(50):
        if ddb.describe_table(TableName="Cycle")["Table"]["TableStatus"] == "ACTIVE":
            return
        advance_clock(1)
        time.sleep(0.05)
    check(False, "table did not become ACTIVE")


disabled = ddb.update_table(TableName="Cycle", StreamSpecification={"StreamEnabled": False})["TableDescription"]
check("StreamSpecification" not in disabled or not disabled["StreamSpecification"].get("StreamEnabled"),
      "StreamSpecification no longer enabled after disable: %r" % disabled.get("StreamSpecification"))
check_equal(disabled.get("LatestStreamArn"), old_arn, "LatestStreamArn kept after disable")
wait_active()
described = ddb.describe_table(TableName="Cycle")["Table"]
check("StreamSpecification" not in described, "DescribeTable drops StreamSpecification after disable")
check_equal(described.get("LatestStreamArn"), old_arn, "DescribeTable keeps LatestStreamArn after disable")
expect_error(ddb.update_table, "ValidationException", "Table has no stream to disable: TableName: Cycle",
             TableName="Cycle", StreamSpecification={"StreamEnabled": False})

ddb.put_item(TableName="Cycle", Item={"pk": {"S": "between"}})  # no stream: not captured anywhere
check_equal([r["dynamodb"]["Keys"]["pk"]["S"] for r in read_iterator(streams, held)], ["before"],
            "an iterator issued before the disable still reads the shard")

advance_clock(1)  # a later label
enabled = ddb.update_table(TableName="Cycle", StreamSpecification={"StreamEnabled": True,
                                                                   "StreamViewType": "KEYS_ONLY"})["TableDescription"]
new_arn = enabled["LatestStreamArn"]
new_label = enabled["LatestStreamLabel"]
check(new_arn != old_arn and new_label != old_label, "re-enable creates a new ARN and label")
check_equal(enabled.get("StreamSpecification"), {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
            "UpdateTable response carries the new StreamSpecification")
wait_active()
ddb.put_item(TableName="Cycle", Item={"pk": {"S": "after"}})

check_equal(ddb.describe_table(TableName="Cycle")["Table"]["LatestStreamArn"], new_arn,
            "DescribeTable LatestStreamArn is the new stream")
listed = streams.list_streams(TableName="Cycle")["Streams"]
check_equal(sorted(s["StreamArn"] for s in listed), sorted([old_arn, new_arn]), "ListStreams lists both streams")
check_equal({s["StreamArn"]: s["StreamLabel"] for s in listed}, {old_arn: old_label, new_arn: new_label},
            "ListStreams labels")
check_equal({s["TableName"] for s in listed}, {"Cycle"}, "ListStreams TableName")
check_equal(len([s for s in streams.list_streams()["Streams"] if s["TableName"] == "Cycle"]), 2,
            "unfiltered ListStreams lists both streams")

old_description, old_shards = describe_all(streams, old_arn)
check_equal(old_description["StreamStatus"], "DISABLED", "old stream status")
check_equal(old_description["StreamViewType"], "NEW_IMAGE", "old stream keeps its view type")
for shard in old_shards:
    check("EndingSequenceNumber" in shard["SequenceNumberRange"], "old shard %s is closed" % shard["ShardId"])
old_records = read_stream(streams, old_arn)
check_equal([(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in old_records], [("INSERT", "before")],
            "old stream still readable, without writes made while disabled")

new_description, _ = describe_all(streams, new_arn)
check_equal(new_description["StreamStatus"], "ENABLED", "new stream status")
check_equal(new_description["StreamViewType"], "KEYS_ONLY", "new stream view type")
new_records = read_stream(streams, new_arn)
check_equal([(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in new_records], [("INSERT", "after")],
            "new stream holds only writes after the re-enable")
# StreamSpecification validation texts (streams.md §2.2).
expect_error(ddb.update_table, "ValidationException", "If stream is being enabled then UpdateViewType is required",
             TableName="Cycle", StreamSpecification={"StreamEnabled": True})
expect_error(ddb.update_table, "ValidationException",
             "If stream is being disabled, then UpdateViewType must not be specified",
             TableName="Cycle", StreamSpecification={"StreamEnabled": False, "StreamViewType": "KEYS_ONLY"})

# ListStreams: newest first, pages of Limit=1, and an existing table without streams lists nothing.
check_equal([s["StreamArn"] for s in streams.list_streams(TableName="Cycle")["Streams"]], [new_arn, old_arn],
            "ListStreams lists newest first")
first_page = streams.list_streams(TableName="Cycle", Limit=1)
check_equal([s["StreamArn"] for s in first_page["Streams"]], [new_arn], "ListStreams Limit=1 first page")
check_equal(first_page.get("LastEvaluatedStreamArn"), new_arn, "LastEvaluatedStreamArn")
second_page = streams.list_streams(TableName="Cycle", Limit=1, ExclusiveStartStreamArn=new_arn)
check_equal([s["StreamArn"] for s in second_page["Streams"]], [old_arn], "ListStreams Limit=1 second page")
if "LastEvaluatedStreamArn" in second_page:
    check_equal(streams.list_streams(TableName="Cycle", Limit=1, ExclusiveStartStreamArn=old_arn)["Streams"], [],
                "page after the last stream")
make_table(ddb, "NoStream", None)
check_equal(streams.list_streams(TableName="NoStream")["Streams"], [], "ListStreams of a table without streams")
_, unvalidated = clients(validate=False)
expect_error(unvalidated.list_streams, "ValidationException", Limit=0)
expect_error(unvalidated.list_streams, "ValidationException", Limit=101)

# Deleting the table disables its stream, which stays listed, described and readable (§2.6).
ddb.delete_table(TableName="Cycle")
for _ in range(20):
    status = streams.describe_stream(StreamArn=new_arn)["StreamDescription"]["StreamStatus"]
    if status == "DISABLED":
        break
    advance_clock(1)
    time.sleep(0.05)
deleted_description, deleted_shards = describe_all(streams, new_arn)
check_equal(deleted_description["StreamStatus"], "DISABLED", "stream of a deleted table")
check_equal(deleted_description["TableName"], "Cycle", "TableName kept after DeleteTable")
check(all("EndingSequenceNumber" in s["SequenceNumberRange"] for s in deleted_shards), "shards closed by DeleteTable")
check_equal(sorted(s["StreamArn"] for s in streams.list_streams(TableName="Cycle")["Streams"]),
            sorted([old_arn, new_arn]), "ListStreams(TableName) after DeleteTable")
check_equal([r["dynamodb"]["Keys"]["pk"]["S"] for r in read_stream(streams, new_arn)], ["after"],
            "records of a deleted table stay readable")
print("streams_reenable ok")
