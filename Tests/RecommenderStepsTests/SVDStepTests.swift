import Foundation
import Learning
import NotebookCore
import Testing
@testable import RecommenderSteps

@Suite struct SVDStepTests {
    /// Five users who rated all four movies.
    let table: [[Double]] = [[5, 3, 4, 1], [4, 2, 4, 1], [1, 1, 2, 5], [2, 1, 1, 4], [5, 4, 5, 2]]

    func centred() throws -> RatingMatrix {
        var users: [Int] = [], movies: [Int] = [], ratings: [Double] = []
        for (u, row) in table.enumerated() {
            for (m, rating) in row.enumerated() {
                users.append(u + 1)
                movies.append(m + 1)
                ratings.append(rating)
            }
        }
        return try RatingMatrix(userIds: users, movieIds: movies, ratings: ratings).centred()
    }

    func run(k: Int) throws -> (model: FittedModel, context: StepContext) {
        var step = SVDStep()
        step.matrix = reference("centred")
        step.k = k
        let context = context(["centred": try centred()])
        return (try #require(try step.run(in: context) as? FittedModel), context)
    }

    @Test func predictionsAreTheMeanPlusTheReconstruction() throws {
        // k = 3 < min(5, 4): the centred rows sum to zero, so their rank is at most 3 and the
        // rank-3 reconstruction is exact.
        let (fitted, _) = try run(k: 3)
        let model = try #require(fitted.model as? MeanCenteredSVDModel)
        for (u, row) in table.enumerated() {
            for (m, rating) in row.enumerated() { #expect(abs(try model.predict(user: u, item: m) - rating) < 1e-9) }
            for (m, score) in try model.scores(forUser: u).enumerated() { #expect(abs(score - row[m]) < 1e-9) }
        }
        // The step's model is the one `train model: svd` fits on the same ratings.
        let view = fitted.tabular
        #expect(view.rowCount == 5 && view.columnCount == 4 && view.columnName(3) == "4")
        guard case let .double(cell) = view.cell(row: 2, column: 3) else { Issue.record("not a number"); return }
        #expect(abs(cell - 5) < 1e-9)
    }

    @Test func reportsTheSpectrum() throws {
        // np.linalg.svd(R - R.mean(axis=1, keepdims=True), compute_uv=False)
        //   = [5.75724634, 1.96299819, 1.11837055, 0]; the squared norm is 38.25.
        let (fitted, context) = try run(k: 2)
        #expect(abs(try #require(fitted.measurement("largest-singular-value")) - 5.75724634) < 1e-8)
        #expect(abs(try #require(fitted.measurement("smallest-singular-value")) - 1.96299819) < 1e-8)
        #expect(fitted.measurement("k") == 2 && fitted.measurement("users") == 5 && fitted.measurement("movies") == 4)
        // (5.75724634² + 1.96299819²) / 38.25 = 96.7 %.
        #expect(printed(context) == "k = 2: σ₁ = 5.76, σ₂ = 1.96; the 2 patterns hold 96.7% of the centred matrix's squared norm.\n")
        #expect(figures(context).first?.title == "Singular-value spectrum")
        #expect(fitted.summary == "truncated SVD, k = 2, of a 5 × 4 matrix")
    }

    @Test func kMustBeBelowTheMatrixSize() throws {
        #expect(throws: StepError("parameter 'k' must be less than min(users, movies) = 4, got 4")) { try run(k: 4) }
    }
}
