"""Paginators over Query and Scan: many pages, exact item counts, 1 MB pages."""
from streamscope_e2e import check, check_equal, create_table, resource

ddb = create_table("Pages", range_key="sk")
table = resource().Table("Pages")
with table.batch_writer() as batch:
    for partition in range(3):
        for i in range(120):
            batch.put_item(Item={"pk": "p%d" % partition, "sk": i, "odd": i % 2 == 1})

pages = 0
items = []
for page in ddb.get_paginator("query").paginate(
        TableName="Pages", KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p1"}},
        PaginationConfig={"PageSize": 7}):
    pages += 1
    items.extend(page["Items"])
check_equal(len(items), 120, "queried items")
check_equal(pages, 18, "query pages")  # 17 full pages + the final page of 1 (AWS returns a key on the last full page)
check_equal([int(i["sk"]["N"]) for i in items], list(range(120)), "sort order")

backwards = [int(i["sk"]["N"]) for page in ddb.get_paginator("query").paginate(
    TableName="Pages", KeyConditionExpression="pk = :p AND sk >= :low", ScanIndexForward=False,
    ExpressionAttributeValues={":p": {"S": "p2"}, ":low": {"N": "100"}}, PaginationConfig={"PageSize": 6})
    for i in page["Items"]]
check_equal(backwards, list(range(119, 99, -1)), "descending range query")

filtered = 0
scanned = 0
pages = 0
for page in ddb.get_paginator("scan").paginate(
        TableName="Pages", FilterExpression="#o = :t", ExpressionAttributeNames={"#o": "odd"},
        ExpressionAttributeValues={":t": {"BOOL": True}}, PaginationConfig={"PageSize": 25}):
    pages += 1
    filtered += page["Count"]
    scanned += page["ScannedCount"]
check_equal(filtered, 180, "filtered scan count")
check_equal(scanned, 360, "scanned count")
check(pages >= 15, "scan pages: %d" % pages)

# 1 MB pages: ~1.2 MB of items needs two Scan pages without any Limit.
create_table("Big")
big = resource().Table("Big")
with big.batch_writer() as batch:
    for i in range(300):
        batch.put_item(Item={"pk": "item-%03d" % i, "blob": "x" * 4000})
first = ddb.scan(TableName="Big", Select="COUNT")
check("LastEvaluatedKey" in first, "a 1 MB page carries LastEvaluatedKey")
total = sum(page["Count"] for page in ddb.get_paginator("scan").paginate(TableName="Big", Select="COUNT"))
check_equal(total, 300, "items over 1 MB pages")
print("pagination ok")
