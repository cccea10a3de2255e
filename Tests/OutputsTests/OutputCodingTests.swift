import Foundation
import Testing
@testable import Outputs

/// Outputs are cached as JSON and exported in the JSON report, so they must round-trip exactly.
@Suite struct OutputCodingTests {
    @Test func everyKindOfOutputRoundTripsThroughJSON() throws {
        let outputs: [Output] = [
            .text("RMSE: 0.9628\n"),
            .table(TableOutput(
                indexName: "userId", columnsName: "movieId",
                columns: [.init("1", isNumeric: true), .init("title")],
                rows: [.init(label: "1", cells: ["4.0", "Toy Story (1995)"])],
                rowEllipsisAfter: 1, totalRows: 610, totalColumns: 8255, showsShape: true, caption: "c", label: "pivot"
            )),
            .figure(Figure(
                title: "t", xAxis: Axis("k"), yAxis: Axis("σ", scale: .log),
                marks: [
                    .line(Series(name: "a", x: [1, 2], y: [3, 4], dashed: true)),
                    .bars(BarSeries(categories: ["x"], series: [NamedValues("s", [1])])),
                    .histogram(Histogram(edges: [0, 1], counts: [2])),
                    .points(Series(name: "p", x: [1], y: [2], labels: ["SVD"])),
                    .rule(Rule(.vertical, at: 8, label: "best")),
                ]
            )),
            .figure(Figure(
                title: "h", xAxis: Axis("when", format: .date, categories: ["a"]), yAxis: Axis("genre"),
                marks: [.heatmap(Heatmap(name: "mean", columns: ["1990"], rows: ["Drama", "Horror"], values: [3.5, 2]))]
            )),
            .note(Note(.warning, markdown: "*careful*")),
        ]
        let decoded = try JSONDecoder().decode([Output].self, from: JSONEncoder().encode(outputs))
        #expect(decoded == outputs)
    }

    @Test func theShapeReadsAsPandasWritesIt() {
        let table = TableOutput(columns: [.init("a")], rows: [], totalRows: 9742, totalColumns: 3)
        #expect(table.shapeDescription == "9742 rows × 3 columns")
    }
}
