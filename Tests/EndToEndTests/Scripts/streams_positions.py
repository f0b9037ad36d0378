"""LATEST sees only later writes; AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER start exactly at
their record; GetShardIterator's errors (streams.md §6.1)."""
from streamscope_e2e import check, check_equal
from streams_support import clients, describe_all, expect_error, read_iterator, read_shard, make_table

ddb, streams = clients()
arn = make_table(ddb, "Positions", "KEYS_ONLY")
for name in ["a", "b", "c"]:
    ddb.put_item(TableName="Positions", Item={"pk": {"S": name}})

_, shards = describe_all(streams, arn)
check_equal(len(shards), 1, "one shard")
shard = shards[0]["ShardId"]
start = shards[0]["SequenceNumberRange"]["StartingSequenceNumber"]


def keys(records):
    return [r["dynamodb"]["Keys"]["pk"]["S"] for r in records]


everything = read_shard(streams, arn, shard)
check_equal(keys(everything), ["a", "b", "c"], "TRIM_HORIZON")
numbers = [r["dynamodb"]["SequenceNumber"] for r in everything]

# LATEST: nothing now, NextShardIterator still present on the open shard, later writes appear.
latest = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
page = streams.get_records(ShardIterator=latest)
check_equal(page["Records"], [], "LATEST right away")
check("NextShardIterator" in page, "open shard keeps a NextShardIterator on an empty page")
ddb.put_item(TableName="Positions", Item={"pk": {"S": "d"}})
ddb.put_item(TableName="Positions", Item={"pk": {"S": "e"}})
check_equal(keys(read_iterator(streams, page["NextShardIterator"])), ["d", "e"], "LATEST after later writes")
check_equal(keys(read_iterator(streams, latest)), ["d", "e"], "the first LATEST iterator is reusable")

check_equal(keys(read_shard(streams, arn, shard, "AT_SEQUENCE_NUMBER", numbers[1])), ["b", "c", "d", "e"],
            "AT_SEQUENCE_NUMBER b")
check_equal(keys(read_shard(streams, arn, shard, "AFTER_SEQUENCE_NUMBER", numbers[1])), ["c", "d", "e"],
            "AFTER_SEQUENCE_NUMBER b")
check_equal(keys(read_shard(streams, arn, shard, "AT_SEQUENCE_NUMBER", numbers[0])), ["a", "b", "c", "d", "e"],
            "AT_SEQUENCE_NUMBER a")
check_equal(keys(read_shard(streams, arn, shard, "AT_SEQUENCE_NUMBER", start)), ["a", "b", "c", "d", "e"],
            "AT_SEQUENCE_NUMBER StartingSequenceNumber")
last = read_shard(streams, arn, shard)[-1]["dynamodb"]["SequenceNumber"]
check_equal(keys(read_shard(streams, arn, shard, "AFTER_SEQUENCE_NUMBER", last)), [], "AFTER the last record")

# Errors.
expect_error(streams.get_shard_iterator, "ValidationException",
             StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER")
expect_error(streams.get_shard_iterator, "ValidationException",
             StreamArn=arn, ShardId=shard, ShardIteratorType="AFTER_SEQUENCE_NUMBER")
expect_error(streams.get_shard_iterator, "ValidationException",
             StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON", SequenceNumber=numbers[0])
expect_error(streams.get_shard_iterator, "ResourceNotFoundException",
             StreamArn=arn, ShardId="shardId-00000001700000000000-deadbeef", ShardIteratorType="TRIM_HORIZON")
unknown_stream = arn.rsplit("/", 1)[0] + "/2001-01-01T00:00:00.000"
expect_error(streams.get_shard_iterator, "ResourceNotFoundException",
             StreamArn=unknown_stream, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
expect_error(streams.describe_stream, "ResourceNotFoundException", "Requested resource not found",
             StreamArn=unknown_stream)
_, unvalidated = clients(validate=False)
expect_error(unvalidated.get_shard_iterator, "ValidationException",
             StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER", SequenceNumber="12")
expect_error(unvalidated.get_shard_iterator, "ValidationException",
             StreamArn=arn, ShardId=shard, ShardIteratorType="SOMEWHERE")
print("streams_positions ok")
