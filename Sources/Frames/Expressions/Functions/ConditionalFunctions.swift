/// Choosing values row by row. An argument is computed only for the rows that use it, as far as
/// errors go: `if_else(s == '', null, int(s))` does not fail on the empty rows.
enum ConditionalFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition(
            "coalesce", "coalesce(a, b, …)", "The first of the values that is not null, as SQL's `COALESCE`.", arity: 2...Int.max
        ) { call in
            guard let type = call.commonType(from: 0, "arguments") else { return nil }
            let kernels = call.arguments.map(\.kernel)
            return Typed(type, call.node) { scope throws(ExpressionEvaluationError) in
                var result = try kernels[0](scope)
                for kernel in kernels.dropFirst() {
                    guard let missing = result.missing(scope.count) else { break }
                    var narrowed = scope
                    narrowed.active = RowMask.restricting(scope.active, to: missing)
                    let next = try kernel(narrowed)
                    result = LogicKernels.select(missing.inverted, result, next, type: type, count: scope.count)
                }
                return result
            }
        },
        FunctionDefinition(
            "if_else", "if_else(condition, a, b)",
            "`a` where `condition` is true, and `b` where it is false or null (as SQL's `CASE WHEN`).", arity: 3...3
        ) { call in
            let condition = call.require(0, [.bool], "a condition (true or false)")
            guard let type = call.commonType(from: 1, "both branches"), condition else { return nil }
            let kernels = call.arguments.map(\.kernel)
            return Typed(type, call.node) { scope throws(ExpressionEvaluationError) in
                let chosen = try kernels[0](scope).bools?.materialised(scope.count) ?? RowMask(count: scope.count)
                var whenTrue = scope, whenFalse = scope
                whenTrue.active = RowMask.restricting(scope.active, to: chosen)
                whenFalse.active = RowMask.restricting(scope.active, to: chosen.inverted)
                return LogicKernels.select(chosen, try kernels[1](whenTrue), try kernels[2](whenFalse), type: type, count: scope.count)
            }
        },
    ]
}
