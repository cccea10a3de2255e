import Frames
import NotebookCore

/// Groups rows by key columns and summarises each group:
/// `df.groupby(by, sort=…, dropna=…).agg(name=(column, function), …).reset_index()`.
struct GroupStep: TableVerb {
    static let name = "group"
    static let category = "Table verbs"
    static let summary = "Group rows by key columns and summarise each group, like pandas' groupby().agg()."
    static let discussion = """
    `aggregate` maps each output column to a call: `count()` (rows), `count(col)` (present \
    values), `sum`, `mean`, `median`, `min`, `max`, `std` and `var` (sample, ddof = 1, as \
    pandas), `count_distinct`, `quantile(col, q)` (linear interpolation, pandas' default), \
    `first` and `last` (the first or last present value in table order). Missing values are \
    skipped. Counts are integers, as is the sum of integers; means, medians, quantiles and \
    deviations are numbers; `min`, `max`, `first` and `last` keep the column's type.

    Without `by`, the whole table is summarised in one row (dplyr's `summarise`), even when \
    it has no rows (counts are then 0 and means missing).

    The result holds the keys, then the aggregates, one row per group, in ascending key order \
    (pandas' `sort=True`) or with `sort: false` in order of first appearance. Keys may be of any \
    type; rows with a missing key form no group unless `dropna: false`.
    """
    static let example = """
    table: ratings
    by: movieId
    aggregate:
      ratings: count()
      mean_rating: mean(rating)
      p90: quantile(rating, 0.9)
    as: movie_stats
    """
    static let produces: ValueKind? = .table
    static let maxAggregates = 1000
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to group."),
        .parameter(\.by, "by", doc: "The key column or columns; none summarises the whole table in one row."),
        .parameter(\.aggregate, "aggregate", doc: "Output column → call, such as `mean_rating: mean(rating)`.", required: true),
        .parameter(\.sort, "sort", doc: "Groups in ascending key order; otherwise in order of first appearance."),
        .parameter(\.dropna, "dropna", doc: "Rows with a missing key form no group."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var by: [ColumnName] = []
    var aggregate = Aggregations()
    var sort = true
    var dropna = true
    var preview: Preview = .table

    func validate() -> [ParameterProblem] {
        if aggregate.items.count > Self.maxAggregates {
            return [ParameterProblem("aggregate", "parameter 'aggregate' has \(aggregate.items.count) entries; at most \(Self.maxAggregates) are allowed")]
        }
        return []
    }

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        by.check(in: input, context)
        var output = TableSchema(by.compactMap { key in input.type(of: key.name).map { .init(key.name, $0) } })
        for item in aggregate.items {
            if by.contains(where: { $0.name == item.name }) {
                context.error("'\(item.name)' is a key column already; name the aggregate otherwise", at: item.nameLocation, id: "duplicate-column")
            }
            let call = item.call
            var inputType: ColumnType?
            if let column = call.column {
                inputType = column.check(
                    in: input, types: call.function.acceptedTypes, context, need: "\(call.function.rawValue)() needs numbers"
                )
            }
            output.columns.append(.init(item.name, call.function.resultType(for: inputType)))
        }
        return output
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.aggregated(
            by: by.names, aggregate.items.map { ($0.name, $0.call.aggregate) },
            dropMissingKeys: dropna, order: sort ? .ascending : .firstAppearance
        )
    }
}
