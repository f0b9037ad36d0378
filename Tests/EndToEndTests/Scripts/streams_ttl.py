"""A TTL deletion is a REMOVE record with userIdentity {Type: Service, PrincipalId:
dynamodb.amazonaws.com} and the images of the view type; ordinary deletes carry no userIdentity
(streams.md §4.1, §4.3, §13 item 33)."""
from streamscope_e2e import advance_clock, check, check_equal, clock_now
from streams_support import clients, make_table, read_stream

ddb, streams = clients()
arn = make_table(ddb, "Leases", "NEW_AND_OLD_IMAGES")
ddb.update_time_to_live(TableName="Leases", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
now = int(clock_now())
expired = {"pk": {"S": "expired"}, "expires": {"N": str(now - 60)}, "v": {"S": "bye"}}
future = {"pk": {"S": "future"}, "expires": {"N": str(now + 10 * 24 * 3600)}}
ddb.put_item(TableName="Leases", Item=expired)
ddb.put_item(TableName="Leases", Item=future)
ddb.put_item(TableName="Leases", Item={"pk": {"S": "manual"}})
ddb.delete_item(TableName="Leases", Key={"pk": {"S": "manual"}})

advance_clock(60)  # several TTL sweeps
check("Item" not in ddb.get_item(TableName="Leases", Key={"pk": {"S": "expired"}}), "expired item deleted")
check("Item" in ddb.get_item(TableName="Leases", Key={"pk": {"S": "future"}}), "future item kept")

records = read_stream(streams, arn)
summary = [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in records]
check_equal(sorted(summary), sorted([("INSERT", "expired"), ("INSERT", "future"), ("INSERT", "manual"),
                                     ("REMOVE", "manual"), ("REMOVE", "expired")]), "records")
ttl_remove = next(r for r in records if r["eventName"] == "REMOVE" and r["dynamodb"]["Keys"]["pk"]["S"] == "expired")
check_equal(ttl_remove.get("userIdentity"), {"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"},
            "TTL REMOVE userIdentity")
check_equal(ttl_remove["dynamodb"].get("OldImage"), expired, "TTL REMOVE OldImage")
check("NewImage" not in ttl_remove["dynamodb"], "TTL REMOVE has no NewImage")
check(summary.index(("INSERT", "expired")) < summary.index(("REMOVE", "expired")), "INSERT before TTL REMOVE")
for record in records:
    if record is not ttl_remove:
        check("userIdentity" not in record, "no userIdentity on %s %r" % (record["eventName"], record["dynamodb"]["Keys"]))
print("streams_ttl ok")
