import Foundation
import NotebookCore
import Outputs
import Testing
@testable import TableSteps

/// `load` says which (user, movie) pairs a release rates more than once, by the lines of its
/// file, so that a reader can find them, and what later steps make of them.
@Suite struct RepeatedRatingsNoteTests {
    @Test func theNoteNamesTheLinesOfTheFile() throws {
        let fixture = try NotebookFixture()
        try fixture.write("movies.csv", "movieId,title,genres\n1,A (1995),Drama\n2,B (1996),Comedy\n")
        // User 1 rates movie 1 on lines 2 and 5; user 2 rates movie 2 on lines 4, 6 and 7.
        try fixture.write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,1\n1,2,3.0,2\n2,2,5.0,3\n1,1,2.0,4\n2,2,1.0,5\n2,2,3.0,6\n")
        let run = try fixture.run("```load\ndata: .\ntable: ratings\npreview: none\n```\n")
        #expect(run.failures == [nil])
        let text = run.stepResults[0].outputs.compactMap { output -> String? in
            if case let .text(text) = output { return text }
            return nil
        }.joined()
        #expect(text == "ratings.csv: 2 (user, movie) pairs are rated more than once: user 1 rates movie 1 on lines 2 and 5; "
            + "user 2 rates movie 2 on lines 4, 6 and 7. pivot and train take the mean of each pair's ratings, as pandas' pivot_table does.\n")
    }
}
