"""24 h retention (streams.md §5.4, §7, §13 items 23, 30, 31): once the clock passes a record's
24 h, reading from its sequence number is a TrimmedDataAccessException (on GetShardIterator, or on
GetRecords for an iterator issued before the trim), TRIM_HORIZON starts after the trimmed records,
fully trimmed closed shards disappear, and a disabled stream leaves ListStreams."""
from streamscope_e2e import advance_clock, check, check_equal
from streams_support import clients, describe_all, expect_error, make_table, read_iterator, read_shard

HOUR = 3600
ddb, streams = clients()
arn = make_table(ddb, "Aging", "KEYS_ONLY")
gone_arn = make_table(ddb, "Gone", "KEYS_ONLY")
ddb.put_item(TableName="Gone", Item={"pk": {"S": "x"}})
ddb.update_table(TableName="Gone", StreamSpecification={"StreamEnabled": False})


def keys(records):
    return [r["dynamodb"]["Keys"]["pk"]["S"] for r in records]


ddb.put_item(TableName="Aging", Item={"pk": {"S": "first"}})          # t0
ddb.put_item(TableName="Aging", Item={"pk": {"S": "old"}})            # t0
_, shards = describe_all(streams, arn)
first = shards[0]["ShardId"]
starting = shards[0]["SequenceNumberRange"]["StartingSequenceNumber"]
numbers = [r["dynamodb"]["SequenceNumber"] for r in read_shard(streams, arn, first)]
first_number, old_number = numbers

advance_clock(3 * HOUR)
ddb.put_item(TableName="Aging", Item={"pk": {"S": "younger"}})        # t0 + 3 h, same shard
check_equal(keys(read_shard(streams, arn, first)), ["first", "old", "younger"], "all records before any trimming")
advance_clock(HOUR + 1)                                                # rollover: the first shard closes at ~t0 + 4 h
_, shards = describe_all(streams, arn)
check("EndingSequenceNumber" in shards[0]["SequenceNumberRange"], "the first shard is closed after 4 h")

advance_clock(20 * HOUR - 5 * 60)                                      # t0 + 24 h - 5 min
check_equal(keys(read_shard(streams, arn, first)), ["first", "old", "younger"],
            "nothing trimmed 5 minutes before 24 h")
early = streams.get_shard_iterator(StreamArn=arn, ShardId=first, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
listed = [s["StreamArn"] for s in streams.list_streams()["Streams"]]
check(gone_arn in listed, "a disabled stream is still listed before 24 h")

advance_clock(10 * 60)                                                 # t0 + 24 h + 5 min: "first" and "old" expired
expect_error(streams.get_records, "TrimmedDataAccessException", ShardIterator=early)
expect_error(streams.get_shard_iterator, "TrimmedDataAccessException",
             StreamArn=arn, ShardId=first, ShardIteratorType="AT_SEQUENCE_NUMBER", SequenceNumber=old_number)
expect_error(streams.get_shard_iterator, "TrimmedDataAccessException",
             StreamArn=arn, ShardId=first, ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=first_number)
# AT the shard's StartingSequenceNumber reads everything retained (streams.md §5.1).
check_equal(keys(read_shard(streams, arn, first, "AT_SEQUENCE_NUMBER", starting)), ["younger"],
            "AT_SEQUENCE_NUMBER StartingSequenceNumber after trimming")
_, shards = describe_all(streams, arn)
check(first in [s["ShardId"] for s in shards], "the closed first shard is still described while it holds records")
check_equal(keys(read_shard(streams, arn, first)), ["younger"], "TRIM_HORIZON starts after the trimmed record")

advance_clock(HOUR)                                                    # t0 + 25 h 5 min
check_equal(keys(read_shard(streams, arn, first)), ["younger"], "TRIM_HORIZON at 25 h")
listed = [s["StreamArn"] for s in streams.list_streams()["Streams"]]
check(gone_arn not in listed, "a stream disabled 25 h ago is no longer listed")
check(arn in listed, "the enabled stream is listed")
expect_error(streams.describe_stream, "ResourceNotFoundException", StreamArn=gone_arn)

advance_clock(3 * HOUR)                                                # t0 + 28 h: "younger" expired too
_, shards = describe_all(streams, arn)
check(first not in [s["ShardId"] for s in shards], "a closed shard whose records all expired is gone")
check(len(shards) >= 1, "the stream still has shards")
expect_error(streams.get_shard_iterator, "ResourceNotFoundException",
             StreamArn=arn, ShardId=first, ShardIteratorType="TRIM_HORIZON")
ddb.put_item(TableName="Aging", Item={"pk": {"S": "new"}})
everything = []
for shard in shards:
    everything += keys(read_shard(streams, arn, shard["ShardId"]))
check_equal(everything, ["new"], "only the fresh record is left in the stream")
print("streams_retention ok")
