import Testing
@testable import RecbookSupport

@Suite struct JSONValueTests {
    @Test func quotesOnlyWhatJSONRequires() {
        #expect(JSONValue.quote("a\"b\\c\n\t</d\u{01}") == #""a\"b\\c\n\t</d\u0001""#)
    }

    @Test func keepsKeyOrderAndRoundTrips() throws {
        let value: JSONValue = ["z": 1, "a": [true, nil, 2.5, "é </script>"], "m": ["k": "v"]]
        let text = value.serialized(pretty: true)
        #expect(text.firstRange(of: "\"z\"")!.lowerBound < text.firstRange(of: "\"a\"")!.lowerBound)
        #expect(try JSONValue.parse(text) == value)
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test func rejectsMalformedText() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse("{\"a\": }") }
        #expect(throws: JSONParseError.self) { try JSONValue.parse("[1, 2") }
        #expect(throws: JSONParseError.self) { try JSONValue.parse("1 2") }
    }
}
