import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for previewing reports, built so that no client can make
/// it use unbounded time, memory or threads, or keep it from stopping.
///
/// It reads at most ``Configuration/maximumHeadBytes`` of a request's head before judging it
/// (431 beyond that), parses it in one linear pass, and gives each client
/// ``Configuration/requestTimeout`` seconds from connecting to having sent its head (408 after).
/// At most ``Configuration/maximumConnections`` clients are served at once; others get 503 at
/// once. Every response closes the connection. A request whose `Host` is not a loopback name is
/// refused (403), so a web page cannot reach the preview by pointing its own name at 127.0.0.1.
/// ``stop(timeout:)`` returns within a fraction of a second however slow the connected clients
/// are: their sockets are shut down under them.
///
/// (recbook used FlyingFox before; its request parsing is quadratic in the size of a header and
/// unbounded, and cannot be limited from outside, so a 5 MB header held a core for minutes and
/// kept Ctrl-C from working.)
public final class LoopbackHTTPServer: Sendable {
    public struct Configuration: Sendable {
        /// The port to listen on; 0 picks a free one (see ``port``).
        public var port: UInt16
        /// Seconds a client has from connecting to finishing its request's head.
        public var requestTimeout: Double = 10
        /// The largest request head (request line and fields) read; a browser's is under 2 KB.
        public var maximumHeadBytes = 8192
        /// Clients served at once.
        public var maximumConnections = 32

        public init(port: UInt16) {
            self.port = port
        }
    }

    /// Answers a request that passed the server's checks (size, time, syntax, `Host`).
    public typealias Handler = @Sendable (HTTPRequestHead) -> HTTPResponse

    /// The port the server listens on.
    public let port: UInt16
    private let configuration: Configuration
    private let listener: Int32
    private let handler: Handler
    private let state = Guarded(State())

    private struct State {
        var stopping = false
        var acceptLoopRunning = false
        var listenerClosed = false
        /// Sockets of the clients being served.
        var clients: Set<Int32> = []
    }

    /// Binds 127.0.0.1 and listens; call ``start()`` to serve.
    /// - Throws: ``ServerError`` when the port is taken or the socket cannot be made.
    public init(configuration: Configuration, handler: @escaping Handler) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw ServerError(errno, "create a socket") }
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = configuration.port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            let error = ServerError(errno, "listen on 127.0.0.1:\(configuration.port)")
            close(listener)
            throw error
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        self.listener = listener
        self.configuration = configuration
        self.handler = handler
    }

    deinit { closeListener() }

    /// Closes the listening socket once, so that connecting fails from then on.
    private func closeListener() {
        state.withLock { state in
            guard !state.listenerClosed else { return }
            close(listener)
            state.listenerClosed = true
        }
    }

    /// Starts accepting clients on a thread of its own; returns at once.
    public func start() {
        state.withLock { $0.acceptLoopRunning = true }
        Thread { [self] in acceptLoop() }.start()
    }

    /// Stops accepting, cuts off the clients being served, and waits (at most `timeout` seconds)
    /// for their threads to finish.
    public func stop(timeout: Double = 1) {
        let clients = state.withLock { state -> Set<Int32> in
            state.stopping = true
            return state.clients
        }
        // Wakes every thread waiting on a client; the thread itself closes the socket.
        for client in clients { shutdown(client, Int32(SHUT_RDWR)) }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, state.withLock({ $0.acceptLoopRunning || !$0.clients.isEmpty }) {
            usleep(5_000)
        }
        if !state.withLock({ $0.acceptLoopRunning }) { closeListener() }
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func acceptLoop() {
        defer {
            closeListener()
            state.withLock { $0.acceptLoopRunning = false }
        }
        while !isStopping {
            // Waking ten times a second is what lets stop() end this loop without closing the
            // socket under a blocked accept().
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            let admitted = state.withLock { state -> Bool in
                guard !state.stopping, state.clients.count < configuration.maximumConnections else { return false }
                state.clients.insert(client)
                return true
            }
            guard admitted else {
                let connection = ClientConnection(socket: client, deadline: Date().addingTimeInterval(0.2))
                connection.send(.text(503, "The preview server is busy; try again."), includesBody: true)
                connection.finish()
                continue
            }
            Thread { [self] in
                serve(client)
                state.withLock { _ = $0.clients.remove(client) }
            }.start()
        }
    }

    private func serve(_ client: Int32) {
        let connection = ClientConnection(socket: client, deadline: Date().addingTimeInterval(configuration.requestTimeout))
        defer { connection.finish() }
        let response: HTTPResponse
        var includesBody = true
        do {
            let head = try HTTPRequestHead.parse(try connection.readHead(
                maximumBytes: configuration.maximumHeadBytes, isCancelled: { self.isStopping }
            )[...])
            includesBody = head.method != "HEAD"
            response = route(head)
        } catch let error as HTTPRequestError {
            response = .refusal(error)
        } catch {
            return  // The client went away or the server is stopping.
        }
        connection.send(response, includesBody: includesBody)
    }

    /// The checks every request passes before the handler sees it.
    private func route(_ head: HTTPRequestHead) -> HTTPResponse {
        let hosts = head.values(of: "host")
        guard hosts.count == 1 else { return .text(400, "Bad request: a request needs exactly one Host field.") }
        guard HTTPRequestHead.isLoopbackHost(hosts[0]) else {
            return .text(403, "This preview answers only requests addressed to localhost or 127.0.0.1.")
        }
        guard head.method == "GET" || head.method == "HEAD" else {
            return .text(405, "Only GET and HEAD are served.", fields: [("Allow", "GET, HEAD")])
        }
        guard head.target.hasPrefix("/") else { return .text(400, "Bad request: the target must be a path.") }
        return handler(head)
    }
}

/// A failure to set up the listening socket.
public struct ServerError: Error, CustomStringConvertible {
    public let description: String

    init(_ errorNumber: Int32, _ action: String) {
        description = "could not \(action): \(String(cString: strerror(errorNumber)))"
    }
}

/// One client's socket, with the deadline that bounds everything done with it.
private struct ClientConnection {
    let socket: Int32
    let deadline: Date

    /// The bytes up to and including the blank line that ends the request's head.
    /// - Throws: ``HTTPRequestError/tooLarge`` past `maximumBytes`, ``HTTPRequestError/timedOut``
    ///   past the deadline, ``Disconnected`` when the client closes or the server stops.
    func readHead(maximumBytes: Int, isCancelled: () -> Bool) throws -> [UInt8] {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var searched = 0
        while true {
            if let end = HTTPRequestHead.endOfHead(in: buffer, from: max(0, searched - 3)) {
                return Array(buffer[..<end])
            }
            searched = buffer.count
            guard buffer.count < maximumBytes else { throw HTTPRequestError.tooLarge }
            guard !isCancelled() else { throw Disconnected() }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw HTTPRequestError.timedOut }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(remaining, 0.1) * 1000) + 1) > 0 else { continue }
            let count = recv(socket, &chunk, min(chunk.count, maximumBytes + 4 - buffer.count), 0)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { throw Disconnected() }
            buffer += chunk[..<count]
        }
    }

    /// Sends `response`, giving up at the deadline (or within a second, if it has passed).
    func send(_ response: HTTPResponse, includesBody: Bool) {
        let bytes = response.serialized(includesBody: includesBody)
        let giveUp = max(deadline, Date().addingTimeInterval(1))
        var sent = 0
        while sent < bytes.count, giveUp.timeIntervalSinceNow > 0 {
            var poller = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = bytes[sent...].withUnsafeBytes { sendWithoutSignal(socket, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { return }
            sent += count
        }
    }

    /// Ends the connection. What the client is still sending is read and dropped for a moment
    /// first (at most 64 KB, at most a tenth of a second), so that closing does not reset the
    /// connection before the client has read the response.
    func finish() {
        shutdown(socket, Int32(SHUT_WR))
        var chunk = [UInt8](repeating: 0, count: 4096)
        var drained = 0
        let stop = Date().addingTimeInterval(0.1)
        while drained < 65_536, stop.timeIntervalSinceNow > 0 {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 20) > 0 else { continue }
            let count = recv(socket, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            drained += count
        }
        close(socket)
    }

    struct Disconnected: Error {}
}

/// `send(2)` without SIGPIPE when the client has gone (which would end the whole process), under a
/// name that ``ClientConnection/send(_:includesBody:)`` does not hide.
private func sendWithoutSignal(_ socket: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    send(socket, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    send(socket, bytes, count, 0)
    #endif
}

/// A value shared by the accept thread, the client threads and ``LoopbackHTTPServer/stop(timeout:)``.
private final class Guarded<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
