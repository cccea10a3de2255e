import Datasets
import Foundation

/// `recbook-bench generate`: writes a synthetic MovieLens-shaped release (see
/// `SyntheticMovieLens`) and reports each file's rows, size and the time taken.
enum Generate {
    static let usage = "recbook-bench generate --ratings N --to DIR [--seed S] [--users N] [--movies N] [--tags N]"

    /// Runs the command with its `--name value` options.
    /// - Throws: `GenerateError` for a missing or malformed option, ``SyntheticDataError`` for
    ///   counts no release can have, or a file-system error.
    static func run(_ options: [String: String]) throws {
        let known: Set = ["ratings", "to", "seed", "users", "movies", "tags"]
        if let unknown = options.keys.sorted().first(where: { !known.contains($0) }) {
            throw GenerateError("unknown option '--\(unknown)'; usage: \(usage)")
        }
        guard let directory = options["to"] else { throw GenerateError("--to DIR is required; usage: \(usage)") }
        var size = SyntheticMovieLens.Size.scaled(ratings: try count("ratings", options, default: nil))
        size.users = try count("users", options, default: size.users)
        size.movies = try count("movies", options, default: size.movies)
        size.tags = try count("tags", options, default: size.tags)
        guard let seed = UInt64(options["seed"] ?? "1") else {
            throw GenerateError("--seed expects a non-negative integer, got '\(options["seed"] ?? "")'")
        }
        let release = try SyntheticMovieLens(size: size, seed: seed)
        print("generating \(size.users) users, \(size.movies) movies, \(size.ratings) ratings, \(size.tags) tags (seed \(seed)) into \(directory)")
        let start = ContinuousClock.now
        let files = try release.write(to: URL(fileURLWithPath: directory))
        let elapsed = ContinuousClock.now - start
        for file in files {
            let megabytes = Double(file.bytes) / 1_048_576
            print("  \(file.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(format: "%12d rows %10.1f MiB", file.rows, megabytes))")
        }
        print(String(format: "done in %.2f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
    }

    private static func count(_ name: String, _ options: [String: String], default value: Int?) throws -> Int {
        guard let text = options[name] else {
            guard let value else { throw GenerateError("--\(name) N is required; usage: \(usage)") }
            return value
        }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number >= 0 else {
            throw GenerateError("--\(name) expects a non-negative integer, got '\(text)'")
        }
        return number
    }
}

struct GenerateError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
