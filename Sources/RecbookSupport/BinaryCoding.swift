import Foundation

/// A value that can be written to and read back from recbook's cache format.
///
/// The format is a plain little-endian byte stream with no self-description: a reader must
/// read fields in the order the writer wrote them. Large numeric arrays are copied as raw
/// bytes, so a 100k-element column costs one `memcpy` each way.
public protocol BinaryCodable {
    func encode(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}

/// Appends values to a growing byte buffer.
public struct BinaryWriter: Sendable {
    public private(set) var data = Data()

    public init() {}

    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Double) { write(value.bitPattern) }
    public mutating func write(_ value: Float) { write(value.bitPattern) }
    public mutating func write(_ value: Bool) { write(UInt8(value ? 1 : 0)) }

    public mutating func write(_ value: String) {
        let bytes = Array(value.utf8)
        write(UInt64(bytes.count))
        data.append(contentsOf: bytes)
    }

    public mutating func write(_ value: Data) {
        write(UInt64(value.count))
        data.append(value)
    }

    /// Writes a contiguous array of trivially copyable elements as raw bytes.
    public mutating func writeArray<T: BitwiseCopyable>(_ values: [T]) {
        write(UInt64(values.count))
        values.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    public mutating func write(_ values: [String]) {
        write(UInt64(values.count))
        for value in values { write(value) }
    }

    public mutating func write<T: BinaryCodable>(_ value: T) {
        value.encode(to: &self)
    }

    public mutating func write<T: BinaryCodable>(_ values: [T]) {
        write(UInt64(values.count))
        for value in values { value.encode(to: &self) }
    }

    public mutating func write<T: BinaryCodable>(optional value: T?) {
        if let value {
            write(true)
            value.encode(to: &self)
        } else {
            write(false)
        }
    }
}

/// Errors raised while decoding the cache format.
public enum BinaryDecodingError: Error, CustomStringConvertible, Equatable {
    case truncated(needed: Int, available: Int)
    case invalid(String)

    public var description: String {
        switch self {
        case let .truncated(needed, available):
            return "truncated data: needed \(needed) more bytes, \(available) left"
        case let .invalid(message):
            return "invalid data: \(message)"
        }
    }
}

/// Reads values back in the order a ``BinaryWriter`` wrote them. Every read is bounds-checked,
/// so a truncated or corrupt buffer throws instead of trapping.
public struct BinaryReader {
    private let bytes: [UInt8]
    public private(set) var offset = 0

    public init(_ data: Data) { self.bytes = Array(data) }

    public var isAtEnd: Bool { offset == bytes.count }
    public var remaining: Int { bytes.count - offset }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw BinaryDecodingError.truncated(needed: count, available: remaining)
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let slice = try take(MemoryLayout<T>.size)
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { destination in
            slice.withUnsafeBytes { destination.copyMemory(from: $0) }
        }
        return T(littleEndian: value)
    }

    public mutating func read(_: Double.Type = Double.self) throws -> Double {
        Double(bitPattern: try read(UInt64.self))
    }

    public mutating func read(_: Float.Type = Float.self) throws -> Float {
        Float(bitPattern: try read(UInt32.self))
    }

    public mutating func read(_: Bool.Type = Bool.self) throws -> Bool {
        switch try read(UInt8.self) {
        case 0: return false
        case 1: return true
        case let other: throw BinaryDecodingError.invalid("boolean byte \(other)")
        }
    }

    private mutating func readCount(elementSize: Int = 1) throws -> Int {
        let count = try read(UInt64.self)
        guard count <= UInt64(remaining / max(elementSize, 1)) else {
            throw BinaryDecodingError.truncated(needed: Int(clamping: count) &* elementSize, available: remaining)
        }
        return Int(count)
    }

    public mutating func read(_: String.Type = String.self) throws -> String {
        let count = try readCount()
        let slice = try take(count)
        guard let string = String(validating: slice, as: UTF8.self) else {
            throw BinaryDecodingError.invalid("string is not UTF-8")
        }
        return string
    }

    public mutating func read(_: Data.Type = Data.self) throws -> Data {
        let count = try readCount()
        return Data(try take(count))
    }

    public mutating func readArray<T: BitwiseCopyable>(_: T.Type = T.self) throws -> [T] {
        let size = MemoryLayout<T>.stride
        let count = try readCount(elementSize: size)
        let slice = try take(count * size)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            slice.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = count
        }
    }

    public mutating func read(_: [String].Type = [String].self) throws -> [String] {
        let count = try readCount()
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try read(String.self)) }
        return result
    }

    public mutating func read<T: BinaryCodable>(_: T.Type = T.self) throws -> T {
        try T(from: &self)
    }

    public mutating func read<T: BinaryCodable>(_: [T].Type = [T].self) throws -> [T] {
        let count = try readCount()
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try T(from: &self)) }
        return result
    }

    public mutating func read<T: BinaryCodable>(optional _: T.Type) throws -> T? {
        try read(Bool.self) ? try T(from: &self) : nil
    }
}
