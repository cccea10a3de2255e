import Frames
import NotebookCore
import TableSteps
import Outputs
import RecbookSupport

/// The pictures a reader wants of a ratings table.
struct PlotStep: Step {
    static let name = "plot"
    static let category = "Data"
    static let summary = "Draw the distribution of ratings, or ratings per user or per movie (the long tail)."
    static let discussion = """
    Charts:
    - `rating-distribution`: how many ratings each star value received.
    - `ratings-per-user`: users ranked by how many ratings they gave, on a log scale: the long tail.
    - `ratings-per-movie`: the same for movies.
    Figures are SVG in the HTML report and ASCII in the terminal.
    """
    static let example = "table: ratings\nchart: rating-distribution"
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "Ratings with userId, movieId and rating columns."),
        .parameter(\.chart, "chart", doc: "Which chart to draw.", required: true),
    ]

    enum Chart: String, ChoiceParameter {
        case ratingDistribution = "rating-distribution", ratingsPerUser = "ratings-per-user", ratingsPerMovie = "ratings-per-movie"
    }

    var table = ValueRef()
    var chart: Chart = .ratingDistribution

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame = try context.frame(table)
        switch chart {
        case .ratingDistribution:
            let ratings = try frame.doubles("rating")
            var counts: [Double: Int] = [:]
            for rating in ratings where !rating.isNaN { counts[rating, default: 0] += 1 }
            let values = counts.keys.sorted()
            let most = values.max { counts[$0, default: 0] < counts[$1, default: 0] }
            context.print("\(ratings.count) ratings; the most common is \(most.map { Format.shortest($0) } ?? "–")★, the mean \(Format.fixed(ratings.reduce(0, +) / Double(max(1, ratings.count)), 2))★.")
            context.emit(.figure(Figure(
                title: "Distribution of ratings",
                caption: "How many ratings each star value received.",
                xAxis: Axis("rating"),
                yAxis: Axis("ratings", includesZero: true),
                marks: [.bars(BarSeries(categories: values.map { Format.shortest($0) }, series: [NamedValues("ratings", values.map { Double(counts[$0, default: 0]) })]))]
            )))
        case .ratingsPerUser, .ratingsPerMovie:
            let key = chart == .ratingsPerUser ? "userId" : "movieId"
            let noun = chart == .ratingsPerUser ? "user" : "movie"
            let sizes = try frame.grouped(by: key).sizes.sorted(by: >)
            guard !sizes.isEmpty else { throw StepError("the table has no rows to count") }
            let total = sizes.reduce(0, +)
            let tenth = max(1, sizes.count / 10)
            let topShare = Double(sizes.prefix(tenth).reduce(0, +)) / Double(total)
            let median = sizes.count % 2 == 1 ? Double(sizes[sizes.count / 2]) : Double(sizes[sizes.count / 2 - 1] + sizes[sizes.count / 2]) / 2
            context.print("\(sizes.count) \(noun)s; ratings per \(noun): median \(Format.number(median)), most \(sizes[0]), fewest \(sizes[sizes.count - 1]).")
            context.print("The top 10% of \(noun)s account for \(Format.fixed(topShare * 100, 1))% of all ratings.")
            context.emit(.figure(Figure(
                title: "Ratings per \(noun)",
                caption: "\(noun.capitalized)s ranked by how many ratings they have, most first (log scale): a long tail.",
                xAxis: Axis("\(noun) rank"),
                yAxis: Axis("ratings", scale: .log),
                marks: [.line(Series(name: "ratings per \(noun)", x: sizes.indices.map { Double($0 + 1) }, y: sizes.map(Double.init)))]
            )))
        }
        return nil
    }
}
