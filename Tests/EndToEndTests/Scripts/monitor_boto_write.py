"""A boto3 client writes through the endpoint the monitor serves alongside.

The Swift test (MonitorTmuxTests) then checks that the record appears live in the monitor's
Flow screen. Puts one item into the demo table `Orders` and updates it, checking each answer.
"""
from streamscope_e2e import check, check_equal, client

dynamodb = client()

tables = dynamodb.list_tables()["TableNames"]
check("Orders" in tables, "the demo table Orders is listed: %r" % tables)

description = dynamodb.describe_table(TableName="Orders")["Table"]
check_equal(description["StreamSpecification"],
            {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}, "the demo stream")

dynamodb.put_item(TableName="Orders", Item={
    "pk": {"S": "BOTO#1"}, "sk": {"N": "1"}, "note": {"S": "from boto3"}, "qty": {"N": "3"},
})
item = dynamodb.get_item(TableName="Orders", Key={"pk": {"S": "BOTO#1"}, "sk": {"N": "1"}})["Item"]
check_equal(item["note"], {"S": "from boto3"}, "the item read back")
print("ok")
