import Foundation

/// Functions of text. Characters are Unicode code points and matches are exact, as in Python.
enum StringFunctions {
    static let all: [FunctionDefinition] = [
        predicate("contains", "contains(s, part)", "Whether `s` contains `part`.", UTF8Text.contains),
        predicate("starts_with", "starts_with(s, prefix)", "Whether `s` starts with `prefix`.", UTF8Text.hasPrefix),
        predicate("ends_with", "ends_with(s, suffix)", "Whether `s` ends with `suffix`.", UTF8Text.hasSuffix),
        transform("lower", "lower(s)", "`s` in lower case.") { $0.lowercased() },
        transform("upper", "upper(s)", "`s` in upper case.") { $0.uppercased() },
        transform("trim", "trim(s)", "`s` without white space at either end.") { $0.trimmingCharacters(in: .whitespacesAndNewlines) },
        length, replace, split, substring,
    ]

    private static let length = FunctionDefinition(
        "length", "length(s)", "The number of characters in `s` (Unicode code points, as Python's `len`).", arity: 1...1
    ) { call in
        guard call.require(0, [.string], "text") else { return nil }
        return call.typed(.int) { values, _ in
            guard let text = values[0].strings else { return .null }
            return .int(map(text) { $0.unicodeScalars.count }, nulls: values[0].nulls)
        }
    }

    private static let replace = FunctionDefinition(
        "replace", "replace(s, old, new)", "`s` with every occurrence of `old` replaced by `new`.", arity: 3...3
    ) { call in
        guard call.requireAll([.string], "text"), nonEmptyLiteral(call, 1, "a non-empty text to replace") else { return nil }
        let offset = call.node.offset
        return call.typed(.string) { values, scope throws(ExpressionEvaluationError) in
            guard let text = values[0].strings, let old = values[1].strings, let new = values[2].strings else { return .null }
            let nulls = RowMask.union(RowMask.union(values[0].nulls, values[1].nulls), values[2].nulls)
            if let row = scope.firstFailure(nulls: nulls, { old[$0].isEmpty }) {
                throw ExpressionEvaluationError("replace() needs a non-empty text to replace", at: offset, row: row)
            }
            return .string(.rows((0..<scope.count).map { UTF8Text.replacing(old[$0], with: new[$0], in: text[$0]) }), nulls: nulls)
        }
    }

    private static let split = FunctionDefinition(
        "split", "split(s, separator, index)",
        "The `index`-th part (from 0; from the end when negative) of `s` cut at each `separator`, or null when there is none.",
        arity: 3...3
    ) { call in
        let valid = [call.require(0, [.string], "text"), call.require(1, [.string], "text"), call.require(2, [.int], "an integer")]
        guard !valid.contains(false), nonEmptyLiteral(call, 1, "a non-empty separator") else { return nil }
        let offset = call.node.offset
        return call.typed(.string) { values, scope throws(ExpressionEvaluationError) in
            guard let text = values[0].strings, let separator = values[1].strings, let index = values[2].ints else { return .null }
            var nulls = RowMask.union(RowMask.union(values[0].nulls, values[1].nulls), values[2].nulls) ?? RowMask(count: scope.count)
            if let row = scope.firstFailure(nulls: nulls, { separator[$0].isEmpty }) {
                throw ExpressionEvaluationError("split() needs a non-empty separator", at: offset, row: row)
            }
            var parts: [String] = []
            parts.reserveCapacity(scope.count)
            for row in 0..<scope.count {
                let part = nulls[row] ? nil : UTF8Text.part(text[row], separator: separator[row], index: index[row])
                if part == nil { nulls[row] = true }
                parts.append(part ?? "")
            }
            return .string(.rows(parts), nulls: nulls.nilIfEmpty)
        }
    }

    private static let substring = FunctionDefinition(
        "substring", "substring(s, start[, length])",
        "`length` characters of `s` from `start` (from 0; from the end when negative), or all the rest.",
        arity: 2...3
    ) { call in
        let text = call.require(0, [.string], "text")
        guard call.requireAll([.int], "an integer", from: 1), text else { return nil }
        return call.typed(.string) { values, scope in
            guard let text = values[0].strings, let start = values[1].ints else { return .null }
            let length = values.count > 2 ? values[2].ints : nil
            if values.count > 2, length == nil { return .null }
            let nulls = values.dropFirst().reduce(values[0].nulls) { RowMask.union($0, $1.nulls) }
            let parts = (0..<scope.count).map { UTF8Text.substring(text[$0], start: start[$0], length: length?[$0]) }
            return .string(.rows(parts), nulls: nulls)
        }
    }

    /// A function of two texts that tests something of them.
    private static func predicate(
        _ name: String, _ signature: String, _ summary: String, _ holds: @escaping @Sendable (String, String) -> Bool
    ) -> FunctionDefinition {
        FunctionDefinition(name, signature, summary, arity: 2...2) { call in
            guard call.requireAll([.string], "text") else { return nil }
            return call.typed(.bool) { values, scope in
                guard let text = values[0].strings, let part = values[1].strings else { return .null }
                return .bool(test(text, part, count: scope.count, holds), nulls: RowMask.union(values[0].nulls, values[1].nulls), count: scope.count)
            }
        }
    }

    /// A function of one text giving text.
    private static func transform(
        _ name: String, _ signature: String, _ summary: String, _ transform: @escaping @Sendable (String) -> String
    ) -> FunctionDefinition {
        FunctionDefinition(name, signature, summary, arity: 1...1) { call in
            guard call.require(0, [.string], "text") else { return nil }
            return call.typed(.string) { values, _ in
                guard let text = values[0].strings else { return .null }
                return .string(map(text, transform), nulls: values[0].nulls)
            }
        }
    }

    /// Reports argument `index` when it is written as the empty text.
    private static func nonEmptyLiteral(_ call: FunctionCall, _ index: Int, _ what: String) -> Bool {
        guard case .string("")? = call.arguments[index].literal else { return true }
        call.checker.report("\(call.name)() needs \(what)\(FunctionCall.position(index)), not ''", at: call.arguments[index].node)
        return false
    }
}
