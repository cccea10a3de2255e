import Foundation
import Learning
import LinearAlgebra
import RecbookSupport
import Testing

@Suite struct MultiLabelBinarizerTests {
    @Test func sortsClassesByCodePoints() {
        // scikit-learn 1.9: MultiLabelBinarizer().fit(sets).classes_
        let sets = [["Comedy", "Action"], ["(no genres listed)"], ["action", "Comedy"], ["e\u{301}", "\u{e9}"]]
        let binarizer = MultiLabelBinarizer(fitting: sets)
        #expect(binarizer.classes.map { Array($0.unicodeScalars) }
            == ["(no genres listed)", "Action", "Comedy", "action", "e\u{301}", "\u{e9}"].map { Array($0.unicodeScalars) })
    }

    @Test func encodesMultiHotRows() {
        let binarizer = MultiLabelBinarizer(fitting: [["b", "a"], ["c"]])
        let encoded = binarizer.transform([["a", "c", "a"], [], ["unknown", "b"]])
        #expect(rows(encoded) == [[1, 0, 1], [0, 0, 0], [0, 1, 0]])
    }

    @Test func roundTripsThroughBinaryCoding() throws {
        let binarizer = MultiLabelBinarizer(fitting: [["Drama", "Crime"]])
        var writer = BinaryWriter()
        writer.write(binarizer)
        var reader = BinaryReader(writer.data)
        #expect(try reader.read(MultiLabelBinarizer.self) == binarizer)
    }
}
