import Foundation
@testable import Frames

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let url: URL
    private let owned: Bool

    convenience init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("frames-tests-\(UUID().uuidString)", isDirectory: true)
        try self.init(url: url, owned: true)
    }

    private init(url: URL, owned: Bool) throws {
        self.url = url
        self.owned = owned
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A subdirectory, removed with this directory.
    func subdirectory(_ name: String) throws -> TemporaryDirectory {
        try TemporaryDirectory(url: url.appendingPathComponent(name, isDirectory: true), owned: false)
    }

    deinit {
        if owned { try? FileManager.default.removeItem(at: url) }
    }

    /// Writes `text` as UTF-8 to `name` (which may contain subdirectories).
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to `name`, for Latin-1 fixtures.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }
}

/// Latin-1 bytes of `text`; every character must be in U+0000–U+00FF.
func latin1(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { UInt8($0.value) }
}

/// Reads CSV text with `reader`, naming the file `file`.
func readCSV(
    _ text: String, file: String = "test.csv", format: CSVFormat = .csv, columns: [CSVColumn]? = nil
) throws -> DataFrame {
    try CSVReader(format: format).read(Data(text.utf8), file: file, columns: columns)
}

/// The message of the `DataError` that `body` throws, or nil when it throws none.
func dataErrorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as DataError {
        return error.description
    } catch {
        return "unexpected error: \(error)"
    }
}

/// The cells of a column as strings, for compact comparisons: missing values as "∅".
func cells(_ frame: DataFrame, _ column: String) throws -> [String] {
    let column = try frame.column(column)
    return (0..<column.count).map { row in
        switch column.cell(row) {
        case let .int(value): return String(value)
        case let .double(value): return String(value)
        case let .string(value): return value
        case let .timestamp(value): return "t\(value)"
        case let .bool(value): return value ? "true" : "false"
        case .missing: return "∅"
        }
    }
}

/// A small seeded generator (SplitMix64) for randomized tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
