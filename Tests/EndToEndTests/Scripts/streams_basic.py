"""DynamoDB Streams through boto3's dynamodbstreams client: ListStreams, DescribeStream,
GetShardIterator and GetRecords see the table's writes in order."""
from streamscope_e2e import check, check_equal, create_table, streams_client

ddb = create_table("Feed", StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
arn = ddb.describe_table(TableName="Feed")["Table"]["LatestStreamArn"]

ddb.put_item(TableName="Feed", Item={"pk": {"S": "a"}, "v": {"N": "1"}})
ddb.put_item(TableName="Feed", Item={"pk": {"S": "a"}, "v": {"N": "2"}})
ddb.delete_item(TableName="Feed", Key={"pk": {"S": "a"}})

streams = streams_client()
listed = streams.list_streams(TableName="Feed")["Streams"]
check_equal([s["StreamArn"] for s in listed], [arn], "ListStreams")
description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
check_equal(description["StreamStatus"], "ENABLED", "StreamStatus")
check_equal(description["StreamViewType"], "NEW_AND_OLD_IMAGES", "StreamViewType")
shards = description["Shards"]
check(len(shards) >= 1, "at least one shard")

events = []
for shard in shards:
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    for _ in range(5):
        page = streams.get_records(ShardIterator=iterator)
        events.extend(page["Records"])
        iterator = page.get("NextShardIterator")
        if not iterator or not page["Records"]:
            break
check_equal([r["eventName"] for r in events], ["INSERT", "MODIFY", "REMOVE"], "event names")
check_equal(events[1]["dynamodb"]["OldImage"]["v"], {"N": "1"}, "old image")
check_equal(events[1]["dynamodb"]["NewImage"]["v"], {"N": "2"}, "new image")
check_equal(events[0]["eventSource"], "aws:dynamodb", "eventSource")
print("streams ok")
