import Foundation
import RecbookSupport
import ZIPFoundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A MovieLens release GroupLens publishes as `NAME.zip` with `NAME.zip.md5` beside it.
public enum MovieLensRelease: String, CaseIterable, Sendable {
    case mlLatestSmall = "ml-latest-small"
    case ml100k = "ml-100k"
    case ml1m = "ml-1m"
    case ml10m = "ml-10m"
    case ml20m = "ml-20m"
    case ml25m = "ml-25m"
    case ml32m = "ml-32m"
    case mlLatest = "ml-latest"

    /// GroupLens's download folder.
    public static let publisher = URL(string: "https://files.grouplens.org/datasets/movielens/")!

    /// The folder name inside the zip. ml-10m unpacks into `ml-10M100K`.
    public var folderName: String {
        self == .ml10m ? "ml-10M100K" : rawValue
    }
}

/// Why a download did not produce a usable data set. Nothing is left behind in the
/// destination when any of these is thrown.
public enum FetchError: Error, CustomStringConvertible, Equatable, Sendable {
    case http(url: String, status: Int)
    case network(url: String, message: String)
    case truncated(url: String, expected: Int, received: Int)
    case checksumFileUnreadable(url: String)
    case checksumMismatch(file: String, expected: String, actual: String)
    case damagedArchive(file: String, message: String)
    case unexpectedLayout(file: String, folder: String)
    case filesystem(String)

    public var description: String {
        switch self {
        case let .http(url, status):
            return "\(url): the server answered HTTP \(status)"
        case let .network(url, message):
            return "\(url): \(message)"
        case let .truncated(url, expected, received):
            return "\(url): the download stopped after \(received) of \(expected) bytes; try again"
        case let .checksumFileUnreadable(url):
            return "\(url): expected an MD5 checksum (32 hexadecimal digits)"
        case let .checksumMismatch(file, expected, actual):
            return "\(file): MD5 \(actual) does not match the published \(expected); the download is damaged, try again"
        case let .damagedArchive(file, message):
            return "\(file): the archive cannot be unpacked: \(message)"
        case let .unexpectedLayout(file, folder):
            return "\(file): the archive does not contain the folder '\(folder)'"
        case let .filesystem(message):
            return message
        }
    }
}

/// Downloads a MovieLens release, verifies it against the published MD5, and unpacks it
/// atomically: the release folder appears complete or not at all.
public struct MovieLensFetcher: Sendable {
    /// Where releases are downloaded from; GroupLens unless a mirror (or a test server) is given.
    public var baseURL: URL
    /// Seconds without data before a download is abandoned.
    public var timeout: TimeInterval
    /// Called with progress lines for the terminal.
    public var log: @Sendable (String) -> Void

    public init(
        baseURL: URL = MovieLensRelease.publisher, timeout: TimeInterval = 60,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.baseURL = baseURL
        self.timeout = timeout
        self.log = log
    }

    /// Fetches `release` into `directory/<folder>` unless it is already there.
    /// - Returns: the release folder, to pass as `--param data=…`.
    /// - Throws: ``FetchError``; the destination is then untouched.
    public func fetch(_ release: MovieLensRelease, into directory: URL, force: Bool = false) async throws -> URL {
        let fileManager = FileManager.default
        let destination = directory.appendingPathComponent(release.folderName)
        if fileManager.fileExists(atPath: destination.path), !force {
            log("\(destination.path) already exists; use --force to download it again")
            return destination
        }
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FetchError.filesystem("cannot create \(directory.path): \(error.localizedDescription)")
        }
        let zipURL = baseURL.appendingPathComponent("\(release.rawValue).zip")
        let md5URL = baseURL.appendingPathComponent("\(release.rawValue).zip.md5")

        let staging = directory.appendingPathComponent(".recbook-fetch-\(release.rawValue)-\(UUID().uuidString)")
        try? fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: staging) }

        log("downloading \(md5URL.absoluteString)")
        let checksumFile = staging.appendingPathComponent("checksum.md5")
        try await download(md5URL, to: checksumFile)
        guard let text = try? String(contentsOf: checksumFile, encoding: .utf8),
              let expected = Self.parseMD5(text) else {
            throw FetchError.checksumFileUnreadable(url: md5URL.absoluteString)
        }

        log("downloading \(zipURL.absoluteString)")
        let archive = staging.appendingPathComponent("\(release.rawValue).zip")
        try await download(zipURL, to: archive)
        let actual: String
        do { actual = try Digest.md5(fileAt: archive) } catch {
            throw FetchError.filesystem("cannot read \(archive.path): \(error.localizedDescription)")
        }
        guard actual == expected else {
            throw FetchError.checksumMismatch(file: "\(release.rawValue).zip", expected: expected, actual: actual)
        }
        log("MD5 \(actual) matches; unpacking")

        let unpacked = staging.appendingPathComponent("unpacked")
        do {
            try fileManager.createDirectory(at: unpacked, withIntermediateDirectories: true)
            try fileManager.unzipItem(at: archive, to: unpacked)
        } catch {
            throw FetchError.damagedArchive(file: "\(release.rawValue).zip", message: String(describing: error))
        }
        let folder = unpacked.appendingPathComponent(release.folderName)
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FetchError.unexpectedLayout(file: "\(release.rawValue).zip", folder: release.folderName)
        }
        if fileManager.fileExists(atPath: destination.path) {
            try? fileManager.removeItem(at: destination)
        }
        guard rename(folder.path, destination.path) == 0 else {
            throw FetchError.filesystem("cannot move the release into \(destination.path): \(String(cString: strerror(errno)))")
        }
        return destination
    }

    /// Reads an MD5 from either `MD5 (file) = HEX` or `HEX  file`.
    public static func parseMD5(_ text: String) -> String? {
        let hex = Set("0123456789abcdef")
        let tokens = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return tokens.first { $0.count == 32 && $0.allSatisfy(hex.contains) }.map(String.init)
    }

    private func download(_ url: URL, to file: URL) async throws {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (temporary, response): (URL, URLResponse)
        do {
            (temporary, response) = try await session.download(from: url)
        } catch {
            throw FetchError.network(url: url.absoluteString, message: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw FetchError.http(url: url.absoluteString, status: http.statusCode)
        }
        let received = (try? FileManager.default.attributesOfItem(atPath: temporary.path)[.size] as? NSNumber)?.intValue ?? 0
        if response.expectedContentLength > 0, received < Int(response.expectedContentLength) {
            throw FetchError.truncated(url: url.absoluteString, expected: Int(response.expectedContentLength), received: received)
        }
        do {
            try FileManager.default.moveItem(at: temporary, to: file)
        } catch {
            throw FetchError.filesystem("cannot keep the download of \(url.absoluteString): \(error.localizedDescription)")
        }
    }
}
