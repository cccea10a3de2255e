import Foundation
import Frames
import NotebookCore
import Testing
@testable import TableSteps

@Suite struct ShapeAnalysisTests {
    @Test func aTableSchemaIsItsColumnsInOrder() throws {
        let frame = try DataFrame([
            "userId": .ints([1, 2]), "liked": .bools([true, nil]), "title": .strings(["a", "b"]),
        ])
        #expect(frame.schema == TableSchema(["userId": .int, "liked": .bool, "title": .string]))
        #expect(frame.schema.unknownColumnMessage("titel") == "no column 'titel'; did you mean 'title'?")
        #expect(frame.schema.unknownColumnMessage("zzzzzz") == "no column 'zzzzzz'; the columns are 'userId', 'liked', 'title'")
    }
}
