import Foundation
import Frames
import NotebookCore
import Outputs
import RecbookSupport
@testable import TableSteps

/// A table written in a notebook, with typed columns the checker knows: the stand-in for a
/// loader in these tests. With `late: true` its columns are known only when it runs, as a SQL
/// result's are, so the steps after it are checked at run time.
///
/// ```table
/// columns: [movieId:int, title:string]
/// rows: [[1, Heat], [2, ~]]
/// ```
struct InlineTableStep: Step {
    static let name = "table"
    static let summary = "A table written inline."
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .parameter(\.columns, "columns", doc: "name:type of each column.", required: true),
        .parameter(\.rows, "rows", doc: "The rows.", required: true),
        .parameter(\.late, "late", doc: "Hide the columns from the checker."),
    ]

    var columns: [String] = []
    var rows = Rows()
    var late = false

    struct Rows: ParameterType {
        var cells: [[String?]] = []
        static let typeName = "rows"
        static let jsonSchema: JSONValue = ["type": "array"]
        init() {}
        init(parameter node: ParameterNode) throws(ParameterError) {
            guard case let .sequence(rows) = node.content else { throw Self.mismatch(node) }
            for row in rows {
                guard case let .sequence(items) = row.content else { throw Self.mismatch(row) }
                cells.append(items.map(\.scalar))
            }
        }
        var canonicalText: String { "\(cells)" }
    }

    var tableSchema: TableSchema {
        TableSchema(columns.map { spec in
            let parts = spec.split(separator: ":").map(String.init)
            return .init(parts[0], ColumnType(rawValue: parts[1]) ?? .string)
        })
    }

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? { late ? nil : tableSchema }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let columns = tableSchema.columns.enumerated().map { index, column -> Column in
            let texts = rows.cells.map { $0[index] }
            switch column.type {
            case .int: return .ints(texts.map { $0.flatMap { Int($0) } })
            case .double: return .doubles(texts.map { $0.flatMap { Double($0) } })
            case .timestamp: return .timestamps(texts.map { $0.flatMap { Int($0) } })
            case .bool: return .bools(texts.map { $0.map { $0 == "true" } })
            case .string: return .strings(texts)
            }
        }
        return try DataFrame(names: tableSchema.names, columns: columns)
    }
}

let verbRegistry = StepRegistry(steps: TableSteps.steps + [InlineTableStep.self], values: TableSteps.values)

/// Every problem `check` finds in `text`, as `path:line:col: error: message`, in file order.
func diagnostics(_ text: String) -> [String] {
    let (notebook, loaded) = NotebookLoader(registry: verbRegistry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    guard let notebook else { return loaded.map(\.description) }
    let (_, checked) = Checker(registry: verbRegistry).check(notebook)
    return (loaded + checked).sortedByLocation().map(\.description)
}

/// Runs `text` through the checker and the executor.
/// - Returns: each step's failure message (nil for a step that succeeded) and its table outputs.
func run(_ text: String) throws -> [(failure: String?, tables: [TableOutput])] {
    let (notebook, loaded) = NotebookLoader(registry: verbRegistry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    guard let notebook else { throw StepError(loaded.map(\.description).joined(separator: "\n")) }
    let (plan, checked) = Checker(registry: verbRegistry).check(notebook)
    guard let plan else { throw StepError(checked.map(\.description).joined(separator: "\n")) }
    return Executor(registry: verbRegistry).run(plan, options: ExecutionOptions(includesTimings: false)).stepResults.map { result in
        var failure: String?
        if case let .failed(message) = result.status { failure = message }
        let tables = result.outputs.compactMap { output -> TableOutput? in
            if case let .table(table) = output { return table }
            return nil
        }
        return (failure, tables)
    }
}

extension TableOutput {
    /// The values of the column `name`, as shown.
    func column(_ name: String) -> [String] {
        guard let index = columns.firstIndex(where: { $0.name == name }) else { return [] }
        return rows.map { $0.cells[index] }
    }
}

/// A small ratings table, in notebook text: lines 1–9 and a blank line 10.
let fixtures = """
```table
columns: [userId:int, movieId:int, rating:double, title:string]
rows:
  - [1, 10, 4.0, Heat]
  - [2, 20, 3.5, Up]
  - [1, 20, ~, Up]
  - [3, 10, 5.0, ~]
as: ratings
```


"""
