"""GetRecords Limit outside 1..1000 is a ValidationException and a Limit inside it caps the page;
DescribeStream pages with Limit=1 over several shards (made by rollovers) through
LastEvaluatedShardId / ExclusiveStartShardId (streams.md §5.3, §6.2, §13 items 13, 14, 27)."""
from streamscope_e2e import advance_clock, check, check_equal
from streams_support import clients, describe_all, expect_error, make_table, read_stream

ddb, streams = clients()
_, unvalidated = clients(validate=False)
arn = make_table(ddb, "Paged", "KEYS_ONLY")
for generation in range(4):
    for index in range(3):
        ddb.put_item(TableName="Paged", Item={"pk": {"S": "g%d-%d" % (generation, index)}})
    if generation < 3:
        advance_clock(4 * 3600 + 1)  # rollover: a new child shard

description, shards = describe_all(streams, arn)
check(len(shards) >= 4, "at least 4 shards after 3 rollovers, got %d" % len(shards))
check_equal("LastEvaluatedShardId" in description, False, "an unlimited DescribeStream is one page")
ids = [s["ShardId"] for s in shards]

# Limit=1: one shard per page, LastEvaluatedShardId = that shard.
paged, start = [], None
for _ in range(len(ids) + 2):
    args = {"StreamArn": arn, "Limit": 1}
    if start:
        args["ExclusiveStartShardId"] = start
    page = streams.describe_stream(**args)["StreamDescription"]
    check(len(page["Shards"]) <= 1, "Limit=1 returns at most one shard")
    paged += [s["ShardId"] for s in page["Shards"]]
    start = page.get("LastEvaluatedShardId")
    if start:
        check_equal(start, page["Shards"][-1]["ShardId"], "LastEvaluatedShardId is the page's last shard")
    else:
        break
check(start is None, "pagination ends without LastEvaluatedShardId")
check_equal(paged, ids, "Limit=1 pages visit every shard once, in order")

page = streams.describe_stream(StreamArn=arn, Limit=2, ExclusiveStartShardId=ids[0])["StreamDescription"]
check_equal([s["ShardId"] for s in page["Shards"]], ids[1:3], "Limit=2 after the first shard")
page = streams.describe_stream(StreamArn=arn, ExclusiveStartShardId=ids[-1])["StreamDescription"]
check_equal(page["Shards"], [], "ExclusiveStartShardId = last shard gives an empty page")
check("LastEvaluatedShardId" not in page, "no LastEvaluatedShardId after the last shard")
page = streams.describe_stream(StreamArn=arn, ExclusiveStartShardId="shardId-99999999999999999999-ffffffff")["StreamDescription"]
check_equal(page["Shards"], [], "unknown ExclusiveStartShardId past every shard gives an empty page")
expect_error(unvalidated.describe_stream, "ValidationException", StreamArn=arn, Limit=0)
expect_error(unvalidated.describe_stream, "ValidationException", StreamArn=arn, Limit=101)

children = streams.describe_stream(StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": ids[0]})
check_equal([s["ShardId"] for s in children["StreamDescription"]["Shards"]], [ids[1]], "CHILD_SHARDS of the first shard")
children = streams.describe_stream(StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": ids[-1]})
check_equal(children["StreamDescription"]["Shards"], [], "CHILD_SHARDS of the open shard")

check_equal(len(read_stream(streams, arn)), 12, "all 12 records across the generations")

# GetRecords Limit.
last = ids[-1]
iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=last, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
for bad in [0, -1, 1001, 100000]:
    expect_error(unvalidated.get_records, "ValidationException", ShardIterator=iterator, Limit=bad)
page = streams.get_records(ShardIterator=iterator, Limit=2)
check_equal(len(page["Records"]), 2, "Limit=2 returns 2 records")
rest = streams.get_records(ShardIterator=page["NextShardIterator"], Limit=1000)
check_equal(len(rest["Records"]), 1, "the rest of the shard with Limit=1000")
check_equal(len(streams.get_records(ShardIterator=iterator, Limit=1)["Records"]), 1, "Limit=1")
# GetRecords also stops at 1 MB: four ~350 KB records never come back in one page.
big_arn = make_table(ddb, "Bulky", "NEW_IMAGE")
for index in range(4):
    ddb.put_item(TableName="Bulky", Item={"pk": {"S": "big%d" % index}, "blob": {"S": str(index) * 350_000}})
_, big_shards = describe_all(streams, big_arn)
iterator = streams.get_shard_iterator(StreamArn=big_arn, ShardId=big_shards[0]["ShardId"],
                                      ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
sizes, seen = [], []
for _ in range(10):
    page = streams.get_records(ShardIterator=iterator)
    if not page["Records"]:
        break
    sizes.append(len(page["Records"]))
    seen += [r["dynamodb"]["Keys"]["pk"]["S"] for r in page["Records"]]
    iterator = page["NextShardIterator"]
check_equal(seen, ["big0", "big1", "big2", "big3"], "every large record once, in order")
check(max(sizes) <= 2, "at most two ~350 KB records per 1 MB page, got pages of %r" % sizes)
print("streams_limits ok")
