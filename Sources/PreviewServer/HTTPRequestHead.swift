/// The request line and header fields of an HTTP/1.x request, read by ``parse(_:)`` from bytes
/// the server has already bounded in size.
public struct HTTPRequestHead: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        /// Lower-cased.
        public var name: String
        /// Without surrounding spaces and tabs.
        public var value: String
    }

    public var method: String
    /// The request target as sent: `/`, `/_recbook/version?x=1`.
    public var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    public var fields: [Field]

    /// The target without its query.
    public var path: String { String(target.prefix { $0 != "?" }) }

    /// The values of every field called `name` (any case), in order.
    public func values(of name: String) -> [String] {
        let lowered = name.lowercased()
        return fields.filter { $0.name == lowered }.map(\.value)
    }

    /// The most header fields a request may have; a browser sends about a dozen.
    public static let maximumFieldCount = 64

    /// Where the head ends in `bytes` (the index after its blank line), or nil when the blank
    /// line has not arrived. `from` lets a reader resume where the last search stopped.
    /// - Complexity: O(n) in the bytes after `from`.
    static func endOfHead(in bytes: [UInt8], from start: Int = 0) -> Int? {
        var index = max(start, 0)
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                // "\n\n" or "\n\r\n" ends the head.
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { return index + 2 }
                if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\r"), bytes[index + 2] == UInt8(ascii: "\n") {
                    return index + 3
                }
            }
            index += 1
        }
        return nil
    }

    /// Parses a complete head (request line, fields, blank line).
    /// - Throws: ``HTTPRequestError`` for a malformed head, an HTTP version other than 1.x, or
    ///   more than ``maximumFieldCount`` fields.
    /// - Complexity: O(n) in the length of `head`.
    public static func parse(_ head: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPRequestHead {
        var lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw .malformed("an empty request") }
        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenCharacter), !parts[1].isEmpty,
              parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformed("a malformed request line")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/") else { throw .malformed("a malformed request line") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .unsupportedVersion(version) }
        let fieldLines = lines.dropFirst()
        guard fieldLines.count <= maximumFieldCount else { throw .tooLarge }
        var fields: [Field] = []
        for line in fieldLines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[..<colon].allSatisfy(isTokenCharacter) else {
                // Also rejects obsolete line folding (a line starting with a space or tab).
                throw .malformed("a malformed header field")
            }
            let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            let trimmed = value.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
            guard trimmed.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
                throw .malformed("a control character in a header field")
            }
            fields.append(Field(
                name: String(decoding: line[..<colon], as: UTF8.self).lowercased(),
                value: String(decoding: trimmed, as: UTF8.self)
            ))
        }
        return HTTPRequestHead(
            method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self),
            version: version, fields: fields
        )
    }

    /// RFC 9110 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// Whether a `Host` field names this machine's loopback interface: `localhost`, `127.0.0.1`
    /// or `[::1]`, with or without a port. A page on another site that points its own name at
    /// 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
    public static func isLoopbackHost(_ value: String) -> Bool {
        let host: Substring
        let rest: Substring
        let lowered = Substring(value.lowercased())
        if lowered.hasPrefix("[") {
            guard let close = lowered.firstIndex(of: "]") else { return false }
            host = lowered[...close]
            rest = lowered[lowered.index(after: close)...]
        } else if let colon = lowered.firstIndex(of: ":") {
            host = lowered[..<colon]
            rest = lowered[colon...]
        } else {
            host = lowered
            rest = ""
        }
        guard ["localhost", "127.0.0.1", "[::1]"].contains(host) else { return false }
        if rest.isEmpty { return true }
        let port = rest.dropFirst()
        return rest.first == ":" && (1...5).contains(port.count) && port.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// Why a request is refused before it reaches a route.
public enum HTTPRequestError: Error, Equatable, Sendable {
    /// The head is larger than the server reads, or has too many fields (431).
    case tooLarge
    /// The head did not arrive in time (408).
    case timedOut
    /// Not a well-formed HTTP/1.x head (400); the words say what was wrong.
    case malformed(String)
    /// An HTTP version other than 1.0 and 1.1 (505).
    case unsupportedVersion(String)
}
