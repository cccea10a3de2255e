import Foundation
import Outputs
import RecbookSupport
import RunModel

/// The on-disk step cache: a `.recbook-cache/<notebook>/` folder beside the notebook.
///
/// Each entry is written atomically and carries a SHA-256 of its own bytes and the key it was
/// stored under; an entry that is truncated, damaged, written by another format version, or
/// copied over another key's file is treated as absent, never trusted. Temporaries that killed
/// runs left behind are removed when the cache is opened.
/// Values live in files of their own so that a reused step's value is read only when a later
/// step needs it. The folder holds a `.gitignore` so that git ignores it.
public final class FileStepCache: StepCache, @unchecked Sendable {
    public let directory: URL
    private var index: [String: IndexRecord]
    private var digests: [String: String] = [:]
    private let fileManager = FileManager.default
    /// Entries are encoded and written here, on the other core, while later steps run.
    private let writer = DispatchQueue(label: "recbook.cache.writer")
    private let lock = NSLock()

    static let entryMagic = "recbook-cache-entry"
    static let valueMagic = "recbook-cache-value"
    /// 4: matrix factorisation models keep their solver (model format 2).
    static let formatVersion: UInt32 = 4

    /// What was stored last for a step identity, so a miss can say what changed.
    struct IndexRecord: Codable {
        var key: String
        var components: CacheKeyComponents
        var files: [String: String]
    }

    /// The cache folder for a notebook: `<notebook dir>/.recbook-cache/<notebook name>/`.
    public static func directory(for notebook: Notebook) -> URL {
        notebook.directory.appendingPathComponent(".recbook-cache").appendingPathComponent(notebook.name)
    }

    public init(directory: URL) {
        self.directory = directory
        AtomicFile.removeStaleTemporaries(in: directory)
        AtomicFile.removeStaleTemporaries(in: directory.deletingLastPathComponent())
        let indexURL = directory.appendingPathComponent("index.json")
        if let data = try? Data(contentsOf: indexURL),
           let decoded = try? JSONDecoder().decode([String: IndexRecord].self, from: data) {
            index = decoded
        } else {
            index = [:]
        }
    }

    /// Removes a notebook's cache folder.
    public static func clean(_ directory: URL) throws {
        if FileManager.default.fileExists(atPath: directory.path) {
            try FileManager.default.removeItem(at: directory)
        }
    }

    private func entryURL(_ key: String) -> URL { directory.appendingPathComponent("\(key).entry") }
    private func valueURL(_ key: String) -> URL { directory.appendingPathComponent("\(key).value") }

    // MARK: Lookup

    public func lookup(_ components: CacheKeyComponents) -> CacheLookup {
        let key = components.key
        let previous = lock.withLock { index[components.identity] }
        guard fileManager.fileExists(atPath: entryURL(key).path) else {
            guard let previous else { return .miss(reason: "not in the cache") }
            let differences = components.differences(from: previous.components)
            return .miss(reason: differences.isEmpty ? "its cache entry is missing" : differences.joined(separator: ", "))
        }
        let entry: Entry
        do {
            entry = try readEntry(key)
        } catch FormatError.otherVersion {
            try? fileManager.removeItem(at: entryURL(key))
            return .miss(reason: "its cache entry was written in another format")
        } catch FormatError.otherKey {
            try? fileManager.removeItem(at: entryURL(key))
            return .miss(reason: "its cache entry belongs to another step")
        } catch {
            try? fileManager.removeItem(at: entryURL(key))
            return .miss(reason: "its cache entry was damaged")
        }
        for file in entry.files {
            guard let current = digest(ofFileAt: file.path) else {
                return .miss(reason: "\(Self.shortPath(file.path)) is gone")
            }
            if current != file.sha256 { return .miss(reason: "\(Self.shortPath(file.path)) changed") }
        }
        if entry.hasValue {
            // A truncated value file is caught here; a damaged one when it is read.
            let size = (try? fileManager.attributesOfItem(atPath: valueURL(key).path)[.size] as? NSNumber)?.intValue
            if size != entry.valueSize {
                try? fileManager.removeItem(at: entryURL(key))
                return .miss(reason: "its cached value was damaged")
            }
        }
        return .hit(entry)
    }

    private func digest(ofFileAt path: String) -> String? {
        if let known = lock.withLock({ digests[path] }) { return known }
        guard let digest = try? Digest.sha256(fileAt: URL(fileURLWithPath: path)) else { return nil }
        lock.withLock { digests[path] = digest }
        return digest
    }

    static func shortPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
    }

    // MARK: Store

    public func store(
        _ components: CacheKeyComponents, valueKey: String, value: (any NotebookValue)?,
        result: StepCellResult, files: [(path: String, sha256: String)]
    ) {
        lock.withLock { for file in files { digests[file.path] = file.sha256 } }
        let job = PendingEntry(components: components, valueKey: valueKey, value: value, result: result, files: files)
        writer.async { [self] in write(job) }
    }

    /// Waits for every entry to be written, then records the index (used to explain misses).
    public func flush() {
        writer.sync {
            let snapshot = lock.withLock { index }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            if let data = try? encoder.encode(snapshot), (try? ensureDirectory()) != nil {
                try? AtomicFile.write(data, to: directory.appendingPathComponent("index.json"))
            }
        }
    }

    private struct PendingEntry: @unchecked Sendable {
        var components: CacheKeyComponents
        var valueKey: String
        var value: (any NotebookValue)?
        var result: StepCellResult
        var files: [(path: String, sha256: String)]
    }

    private func write(_ job: PendingEntry) {
        let (components, valueKey, value, result, files) = (job.components, job.valueKey, job.value, job.result, job.files)
        let key = components.key
        do {
            try ensureDirectory()
            var valueSize = 0
            if let value {
                var writer = BinaryWriter()
                writer.write(Self.valueMagic)
                writer.write(Self.formatVersion)
                writer.write(key)
                writer.write(value.kind.name)
                value.encode(to: &writer)
                let sealed = Self.seal(writer.data)
                valueSize = sealed.count
                try AtomicFile.write(sealed, to: valueURL(key))
            }
            var writer = BinaryWriter()
            writer.write(Self.entryMagic)
            writer.write(Self.formatVersion)
            writer.write(key)
            writer.write(valueKey)
            writer.write(value != nil)
            writer.write(Int64(valueSize))
            writer.write(result.duration ?? -1)
            writer.write(result.valueSummary ?? "")
            let measurements = (value?.measurements ?? [:]).sorted { $0.key < $1.key }
            writer.write(UInt64(measurements.count))
            for (name, number) in measurements {
                writer.write(name)
                writer.write(number)
            }
            writer.write(try Self.outputEncoder.encode(result.outputs))
            writer.write(UInt64(files.count))
            for file in files {
                writer.write(file.path)
                writer.write(file.sha256)
            }
            try AtomicFile.write(Self.seal(writer.data), to: entryURL(key))

            let stale: String? = lock.withLock {
                defer {
                    index[components.identity] = IndexRecord(
                        key: key, components: components,
                        files: Dictionary(files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
                    )
                }
                guard let old = index[components.identity], old.key != key,
                      !index.contains(where: { $0.key != components.identity && $0.value.key == old.key }) else { return nil }
                return old.key
            }
            if let stale {
                try? fileManager.removeItem(at: entryURL(stale))
                try? fileManager.removeItem(at: valueURL(stale))
            }
        } catch {
            // A cache that cannot be written only costs time on the next run.
            try? fileManager.removeItem(at: entryURL(key))
        }
    }

    private func ensureDirectory() throws {
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        let ignore = directory.deletingLastPathComponent().appendingPathComponent(".gitignore")
        if !fileManager.fileExists(atPath: ignore.path) {
            try AtomicFile.write("# recbook's step cache; safe to delete (recbook clean)\n*\n", to: ignore)
        }
    }

    // MARK: Format

    /// Appends the SHA-256 of the payload, so damage anywhere is detected.
    static func seal(_ payload: Data) -> Data {
        var sealed = payload
        sealed.append(Data(Digest.sha256(payload).utf8))
        return sealed
    }

    static func unseal(_ data: Data) throws -> Data {
        guard data.count >= 64 else { throw BinaryDecodingError.truncated(needed: 64, available: data.count) }
        let payload = data.prefix(data.count - 64)
        let stored = String(decoding: data.suffix(64), as: UTF8.self)
        guard Digest.sha256(Data(payload)) == stored else { throw BinaryDecodingError.invalid("checksum mismatch") }
        return Data(payload)
    }

    enum FormatError: Error {
        case otherVersion
        /// The file is intact but was stored under another key: copied or moved by hand.
        case otherKey
    }

    /// Outputs may hold NaN and infinities (a figure's missing points), which plain JSON cannot.
    static var outputEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static var outputDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    private func readEntry(_ key: String) throws -> Entry {
        var reader = BinaryReader(try Self.unseal(try Data(contentsOf: entryURL(key))))
        guard try reader.read(String.self) == Self.entryMagic else {
            throw BinaryDecodingError.invalid("not a recbook cache entry")
        }
        guard try reader.read(UInt32.self) == Self.formatVersion else { throw FormatError.otherVersion }
        guard try reader.read(String.self) == key else { throw FormatError.otherKey }
        let valueKey = try reader.read(String.self)
        let hasValue = try reader.read(Bool.self)
        let valueSize = Int(try reader.read(Int64.self))
        let duration = try reader.read(Double.self)
        let summary = try reader.read(String.self)
        let measurementCount = try reader.read(UInt64.self)
        guard measurementCount <= UInt64(reader.remaining) else { throw BinaryDecodingError.invalid("measurement count") }
        var measurements: [String: Double] = [:]
        for _ in 0..<measurementCount { measurements[try reader.read(String.self)] = try reader.read(Double.self) }
        let outputs = try Self.outputDecoder.decode([Output].self, from: try reader.read(Data.self))
        let count = try reader.read(UInt64.self)
        guard count <= UInt64(reader.remaining) else { throw BinaryDecodingError.invalid("file count") }
        var files: [(path: String, sha256: String)] = []
        for _ in 0..<count { files.append((try reader.read(String.self), try reader.read(String.self))) }
        return Entry(
            valueKey: valueKey, hasValue: hasValue, valueSize: valueSize, outputs: outputs,
            duration: duration < 0 ? nil : duration, valueSummary: summary.isEmpty ? nil : summary,
            measurements: measurements, files: files, key: key, valueURL: valueURL(key)
        )
    }

    final class Entry: CacheEntryHandle {
        let valueKey: String
        let hasValue: Bool
        let valueSize: Int
        let outputs: [Output]
        let duration: Double?
        let valueSummary: String?
        let measurements: [String: Double]
        let files: [(path: String, sha256: String)]
        /// The key the entry was stored under; its value file must carry the same.
        let key: String
        let valueURL: URL

        init(valueKey: String, hasValue: Bool, valueSize: Int, outputs: [Output], duration: Double?,
             valueSummary: String?, measurements: [String: Double], files: [(path: String, sha256: String)],
             key: String, valueURL: URL) {
            self.valueKey = valueKey
            self.hasValue = hasValue
            self.valueSize = valueSize
            self.outputs = outputs
            self.duration = duration
            self.valueSummary = valueSummary
            self.measurements = measurements
            self.files = files
            self.key = key
            self.valueURL = valueURL
        }

        func loadValue(registry: StepRegistry) throws -> any NotebookValue {
            var reader = BinaryReader(try FileStepCache.unseal(try Data(contentsOf: valueURL)))
            guard try reader.read(String.self) == FileStepCache.valueMagic,
                  try reader.read(UInt32.self) == FileStepCache.formatVersion else {
                throw BinaryDecodingError.invalid("not a recbook cached value of this version")
            }
            guard try reader.read(String.self) == key else {
                throw BinaryDecodingError.invalid("a cached value stored under another key")
            }
            let kind = try reader.read(String.self)
            let value = try registry.decodeValue(kind: kind, from: &reader)
            guard reader.isAtEnd else { throw BinaryDecodingError.invalid("trailing bytes after the value") }
            return value
        }
    }
}
