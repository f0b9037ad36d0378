import DynamoModel
import Testing

struct StreamEventIDTests {
    @Test func bitsReadAsThirtyTwoLowerCaseHexCharacters() {
        #expect(StreamEventID(high: 0, low: 0).text == String(repeating: "0", count: 32))
        #expect(StreamEventID(high: 0x0123_4567_89ab_cdef, low: 0xfedc_ba98_7654_3210).text == "0123456789abcdeffedcba9876543210")
        #expect(StreamEventID(high: .max, low: 10).text == "ffffffffffffffff000000000000000a")
    }

    @Test func anEventIDWritesAsAJSONString() {
        var out: [UInt8] = []
        StreamEventID(high: 0x0123_4567_89ab_cdef, low: 0xfedc_ba98_7654_3210).writeJSONString(into: &out)
        StreamEventID("given\"text").writeJSONString(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""0123456789abcdeffedcba9876543210""given\"text""#)
    }

    @Test func anEventIDIsEqualAndHashesAlikeWhetherKeptAsBitsOrText() {
        let bits = StreamEventID(high: 0xabc, low: 0x123)
        let text = StreamEventID("0000000000000abc0000000000000123")
        #expect(bits == text)
        #expect(bits.hashValue == text.hashValue)
        #expect(bits != StreamEventID(high: 0xabc, low: 0x124))
        #expect(Set([bits, text]).count == 1)
    }

    @Test func recordsCompareByTheirEventIDText() {
        func record(_ id: StreamEventID) -> StreamRecord {
            StreamRecord(
                eventID: id, eventName: .insert, awsRegion: "us-east-1",
                approximateCreationDateTime: VirtualInstant(nanosecondsSinceEpoch: 0), keys: ["k": .s("a")], newImage: nil,
                oldImage: nil, sequenceNumber: SequenceNumber(100), sizeBytes: 2, streamViewType: .keysOnly, isServiceDelete: false)
        }
        var fromBits = record(StreamEventID(high: 1, low: 2))
        let fromText = record(StreamEventID("00000000000000010000000000000002"))
        #expect(fromBits == fromText)
        #expect(fromBits.eventID == "00000000000000010000000000000002")
        fromBits.eventID = "ffffffffffffffffffffffffffffffff"
        #expect(fromBits != fromText)
        #expect(fromBits.eventIdentifier == StreamEventID(high: .max, low: .max))
    }
}
