/// A complete response: status, header fields and body. The server adds `Content-Length` and
/// `Connection: close`, and leaves the body out for `HEAD`.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var fields: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, fields: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.fields = fields
        self.body = body
    }

    /// A plain-text response, not cached.
    public static func text(_ status: Int, _ text: String, fields: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status,
            fields: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")] + fields,
            body: Array((text + "\n").utf8)
        )
    }

    /// The response to a request the server refused before routing it.
    static func refusal(_ error: HTTPRequestError) -> HTTPResponse {
        switch error {
        case .tooLarge: .text(431, "The request's header is larger than this preview server reads.")
        case .timedOut: .text(408, "The request did not arrive in time.")
        case let .malformed(problem): .text(400, "Bad request: \(problem).")
        case let .unsupportedVersion(version): .text(505, "\(version) is not supported; use HTTP/1.1.")
        }
    }

    /// The bytes to send: status line, fields, blank line and (unless `includesBody` is false) body.
    func serialized(includesBody: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for field in fields { head += "\(field.name): \(field.value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n"
        return Array(head.utf8) + (includesBody ? body : [])
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }

    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }
}
