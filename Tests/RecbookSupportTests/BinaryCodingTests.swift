import Foundation
import Testing
@testable import RecbookSupport

@Suite struct BinaryCodingTests {
    @Test func roundTripsPrimitivesAndArrays() throws {
        var writer = BinaryWriter()
        writer.write(Int64(-42))
        writer.write(3.25)
        writer.write(Float(1.5))
        writer.write(true)
        writer.write("héllo")
        writer.writeArray([1.0, 2.0, .nan])
        writer.writeArray([Int32(7), Int32(-1)])
        writer.write(["a", "", "c"])

        var reader = BinaryReader(writer.data)
        #expect(try reader.read(Int64.self) == -42)
        #expect(try reader.read(Double.self) == 3.25)
        #expect(try reader.read(Float.self) == 1.5)
        #expect(try reader.read(Bool.self) == true)
        #expect(try reader.read(String.self) == "héllo")
        let doubles = try reader.readArray(Double.self)
        #expect(doubles.count == 3 && doubles[0] == 1 && doubles[1] == 2 && doubles[2].isNaN)
        #expect(try reader.readArray(Int32.self) == [7, -1])
        #expect(try reader.read([String].self) == ["a", "", "c"])
        #expect(reader.isAtEnd)
    }

    @Test func truncatedDataThrowsInsteadOfTrapping() throws {
        var writer = BinaryWriter()
        writer.writeArray([Double](repeating: 1, count: 100))
        let truncated = writer.data.prefix(writer.data.count - 8)
        var reader = BinaryReader(Data(truncated))
        #expect(throws: BinaryDecodingError.self) { try reader.readArray(Double.self) }

        var garbage = BinaryReader(Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]))
        #expect(throws: BinaryDecodingError.self) { try garbage.read(String.self) }
    }
}
