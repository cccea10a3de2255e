import Outputs

/// Small tables shaped like the notebook's: a user × movie pivot cut down in both directions,
/// and a movies preview cut down by rows.
enum TableFixtures {
    static let pivot = TableOutput(
        indexName: "userId",
        columnsName: "movieId",
        columns: [.init("1", isNumeric: true), .init("2", isNumeric: true), .init("193609", isNumeric: true)],
        rows: [
            .init(label: "1", cells: ["4.0", "", "5.0"]),
            .init(label: "610", cells: ["", "3.5", ""]),
        ],
        columnEllipsisAfter: 2,
        rowEllipsisAfter: 1,
        totalRows: 610,
        totalColumns: 9719,
        showsShape: true
    )

    static let movies = TableOutput(
        columns: [.init("movieId", isNumeric: true), .init("title")],
        rows: [
            .init(label: "0", cells: ["1", "Toy Story (1995)"]),
            .init(label: "9741", cells: ["193609", "Andrew Dice Clay: Dice Rules (1991)"]),
        ],
        rowEllipsisAfter: 1,
        totalRows: 9742,
        showsShape: true
    )
}
