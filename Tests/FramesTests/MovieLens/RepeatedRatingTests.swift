import Foundation
import Testing
@testable import Frames

/// A (user, movie) pair rated more than once is reported by the lines of the file, whatever the
/// layout, so that a reader can find it; the rows themselves are kept for pivot and train to average.
@Suite struct RepeatedRatingTests {
    @Test func csvLinesCountTheHeaderAndAQuotedLineBreak() throws {
        let directory = try TemporaryDirectory()
        try directory.write("movies.csv", "movieId,title,genres\n1,\"Two\nlines\",Drama\n2,B,Drama\n")
        // Lines: 1 header, 2 (1,1), 3 (1,2), 4 (2,1), 5 (1,1 again), 6 (2,1 again), 7 (1,1 a third time).
        try directory.write("ratings.csv", """
            userId,movieId,rating,timestamp
            1,1,4.0,10
            1,2,3.0,11
            2,1,5.0,12
            1,1,2.0,13
            2,1,1.0,14
            1,1,3.0,15

            """)
        let loaded = try MovieLens(directory: directory.url).load(.ratings)
        #expect(loaded.frame.rowCount == 6)
        #expect(loaded.repeatedRatings == [
            RepeatedRating(userId: 1, movieId: 1, lines: [2, 5, 7]),
            RepeatedRating(userId: 2, movieId: 1, lines: [4, 6]),
        ])
    }

    @Test func datLinesHaveNoHeader() throws {
        let directory = try TemporaryDirectory()
        try directory.write("movies.dat", "1::A (1995)::Drama\n")
        try directory.write("ratings.dat", "1::1::5::978300760\n2::1::3::978302109\n1::1::4::978302110\n")
        let loaded = try MovieLens(directory: directory.url).load(.ratings)
        #expect(loaded.repeatedRatings == [RepeatedRating(userId: 1, movieId: 1, lines: [1, 3])])
    }

    @Test func pairsInIdOrderHaveNoRepeats() {
        #expect(MovieLens.repeatedPairs(userIds: [1, 1, 2, 3], movieIds: [1, 2, 1, 1]) == [])
        #expect(MovieLens.repeatedPairs(userIds: [], movieIds: []) == [])
        #expect(MovieLens.repeatedPairs(userIds: [2, 1, 2], movieIds: [5, 5, 5]) == [[0, 2]])
    }
}
