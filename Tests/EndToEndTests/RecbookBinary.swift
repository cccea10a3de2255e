import Foundation
import Testing

/// Runs the built `recbook` executable, as a user would.
///
/// The release build is preferred (the README's test command builds it first); the debug build
/// that `swift test` always produces is the fallback.
struct RecbookBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL? {
        if let path = ProcessInfo.processInfo.environment["RECBOOK_BINARY"], !path.isEmpty {
            let url = URL(fileURLWithPath: path, relativeTo: packageRoot)
            return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
        }
        let candidates = [".build/release/recbook", ".build/debug/recbook"]
            .map { packageRoot.appendingPathComponent($0) }
            .filter { FileManager.default.isExecutableFile(atPath: $0.path) }
        func modified(_ url: URL) -> Date {
            (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast
        }
        return candidates.max { modified($0) < modified($1) }
    }

    static var isRelease: Bool { executable?.path.contains("/release/") ?? false }

    /// The MovieLens data beside the project, if present.
    static var movieLensSmall: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/ml-latest-small")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("ratings.csv").path) ? url : nil
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        guard let executable else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "recbook is not built"])
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a chatty process never blocks.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}

/// A scratch directory with files a test writes.
struct Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path)
    }

    /// A tiny MovieLens-style release: 4 users, 5 movies, a title that needs escaping.
    func writeTinyRelease(at path: String = "data") throws {
        try write("\(path)/movies.csv", """
        movieId,title,genres
        1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
        2,"American President, The (1995)",Comedy|Drama|Romance
        3,<script>alert(1)</script> (2001),Horror
        4,Heat (1995),Action|Crime|Thriller
        5,Sabrina (1995),Comedy|Romance

        """)
        var ratings = "userId,movieId,rating,timestamp\n"
        let rows: [(Int, Int, Double)] = [
            (1, 1, 4), (1, 2, 3), (1, 3, 5), (1, 4, 4), (1, 5, 2),
            (2, 1, 5), (2, 2, 4), (2, 4, 5), (2, 5, 3), (2, 3, 1),
            (3, 1, 2), (3, 3, 4), (3, 4, 3), (3, 5, 5), (3, 2, 2),
            (4, 1, 3), (4, 2, 5), (4, 3, 2), (4, 4, 4), (4, 5, 4),
        ]
        for (index, row) in rows.enumerated() {
            ratings += "\(row.0),\(row.1),\(row.2),\(964_982_000 + index * 10)\n"
        }
        try write("\(path)/ratings.csv", ratings)
        try write("\(path)/tags.csv", "userId,movieId,tag,timestamp\n1,3,<b>scary</b>,964982000\n")
    }
}
