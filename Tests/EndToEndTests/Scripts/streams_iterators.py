"""Shard iterators live 15 minutes each (every NextShardIterator gets its own 15 minutes) and are
reusable until then; older ones raise ExpiredIteratorException, tampered or garbage ones a
ValidationException (streams.md §3, §6.1, §6.2)."""
import base64

from streamscope_e2e import advance_clock, check, check_equal
from streams_support import clients, describe_all, expect_error, make_table

ddb, streams = clients()
arn = make_table(ddb, "Iterators", "KEYS_ONLY")
ddb.put_item(TableName="Iterators", Item={"pk": {"S": "a"}})
ddb.put_item(TableName="Iterators", Item={"pk": {"S": "b"}})
_, shards = describe_all(streams, arn)
shard = shards[0]["ShardId"]


def fresh():
    return streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]


iterator = fresh()
check(len(iterator) <= 2048, "iterator at most 2048 characters")
advance_clock(10 * 60)
page = streams.get_records(ShardIterator=iterator, Limit=1)
check_equal(len(page["Records"]), 1, "a 10-minute-old iterator still works")
next_iterator = page["NextShardIterator"]
again = streams.get_records(ShardIterator=iterator, Limit=1)
check_equal(again["Records"][0]["dynamodb"]["SequenceNumber"], page["Records"][0]["dynamodb"]["SequenceNumber"],
            "reading the same iterator twice returns the same page")
advance_clock(10 * 60)  # 20 min after the first iterator, 10 min after the next one
expect_error(streams.get_records, "ExpiredIteratorException", ShardIterator=iterator)
page = streams.get_records(ShardIterator=next_iterator)
check_equal([r["dynamodb"]["Keys"]["pk"]["S"] for r in page["Records"]], ["b"],
            "NextShardIterator has its own 15 minutes")

iterator = fresh()
advance_clock(16 * 60)
expect_error(streams.get_records, "ExpiredIteratorException", ShardIterator=iterator)

# Tampering: change one character in the middle of the opaque part, and plain garbage.
iterator = fresh()
middle = len(iterator) - 10
swapped = "A" if iterator[middle] != "A" else "B"
tampered = iterator[:middle] + swapped + iterator[middle + 1:]
expect_error(streams.get_records, "ValidationException", ShardIterator=tampered)
expect_error(streams.get_records, "ValidationException", ShardIterator="not-an-iterator")
expect_error(streams.get_records, "ValidationException", ShardIterator=arn + "|1|AAAAAAAAAAAAAAAA")
# Every single-bit change of the opaque blob is rejected, and so is the blob under another stream's ARN.
prefix, blob = iterator.rsplit("|", 1)
raw = base64.b64decode(blob)
for index in range(len(raw)):
    for bit in (0x01, 0x80):
        changed = bytearray(raw)
        changed[index] ^= bit
        expect_error(streams.get_records, "ValidationException",
                     ShardIterator=prefix + "|" + base64.b64encode(bytes(changed)).decode())
expect_error(streams.get_records, "ValidationException",
             ShardIterator=prefix.replace("/stream/", "/stream/9") + "|" + blob)
check_equal(len(streams.get_records(ShardIterator=iterator)["Records"]), 2, "the untouched iterator still works")
print("streams_iterators ok")
