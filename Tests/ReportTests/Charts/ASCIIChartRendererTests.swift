import Outputs
import Testing
@testable import Report

@Suite struct ASCIIChartRendererTests {
    private let renderer = ASCIIChartRenderer(width: 30, height: 16)

    // Width 30: labels 2 columns, values 1 column, so bars get 30 - 2 - 3 - 1 = 24 cells; the
    // longest bar (4) fills all 24 and 2 fills round(24 × 2/4) = 12.
    @Test func singleSeriesBarsExactly() {
        let figure = Figure(title: "Ratings", marks: [
            .bars(BarSeries(categories: ["a", "bb"], series: [NamedValues("n", [2, 4])])),
        ])
        #expect(renderer.render(figure) == """
        Ratings
        a  │████████████ 2
        bb │████████████████████████ 4
        """)
    }

    // Values "1", "2", "3", "n/a" are at most 3 wide, so bars get 30 - 1 - 3 - 3 = 23 cells;
    // 1, 2 and 3 of a maximum 3 give round(23/3) = 8, round(46/3) = 15 and 23 cells.
    @Test func groupedBarsExactlyWithLegendAndAMissingValue() {
        let figure = Figure(title: "", marks: [
            .bars(BarSeries(categories: ["x", "y"], series: [NamedValues("A", [1, 3]), NamedValues("B", [2, .nan])])),
        ])
        #expect(renderer.render(figure) == """
        █ A  ▓ B
        x │████████ 1
          │▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓ 2
        y │███████████████████████ 3
          │ n/a
        """)
    }

    // Labels 4 wide, values 2 wide: 30 - 4 - 3 - 2 = 21 cells for the span -1…3 (4 units). Zero
    // sits round(21 × 1/4) = 5 cells in; 3 takes round(21 × 3/4) = 16 cells, -1 takes 5.
    @Test func negativeBarsGrowLeftOfTheAxis() {
        let figure = Figure(title: "", marks: [
            .bars(BarSeries(categories: ["gain", "loss"], series: [NamedValues("n", [3, -1])])),
        ])
        #expect(renderer.render(figure) == """
        gain      │████████████████ 3
        loss █████│ -1
        """)
    }

    // Edges 0, 1, 2 with counts 2 and 4: the y axis runs 0…4 (ticks 0-4 on rows 15, 11, 7, 4, 0 of
    // 16), the x axis 0…2 over 30 - 1 - 2 = 27 columns. Bin [0, 1) covers columns 0-13 at half
    // height (8 full rows), bin [1, 2) columns 13-26 at full height. x ticks 0, 0.5, 1, 1.5, 2 fall
    // on columns round(26 × f) = 0, 7, 13, 20, 26.
    @Test func histogramOnTheGridExactly() {
        let figure = Figure(title: "", marks: [.histogram(Histogram(edges: [0, 1, 2], counts: [2, 4]))])
        let lines = renderer.render(figure).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 18)
        let full = String(repeating: "█", count: 27)
        let rightHalf = String(repeating: " ", count: 13) + String(repeating: "█", count: 14)
        #expect(lines[0] == "4 ┤" + rightHalf)
        #expect(lines[4] == "3 ┤" + rightHalf)
        #expect(lines[7] == "2 ┤" + rightHalf)
        #expect(lines[8] == "  │" + full)
        #expect(lines[15] == "0 ┤" + full)
        #expect(lines[16] == "  └┬──────┬─────┬──────┬─────┬")
        // Labels centre on their tick, except the last, which is pulled left to end at column 30.
        #expect(lines[17] == "  0.0    0.5   1.0    1.5  2.0")
    }

    @Test func linesUseSeriesGlyphsAndALegend() {
        let figure = Figure(title: "Loss", xAxis: Axis("Epoch"), yAxis: Axis("MSE", scale: .log), marks: [
            .line(Series(name: "train", x: [1, 2, 3, 4], y: [1.2, 0.9, 0.8, 0.7])),
            .line(Series(name: "validation", x: [1, 2, 3, 4], y: [1.1, 1.0, .nan, 0.95], dashed: true)),
        ])
        let text = renderer.render(figure)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Loss")
        #expect(lines[1] == "* train  + validation")
        #expect(lines[2] == "MSE (log scale)")
        #expect(text.contains("*") && text.contains("+"))
        #expect(lines.last.map { String($0.drop { $0 == " " }) } == "Epoch")
        // 0.7…1.2 on a log axis spans the 1-2-5 steps 0.5, 1 and 2.
        #expect(lines.contains { $0.hasPrefix("0.5 ┤") } && lines.contains { $0.hasPrefix("  1 ┤") })
        #expect(lines.allSatisfy { TerminalText.width($0) <= 30 })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test func pointsCarryTheirLabelsAndRulesTheirs() {
        let figure = Figure(title: "", marks: [
            .points(Series(name: "models", x: [1, 9], y: [1, 9], labels: ["SVD", "DNN"])),
            .rule(Rule(.horizontal, at: 5, label: "goal")),
        ])
        let text = renderer.render(figure)
        #expect(text.contains("* SVD"))
        #expect(text.contains("┄goal") || text.contains("┄ goal"))
        #expect(text.contains("┄┄┄"))
    }

    @Test(arguments: [
        Figure(title: "Nothing", marks: []),
        Figure(title: "Nothing", marks: [.line(Series(name: "a", x: [.nan], y: [1]))]),
        Figure(title: "Nothing", marks: [.histogram(Histogram(edges: [1], counts: [3]))]),
        Figure(title: "Nothing", yAxis: Axis(scale: .log), marks: [.points(Series(name: "a", x: [1], y: [-1]))]),
    ])
    func undrawableFiguresSaySo(figure: Figure) {
        #expect(renderer.render(figure) == "Nothing\n(no data to plot)")
    }

    @Test(arguments: [
        Figure(title: "", marks: [.points(Series(name: "p", x: [3], y: [3]))]),
        Figure(title: "", marks: [.line(Series(name: "p", x: [2, 2], y: [5, 5]))]),
        Figure(title: "", marks: [.bars(BarSeries(categories: ["a"], series: [NamedValues("n", [0])]))]),
        Figure(title: "", yAxis: Axis(scale: .log), marks: [.bars(BarSeries(categories: ["a", "b"], series: [NamedValues("n", [100, 0])]))]),
        Figure(title: "", marks: [.points(Series(name: "p", x: [-1e308, 1e308], y: [1.7e308, -1.7e308]))]),
        Figure(title: String(repeating: "long title ", count: 20), marks: [
            .bars(BarSeries(categories: [String(repeating: "東京", count: 30)], series: [NamedValues("n", [1])])),
        ]),
    ])
    func degenerateDataStaysWithinTheWidth(figure: Figure) {
        let lines = renderer.render(figure).split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { TerminalText.width($0) <= 30 }, "\(lines)")
        #expect(!lines.contains("(no data to plot)"))
    }

    @Test func logBarsGrowFromTheDecadeBelowAndShowUndrawableValues() {
        // 10 and 1000 on a log axis from 1 (the decade below 10) to 1000: 10 takes a third of the
        // 22 cells (30 - 1 - 3 - 4 for labels 1 and values 4 wide), round(7.33) = 7. The header
        // puts the axis note where the bars start, after the label column and the axis.
        let figure = Figure(title: "", yAxis: Axis(scale: .log), marks: [
            .bars(BarSeries(categories: ["a", "b", "c"], series: [NamedValues("n", [10, 1000, 0])])),
        ])
        #expect(renderer.render(figure) == """
           (log scale)
        a │███████ 10
        b │██████████████████████ 1000
        c │ 0
        """)
    }
}

extension ASCIIChartRendererTests {
    @Test(arguments: [
        Figure(title: "", yAxis: Axis(scale: .log), marks: [
            .bars(BarSeries(categories: ["tiny", "huge"], series: [NamedValues("n", [Double.leastNonzeroMagnitude, 1.7e308])])),
        ]),
        Figure(title: "", marks: [
            .bars(BarSeries(categories: ["a", "b"], series: [NamedValues("n", [-1.7e308, 1.7e308])])),
        ]),
        Figure(title: "", xAxis: Axis(scale: .log), yAxis: Axis(scale: .log), marks: [
            .line(Series(name: "a", x: [Double.leastNonzeroMagnitude, 1e308], y: [1e-300, 1e300])),
            .histogram(Histogram(edges: [1e-300, 1, 1e300], counts: [1, 1e300])),
        ]),
    ])
    func extremeValuesNeitherTrapNorOverflowTheWidth(figure: Figure) {
        let lines = ASCIIChartRenderer(width: 40, height: 6).render(figure).split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { TerminalText.width($0) <= 40 }, "\(lines)")
    }

    @Test func linesOverNamedCategoriesAreDrawnOnTheGrid() {
        let figure = Figure(title: "", xAxis: Axis(categories: ["Drama", "Horror"]), marks: [
            .line(Series(name: "n", x: [0, 1], y: [1, 2])),
        ])
        let text = ASCIIChartRenderer(width: 40, height: 6).render(figure)
        #expect(text.contains("*"))
        #expect(text.contains("Drama") && text.contains("Horror"))
    }
}
