import NotebookCore
import TableSteps
import RecbookSupport

/// Named evaluation figures in the order they were computed, such as `rmse`, `mae`, `pairs`.
public struct Metrics: NotebookValue {
    public static let kind = ValueKind.metrics

    public var title: String
    public var values: [(name: String, value: Double)]

    public init(title: String, values: [(name: String, value: Double)]) {
        self.title = title
        self.values = values
    }

    public subscript(name: String) -> Double? { values.first { $0.name == name }?.value }

    public var summary: String {
        // The headline figures: one per metric (recall@10, not also the recall@1…50 curve).
        var seen = Set<String>()
        let shown = values.filter { entry in
            guard !["pairs", "total", "fit_seconds"].contains(entry.name), !entry.name.hasSuffix("_users"), !entry.name.contains("[") else {
                return false
            }
            return seen.insert(String(entry.name.prefix { $0 != "@" })).inserted
        }.prefix(7)
        var text = "metrics: " + shown.map { "\($0.name) \(Format.fixed($0.value, 4))" }.joined(separator: ", ")
        if let pairs = self["pairs"], let total = self["total"] {
            text += " (\(Format.number(pairs)) of \(Format.number(total)) pairs)"
        }
        return text
    }

    public func measurement(_ name: String) -> Double? { self[name] }
    public var measurementNames: [String] { values.map(\.name) }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(title)
        writer.write(UInt64(values.count))
        for entry in values {
            writer.write(entry.name)
            writer.write(entry.value)
        }
    }

    public init(from reader: inout BinaryReader) throws {
        title = try reader.read(String.self)
        let count = try reader.read(UInt64.self)
        guard count <= UInt64(reader.remaining) else { throw BinaryDecodingError.invalid("metric count") }
        values = []
        for _ in 0..<count { values.append((try reader.read(String.self), try reader.read(Double.self))) }
    }
}
