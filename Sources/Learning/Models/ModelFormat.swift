import LinearAlgebra
import RecbookSupport

/// The header of every saved model: a tag naming the model type, then a format version.
///
/// A reader checks both before reading anything else, so a cache file of another model type or
/// an older layout fails with a clear message instead of decoding garbage. Each model documents
/// its layout after the header in its `encode(to:)`.
enum ModelFormat {
    static func writeHeader(tag: String, version: UInt16, to writer: inout BinaryWriter) {
        writer.write("recbook.model." + tag)
        writer.write(version)
    }

    /// Reads and checks a header.
    ///
    /// - Throws: ``BinaryDecodingError/invalid(_:)`` for another model's tag or an unknown version.
    static func readHeader(tag: String, version: UInt16, from reader: inout BinaryReader) throws {
        let found = try reader.read(String.self)
        guard found == "recbook.model." + tag else {
            throw BinaryDecodingError.invalid("expected a saved \(tag) model, found '\(found)'")
        }
        let foundVersion = try reader.read(UInt16.self)
        guard foundVersion == version else {
            throw BinaryDecodingError.invalid("\(tag) model format version \(foundVersion), this build reads \(version)")
        }
    }

    /// Writes what every model keeps: its vocabularies and training histories.
    static func writeVocabularies(users: IdVocabulary, items: IdVocabulary, histories: UserHistories, to writer: inout BinaryWriter) {
        writer.write(users)
        writer.write(items)
        writer.write(histories)
    }

    /// Reads vocabularies and histories back and checks that they agree.
    static func readVocabularies(from reader: inout BinaryReader) throws -> (IdVocabulary, IdVocabulary, UserHistories) {
        let users = try reader.read(IdVocabulary.self)
        let items = try reader.read(IdVocabulary.self)
        let histories = try reader.read(UserHistories.self)
        guard histories.userCount == users.count else {
            throw BinaryDecodingError.invalid("\(histories.userCount) histories for \(users.count) users")
        }
        try histories.validate(itemCount: items.count)
        return (users, items, histories)
    }

    /// Reads a `[Double]` and checks its length.
    static func readDoubles(_ count: Int, _ name: String, from reader: inout BinaryReader) throws -> [Double] {
        let values = try reader.readArray(Double.self)
        guard values.count == count else {
            throw BinaryDecodingError.invalid("\(name) has \(values.count) values, expected \(count)")
        }
        return values
    }

    /// Reads a matrix and checks its shape.
    static func readMatrix(rows: Int, columns: Int? = nil, _ name: String, from reader: inout BinaryReader) throws -> Matrix {
        let matrix = try reader.read(Matrix.self)
        guard matrix.rowCount == rows, columns.map({ $0 == matrix.columnCount }) ?? true else {
            throw BinaryDecodingError.invalid("\(name) is \(matrix.shape), expected \(rows) rows")
        }
        return matrix
    }
}
