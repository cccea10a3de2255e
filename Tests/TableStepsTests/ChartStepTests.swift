import Foundation
import Frames
import NotebookCore
import Outputs
import Testing
@testable import TableSteps

/// The films table (lines 1–4) and a chart of it whose body starts on line 7.
private func chart(_ body: String, fixture: String = "table: films") -> String {
    "```fixture\n\(fixture)\nas: films\n```\n```chart\ntable: films\n\(body)\n```\n"
}

private func bars(_ figure: Figure) -> BarSeries? {
    figure.marks.lazy.compactMap { if case .bars(let bars) = $0 { bars } else { nil } }.first
}

private func series(_ figure: Figure) -> [Series] {
    figure.marks.compactMap {
        switch $0 {
        case .line(let series), .points(let series): series
        default: nil
        }
    }
}

private func histograms(_ figure: Figure) -> [Histogram] {
    figure.marks.compactMap { if case .histogram(let histogram) = $0 { histogram } else { nil } }
}

private func heatmap(_ figure: Figure) -> Heatmap? {
    figure.marks.lazy.compactMap { if case .heatmap(let heatmap) = $0 { heatmap } else { nil } }.first
}

/// Expects the notebook's last step to fail with `expected`.
private func expectFailure(_ text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let message = try ChartNotebook.failure(text)
    #expect(message == expected, sourceLocation: sourceLocation)
}

/// NaN-aware equality for expected values.
private func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}

@Suite struct ChartStepCheckTests {
    @Test(arguments: [
        ("kind: bar\nx: ratng", "nb.md:8:4: error: no column 'ratng'; did you mean 'rating'?"),
        // A list's element is pointed at where it is written.
        ("kind: line\nx: year\ny: [rating, yeer]", "nb.md:9:13: error: no column 'yeer'; did you mean 'year'?"),
        ("kind: bar\nx: genre\nseries: genr", "nb.md:9:9: error: no column 'genr'; did you mean 'genre'?"),
        ("kind: bar\nx: genre\ny: title", "nb.md:9:4: error: column 'title' holds strings; a bar chart's y needs numbers"),
        ("kind: histogram\nx: genre",
         "nb.md:8:4: error: column 'genre' holds strings; a histogram bins numbers or timestamps (`kind: bar` counts each value)"),
        ("kind: scatter\nx: watched\ny: rating\nlog_x: true",
         "nb.md:10:8: error: a log x axis needs numbers, but column 'watched' holds timestamps"),
        ("kind: heatmap\nx: genre\ny: year\nvalue: title",
         "nb.md:10:8: error: column 'title' holds strings; a heat map's value needs numbers"),
        ("kind: line\nx: year\ny: rating\ntop: 3",
         "nb.md:10:1: error: parameter 'top' does not apply to kind 'line' (only to 'bar')"),
        ("kind: histogram\nx: year\nlog_y: true\nvalue: rating",
         "nb.md:10:1: error: parameter 'value' does not apply to kind 'histogram' (only to 'heatmap')"),
        // A missing parameter is reported at the block.
        ("kind: scatter\nx: year", "nb.md:5:1: error: kind 'scatter' needs parameter 'y'"),
        ("kind: bar\nx: genre\ntop: 500", "nb.md:9:6: error: parameter 'top' must be in [1, 200], got 500"),
        ("kind: histogram\nx: rating\nbins: 0", "nb.md:9:7: error: parameter 'bins' must be in [1, 200], got 0"),
        ("kind: histogram\nx: rating\nbin_width: -1", "nb.md:9:12: error: parameter 'bin_width' must be greater than 0.0, got -1.0"),
        ("kind: scatter\nx: year\ny: [rating, year]",
         "nb.md:9:1: error: kind 'scatter' takes one y column; a 'series' column draws several, got 2"),
        ("kind: line\nx: year\ny: [rating, year]\nseries: genre",
         "nb.md:10:1: error: 'series' splits one y column into series; each of the 2 y columns is already one"),
        ("kind: heatmap\nx: genre\ny: year\nvalue: rating\nsort: descending",
         "nb.md:11:1: error: a heat map sorts its rows and columns by 'label' only"),
        ("kind: histogram\nx: rating\nbins: 5\nbin_width: 0.5", "nb.md:10:1: error: give 'bins' or 'bin_width', not both"),
        ("kind: histogram\nx: rating\nlog_x: true\nbin_width: 0.5",
         "nb.md:10:1: error: bins of equal width do not fit a log axis; give 'bins' with 'log_x'"),
        ("kind: heatmp\nx: genre",
         "nb.md:7:7: error: parameter 'kind' expects one of 'bar', 'line', 'scatter', 'histogram', 'heatmap', got 'heatmp'; did you mean 'heatmap'?"),
    ])
    func problemsAreReportedWhereTheyAreWritten(body: String, expected: String) {
        #expect(ChartNotebook.diagnostics(chart(body)) == [expected])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = ChartNotebook.diagnostics(chart("kind: line\nx: yeer\ny: [titel, genre]"))
        #expect(found == [
            "nb.md:8:4: error: no column 'yeer'; did you mean 'year'?",
            "nb.md:9:5: error: no column 'titel'; did you mean 'title'?",
            "nb.md:9:12: error: column 'genre' holds strings; a line chart's y needs numbers",
        ])
    }

    @Test func aTableKnownOnlyWhenRunningFailsWithTheCheckersMessage() throws {
        // The fixture block is one line longer, so the chart's lines move down by one.
        let text = chart("kind: bar\nx: genre\ny: [rating, titel]", fixture: "table: films\nknown: false")
        #expect(ChartNotebook.diagnostics(text) == [])
        try expectFailure(text, "nb.md:10:13: error: no column 'titel'; did you mean 'title'?")
    }

    @Test func aValidChartHasNoProblems() {
        #expect(ChartNotebook.diagnostics(chart("kind: heatmap\nx: genre\ny: year\nvalue: rating\nsort: label")) == [])
    }
}

@Suite struct BarChartTests {
    @Test func withoutYEachValueIsCountedInOrderOfFirstAppearance() throws {
        // pandas: films.genre.value_counts(sort=False)
        let figure = try ChartNotebook.figure(chart("kind: bar\nx: genre"))
        let drawn = try #require(bars(figure))
        #expect(drawn.categories == ["Crime", "Horror", "Musical", "Drama", "Animation"])
        #expect(drawn.series.map(\.values) == [[2, 2, 1, 2, 1]])
        #expect(figure.title == "Rows by genre")
        #expect(figure.xAxis.label == "genre" && figure.yAxis.label == "rows")
    }

    @Test(arguments: [
        // pandas: value_counts(sort=False).sort_values(ascending=False, kind="stable").head(3)
        ("sort: descending\ntop: 3", ["Crime", "Horror", "Drama"], [2.0, 2, 2]),
        ("sort: ascending\ntop: 2", ["Musical", "Animation"], [1.0, 1]),
        ("sort: label", ["Animation", "Crime", "Drama", "Horror", "Musical"], [1.0, 2, 2, 2, 1]),
    ])
    func sortOrdersAndTopKeepsTheFirst(extra: String, categories: [String], values: [Double]) throws {
        let drawn = try #require(bars(try ChartNotebook.figure(chart("kind: bar\nx: genre\n" + extra))))
        #expect(drawn.categories == categories)
        #expect(drawn.series.map(\.values) == [values])
    }

    @Test func labelsOfNumbersSortByValue() throws {
        // Ratings 1.5 … 5 sort as numbers; the row without a rating is left out.
        let drawn = try #require(bars(try ChartNotebook.figure(chart("kind: bar\nx: rating\nsort: label"))))
        #expect(drawn.categories == ["1.5", "3.0", "3.5", "4.0", "4.5", "5.0"])
        #expect(drawn.series.map(\.values) == [[1, 1, 1, 2, 1, 1]])
        let outputs = try ChartNotebook.lastOutputs(chart("kind: bar\nx: rating")).get()
        #expect(outputs.last == .text("(1 row without a value in a charted column was left out.)\n"))
    }

    @Test func withYEachRowIsABarAndSeveralColumnsAreSeries() throws {
        let figure = try ChartNotebook.figure(chart("kind: bar\nx: title\ny: [rating, year]\nsort: descending\ntop: 3"))
        let drawn = try #require(bars(figure))
        // The largest ratings, ties in table order: Jaws 5, Heat 4.5, Alien 4 (before Up 4).
        #expect(drawn.categories == ["Jaws", "Heat", "Alien"])
        #expect(drawn.series.map(\.name) == ["rating", "year"])
        #expect(drawn.series.map(\.values) == [[5, 4.5, 4], [1975, 1995, 1979]])
        #expect(figure.title == "rating, year by title")
    }

    @Test func aSeriesColumnGroupsTheBars() throws {
        let text = "```fixture\ntable: cells\nas: cells\n```\n```chart\ntable: cells\nkind: bar\nx: decade\ny: mean\nseries: genre\n```\n"
        let drawn = try #require(bars(try ChartNotebook.figure(text)))
        #expect(drawn.categories == ["1990", "1970", "1980", "2010"])
        #expect(drawn.series.map(\.name) == ["Crime", "Horror", "Drama", "Musical"])
        let expected: [[Double]] = [[4, .nan, .nan, .nan], [.nan, 5, 4, .nan], [.nan, 3, .nan, .nan], [.nan, .nan, .nan, 1.5]]
        #expect(zip(drawn.series.map(\.values), expected).allSatisfy(same))
    }

    @Test func aBarFilledByTwoRowsIsAnError() throws {
        try expectFailure(chart("kind: bar\nx: genre\ny: rating\nseries: liked"), "nb.md:8:4: error: rows 2 and 7 of the table are both the bar for genre = 'Horror', liked = 'true'; a bar chart with `y` needs one row per bar — group the table by both columns first")
    }

    @Test func tooManyBarsAreRefusedWithASuggestion() throws {
        let many = "table: many\nrows: 300\nlabels: 300"
        try expectFailure(chart("kind: bar\nx: label", fixture: many), "nb.md:10:4: error: 300 bars are more than the 200 a bar chart draws; keep the first ones with `top` (after `sort: descending`, the largest), or group the table first")
        try expectFailure(chart("kind: bar\nx: label\ny: x", fixture: many), "nb.md:10:4: error: 300 rows are more than the 200 bars a bar chart draws (with `y`, each row is a bar); keep the first ones with `top` (after `sort: descending`, the largest), or group the table first")
        // With `top`, the same table is fine.
        let kept = try #require(bars(try ChartNotebook.figure(chart("kind: bar\nx: label\ny: x\nsort: descending\ntop: 5", fixture: many))))
        #expect(kept.categories.count == 5)
        try expectFailure(chart("kind: bar\nx: group\nseries: label", fixture: many), "nb.md:11:9: error: column 'label' has 300 distinct values, more than the 20 series a bar chart draws; filter the table, or group it by a column with fewer values, first")
    }

    @Test func aLogAxisRefusesValuesItCannotShow() throws {
        let many = "table: many\nrows: 50\nlabels: 50"
        try expectFailure(chart("kind: bar\nx: label\ny: x\nlog_y: true", fixture: many), "nb.md:12:8: error: a log axis cannot show the 1 value ≤ 0 in column 'x' (the smallest is 0); filter it out first, or drop 'log_y'")
    }
}

@Suite struct PointChartTests {
    @Test func aLineIsDrawnInXOrder() throws {
        let figure = try ChartNotebook.figure(chart("kind: line\nx: year\ny: rating"))
        let lines = series(figure)
        #expect(lines.map(\.name) == ["rating"])
        #expect(lines.first?.x == [1975, 1976, 1979, 1995, 1995, 2009, 2019])
        #expect(lines.first?.y == [5, 3, 4, 4.5, 3.5, 4, 1.5])
        #expect(figure.title == "rating against year")
        #expect(figure.xAxis.format == .number && figure.xAxis.categories.isEmpty && !figure.yAxis.includesZero)
    }

    @Test func timestampsAreDatesAndTextIsCategories() throws {
        let dated = try ChartNotebook.figure(chart("kind: scatter\nx: watched\ny: rating"))
        #expect(dated.xAxis.format == .date)
        #expect(series(dated).first?.x.first == 1_425_427_200)

        let named = try ChartNotebook.figure(chart("kind: line\nx: title\ny: rating"))
        #expect(named.xAxis.categories == ["Heat", "Alien", "Cats", "<b>&\"Odd", "Up", "Jaws", "Rocky"])
        // Positions in the categories; "Heat" twice at 0, the film without a rating left out.
        #expect(series(named).first?.x == [0, 0, 1, 2, 4, 5, 6])
        #expect(series(named).first?.y == [4.5, 3.5, 4, 1.5, 4, 5, 3])

        let booleans = try ChartNotebook.figure(chart("kind: scatter\nx: liked\ny: rating"))
        #expect(booleans.xAxis.categories == ["true", "false"])
    }

    @Test func aSeriesColumnSplitsThePoints() throws {
        let figure = try ChartNotebook.figure(chart("kind: scatter\nx: year\ny: rating\nseries: liked"))
        #expect(series(figure).map(\.name) == ["true", "false"])
        #expect(series(figure).map(\.x) == [[1995, 1979, 2009, 1975], [2019, 1995, 1976]])
    }

    @Test func aLongLineKeepsWhatItsDrawingShows() throws {
        let figure = try ChartNotebook.figure(chart("kind: line\nx: id\ny: y", fixture: "table: many\nrows: 100000"))
        let line = try #require(series(figure).first)
        #expect(line.x.count <= 4 * (ChartLimits.lineColumns + 1))
        #expect(line.x.count < 100_000)
        // The extremes and the ends survive: ids run 0 … 99999, y over 0 … 999982.
        #expect(line.x.first == 0 && line.x.last == 99_999)
        let ys = (0..<100_000).map { Double(($0 * 104_729) % 999_983) }
        #expect(line.y.max() == ys.max() && line.y.min() == ys.min())
    }

    @Test func aLineAtOneXKeepsItsExtremes() throws {
        let figure = try ChartNotebook.figure(chart("kind: line\nx: group\ny: y", fixture: "table: many\nrows: 100000\ngroups: 1"))
        let line = try #require(series(figure).first)
        #expect(line.x.count <= 4 && Set(line.x) == [0])
        let ys = (0..<100_000).map { Double(($0 * 104_729) % 999_983) }
        #expect(line.y.max() == ys.max() && line.y.min() == ys.min())
    }

    @Test func aDenseScatterIsThinnedOrRefused() throws {
        // 120,000 points on a diagonal fall in about a thousand cells of the grid.
        let diagonal = try ChartNotebook.figure(chart("kind: scatter\nx: id\ny: id", fixture: "table: many\nrows: 120000"))
        let points = try #require(series(diagonal).first)
        #expect(points.x.count <= ChartLimits.scatterGrid && points.x.count >= ChartLimits.scatterGrid - 1)
        #expect(points.x.first == 0)
        // 120,000 points spread over the plane keep more than 100,000 cells.
        let failure = try ChartNotebook.failure(chart("kind: scatter\nx: x\ny: y", fixture: "table: many\nrows: 120000"))
        #expect(failure.hasPrefix("nb.md:7:8: error: 120,000 points are more than the 100,000 a scatter plot draws, and "))
        #expect(failure.hasSuffix(" remain after keeping one per pixel; filter or sample the table first, or draw `kind: heatmap` of grouped counts"))
    }

    @Test func aLogAxisRefusesZero() throws {
        try expectFailure(chart("kind: scatter\nx: x\ny: y\nlog_x: true", fixture: "table: many"), "nb.md:10:8: error: a log axis cannot show the 1 value ≤ 0 in column 'x' (the smallest is 0); filter it out first, or drop 'log_x'")
    }
}

@Suite struct HistogramChartTests {
    @Test func binsMatchNumPy() throws {
        // numpy.histogram([4.5, 4, 1.5, 4, 3.5, 5, 3], bins=10)
        let figure = try ChartNotebook.figure(chart("kind: histogram\nx: rating"))
        let histogram = try #require(histograms(figure).first)
        #expect(histogram.counts == [1, 0, 0, 0, 1, 1, 0, 2, 1, 1])
        let edges = [1.5, 1.85, 2.2, 2.55, 2.9, 3.25, 3.5999999999999996, 3.9499999999999997, 4.3, 4.65, 5.0]
        #expect(histogram.edges.count == edges.count)
        #expect(zip(histogram.edges, edges).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(figure.title == "Distribution of rating" && figure.yAxis.label == "rows")
    }

    @Test func binWidthStartsAtAMultipleOfTheWidth() throws {
        // numpy.histogram(ratings, bins=numpy.arange(1, 7)); by `liked`, true then false.
        let figure = try ChartNotebook.figure(chart("kind: histogram\nx: rating\nbin_width: 1\nseries: liked"))
        #expect(histograms(figure).map(\.edges) == [[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]])
        #expect(histograms(figure).map(\.name) == ["true", "false"])
        #expect(histograms(figure).map(\.counts) == [[0, 0, 0, 3, 1], [1, 0, 2, 0, 0]])
    }

    @Test func timestampsAreBinnedInDaysOnADateAxis() throws {
        let figure = try ChartNotebook.figure(chart("kind: histogram\nx: watched\nbin_width: 365"))
        let histogram = try #require(histograms(figure).first)
        #expect(figure.xAxis.format == .date)
        #expect(histogram.edges.allSatisfy { $0.truncatingRemainder(dividingBy: 365 * 86_400) == 0 })
        #expect(histogram.counts.reduce(0, +) == 7)
    }

    @Test func tooFineABinWidthIsRefused() throws {
        try expectFailure(chart("kind: histogram\nx: rating\nbin_width: 0.01"), "nb.md:9:12: error: bins 0.01 wide would cut 'rating' (from 1.5 to 5) into 351 bins, more than the 200 a histogram draws; give a wider 'bin_width'")
    }
}

@Suite struct HeatmapChartTests {
    private let cells = "```fixture\ntable: cells\nas: cells\n```\n```chart\ntable: cells\nkind: heatmap\nx: decade\ny: genre\nvalue: mean\n"

    @Test func cellsAreColouredByTheirRowsValue() throws {
        let figure = try ChartNotebook.figure(cells + "```\n")
        let map = try #require(heatmap(figure))
        #expect(map.columns == ["1990", "1970", "1980", "2010"])
        #expect(map.rows == ["Crime", "Horror", "Drama", "Musical"])
        #expect(same(map.values, [4, .nan, .nan, .nan, .nan, 5, 4, .nan, .nan, 3, .nan, .nan, .nan, .nan, .nan, 1.5]))
        #expect(map.name == "mean" && figure.title == "mean by decade and genre")
        #expect(figure.xAxis.label == "decade" && figure.yAxis.label == "genre")
    }

    @Test func sortByLabelOrdersRowsAndColumns() throws {
        let map = try #require(heatmap(try ChartNotebook.figure(cells + "sort: label\n```\n")))
        #expect(map.columns == ["1970", "1980", "1990", "2010"])
        #expect(map.rows == ["Crime", "Drama", "Horror", "Musical"])
        #expect(map.value(row: 2, column: 1) == 4)
    }

    @Test func aCellFilledTwiceIsAnError() throws {
        try expectFailure(chart("kind: heatmap\nx: genre\ny: year\nvalue: rating"), "nb.md:8:4: error: rows 1 and 6 of the table both fill the cell genre = 'Crime', year = '1995'; a heat map needs one row per cell — group the table by 'genre' and 'year' first (their mean, say)")
    }

    @Test func tooManyRowsOrColumnsAreRefused() throws {
        let many = "table: many\nrows: 150\nlabels: 150"
        try expectFailure(chart("kind: heatmap\nx: label\ny: group\nvalue: x", fixture: many), "nb.md:10:4: error: column 'label' has 150 distinct values, more than the 100 columns a heat map draws; filter the table, or group it by a column with fewer values, first")
        try expectFailure(chart("kind: heatmap\nx: group\ny: label\nvalue: x", fixture: many), "nb.md:11:4: error: column 'label' has 150 distinct values, more than the 100 rows a heat map draws; filter the table, or group it by a column with fewer values, first")
    }
}

@Suite struct ChartStepRunTests {
    @Test func titlesCaptionAndLabelComeFromTheBlock() throws {
        let run = try ChartNotebook.run(chart("""
        kind: bar
        x: genre
        title: Films by genre
        x_label: Genre
        y_label: Films
        caption: How many films of each genre.
        label: fig-genres
        """))
        #expect(run.succeeded)
        let figure = try #require(run.stepResults.last?.outputs.lazy.compactMap { output -> Figure? in
            if case .figure(let figure) = output { figure } else { nil }
        }.first)
        #expect(figure.title == "Films by genre")
        #expect(figure.xAxis.label == "Genre" && figure.yAxis.label == "Films")
        #expect(figure.caption == "How many films of each genre.")
        #expect(figure.label == "genres")
    }
}
