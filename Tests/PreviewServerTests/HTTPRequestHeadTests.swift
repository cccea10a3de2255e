import Testing
@testable import PreviewServer

@Suite struct HTTPRequestHeadTests {
    private func parse(_ text: String) throws(HTTPRequestError) -> HTTPRequestHead {
        try HTTPRequestHead.parse(Array(text.utf8)[...])
    }

    @Test func parsesARequestAsABrowserSendsIt() throws {
        let head = try parse("GET /_recbook/version?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept:  */*  \r\nX-Empty:\r\n\r\n")
        #expect(head.method == "GET")
        #expect(head.target == "/_recbook/version?x=1")
        #expect(head.path == "/_recbook/version")
        #expect(head.version == "HTTP/1.1")
        #expect(head.values(of: "HOST") == ["127.0.0.1:8000"])
        #expect(head.values(of: "accept") == ["*/*"])
        #expect(head.values(of: "x-empty") == [""])
    }

    @Test(arguments: [
        ("", HTTPRequestError.malformed("an empty request")),
        ("GET /\r\n\r\n", .malformed("a malformed request line")),
        ("GET  / HTTP/1.1\r\n\r\n", .malformed("a malformed request line")),
        ("G(T / HTTP/1.1\r\n\r\n", .malformed("a malformed request line")),
        ("GET / FTP/1.1\r\n\r\n", .malformed("a malformed request line")),
        ("GET / HTTP/2.0\r\n\r\n", .unsupportedVersion("HTTP/2.0")),
        ("GET / HTTP/1.1\r\nNo colon here\r\n\r\n", .malformed("a malformed header field")),
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", .malformed("a malformed header field")),
        ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", .malformed("a malformed header field")),
        ("GET / HTTP/1.1\r\nHost: a\u{1}b\r\n\r\n", .malformed("a control character in a header field")),
    ])
    func refusesMalformedHeads(text: String, error: HTTPRequestError) {
        #expect(throws: error) { try parse(text) }
    }

    @Test func refusesTooManyFields() {
        let fields = (0...HTTPRequestHead.maximumFieldCount).map { "X-\($0): 1\r\n" }.joined()
        #expect(throws: HTTPRequestError.tooLarge) { try parse("GET / HTTP/1.1\r\n" + fields + "\r\n") }
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\n\r\nbody", 27), ("GET / HTTP/1.1\nHost: x\n\n", 24), ("GET / HTTP/1.1\r\nHost: x\r\n", nil),
        ("GET / HTTP/1.1\r\n", nil),
    ] as [(String, Int?)])
    func findsTheEndOfTheHead(text: String, end: Int?) {
        #expect(HTTPRequestHead.endOfHead(in: Array(text.utf8)) == end)
    }

    @Test(arguments: [
        ("localhost", true), ("localhost:8000", true), ("127.0.0.1", true), ("127.0.0.1:0", true), ("[::1]:8000", true),
        ("LOCALHOST:8000", true), ("[::1]", true),
        ("evil.example", false), ("evil.example:8000", false), ("localhost.evil.example:8000", false),
        ("127.0.0.1.nip.io:8000", false), ("localhost:80a", false), ("localhost:", false), ("localhost:123456", false),
        ("[::1", false), ("", false), ("127.0.0.2:8000", false),
    ])
    func acceptsOnlyLoopbackHosts(host: String, accepted: Bool) {
        #expect(HTTPRequestHead.isLoopbackHost(host) == accepted)
    }
}
