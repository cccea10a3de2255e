import Crypto
import FlyingFox
import Foundation
import Testing
import ZIPFoundation
@testable import Datasets

/// A loopback HTTP server serving a MovieLens-like zip and its checksum file, built by the test.
actor LocalRelease {
    let server: HTTPServer
    let root: URL

    init(zip: Data, md5: String) async throws {
        // A generous per-connection timeout: under a loaded machine (the whole suite runs in
        // parallel on two cores) five seconds was seen to drop a connection mid-test.
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 60, logger: .disabled)
        root = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-fetch-\(UUID().uuidString)")
        await server.appendRoute("GET /ml-latest-small.zip.md5") { _ in
            HTTPResponse(statusCode: .ok, body: Data("MD5 (ml-latest-small.zip) = \(md5)\n".utf8))
        }
        await server.appendRoute("GET /ml-latest-small.zip") { _ in
            HTTPResponse(statusCode: .ok, body: zip)
        }
        let server = self.server
        Task { try? await server.run() }
        try await server.waitUntilListening()
    }

    var baseURL: URL {
        get async throws {
            guard case let .ip4(_, port)? = await server.listeningAddress else {
                throw FetchError.filesystem("the test server has no address")
            }
            return URL(string: "http://127.0.0.1:\(port)/")!
        }
    }

    func stop() async { await server.stop(timeout: 1) }
}

/// Builds `ml-latest-small/ratings.csv` and `movies.csv` into a zip, in memory.
func makeReleaseZip() throws -> Data {
    let source = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-zip-\(UUID().uuidString)")
    let folder = source.appendingPathComponent("ml-latest-small")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n".write(to: folder.appendingPathComponent("ratings.csv"), atomically: true, encoding: .utf8)
    try "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n".write(to: folder.appendingPathComponent("movies.csv"), atomically: true, encoding: .utf8)
    let zip = source.appendingPathComponent("release.zip")
    try FileManager.default.zipItem(at: folder, to: zip)
    return try Data(contentsOf: zip)
}

func md5(_ data: Data) -> String {
    Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

@Suite(.serialized) struct FetchTests {
    @Test func downloadsVerifiesAndUnpacks() async throws {
        let zip = try makeReleaseZip()
        let release = try await LocalRelease(zip: zip, md5: md5(zip))
        let target = await release.root
        let fetcher = MovieLensFetcher(baseURL: try await release.baseURL)
        let folder = try await fetcher.fetch(.mlLatestSmall, into: target)
        await release.stop()
        #expect(folder.lastPathComponent == "ml-latest-small")
        let ratings = try String(contentsOf: folder.appendingPathComponent("ratings.csv"), encoding: .utf8)
        #expect(ratings.hasPrefix("userId,movieId,rating,timestamp"))
        // Nothing but the release folder is left in the target.
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["ml-latest-small"])
    }

    @Test func aWrongChecksumLeavesNothingBehind() async throws {
        let zip = try makeReleaseZip()
        let release = try await LocalRelease(zip: zip, md5: String(repeating: "0", count: 32))
        let target = await release.root
        let fetcher = MovieLensFetcher(baseURL: try await release.baseURL)
        await #expect(throws: FetchError.checksumMismatch(file: "ml-latest-small.zip", expected: String(repeating: "0", count: 32), actual: md5(zip))) {
            _ = try await fetcher.fetch(.mlLatestSmall, into: target)
        }
        await release.stop()
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [])
    }

    @Test func aTruncatedDownloadIsRejected() async throws {
        let zip = try makeReleaseZip()
        // A server that promises the whole zip, sends half, and hangs up.
        let server = try TruncatingServer(checksum: md5(zip), body: zip, sendBytes: zip.count / 2)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-fetch-\(UUID().uuidString)")
        let fetcher = MovieLensFetcher(baseURL: URL(string: "http://127.0.0.1:\(server.port)/")!, timeout: 10)
        do {
            _ = try await fetcher.fetch(.mlLatestSmall, into: target)
            Issue.record("a truncated download was accepted")
        } catch let error as FetchError {
            switch error {
            case .truncated, .network: break
            default: Issue.record("unexpected error \(error)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [])
    }

    @Test func aDamagedArchiveWithAMatchingChecksumIsRejected() async throws {
        let zip = try makeReleaseZip()
        let damaged = zip.prefix(zip.count / 2)
        let release = try await LocalRelease(zip: Data(damaged), md5: md5(Data(damaged)))
        let target = await release.root
        let fetcher = MovieLensFetcher(baseURL: try await release.baseURL)
        do {
            _ = try await fetcher.fetch(.mlLatestSmall, into: target)
            Issue.record("a damaged archive was accepted")
        } catch let error as FetchError {
            guard case .damagedArchive = error else { Issue.record("unexpected error \(error)"); return }
        }
        await release.stop()
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [])
    }

    @Test(arguments: [
        ("MD5 (ml-latest-small.zip) = 3AB9F1A6A2C42BB7E5C1A5A0E4B7E0D1\n", "3ab9f1a6a2c42bb7e5c1a5a0e4b7e0d1"),
        ("3ab9f1a6a2c42bb7e5c1a5a0e4b7e0d1  ml-100k.zip\n", "3ab9f1a6a2c42bb7e5c1a5a0e4b7e0d1"),
        ("<html>Not found</html>", nil),
    ])
    func parsesChecksumFiles(text: String, expected: String?) {
        #expect(MovieLensFetcher.parseMD5(text) == expected)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A raw loopback HTTP server that answers each request on its own thread: the checksum file
/// in full, the zip with its full Content-Length but only `sendBytes` of its body, then closes.
final class TruncatingServer: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32

    init(checksum: String, body: Data, sendBytes: Int) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        guard bound == 0, listen(socket, 8) == 0 else { throw FetchError.filesystem("cannot listen") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        let listener = socket
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { return }
                var request = [UInt8](repeating: 0, count: 4096)
                let count = read(client, &request, request.count)
                let text = String(decoding: request.prefix(max(0, count)), as: UTF8.self)
                var response: Data
                if text.contains(".md5 ") {
                    let payload = Data("\(checksum)  ml-latest-small.zip\n".utf8)
                    response = Data("HTTP/1.1 200 OK\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n".utf8) + payload
                } else {
                    response = Data("HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body.prefix(sendBytes)
                }
                response.withUnsafeBytes { _ = write(client, $0.baseAddress, $0.count) }
                close(client)
            }
        }
    }

    deinit { close(socket) }
}
