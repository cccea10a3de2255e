import Foundation
import Frames
import Learning
import LinearAlgebra
import NotebookCore
import Outputs
import RecbookSupport
@testable import RecommenderSteps

/// A model with fixed scores, for checking the steps' protocols by hand: its prediction of a
/// known user's rating of an item is the score in ``table``.
struct FixedScoresModel: RatingPredictor {
    let users: IdVocabulary
    let items: IdVocabulary
    let histories: UserHistories
    /// Scores, users × items.
    let table: [[Double]]

    /// - Parameter trained: each user's training items (dense indices), rated 3.
    init(users: [Int], items: [Int], table: [[Double]], trained: [[Int]]) throws {
        self.users = IdVocabulary(users)
        self.items = IdVocabulary(items)
        self.table = table
        histories = try UserHistories(
            users: trained.enumerated().flatMap { user, items in items.map { _ in user } }, items: trained.flatMap { $0 },
            ratings: trained.flatMap { $0.map { _ in 3.0 } }, userCount: users.count, itemCount: items.count)
    }

    func representation(ofUser user: Int) throws -> UserRepresentation {
        UserRepresentation(history: histories.history(ofUser: user), knownUser: user)
    }
    func foldIn(_ history: [RatedItem]) throws -> UserRepresentation { UserRepresentation(history: history) }
    func scores(for user: UserRepresentation) throws -> [Double] {
        guard let row = user.knownUser else { throw ModelError.unsupported("a fixed model scores known users only") }
        return table[row]
    }
    func predictedRating(for user: UserRepresentation, item: Int) throws -> Double { try scores(for: user)[item] }
    func encode(to writer: inout BinaryWriter) {}
    init(from reader: inout BinaryReader) throws { throw BinaryDecodingError.invalid("not saved") }
}

/// A context whose references name `values`.
func context(_ values: [String: any NotebookValue], seed: UInt64 = 7) -> StepContext {
    StepContext.standalone(values: values, seed: seed)
}

/// A reference to a bound name, written at line 1.
func reference(_ name: String, members: [String] = []) -> ValueRef {
    ValueRef(name: name, members: members, location: SourceLocation(file: "nb.md", line: 1, column: 1))
}

/// Ratings as a table.
func ratingsTable(_ rows: [(user: Int, movie: Int, rating: Double)], timed: Bool = false) throws -> DataFrame {
    var names = ["userId", "movieId", "rating"]
    var columns: [Column] = [.ints(rows.map(\.user)), .ints(rows.map(\.movie)), .doubles(rows.map(\.rating))]
    if timed {
        names.append("timestamp")
        columns.append(.timestamps(Array(rows.indices)))
    }
    return try DataFrame(names: names, columns: columns)
}

/// The text a step printed, all of it.
func printed(_ context: StepContext) -> String {
    context.outputs.compactMap { output -> String? in
        if case let .text(text) = output { return text }
        return nil
    }.joined()
}

/// The tables a step emitted.
func tables(_ context: StepContext) -> [TableOutput] {
    context.outputs.compactMap { output -> TableOutput? in
        if case let .table(table) = output { return table }
        return nil
    }
}

/// The figures a step emitted.
func figures(_ context: StepContext) -> [Figure] {
    context.outputs.compactMap { output -> Figure? in
        if case let .figure(figure) = output { return figure }
        return nil
    }
}
