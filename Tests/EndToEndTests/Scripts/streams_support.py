"""Helpers shared by the streams_* end-to-end scenarios: clients in a chosen region, reading
whole shards and whole streams (parents before children), paginating DescribeStream, and
expecting modelled errors."""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from streamscope_e2e import ENDPOINT, CONFIG, check, check_equal

# Same one-attempt policy as streamscope_e2e, but no client-side parameter validation, so that
# out-of-range values reach the server and its own validation is what gets tested.
UNVALIDATED = CONFIG.merge(Config(parameter_validation=False))


def clients(region="us-east-1", validate=True):
    """A (dynamodb, dynamodbstreams) client pair signing for `region`."""
    config = CONFIG if validate else UNVALIDATED
    ddb = boto3.client("dynamodb", endpoint_url=ENDPOINT, region_name=region, config=config)
    streams = boto3.client("dynamodbstreams", endpoint_url=ENDPOINT, region_name=region, config=config)
    return ddb, streams


def make_table(ddb, name, view_type="NEW_AND_OLD_IMAGES", range_key=None):
    """Creates an on-demand table (`pk` S [+ `range_key` N]) with a stream; returns its stream ARN."""
    definitions = [{"AttributeName": "pk", "AttributeType": "S"}]
    schema = [{"AttributeName": "pk", "KeyType": "HASH"}]
    if range_key:
        definitions.append({"AttributeName": range_key, "AttributeType": "N"})
        schema.append({"AttributeName": range_key, "KeyType": "RANGE"})
    extra = {}
    if view_type:
        extra["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": view_type}
    ddb.create_table(TableName=name, AttributeDefinitions=definitions, KeySchema=schema,
                     BillingMode="PAY_PER_REQUEST", **extra)
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    return ddb.describe_table(TableName=name)["Table"].get("LatestStreamArn")


def describe_all(streams, arn, limit=None):
    """DescribeStream, following LastEvaluatedShardId; returns (description of the first page, all shards)."""
    shards, first, start = [], None, None
    for _ in range(1000):
        args = {"StreamArn": arn}
        if limit:
            args["Limit"] = limit
        if start:
            args["ExclusiveStartShardId"] = start
        description = streams.describe_stream(**args)["StreamDescription"]
        first = first or description
        shards.extend(description["Shards"])
        start = description.get("LastEvaluatedShardId")
        if not start:
            return first, shards
    check(False, "DescribeStream pagination did not end")


def lineage_order(shards):
    """Shards ordered so that every parent comes before its children (breadth-first from the roots)."""
    ids = {s["ShardId"] for s in shards}
    ordered = [s for s in shards if s.get("ParentShardId") not in ids]
    index = 0
    while index < len(ordered):
        parent = ordered[index]["ShardId"]
        ordered.extend(s for s in shards if s.get("ParentShardId") == parent)
        index += 1
    check_equal(len(ordered), len(shards), "every shard reachable from a root through ParentShardId")
    return ordered


def read_iterator(streams, iterator, limit=None, max_pages=200):
    """Follows NextShardIterator until the shard ends or an open shard has nothing more."""
    records = []
    for _ in range(max_pages):
        args = {"ShardIterator": iterator}
        if limit:
            args["Limit"] = limit
        page = streams.get_records(**args)
        check("Records" in page, "GetRecords always returns Records")
        records.extend(page["Records"])
        iterator = page.get("NextShardIterator")
        if iterator is None or not page["Records"]:
            return records
    check(False, "GetRecords did not reach the end of the shard")


def read_shard(streams, arn, shard_id, iterator_type="TRIM_HORIZON", sequence_number=None, limit=None):
    args = {"StreamArn": arn, "ShardId": shard_id, "ShardIteratorType": iterator_type}
    if sequence_number:
        args["SequenceNumber"] = sequence_number
    iterator = streams.get_shard_iterator(**args)["ShardIterator"]
    return read_iterator(streams, iterator, limit)


def read_stream(streams, arn):
    """Every record of every shard from TRIM_HORIZON, parents before children; checks that
    sequence numbers increase within a shard and that a child's records follow its parent's."""
    _, shards = describe_all(streams, arn)
    records, last_of = [], {}
    for shard in lineage_order(shards):
        shard_records = read_shard(streams, arn, shard["ShardId"])
        numbers = [int(r["dynamodb"]["SequenceNumber"]) for r in shard_records]
        check(numbers == sorted(numbers) and len(set(numbers)) == len(numbers),
              "sequence numbers strictly increase in %s: %r" % (shard["ShardId"], numbers))
        parent = shard.get("ParentShardId")
        if numbers and parent in last_of and last_of[parent] is not None:
            check(numbers[0] > last_of[parent], "child %s starts after its parent's records" % shard["ShardId"])
        last_of[shard["ShardId"]] = numbers[-1] if numbers else last_of.get(parent)
        records.extend(shard_records)
    return records


def expect_error(call, code, message_contains=None, **kwargs):
    """Runs `call(**kwargs)` and checks it fails with `code` (and a message containing the text)."""
    try:
        call(**kwargs)
    except ClientError as error:
        actual = error.response["Error"]["Code"]
        message = error.response["Error"].get("Message", "")
        check(actual == code, "%s: expected %s, got %s (%s)" % (call.__name__, code, actual, message))
        if message_contains is not None:
            check(message_contains in message,
                  "%s: message %r should contain %r" % (call.__name__, message, message_contains))
        return message
    check(False, "%s(%r) should fail with %s" % (call.__name__, kwargs, code))


def summary(record):
    """(eventName, Keys, OldImage, NewImage) of a record, for comparing against expected writes."""
    d = record["dynamodb"]
    return (record["eventName"], d.get("Keys"), d.get("OldImage"), d.get("NewImage"))


def fail(message):
    print("CHECK FAILED: " + message, file=sys.stderr)
    sys.exit(1)
