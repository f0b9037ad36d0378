"""Table lifecycle: waiters, DescribeTable shape, ListTables pagination, DeleteTable."""
import datetime

from botocore.exceptions import ClientError

from streamscope_e2e import check, check_equal, client, create_table

ddb = create_table("Orders", range_key="sk", StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})

table = ddb.describe_table(TableName="Orders")["Table"]
check_equal(table["TableName"], "Orders", "TableName")
check_equal(table["TableStatus"], "ACTIVE", "TableStatus")
check(isinstance(table["CreationDateTime"], datetime.datetime), "CreationDateTime parses as a timestamp")
check_equal(table["KeySchema"], [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}], "KeySchema")
check_equal(sorted(d["AttributeName"] for d in table["AttributeDefinitions"]), ["pk", "sk"], "AttributeDefinitions")
check_equal(table["ProvisionedThroughput"]["NumberOfDecreasesToday"], 0, "NumberOfDecreasesToday")
check_equal(table["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST", "BillingMode")
check_equal(table["ItemCount"], 0, "ItemCount")
check(table["TableArn"].startswith("arn:aws:dynamodb:us-east-1:"), "TableArn " + table["TableArn"])
check_equal(table["StreamSpecification"], {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}, "StreamSpecification")
check(table["LatestStreamArn"].startswith(table["TableArn"] + "/stream/"), "LatestStreamArn")

# A table that already exists.
try:
    create_table("Orders")
    check(False, "creating an existing table must fail")
except ClientError as error:
    check_equal(error.response["Error"]["Code"], "ResourceInUseException", "error code")

# ListTables pagination with the botocore paginator.
for i in range(7):
    create_table("page-%02d" % i)
names = []
pages = 0
for page in ddb.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 3}):
    pages += 1
    names.extend(page["TableNames"])
check_equal(names, ["Orders"] + ["page-%02d" % i for i in range(7)], "paginated table names")
check_equal(pages, 3, "pages")
last = ddb.list_tables(ExclusiveStartTableName="page-04", Limit=3)
check_equal(last["TableNames"], ["page-05", "page-06"], "last page")
check("LastEvaluatedTableName" not in last, "no LastEvaluatedTableName on the last page")

# Delete, then the not-exists waiter and ResourceNotFoundException.
description = ddb.delete_table(TableName="page-00")["TableDescription"]
check_equal(description["TableStatus"], "DELETING", "DeleteTable status")
ddb.get_waiter("table_not_exists").wait(TableName="page-00", WaiterConfig={"Delay": 1, "MaxAttempts": 5})
try:
    ddb.describe_table(TableName="page-00")
    check(False, "describing a deleted table must fail")
except ddb.exceptions.ResourceNotFoundException as error:
    check_equal(error.response["Error"]["Message"], "Requested resource not found: Table: page-00 not found", "message")

# A region in the credential scope is a separate namespace.
other = client()
other_region = __import__("boto3").client("dynamodb", endpoint_url=other.meta.endpoint_url, region_name="eu-west-1")
check_equal(other_region.list_tables()["TableNames"], [], "eu-west-1 tables")
print("tables ok")
