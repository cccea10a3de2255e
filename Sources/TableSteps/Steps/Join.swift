import Frames
import NotebookCore

/// Joins two tables on key columns, like `pd.merge(left, right, on=…, how=…)`.
struct JoinStep: Step {
    static let name = "join"
    static let category = "Table verbs"
    static let summary = "Join two tables on key columns, like pandas' merge."
    static let discussion = """
    Give the keys as `on` (columns both tables have) or as `left_on` and `right_on` (pairwise). \
    `inner` keeps the left rows that match, in the left table's order, each followed by its \
    matches in the right table's order; `left` keeps every left row too; `right` keeps every \
    right row, in the right's order, each with its left matches; `outer` keeps every row of \
    both, in ascending key order, as pandas sorts it. Columns are the left's, then the right's; \
    a key both tables name alike appears once. Other names both tables have get `suffixes`. \
    Keys are integers, strings, timestamps or booleans, the same type on both sides; missing keys \
    match each other, as in pandas.
    """
    static let example = "left: ratings\nright: movies\non: movieId\nas: rated_movies"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.left, "left", kind: .table, doc: "The left table."),
        .input(\.right, "right", kind: .table, doc: "The right table."),
        .parameter(\.on, "on", doc: "The key column or columns both tables have."),
        .parameter(\.leftOn, "left_on", doc: "The left table's key columns, instead of `on`."),
        .parameter(\.rightOn, "right_on", doc: "The right table's key columns, pairwise with `left_on`."),
        .parameter(\.how, "how", doc: "Which rows to keep."),
        .parameter(\.suffixes, "suffixes", doc: "Appended to a name both tables have: [left suffix, right suffix]."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    enum How: String, ChoiceParameter {
        case inner, left, right, outer
        var kind: JoinKind {
            switch self {
            case .inner: return .inner
            case .left: return .left
            case .right: return .right
            case .outer: return .outer
            }
        }
    }

    var left = ValueRef()
    var right = ValueRef()
    var on: [ColumnName] = []
    var leftOn: [ColumnName] = []
    var rightOn: [ColumnName] = []
    var how: How = .inner
    var suffixes = ["_x", "_y"]
    var preview: Preview = .table

    private var leftKeys: [ColumnName] { on.isEmpty ? leftOn : on }
    private var rightKeys: [ColumnName] { on.isEmpty ? rightOn : on }

    func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if on.isEmpty, leftOn.isEmpty, rightOn.isEmpty {
            problems.append(ParameterProblem("on", "step 'join' needs 'on', or 'left_on' and 'right_on'"))
        } else if !on.isEmpty, !(leftOn.isEmpty && rightOn.isEmpty) {
            problems.append(ParameterProblem(leftOn.isEmpty ? "right_on" : "left_on", "give 'on', or 'left_on' and 'right_on', not both"))
        } else if on.isEmpty, leftOn.count != rightOn.count {
            problems.append(ParameterProblem("right_on", "'left_on' names \(leftOn.count) columns but 'right_on' \(rightOn.count); they pair up"))
        }
        if suffixes.count != 2 || suffixes[0] == suffixes[1] {
            problems.append(ParameterProblem("suffixes", "parameter 'suffixes' needs two different suffixes, such as [_x, _y]"))
        }
        return problems
    }

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        let leftSchema = context.shape(of: left, as: TableSchema.self)
        let rightSchema = context.shape(of: right, as: TableSchema.self)
        let output = check(leftSchema, rightSchema, context)
        return context.hasErrors ? nil : output
    }

    /// Checks the keys against whichever tables' columns are known, and returns the result's
    /// columns when both are.
    private func check(_ leftSchema: TableSchema?, _ rightSchema: TableSchema?, _ context: AnalysisContext) -> TableSchema? {
        var types: [(ColumnType?, ColumnType?)] = []
        for (leftKey, rightKey) in zip(leftKeys, rightKeys) {
            types.append((keyType(leftKey, leftSchema, left, context), keyType(rightKey, rightSchema, right, context)))
        }
        for ((leftKey, rightKey), (leftType, rightType)) in zip(zip(leftKeys, rightKeys), types) {
            guard let leftType, let rightType, leftType != rightType else { continue }
            context.error(
                "cannot join '\(leftKey.name)' (\(leftType.pluralName)) of '\(left)' to '\(rightKey.name)' (\(rightType.pluralName)) of '\(right)': keys must have the same type",
                at: rightKey.location, id: "wrong-column-type"
            )
        }
        guard let leftSchema, let rightSchema else { return nil }
        let shared = Set(zip(leftKeys, rightKeys).filter { $0.name == $1.name }.map(\.0.name))
        let rightColumns = rightSchema.columns.filter { !shared.contains($0.name) }
        let leftNames = Set(leftSchema.names).subtracting(shared), rightNames = Set(rightColumns.map(\.name))
        let renamedLeft = leftSchema.columns.map { TableSchema.Column(rightNames.contains($0.name) ? $0.name + suffixes[0] : $0.name, $0.type) }
        let renamedRight = rightColumns.map { TableSchema.Column(leftNames.contains($0.name) ? $0.name + suffixes[1] : $0.name, $0.type) }
        let output = TableSchema(renamedLeft + renamedRight)
        var seen: Set<String> = []
        for name in output.names where !seen.insert(name).inserted {
            context.error("the result would have two columns named '\(name)'; choose other suffixes", at: context.location(ofParameter: "suffixes"), id: "duplicate-column")
        }
        return output
    }

    private func keyType(_ key: ColumnName, _ schema: TableSchema?, _ table: ValueRef, _ context: AnalysisContext) -> ColumnType? {
        guard let schema else { return nil }
        guard let type = schema.type(of: key.name) else {
            context.error(schema.unknownColumnMessage(key.name, inTable: table.description), at: key.location, id: "unknown-column")
            return nil
        }
        guard DataFrame.joinKeyTypes.contains(type) else {
            context.error("cannot join on '\(key.name)' of '\(table)': it holds \(type.pluralName); keys are integers, strings, timestamps or booleans", at: key.location, id: "wrong-column-type")
            return nil
        }
        return type
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let leftFrame = try context.frame(left)
        let rightFrame = try context.frame(right)
        try context.check { _ = check(leftFrame.schema, rightFrame.schema, $0) }
        let joined = try leftFrame.joined(
            with: rightFrame, leftOn: leftKeys.names, rightOn: rightKeys.names, how: how.kind, suffixes: (suffixes[0], suffixes[1])
        )
        if let output = preview.output(joined) { context.emit(output) }
        return joined
    }
}
