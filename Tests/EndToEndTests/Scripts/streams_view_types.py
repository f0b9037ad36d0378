"""Each StreamViewType × INSERT/MODIFY/REMOVE carries exactly the images of streams.md §4.2, as
whole items (keys included), with a key-only item giving a key-only image, and StreamViewType in
every record equal to the stream's."""
from streamscope_e2e import check, check_equal
from streams_support import clients, make_table, read_stream

ddb, streams = clients()

IMAGES = {  # view type -> event -> members of `dynamodb` that carry item data
    "KEYS_ONLY": {"INSERT": {"Keys"}, "MODIFY": {"Keys"}, "REMOVE": {"Keys"}},
    "NEW_IMAGE": {"INSERT": {"Keys", "NewImage"}, "MODIFY": {"Keys", "NewImage"}, "REMOVE": {"Keys"}},
    "OLD_IMAGE": {"INSERT": {"Keys"}, "MODIFY": {"Keys", "OldImage"}, "REMOVE": {"Keys", "OldImage"}},
    "NEW_AND_OLD_IMAGES": {"INSERT": {"Keys", "NewImage"}, "MODIFY": {"Keys", "OldImage", "NewImage"},
                           "REMOVE": {"Keys", "OldImage"}},
}
ENVELOPE = {"ApproximateCreationDateTime", "SequenceNumber", "SizeBytes", "StreamViewType"}
KEY = {"pk": {"S": "k"}}
V1 = {"pk": {"S": "k"}, "v": {"N": "1"}, "extra": {"S": "kept"}}
V2 = {"pk": {"S": "k"}, "v": {"N": "2"}, "extra": {"S": "kept"}}
BARE = {"pk": {"S": "bare"}}

for view_type, expected_members in IMAGES.items():
    table = "View_" + view_type
    arn = make_table(ddb, table, view_type)
    ddb.put_item(TableName=table, Item=V1)                                   # INSERT
    ddb.update_item(TableName=table, Key=KEY, UpdateExpression="SET v = :v",  # MODIFY of one attribute
                    ExpressionAttributeValues={":v": {"N": "2"}})
    ddb.delete_item(TableName=table, Key=KEY)                                # REMOVE
    ddb.update_item(TableName=table, Key=BARE)                               # INSERT of a key-only item
    ddb.update_item(TableName=table, Key=BARE, UpdateExpression="SET x = :x",  # MODIFY from key-only
                    ExpressionAttributeValues={":x": {"S": "x"}})
    ddb.update_item(TableName=table, Key=BARE, UpdateExpression="REMOVE x")  # MODIFY back to key-only

    records = read_stream(streams, arn)
    check_equal([r["eventName"] for r in records], ["INSERT", "MODIFY", "REMOVE", "INSERT", "MODIFY", "MODIFY"],
                view_type + " event names")
    olds = [None, V1, V2, None, BARE, dict(BARE, x={"S": "x"})]
    news = [V1, V2, None, BARE, dict(BARE, x={"S": "x"}), BARE]
    for index, record in enumerate(records):
        d = record["dynamodb"]
        event = record["eventName"]
        what = "%s record %d (%s)" % (view_type, index, event)
        check_equal(set(d) - ENVELOPE, expected_members[event], what + " image members")
        check_equal(d["StreamViewType"], view_type, what + " StreamViewType")
        check_equal(d["Keys"], KEY if index < 3 else BARE, what + " Keys")
        if "OldImage" in d:
            check_equal(d["OldImage"], olds[index], what + " OldImage")
        if "NewImage" in d:
            check_equal(d["NewImage"], news[index], what + " NewImage")
        check(d["SizeBytes"] > 0, what + " SizeBytes > 0")
    # KEYS_ONLY records of key "k" are all Keys-only: pk(2) + "k"(1) = 3 bytes.
    if view_type == "KEYS_ONLY":
        check_equal([r["dynamodb"]["SizeBytes"] for r in records[:3]], [3, 3, 3], "KEYS_ONLY SizeBytes")
# SizeBytes of KEYS_ONLY records follows the item-size rules for numbers (streams.md §4.4):
# pk="a" is 3 bytes, "sk" 2, plus the number's size.
arn = make_table(ddb, "Sizes", "KEYS_ONLY", range_key="sk")
number_sizes = {"0": 1, "12": 2, "1.2": 3, "1234": 3, "100": 2, "-0.001": 3, "-130.035739": 7}
for number in number_sizes:
    ddb.put_item(TableName="Sizes", Item={"pk": {"S": "a"}, "sk": {"N": number}, "other": {"S": "ignored"}})
sizes = {r["dynamodb"]["Keys"]["sk"]["N"]: r["dynamodb"]["SizeBytes"] for r in read_stream(streams, arn)}
check_equal(sizes, {number: 5 + size for number, size in number_sizes.items()}, "KEYS_ONLY SizeBytes per number key")
print("streams_view_types ok")
