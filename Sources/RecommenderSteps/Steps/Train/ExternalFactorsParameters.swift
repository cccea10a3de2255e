import Frames
import Learning
import NotebookCore
import RecbookSupport
import TableSteps

/// `model: factors`: latent factors fitted elsewhere (Spark MLlib's ALS, for data past one
/// machine), read from two tables and scored, explained and evaluated like any factor model.
///
/// Each table has an id column (`id`, as Spark names it) and one numeric column per dimension,
/// in order (`f0`, `f1`, … or any names). The split's training part (`fit_on`) must be the
/// ratings the factors were fitted on, exported with `save`; see docs/scaling.md, "Beyond one
/// machine". A fold-in check needs a refit without the left-out users, which only the system
/// that fitted the factors can make, so this model has none.
struct ExternalFactorsParameters: RatingModelParameters {
    static let schema = ParameterSchema<Self>([
        .parameter(\.fitOn, "fit_on", doc: "The ratings the factors were fitted on: 'train', or 'train+val'."),
        .input(\.userFactors, "user_factors", kind: .table, doc: "A row per user: the user id, then the vector's components."),
        .input(\.itemFactors, "item_factors", kind: .table, doc: "A row per movie: the movie id, then the vector's components."),
        .parameter(\.idColumn, "id_column", doc: "The id column of both tables (Spark's is 'id'); every other column is a component."),
        .parameter(\.configuration.regularization, "regularization",
                   doc: "λ for folding new users in, per rating (Spark's regParam, which scales it so).", .greaterThan(0.0)),
        .parameter(\.configuration.clipsPredictions, "clip", doc: "Clamp predicted ratings to the training ratings' range (Spark does not)."),
    ])
    var fitOn: FitOn = .train
    /// Always 0: see the type's discussion.
    var foldInCheck = 0
    var userFactors = ValueRef()
    var itemFactors = ValueRef()
    var idColumn = "id"
    var configuration = ExternalFactorsModel.Configuration()
    /// The two tables' vectors, read by ``prepared(in:)``.
    private var tables: (users: ExternalFactorsModel.FactorTable, items: ExternalFactorsModel.FactorTable)?

    /// Reads both tables' vectors.
    ///
    /// - Throws: `StepError` naming the table, and the row for a value that is missing or not a
    ///   finite number.
    func prepared(in context: StepContext) throws -> Self {
        var copy = self
        copy.tables = (
            try Self.factorTable(try context.frame(userFactors), parameter: "user_factors", idColumn: idColumn),
            try Self.factorTable(try context.frame(itemFactors), parameter: "item_factors", idColumn: idColumn))
        return copy
    }

    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        guard let tables else { throw StepError("the factor tables were not read before fitting") }
        do {
            let model = try ExternalFactorsModel(data: data, userFactors: tables.users, itemFactors: tables.items, configuration: configuration)
            let ignored = (Self.ignoredCount(tables.users.ids, data.users), Self.ignoredCount(tables.items.ids, data.items))
            var name = "external factors (k = \(tables.users.width), from '\(userFactors.name)' and '\(itemFactors.name)')"
            if ignored.0 + ignored.1 > 0 {
                name += "; \(Format.grouped(ignored.0)) user and \(Format.grouped(ignored.1)) movie vectors for ids outside the training data were left out"
            }
            return (model, name)
        } catch let error as ModelError {
            throw StepError("'user_factors' and 'item_factors': \(error)")
        }
    }

    private static func ignoredCount(_ ids: [Int], _ vocabulary: IdVocabulary) -> Int {
        ids.reduce(0) { $0 + (vocabulary.contains($1) ? 0 : 1) }
    }

    /// The vectors of one table: its id column, then every other column in order.
    static func factorTable(_ frame: DataFrame, parameter: String, idColumn: String) throws -> ExternalFactorsModel.FactorTable {
        guard frame.columnIndex(idColumn) != nil else {
            throw StepError("'\(parameter)' has no column '\(idColumn)' (its columns: \(frame.columnNames.map { "'\($0)'" }.joined(separator: ", "))); set 'id_column'")
        }
        let components = frame.columnNames.filter { $0 != idColumn }
        guard !components.isEmpty else {
            throw StepError("'\(parameter)' has only its id column; a vector needs at least one numeric column after it")
        }
        let ids: [Int]
        do { ids = try frame.ints(idColumn) } catch { throw StepError("'\(parameter)': \(error)") }
        let width = components.count
        var values = [Double](repeating: 0, count: ids.count * width)
        for (offset, name) in components.enumerated() {
            let column: [Double]
            do { column = try frame.doubles(name) } catch { throw StepError("'\(parameter)': \(error)") }
            for row in 0..<ids.count {
                let value = column[row]
                guard value.isFinite else {
                    throw StepError("'\(parameter)' row \(Format.grouped(row + 1)) (id \(ids[row])): column '\(name)' "
                        + (value.isNaN ? "has no value" : "is \(value)") + "; every component must be a finite number")
                }
                values[row * width + offset] = value
            }
        }
        return ExternalFactorsModel.FactorTable(ids: ids, width: width, values: values)
    }
}
