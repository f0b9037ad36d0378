import Testing
@testable import WireProtocol

/// dynamodb-core §1.6: the region comes from the SigV4 credential scope, never verified.
struct CredentialScopeTests {
    @Test(arguments: [
        ("AWS4-HMAC-SHA256 Credential=AKID/20240131/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=abc", "eu-west-1"),
        ("AWS4-HMAC-SHA256 Credential=AKID/20240131/ap-southeast-2/dynamodb/aws4_request,SignedHeaders=host", "ap-southeast-2"),
        ("AWS4-HMAC-SHA256 SignedHeaders=host, Credential=A/B/us-west-2/dynamodb/aws4_request", "us-west-2"),
    ])
    func theRegionIsTheThirdPartOfTheCredential(_ header: String, _ region: String) {
        #expect(CredentialScope.region(inAuthorization: header) == region)
    }

    @Test(arguments: [
        "",
        "AWS4-HMAC-SHA256 Signature=abc",
        "AWS4-HMAC-SHA256 Credential=a/b/c/d",
        "AWS4-HMAC-SHA256 Credential=a/b/c/d/e/f",
        "AWS4-HMAC-SHA256 Credential=a/b//dynamodb/aws4_request",
        "Credential=",
    ])
    func malformedCredentialsHaveNoRegion(_ header: String) {
        #expect(CredentialScope.region(inAuthorization: header) == nil)
    }

    @Test func contentTypesAreClassifiedByMediaTypeIgnoringCaseAndParameters() {
        #expect(AWSDispatcher.contentKind("application/x-amz-json-1.0") == .amzJSON)
        #expect(AWSDispatcher.contentKind(" Application/X-Amz-JSON-1.0 ; charset=UTF-8") == .amzJSON)
        #expect(AWSDispatcher.contentKind("application/json") == .json)
        #expect(AWSDispatcher.contentKind("application/x-amz-json-1.1") == .other)
        #expect(AWSDispatcher.contentKind(nil) == .other)
        #expect(AWSDispatcher.contentKind("") == .other)
    }
}
