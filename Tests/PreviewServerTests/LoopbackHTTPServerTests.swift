import Foundation
import Testing
@testable import PreviewServer
#if canImport(Glibc)
import Glibc
#endif

/// The server against clients that misbehave: huge heads, slow heads, foreign hosts, and a stop
/// while slow clients are connected.
@Suite struct LoopbackHTTPServerTests {
    /// A server that answers every routed request with "hello". The tests of timeouts give short
    /// ones; the others a generous one, so that a whole request sent at once is always read even
    /// when the suite's parallel tests keep both cores busy (0.5 s was seen to drop one).
    private func server(requestTimeout: Double = 10, maximumConnections: Int = 32) throws -> LoopbackHTTPServer {
        var configuration = LoopbackHTTPServer.Configuration(port: 0)
        configuration.requestTimeout = requestTimeout
        configuration.maximumConnections = maximumConnections
        let server = try LoopbackHTTPServer(configuration: configuration) { _ in .text(200, "hello") }
        server.start()
        return server
    }

    @Test func servesARequest() throws {
        let server = try server()
        defer { server.stop() }
        let response = try RawClient(port: server.port).exchange("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(response.hasSuffix("\r\n\r\nhello\n"))
        #expect(response.contains("Connection: close\r\n"))
        let head = try RawClient(port: server.port).exchange("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.hasSuffix("\r\n\r\n"))
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: evil.example:8000\r\n\r\n", "HTTP/1.1 403 Forbidden"),
        ("GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nhi", "HTTP/1.1 405 Method Not Allowed"),
        ("GET http://localhost/ HTTP/1.1\r\nHost: localhost\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET / HTTP/2.0\r\nHost: localhost\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported"),
        ("nonsense\r\n\r\n", "HTTP/1.1 400 Bad Request"),
    ])
    func refusesWhatItShould(request: String, status: String) throws {
        let server = try server()
        defer { server.stop() }
        let response = try RawClient(port: server.port).exchange(request)
        #expect(response.hasPrefix(status + "\r\n"), "\(response)")
    }

    @Test func aHugeHeadIsRefusedAtOnceAndTheServerGoesOn() throws {
        let server = try server(requestTimeout: 5)
        defer { server.stop() }
        let clock = ContinuousClock()
        let start = clock.now
        // 1 MB path and 5 MB of header, as in issue 12 (it held the old server for minutes).
        let client = try RawClient(port: server.port)
        let response = client.exchange(
            "GET /" + String(repeating: "a", count: 1 << 20) + " HTTP/1.1\r\nHost: localhost\r\nX: " + String(repeating: "b", count: 5 << 20) + "\r\n\r\n"
        )
        // The server answers after 8 KB and closes while the client is still sending, so the
        // client may see the connection reset before it reads the answer.
        #expect(response.isEmpty || response.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "\(response.prefix(80))")
        #expect(clock.now - start < .seconds(3))
        let next = try RawClient(port: server.port).exchange("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(next.hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    @Test func aHeadJustOverTheBoundIsRefused() throws {
        let server = try server()
        defer { server.stop() }
        let head = "GET / HTTP/1.1\r\nHost: localhost\r\nX: " + String(repeating: "b", count: 8192) + "\r\n\r\n"
        #expect(try RawClient(port: server.port).exchange(head).hasPrefix("HTTP/1.1 431 "))
    }

    @Test func aSlowClientTimesOut() throws {
        let server = try server(requestTimeout: 0.3)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: loc")
        let clock = ContinuousClock()
        let start = clock.now
        let response = client.readToEnd(timeout: 5)
        #expect(response.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(clock.now - start < .seconds(2))
    }

    @Test func stopsPromptlyWithSlowClientsConnected() throws {
        let server = try server(requestTimeout: 60)
        let clients = try (0..<8).map { _ in try RawClient(port: server.port) }
        for client in clients { client.send("GET / HTTP/1.1\r\nX: ") }
        Thread.sleep(forTimeInterval: 0.2)
        let clock = ContinuousClock()
        let start = clock.now
        server.stop(timeout: 5)
        #expect(clock.now - start < .milliseconds(800))
        // The clients were cut off, and nothing listens any more.
        for client in clients { #expect(client.readToEnd(timeout: 2).isEmpty) }
        #expect(throws: (any Error).self) { _ = try RawClient(port: server.port) }
    }

    @Test func clientsBeyondTheLimitAreTurnedAwayAtOnce() throws {
        let server = try server(requestTimeout: 2, maximumConnections: 2)
        defer { server.stop() }
        let slow = try (0..<2).map { _ in try RawClient(port: server.port) }
        for client in slow { client.send("GET / HTTP/1.1\r\n") }
        Thread.sleep(forTimeInterval: 0.2)
        let response = try RawClient(port: server.port).exchange("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
    }
}

/// A client on a plain socket, so that a test can send what no well-behaved client would.
final class RawClient {
    private let socket: Int32

    init(port: UInt16) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(socket) }

    /// Sends as much of `text` as the server takes, stopping when it stops reading.
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }

    /// Everything the server sends until it closes the connection (or `timeout` seconds pass).
    func readToEnd(timeout: Double) -> String {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = recv(socket, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            received += chunk[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Sends `request` and reads the whole response.
    func exchange(_ request: String) -> String {
        send(request)
        return readToEnd(timeout: 5)
    }
}
