"""Raw, malformed requests get AWS's errors and the server (and the connection) stays up."""
import http.client
import json
import urllib.parse
import zlib

from streamscope_e2e import ENDPOINT, check, check_equal

url = urllib.parse.urlparse(ENDPOINT)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)


def send(body, target="DynamoDB_20120810.ListTables", content_type="application/x-amz-json-1.0", method="POST"):
    headers = {}
    if target is not None:
        headers["X-Amz-Target"] = target
    if content_type is not None:
        headers["Content-Type"] = content_type
    connection.request(method, "/", body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    crc = response.getheader("x-amz-crc32")
    check(crc is not None and int(crc) == zlib.crc32(data) & 0xFFFFFFFF, "x-amz-crc32 %r for %r" % (crc, data))
    check(response.getheader("x-amzn-RequestId"), "x-amzn-RequestId present")
    return response.status, data


def healthy():
    status, data = send(b"{}")
    check_equal((status, data), (200, b'{"TableNames":[]}'), "ListTables after a bad request")


cases = [
    (dict(body=b"{not json"), 400, {"__type": "com.amazon.coral.service#SerializationException"}),
    (dict(body=b"{}", target=None), 400, {"__type": "com.amazon.coral.service#UnknownOperationException"}),
    (dict(body=b"{}", target="DynamoDB_20120810.Nope"), 400, {"__type": "com.amazon.coral.service#UnknownOperationException"}),
    (dict(body=b"{}", target="Foo_1.ListTables"), 400, {"__type": "com.amazon.coral.service#UnknownOperationException"}),
    (dict(body=b""), 400, {"__type": "com.amazon.coral.service#SerializationException"}),
    (dict(body=b'{"Limit":"x"}'), 400, {"__type": "com.amazon.coral.service#SerializationException", "Message": "STRING_VALUE cannot be converted to Integer"}),
    (dict(body=b'{"Limit":1000}'), 400, {"__type": "com.amazon.coral.validate#ValidationException",
                                        "message": "1 validation error detected: Value '1000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"}),
    (dict(body=b'{"ExclusiveStartTableName":"\xff\xfe"}'), 400, {"__type": "com.amazon.coral.service#SerializationException"}),
    (dict(body=b"[" * 100000), 400, {"__type": "com.amazon.coral.service#SerializationException"}),
]
for kwargs, status, body in cases:
    got_status, data = send(**kwargs)
    check_equal(got_status, status, "status for %r" % (kwargs,))
    check_equal(json.loads(data), body, "body for %r" % (kwargs,))
    healthy()

status, data = send(b"{}", content_type="text/plain")
check_equal((status, data), (404, b"<UnknownOperationException/>\n"), "foreign content type")
healthy()

# Attribute values nested far too deep, and deep JSON, are rejected without harm.
deep = '{"S":"x"}'
for _ in range(40):
    deep = '{"L":[%s]}' % deep
status, data = send(('{"TableName":"nope","Item":{"pk":%s}}' % deep).encode(), target="DynamoDB_20120810.PutItem")
check_equal(status, 400, "deep item status")
check_equal(json.loads(data)["__type"], "com.amazon.coral.validate#ValidationException", "deep item")
healthy()
print("malformed ok")
