"""Every record of every shard, read from TRIM_HORIZON across a rollover, matches the exact writes
made through puts, updates, deletes, a batch write and a transaction (streams.md §4, §5.2, §6.2),
with the record envelope AWS sends, in the client's region (eu-west-1)."""
import math
import re

from streamscope_e2e import advance_clock, check, check_equal, clock_now
from streams_support import clients, describe_all, make_table, read_stream, summary

REGION = "eu-west-1"
ddb, streams = clients(REGION)
created_at = clock_now()
arn = make_table(ddb, "Orders", "NEW_AND_OLD_IMAGES", range_key="sk")
check(arn.startswith("arn:aws:dynamodb:eu-west-1:"), "stream ARN is in the client's region: %s" % arn)


def key(pk):
    return {"pk": {"S": pk}, "sk": {"N": "1"}}


def item(pk, **attributes):
    result = key(pk)
    result.update(attributes)
    return result


expected = []  # (eventName, Keys, OldImage, NewImage) in commit order
times = []     # (clock before, clock after) per write
first_write_at = clock_now()

ddb.put_item(TableName="Orders", Item=item("a", v={"N": "1"}))
expected.append(("INSERT", key("a"), None, item("a", v={"N": "1"})))
ddb.update_item(TableName="Orders", Key=key("a"), UpdateExpression="SET v = :v",
                ExpressionAttributeValues={":v": {"N": "2"}})
expected.append(("MODIFY", key("a"), item("a", v={"N": "1"}), item("a", v={"N": "2"})))
ddb.put_item(TableName="Orders", Item=item("b", v={"N": "10"}, tags={"SS": ["x"]}))
expected.append(("INSERT", key("b"), None, item("b", v={"N": "10"}, tags={"SS": ["x"]})))

ddb.batch_write_item(RequestItems={"Orders": [
    {"PutRequest": {"Item": item("c", v={"S": "c"})}},
    {"PutRequest": {"Item": item("d", v={"S": "d"})}},
    {"DeleteRequest": {"Key": key("b")}},
]})
expected.append(("INSERT", key("c"), None, item("c", v={"S": "c"})))
expected.append(("INSERT", key("d"), None, item("d", v={"S": "d"})))
expected.append(("REMOVE", key("b"), item("b", v={"N": "10"}, tags={"SS": ["x"]}), None))

ddb.transact_write_items(TransactItems=[
    {"Put": {"TableName": "Orders", "Item": item("e", v={"BOOL": True})}},
    {"Update": {"TableName": "Orders", "Key": key("a"), "UpdateExpression": "SET w = :w",
                "ExpressionAttributeValues": {":w": {"S": "x"}}}},
    {"Delete": {"TableName": "Orders", "Key": key("c")}},
    {"ConditionCheck": {"TableName": "Orders", "Key": key("d"), "ConditionExpression": "attribute_exists(pk)"}},
])
expected.append(("INSERT", key("e"), None, item("e", v={"BOOL": True})))
expected.append(("MODIFY", key("a"), item("a", v={"N": "2"}), item("a", v={"N": "2"}, w={"S": "x"})))
expected.append(("REMOVE", key("c"), item("c", v={"S": "c"}), None))
before_rollover_writes_end = clock_now()

_, shards_before = describe_all(streams, arn)
advance_clock(4 * 3600 + 60)  # past the 4 h rollover
after_rollover_start = clock_now()

ddb.put_item(TableName="Orders", Item=item("a", v={"N": "3"}))  # replaces: drops w
expected.append(("MODIFY", key("a"), item("a", v={"N": "2"}, w={"S": "x"}), item("a", v={"N": "3"})))
ddb.delete_item(TableName="Orders", Key=key("d"))
expected.append(("REMOVE", key("d"), item("d", v={"S": "d"}), None))
ddb.update_item(TableName="Orders", Key=key("f"))  # creates a key-only item
expected.append(("INSERT", key("f"), None, key("f")))
last_write_at = clock_now()

# Shards: the first generation is closed and has children whose ParentShardId points at it.
description, shards = describe_all(streams, arn)
check_equal(description["StreamStatus"], "ENABLED", "StreamStatus")
check_equal(description["TableName"], "Orders", "TableName")
ids = [s["ShardId"] for s in shards]
check_equal(ids, sorted(ids), "DescribeStream lists shards sorted by ShardId")
for shard in shards:
    check(re.fullmatch(r"shardId-\d{20}-[0-9a-f]{8}", shard["ShardId"]) is not None, "ShardId format: %s" % shard["ShardId"])
for old in shards_before:
    now = next(s for s in shards if s["ShardId"] == old["ShardId"])
    check("EndingSequenceNumber" in now["SequenceNumberRange"], "shard %s is closed after the rollover" % old["ShardId"])
    children = [s for s in shards if s.get("ParentShardId") == old["ShardId"]]
    check(len(children) >= 1, "shard %s has a child after the rollover" % old["ShardId"])
    for child in children:
        check("EndingSequenceNumber" not in child["SequenceNumberRange"], "child %s is open" % child["ShardId"])

# ShardIds embed their creation time in epoch milliseconds (KCL adapter and Flink parse it).
def created_ms(shard):
    return int(shard["ShardId"].split("-")[1])


for old in shards_before:
    check(math.floor(created_at) * 1000 <= created_ms(old) <= math.ceil(first_write_at) * 1000,
          "first shard's id carries its creation time: %s (table created at %r)" % (old["ShardId"], created_at))
    for child in (s for s in shards if s.get("ParentShardId") == old["ShardId"]):
        check(created_ms(old) + 4 * 3600 * 1000 <= created_ms(child) <= math.ceil(after_rollover_start) * 1000,
              "child shard's id carries the rollover time: %s" % child["ShardId"])
    # The end of a closed shard: no NextShardIterator (absent, not null), after at most a few pages.
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=old["ShardId"],
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    for _ in range(5):
        page = streams.get_records(ShardIterator=iterator)
        iterator = page.get("NextShardIterator")
        if iterator is None:
            break
    check(iterator is None, "reading a closed shard ends without NextShardIterator")
    latest = streams.get_shard_iterator(StreamArn=arn, ShardId=old["ShardId"], ShardIteratorType="LATEST")["ShardIterator"]
    page = streams.get_records(ShardIterator=latest)
    check(page["Records"] == [] and "NextShardIterator" not in page,
          "LATEST on a closed shard: no records and no NextShardIterator: %r" % page)

records = read_stream(streams, arn)
check_equal(len(records), len(expected), "number of records (one per effective write)")

# Per-key order must equal commit order; across keys only the set matters.
def by_key(entries):
    grouped = {}
    for entry in entries:
        grouped.setdefault(entry[1]["pk"]["S"], []).append(entry)
    return grouped

actual_by_key = by_key([summary(r) for r in records])
for pk, wanted in by_key(expected).items():
    check_equal(actual_by_key.get(pk), wanted, "records of key %s in order" % pk)

event_ids = set()
for record in records:
    d = record["dynamodb"]
    check_equal(record["eventVersion"], "1.1", "eventVersion")
    check_equal(record["eventSource"], "aws:dynamodb", "eventSource")
    check_equal(record["awsRegion"], REGION, "awsRegion")
    check(re.fullmatch(r"[0-9a-f]{32}", record["eventID"]) is not None, "eventID is 32 hex: %r" % record["eventID"])
    event_ids.add(record["eventID"])
    check("userIdentity" not in record, "ordinary writes carry no userIdentity")
    check_equal(d["StreamViewType"], "NEW_AND_OLD_IMAGES", "StreamViewType in the record")
    check(d["SizeBytes"] > 0, "SizeBytes > 0")
    check(re.fullmatch(r"[1-9]\d{20,39}", d["SequenceNumber"]) is not None, "SequenceNumber is 21..40 digits: %s" % d["SequenceNumber"])
    created = d["ApproximateCreationDateTime"]
    check_equal(created.microsecond, 0, "ApproximateCreationDateTime is whole seconds")
check_equal(len(event_ids), len(records), "eventIDs are unique")

# Sequence numbers increase in commit order for every key (and overall, given one key's history spans the rollover).
for pk, entries in by_key([(r["eventName"], r["dynamodb"]["Keys"], r["dynamodb"]["SequenceNumber"]) for r in records]).items():
    numbers = [int(e[2]) for e in entries]
    check(numbers == sorted(numbers), "sequence numbers of key %s increase: %r" % (pk, numbers))

# Creation times: the first group before the rollover, the second after it; rounded down to seconds.
first_record = next(r for r in records if summary(r) == expected[0])
stamp = first_record["dynamodb"]["ApproximateCreationDateTime"].timestamp()
check(math.floor(first_write_at) <= stamp <= before_rollover_writes_end,
      "first record's time %r within [%r, %r]" % (stamp, first_write_at, before_rollover_writes_end))
last_record = next(r for r in records if summary(r) == expected[-1])
stamp = last_record["dynamodb"]["ApproximateCreationDateTime"].timestamp()
check(math.floor(after_rollover_start) <= stamp <= last_write_at,
      "last record's time %r within [%r, %r]" % (stamp, after_rollover_start, last_write_at))

# SizeBytes (§4.4): Keys pk="a"(2+1) sk=1(2+2) = 7; NewImage 7 + v=1(1+2) = 10 → 17.
check_equal(first_record["dynamodb"]["SizeBytes"], 17, "SizeBytes of the first INSERT")
print("streams_all_records ok: %d records over %d shards" % (len(records), len(shards)))
