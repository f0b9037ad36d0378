"""TTL: UpdateTimeToLive / DescribeTimeToLive, then the admin clock moves and the item expires."""
from streamscope_e2e import advance_clock, check, check_equal, clock_now, create_table

ddb = create_table("Sessions")
check_equal(ddb.describe_time_to_live(TableName="Sessions")["TimeToLiveDescription"], {"TimeToLiveStatus": "DISABLED"}, "before")
spec = ddb.update_time_to_live(TableName="Sessions", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiresAt"})
check_equal(spec["TimeToLiveSpecification"], {"Enabled": True, "AttributeName": "expiresAt"}, "echo")
check_equal(ddb.describe_time_to_live(TableName="Sessions")["TimeToLiveDescription"],
            {"TimeToLiveStatus": "ENABLED", "AttributeName": "expiresAt"}, "after")
try:
    ddb.update_time_to_live(TableName="Sessions", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiresAt"})
    check(False, "enabling twice must fail")
except ddb.exceptions.ClientError as error:
    check_equal(error.response["Error"]["Message"], "TimeToLive is already enabled", "message")

now = int(clock_now())
ddb.put_item(TableName="Sessions", Item={"pk": {"S": "short"}, "expiresAt": {"N": str(now + 60)}})
ddb.put_item(TableName="Sessions", Item={"pk": {"S": "long"}, "expiresAt": {"N": str(now + 86400)}})
ddb.put_item(TableName="Sessions", Item={"pk": {"S": "millis"}, "expiresAt": {"N": str(now * 1000)}})
check("Item" in ddb.get_item(TableName="Sessions", Key={"pk": {"S": "short"}}), "present before expiry")

moved = advance_clock(3600)
check(moved["now"] >= now + 3600, "the clock moved: %r" % moved)
check("Item" not in ddb.get_item(TableName="Sessions", Key={"pk": {"S": "short"}}), "expired item is gone")
check("Item" in ddb.get_item(TableName="Sessions", Key={"pk": {"S": "long"}}), "unexpired item stays")
check("Item" in ddb.get_item(TableName="Sessions", Key={"pk": {"S": "millis"}}), "millisecond timestamps never expire")
print("ttl ok")
