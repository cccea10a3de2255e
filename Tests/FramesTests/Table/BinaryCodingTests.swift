import RecbookSupport
import Testing
@testable import Frames

@Suite("Binary coding")
struct BinaryCodingTests {
    static func sample() throws -> DataFrame {
        try DataFrame([
            "userId": .ints(Array(0..<70) + [nil]),
            "rating": .doubles((0..<71).map { $0 % 7 == 0 ? .nan : Double($0) / 2 }),
            "title": .strings((0..<71).map { $0 == 3 ? nil : "Misérables \($0)" }),
            "timestamp": .timestamps((0..<71).map { $0 == 64 ? nil : 964_982_703 + $0 }),
        ])
    }

    @Test("a table survives a round trip, missing values included")
    func roundTrip() throws {
        let frame = try Self.sample()
        var writer = BinaryWriter()
        writer.write(frame)
        var reader = BinaryReader(writer.data)
        let decoded = try reader.read(DataFrame.self)
        #expect(decoded == frame)
        #expect(reader.isAtEnd)
        #expect(try decoded.column("title").isMissing(3))
        #expect(try decoded.column("timestamp").missingCount == 1)

        var emptyWriter = BinaryWriter()
        emptyWriter.write(DataFrame())
        var emptyReader = BinaryReader(emptyWriter.data)
        #expect(try emptyReader.read(DataFrame.self) == DataFrame())
    }

    @Test("truncated or corrupt data throws instead of trapping")
    func corruptData() throws {
        var writer = BinaryWriter()
        writer.write(try Self.sample())
        let data = writer.data
        for length in stride(from: 0, to: data.count, by: 37) {
            var reader = BinaryReader(data.prefix(length))
            #expect(throws: (any Error).self) { try reader.read(DataFrame.self) }
        }
        var wrongVersion = data
        wrongVersion[wrongVersion.startIndex] = 9
        var reader = BinaryReader(wrongVersion)
        #expect(throws: BinaryDecodingError.self) { try reader.read(DataFrame.self) }
    }
}
