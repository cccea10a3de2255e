import Learning
import Testing

@Suite struct UserHistoriesTests {
    @Test func validatesTheLayout() {
        #expect(throws: ModelError.self) { try UserHistories(offsets: [0, 2], items: [0, 0], ratings: [1, 2], itemCount: 3) }
        #expect(throws: ModelError.self) { try UserHistories(offsets: [0, 1], items: [5], ratings: [1], itemCount: 3) }
        #expect(throws: ModelError.self) { try UserHistories(offsets: [0, 2], items: [0], ratings: [1], itemCount: 3) }
        #expect(throws: ModelError.self) { try UserHistories(offsets: [0, 1], items: [0], ratings: [.infinity], itemCount: 3) }
        #expect(throws: Never.self) { try UserHistories(offsets: [0, 1, 1], items: [2], ratings: [3], itemCount: 3) }
    }
}
