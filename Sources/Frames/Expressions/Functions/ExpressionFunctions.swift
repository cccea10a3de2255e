import RecbookSupport

/// One function of the expression language: its name, how many arguments it takes, its
/// documentation, and how to type-check and compile a call of it.
struct FunctionDefinition: Sendable {
    let name: String
    /// How the call is written in documentation: `substring(s, start[, length])`.
    let signature: String
    let summary: String
    let arity: ClosedRange<Int>
    /// Checks a call's arguments (already checked themselves and of a valid count) and compiles
    /// it; nil after reporting a problem.
    let resolve: @Sendable (FunctionCall) -> Typed?

    init(
        _ name: String, _ signature: String, _ summary: String, arity: ClosedRange<Int>,
        _ resolve: @escaping @Sendable (FunctionCall) -> Typed?
    ) {
        self.name = name
        self.signature = signature
        self.summary = summary
        self.arity = arity
        self.resolve = resolve
    }

    /// "1 argument", "2 or 3 arguments", "at least 2 arguments".
    var arityDescription: String {
        let noun: (Int) -> String = { $0 == 1 ? "argument" : "arguments" }
        if arity.upperBound == Int.max { return "at least \(arity.lowerBound) \(noun(arity.lowerBound))" }
        if arity.count == 1 { return "\(arity.lowerBound) \(noun(arity.lowerBound))" }
        return "\(arity.lowerBound) or \(arity.upperBound) arguments"
    }
}

/// The functions of the expression language, by name (names are case-sensitive).
public enum ExpressionFunctions {
    static let all: [FunctionDefinition] =
        StringFunctions.all + MathFunctions.all + DateFunctions.all + ConversionFunctions.all + ConditionalFunctions.all

    private static let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    static func definition(named name: String) -> FunctionDefinition? { byName[name] }

    /// The function `name` is probably a typo of.
    static func suggestion(for name: String) -> String? {
        Suggestions.bestMatch(for: name, in: all.map(\.name))
    }

    /// Each function's call as written and what it computes, in the order documentation lists them.
    public static var reference: [(signature: String, summary: String)] {
        all.map { ($0.signature, $0.summary) }
    }
}

/// A call being checked: its arguments, already typed, and where to report problems.
struct FunctionCall {
    let name: String
    let node: ExpressionNode
    let arguments: [Typed]
    let checker: ExpressionChecker

    /// Reports argument `index` unless its type is one of `accepted` (or null, which fits any).
    /// - Parameter phrase: what the function expects, in a message: "text", "a number".
    func require(_ index: Int, _ accepted: [ExpressionType], _ phrase: String) -> Bool {
        let argument = arguments[index]
        guard !accepted.contains(argument.type), argument.type != .null else { return true }
        checker.report("\(name)() expects \(phrase)\(Self.position(index)), but \(checker.describe(argument))", at: argument.node)
        return false
    }

    /// Checks every argument in turn (reporting each problem), and says whether all passed.
    func requireAll(_ accepted: [ExpressionType], _ phrase: String, from first: Int = 0) -> Bool {
        (first..<arguments.count).map { require($0, accepted, phrase) }.allSatisfy { $0 }
    }

    /// " as its second argument", or nothing for the first.
    static func position(_ index: Int) -> String {
        let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
        guard index > 0 else { return "" }
        return index < ordinals.count ? " as its \(ordinals[index]) argument" : " as argument \(index + 1)"
    }

    /// A call computed from the values of all its arguments.
    func typed(
        _ type: ExpressionType,
        _ compute: @escaping @Sendable ([Vector], EvaluationScope) throws(ExpressionEvaluationError) -> Vector
    ) -> Typed {
        let kernels = arguments.map(\.kernel)
        return Typed(type, node) { scope throws(ExpressionEvaluationError) in
            var values: [Vector] = []
            values.reserveCapacity(kernels.count)
            for kernel in kernels { values.append(try kernel(scope)) }
            return try compute(values, scope)
        }
    }

    /// The error for a value the call cannot compute in `row`.
    func failure(_ message: String, row: Int) -> ExpressionEvaluationError {
        ExpressionEvaluationError(message, at: node.offset, row: row)
    }

    /// The common type of the arguments from `first` on, reporting each that does not fit.
    func commonType(from first: Int, _ what: String) -> ExpressionType? {
        var common = ExpressionType.null
        var leader: Typed?
        var valid = true
        for argument in arguments[first...] {
            guard let next = ExpressionType.common(common, argument.type) else {
                let other = leader.map { checker.describe($0) } ?? ""
                checker.report("\(name)() needs \(what) of one kind, but \(other) and \(checker.describe(argument))", at: argument.node)
                valid = false
                continue
            }
            if argument.type != .null, leader == nil { leader = argument }
            common = next
        }
        return valid ? common : nil
    }
}

/// Converts value by value where a conversion can fail.
///
/// A value that cannot be converted is an error in a row whose value is used, and null in any
/// other row (the branch of `if_else` a row does not take).
/// - Parameters:
///   - placeholder: what to store in a missing row.
///   - failure: the error for the value in `row`.
func converting<A, R>(
    _ lane: Lane<A>, nulls: RowMask?, scope: EvaluationScope, placeholder: R,
    failure: (Int, A) -> ExpressionEvaluationError, _ convert: (A) -> R?
) throws(ExpressionEvaluationError) -> (values: Lane<R>, nulls: RowMask?) {
    switch lane {
    case let .constant(value):
        if let converted = convert(value) { return (.constant(converted), nulls) }
        if let row = scope.firstFailure(nulls: nulls, { _ in true }) { throw failure(row, value) }
        return (.constant(placeholder), scope.count == 0 ? nil : .all(scope.count))
    case let .rows(values):
        var failed = nulls ?? RowMask(count: values.count)
        var results: [R] = []
        results.reserveCapacity(values.count)
        for row in values.indices {
            if failed[row] {
                results.append(placeholder)
            } else if let converted = convert(values[row]) {
                results.append(converted)
            } else if scope.isActive(row) {
                throw failure(row, values[row])
            } else {
                results.append(placeholder)
                failed[row] = true
            }
        }
        return (.rows(results), failed.nilIfEmpty)
    }
}
