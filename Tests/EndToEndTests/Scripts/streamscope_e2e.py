"""Shared helpers for StreamScope's end-to-end scripts.

Each scenario script runs against a live endpoint given by STREAMSCOPE_ENDPOINT (the Swift
harness starts one per test) and exits non-zero with a message on the first failed check.
"""
import json
import os
import sys
import urllib.request

import boto3
from botocore.config import Config

ENDPOINT = os.environ["STREAMSCOPE_ENDPOINT"]
REGION = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")

# One attempt: a server error must fail the scenario, not hide behind retries. Legacy mode keeps
# botocore's x-amz-crc32 check active.
CONFIG = Config(retries={"mode": "legacy", "total_max_attempts": 1}, connect_timeout=5, read_timeout=30)


def client(service="dynamodb"):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=REGION, config=CONFIG)


def resource():
    return boto3.resource("dynamodb", endpoint_url=ENDPOINT, region_name=REGION, config=CONFIG)


def streams_client():
    """A DynamoDB Streams client on the same endpoint (streams scenarios use it)."""
    return client("dynamodbstreams")


def check(condition, message):
    if not condition:
        print("CHECK FAILED: " + message, file=sys.stderr)
        sys.exit(1)


def check_equal(actual, expected, what):
    check(actual == expected, "%s: expected %r, got %r" % (what, expected, actual))


def admin(method, path, body=None):
    """Calls the /streamscope/ admin surface and returns the decoded JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(ENDPOINT + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def clock_now():
    return admin("GET", "/streamscope/clock")["now"]


def advance_clock(seconds):
    return admin("POST", "/streamscope/clock", {"advance": seconds})


def create_table(name, hash_key="pk", hash_type="S", range_key=None, range_type="N", **extra):
    ddb = client()
    definitions = [{"AttributeName": hash_key, "AttributeType": hash_type}]
    schema = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    if range_key:
        definitions.append({"AttributeName": range_key, "AttributeType": range_type})
        schema.append({"AttributeName": range_key, "KeyType": "RANGE"})
    ddb.create_table(TableName=name, AttributeDefinitions=definitions, KeySchema=schema,
                     BillingMode="PAY_PER_REQUEST", **extra)
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    return ddb
