import Foundation
import Frames
import Learning
import LinearAlgebra
import NotebookCore
import Testing
import RecbookSupport
@testable import RecommenderSteps

@Suite struct RecommendStepTests {
    @Test(arguments: [
        ("Heat (1995)", "'Heat (1995)'"),
        ("Schindler's List (1993)", "\"Schindler's List (1993)\""),
        ("It's \"Pat\" (1994)", "'It\\'s \"Pat\" (1994)'"),
    ])
    func pythonReprMatchesPython(title: String, expected: String) {
        #expect(RecommendStep.pythonRepr(title) == expected)
    }

    @Test func nearestLikedMoviesByCosine() {
        // Movie 0 points along x; movie 1 is close to it, movie 2 opposite, movie 3 orthogonal.
        struct Vectors: EmbeddingModel {
            let movieEmbeddings: (width: Int, values: [Float]) = (2, [1, 0, 0.9, 0.1, -1, 0, 0, 1])
        }
        #expect(RecommendStep.nearest(to: 0, among: [2, 3, 1, 0], in: Vectors(), count: 2) == [1, 3])
    }
}
