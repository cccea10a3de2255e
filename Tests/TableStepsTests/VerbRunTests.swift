import Foundation
import Testing
@testable import TableSteps

/// The verbs run through the executor, from notebook text to the tables they show.
@Suite struct VerbRunTests {
    @Test func groupSortAndHead() throws {
        // ratings.groupby('movieId').agg(n=('rating','size'), mean=('rating','mean'), users=('userId','nunique'))
        //   .reset_index().sort_values('mean', ascending=False).head(1): movieId 10, n 2, mean 4.5, users 2
        let text = fixtures + """
        ```group
        table: ratings
        by: movieId
        aggregate: {n: count(), mean: mean(rating), users: count_distinct(userId)}
        as: stats
        ```
        ```head
        table: stats
        n: 1
        by: [mean desc]
        ```

        """
        let steps = try run(text)
        #expect(steps.map(\.failure) == [nil, nil, nil])
        let grouped = try #require(steps[1].tables.first)
        #expect(grouped.column("movieId") == ["10", "20"])
        #expect(grouped.column("n") == ["2", "2"])
        #expect(grouped.column("mean") == ["4.5", "3.5"])
        #expect(grouped.column("users") == ["2", "2"])
        #expect(try #require(steps[2].tables.first).column("movieId") == ["10"])
    }

    @Test func joinExplodeAndCount() throws {
        // movies.assign(genres=movies.genres.str.split('|')).explode('genres') joined to ratings on movieId,
        // then value_counts('genres'): Action 2 (movie 10 rated twice), Comedy 2, Crime 2 ... sorted by count then name.
        let text = fixtures + """
        ```table
        columns: [movieId:int, genres:string]
        rows: [[10, Action|Crime], [20, Comedy], [30, Drama]]
        as: movies
        ```
        ```join
        left: ratings
        right: movies
        on: movieId
        how: outer
        as: joined
        ```
        ```explode
        table: joined
        column: genres
        as: genres
        ```
        ```value-counts
        table: genres
        column: genres
        ```

        """
        let steps = try run(text)
        #expect(steps.map(\.failure) == [nil, nil, nil, nil, nil])
        // Outer join in key order: movie 10 twice, 20 twice, then 30 without ratings.
        let joined = try #require(steps[2].tables.first)
        #expect(joined.column("movieId") == ["10", "10", "20", "20", "30"])
        #expect(joined.column("userId") == ["1", "3", "2", "1", "NaN"])
        let counts = try #require(steps[4].tables.first)
        #expect(counts.column("genres") == ["Action", "Comedy", "Crime", "Drama"])
        #expect(counts.column("count") == ["2", "2", "2", "1"])
    }

    @Test func aTableKnownOnlyWhenRunningIsCheckedWithTheSameMessage() throws {
        let late = fixtures.replacingOccurrences(of: "as: ratings", with: "late: true\nas: ratings")
        // One line more in the fixture: the call is on line 16.
        let steps = try run(late + "```group\ntable: ratings\nby: movieId\naggregate:\n  m: mean(title)\n```\n")
        #expect(steps.map(\.failure) == [nil, "nb.md:16:11: error: mean() needs numbers, but 'title' holds strings"])
    }

    @Test func aSampleLargerThanTheTableFailsAtItsParameter() throws {
        let steps = try run(fixtures + "```sample\ntable: ratings\nn: 5\n```\n")
        #expect(steps.map(\.failure) == [nil, "nb.md:13:4: error: cannot draw 5 rows without replacement from a table of 4"])
        // A given seed draws the same rows each time, in table order.
        let seeded = try run(fixtures + "```sample\ntable: ratings\nn: 2\nseed: 3\n```\n```sample\ntable: ratings\nn: 2\nseed: 3\n```\n")
        let first = try #require(seeded[1].tables.first), second = try #require(seeded[2].tables.first)
        #expect(first.rows.count == 2 && first.rows == second.rows)
    }

    @Test func binDescribeDistinctAndSelect() throws {
        let text = fixtures + """
        ```bin
        table: ratings
        column: rating
        width: 1
        as: binned
        ```
        ```describe
        table: ratings
        columns: [rating]
        ```
        ```distinct
        table: ratings
        columns: [userId]
        as: users
        ```
        ```select
        table: users
        columns: [title, userId]
        ```

        """
        let steps = try run(text)
        #expect(steps.map(\.failure) == [nil, nil, nil, nil, nil])
        // pd.cut(ratings.rating, [3, 4, 5, 6], right=False).astype(str): [4.0, 5.0), [3.0, 4.0), nan, [5.0, 6.0)
        #expect(try #require(steps[1].tables.first).column("rating_bin") == ["[4.0, 5.0)", "[3.0, 4.0)", "NaN", "[5.0, 6.0)"])
        // ratings.rating.describe(): count 3, mean 4.1666…, std 0.763763…, min 3.5, 25% 3.75, 50% 4, 75% 4.5, max 5
        let described = try #require(steps[2].tables.first)
        #expect(described.column("statistic") == ["count", "mean", "std", "min", "25%", "50%", "75%", "max"])
        let selected = try #require(steps[4].tables.first)
        #expect(selected.columns.map(\.name) == ["title", "userId"])
        #expect(selected.column("userId") == ["1", "2", "3"])
    }
}
