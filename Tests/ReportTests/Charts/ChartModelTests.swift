import Outputs
import Testing
@testable import Report

@Suite struct ChartModelTests {
    private func model(_ marks: [Mark], yAxis: Axis = Axis()) -> ChartModel {
        ChartModel(Figure(title: "", yAxis: yAxis, marks: marks), xTickTarget: 5, yTickTarget: 5)
    }

    @Test func barMarksShareCategoriesMatchedByName() {
        let model = model([
            .bars(BarSeries(categories: ["a", "b"], series: [NamedValues("first", [1, 2])])),
            .bars(BarSeries(categories: ["b", "c"], series: [NamedValues("second", [3, 4, 99])])),
        ])
        #expect(model.categories == ["a", "b", "c"])
        #expect(model.bars.map(\.values) == [[1, 2, nil], [nil, 3, 4]])
        #expect(model.bars.map(\.style) == [0, 1])
        #expect(model.legend.map(\.name) == ["first", "second"])
    }

    @Test func repeatedCategoryNamesInOneMarkKeepTheirPositions() {
        let model = model([.bars(BarSeries(categories: ["x", "x"], series: [NamedValues("n", [1, 2])]))])
        #expect(model.categories == ["x", "x"])
        #expect(model.bars.first?.values == [1, 2])
    }

    @Test func histogramsCannotSitOnCategories() {
        let model = model([
            .bars(BarSeries(categories: ["a"], series: [NamedValues("n", [1])])),
            .histogram(Histogram(edges: [0, 1], counts: [1])),
            .line(Series(name: "trend", x: [0], y: [2])),
        ])
        #expect(model.omittedMarkCount == 1)
        #expect(model.histograms.isEmpty)
        // The line's x is a category position; its y still counts towards the y axis.
        #expect(model.lines.first?.segments.first?.first?.x == 0)
        #expect((model.yScale?.upper ?? 0) >= 2)
    }

    @Test func stylesFollowTheOrderOfMarksAfterBars() {
        let model = model([
            .line(Series(name: "l", x: [0, 1], y: [0, 1])),
            .points(Series(name: "p", x: [0], y: [0])),
            .histogram(Histogram(name: "h", edges: [0, 1], counts: [1])),
        ])
        #expect(model.lines.first?.style == 0)
        #expect(model.points.first?.style == 1)
        #expect(model.histograms.first?.style == 2)
    }

    @Test func legendNeedsTwoNamedSeries() {
        #expect(model([.line(Series(name: "only", x: [0, 1], y: [0, 1]))]).legend.isEmpty)
        #expect(model([
            .line(Series(name: "named", x: [0, 1], y: [0, 1])), .line(Series(name: "", x: [0, 1], y: [1, 0])),
        ]).legend.isEmpty)
    }

    @Test func barsOnALogAxisLeaveRoomBelowTheSmallestBar() throws {
        let model = model([.bars(BarSeries(categories: ["a", "b"], series: [NamedValues("n", [10, 1000])]))],
                          yAxis: Axis(scale: .log))
        let scale = try #require(model.yScale)
        #expect(scale.lower < 10)
        #expect((scale.fraction(of: 10) ?? 0) > 0)
    }

    @Test func anAxisCanNameCategoriesWithoutBars() {
        let model = ChartModel(Figure(title: "", xAxis: Axis(categories: ["a", "b"]), marks: [
            .line(Series(name: "l", x: [0, 1], y: [2, 3])),
            .histogram(Histogram(edges: [0, 1], counts: [1])),
        ]), xTickTarget: 5, yTickTarget: 5)
        #expect(model.categories == ["a", "b"])
        #expect(model.lines.first?.segments.first?.map(\.x) == [0, 1])
        #expect(model.omittedMarkCount == 1)
    }

    @Test func aHeatmapIsModelledAlone() throws {
        let model = model([
            .heatmap(Heatmap(name: "v", columns: ["a", "b"], rows: ["r"], values: [1, .infinity])),
            .line(Series(name: "l", x: [0, 1], y: [0, 1])),
        ])
        let heatmap = try #require(model.heatmap)
        #expect(heatmap.values == [[1, nil]])
        #expect(heatmap.lower == 1 && heatmap.upper == 1)
        #expect(model.lines.isEmpty && model.omittedMarkCount == 1 && !model.isEmpty)
    }
}
