import Learning
import RecbookSupport
import Testing

@Suite struct VocabularyTests {
    let vocabulary = IdVocabulary([30, 10, 20, 10, 5, 30])

    @Test func sortsAndDeduplicatesIdsLikeLabelEncoder() {
        // sklearn: LabelEncoder().fit([30, 10, 20, 10, 5, 30]).classes_ == [5, 10, 20, 30]
        #expect(vocabulary.ids == [5, 10, 20, 30])
        #expect(vocabulary.count == 4)
    }

    @Test func mapsBothWays() throws {
        #expect(vocabulary.index(of: 20) == 2)
        #expect(vocabulary.index(of: 7) == nil)
        #expect(vocabulary.contains(5))
        #expect(!vocabulary.contains(6))
        #expect(try vocabulary.indices(of: [30, 5, 5]) == [3, 0, 0])
        #expect(vocabulary.id(at: 1) == 10)
    }

    /// Dense non-negative ids take a lookup table, sparse or negative ones a hash map: both
    /// answer alike, including for ids beyond the table and below zero.
    @Test(arguments: [[30, 10, 20, 10, 5, 30], [-7, 30, 10, 20, 10, 5, 30], [30, 10, 20, 10, 5, 30, 4_000_000_000]])
    func denseAndSparseIdsMapAlike(_ ids: [Int]) throws {
        let vocabulary = IdVocabulary(ids)
        let distinct = Array(Set(ids)).sorted()
        #expect(vocabulary.ids == distinct)
        for (index, id) in distinct.enumerated() { #expect(vocabulary.index(of: id) == index) }
        for unknown in [-1, 0, 6, 31, 4_000_000_001, Int.max, Int.min] { #expect(vocabulary.index(of: unknown) == nil) }
        #expect(try vocabulary.indices(of: ids) == ids.map { distinct.firstIndex(of: $0)! })
        #expect(throws: VocabularyError.unknownId(31, position: 1)) { try vocabulary.indices(of: [ids[0], 31]) }
    }

    @Test func namesTheFirstUnknownId() {
        #expect(throws: VocabularyError.unknownId(99, position: 1)) { try vocabulary.indices(of: [5, 99, 98]) }
    }

    @Test func handlesAnEmptyVocabulary() {
        let empty = IdVocabulary([])
        #expect(empty.count == 0)
        #expect(empty.index(of: 0) == nil)
    }

    @Test func roundTripsThroughBinaryCoding() throws {
        var writer = BinaryWriter()
        writer.write(vocabulary)
        var reader = BinaryReader(writer.data)
        #expect(try reader.read(IdVocabulary.self) == vocabulary)
    }

    @Test func rejectsUnsortedBinaryData() {
        var writer = BinaryWriter()
        writer.writeArray([Int64(3), 1])
        var reader = BinaryReader(writer.data)
        #expect(throws: BinaryDecodingError.self) { try reader.read(IdVocabulary.self) }
    }
}
