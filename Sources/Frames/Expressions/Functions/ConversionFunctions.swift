import Foundation
import RecbookSupport

/// Conversions between types. Text that cannot be read as the type asked for is an error naming
/// the row (never a silent null): guard it with `if_else` when some rows are not meant to convert.
enum ConversionFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition(
            "int", "int(x)",
            "`x` as an integer: a double truncated toward zero (as Python's `int`), text read as a whole number, true as 1, a timestamp as Unix seconds.",
            arity: 1...1
        ) { call in
            call.require(0, [.int, .double, .string, .bool, .timestamp], "a value") ? toInt(call) : nil
        },
        FunctionDefinition(
            "double", "double(x)", "`x` as a double: text read as a number, true as 1.0, a timestamp as Unix seconds.", arity: 1...1
        ) { call in
            call.require(0, [.int, .double, .string, .bool, .timestamp], "a value") ? toDouble(call) : nil
        },
        FunctionDefinition(
            "string", "string(x)",
            "`x` as text: numbers as Python writes them (`4.0`), booleans as true or false, timestamps as `2015-01-31 12:00:00`.",
            arity: 1...1
        ) { call in
            call.require(0, [.int, .double, .string, .bool, .timestamp], "a value") ? toText(call) : nil
        },
        FunctionDefinition(
            "timestamp", "timestamp(x)",
            "`x` as a timestamp: an integer (or double, floored) as Unix seconds, or text as an ISO-8601 date or date-time (`2015-01-31`, `2015-01-31 12:00:05`, `2015-01-31T12:00Z`).",
            arity: 1...1
        ) { call in
            guard call.require(0, [.int, .double, .string, .timestamp], "Unix seconds or a date written as text") else { return nil }
            if call.arguments[0].type == .string { return timestampFromText(call) }
            return toTimestamp(call)
        },
    ]

    private static func toInt(_ call: FunctionCall) -> Typed {
        let offset = call.node.offset
        return call.typed(.int) { values, scope throws(ExpressionEvaluationError) in
            let value = values[0]
            switch value.values {
            case .int, .timestamp, .null:
                return value.ints.map { .int($0, nulls: value.nulls) } ?? .null
            case let .bool(bits):
                return .int(.rows((0..<scope.count).map { bits[$0] ? 1 : 0 }), nulls: value.nulls)
            case let .double(x):
                let (ints, nulls) = try converting(x, nulls: value.missing(scope.count), scope: scope, placeholder: 0, failure: { row, number in
                    ExpressionEvaluationError("int() cannot hold \(Format.shortest(number)) in 64 bits", at: offset, row: row)
                }) { Int(exactly: $0.rounded(.towardZero)) }
                return .int(ints, nulls: nulls)
            case let .string(text):
                let (ints, nulls) = try converting(text, nulls: value.nulls, scope: scope, placeholder: 0, failure: { row, text in
                    ExpressionEvaluationError("int() cannot read \(ExpressionLiteral.string(text).sourceText) as an integer", at: offset, row: row)
                }) { Int($0.trimmingCharacters(in: .whitespaces)) }
                return .int(ints, nulls: nulls)
            }
        }
    }

    private static func toDouble(_ call: FunctionCall) -> Typed {
        let offset = call.node.offset
        return call.typed(.double) { values, scope throws(ExpressionEvaluationError) in
            let value = values[0]
            switch value.values {
            case .int, .timestamp, .null:
                return value.ints.map { .double(map($0) { Double($0) }, nulls: value.nulls) } ?? .null
            case .double:
                return value
            case let .bool(bits):
                return .double(.rows((0..<scope.count).map { bits[$0] ? 1 : 0 }), nulls: value.nulls)
            case let .string(text):
                let (doubles, nulls) = try converting(text, nulls: value.nulls, scope: scope, placeholder: Double.nan, failure: { row, text in
                    ExpressionEvaluationError("double() cannot read \(ExpressionLiteral.string(text).sourceText) as a number", at: offset, row: row)
                }) { Double($0.trimmingCharacters(in: .whitespaces)) }
                return .double(doubles, nulls: nulls)
            }
        }
    }

    private static func toText(_ call: FunctionCall) -> Typed {
        call.typed(.string) { values, scope in
            let value = values[0]
            switch value.values {
            case let .int(x): return .string(map(x) { String($0) }, nulls: value.nulls)
            case let .double(x): return .string(map(x) { Format.shortest($0) }, nulls: value.missing(scope.count))
            case let .timestamp(x): return .string(map(x) { CivilDateTime(secondsSinceEpoch: $0).description }, nulls: value.nulls)
            case let .bool(bits): return .string(.rows((0..<scope.count).map { bits[$0] ? "true" : "false" }), nulls: value.nulls)
            case .string: return value
            case .null: return .null
            }
        }
    }

    private static func toTimestamp(_ call: FunctionCall) -> Typed {
        let offset = call.node.offset
        return call.typed(.timestamp) { values, scope throws(ExpressionEvaluationError) in
            let value = values[0]
            guard case let .double(x) = value.values else {
                return value.ints.map { .timestamp($0, nulls: value.nulls) } ?? .null
            }
            let (seconds, nulls) = try converting(x, nulls: value.missing(scope.count), scope: scope, placeholder: 0, failure: { row, number in
                ExpressionEvaluationError("timestamp() cannot hold \(Format.shortest(number)) seconds in 64 bits", at: offset, row: row)
            }) { Int(exactly: $0.rounded(.down)) }
            return .timestamp(seconds, nulls: nulls)
        }
    }

    /// A call that reads dates written as text; a literal is read once, by the checker.
    static func timestampFromText(_ call: FunctionCall) -> Typed? {
        let argument = call.arguments[0]
        if case let .string(text)? = argument.literal {
            switch TimestampText.parse(text) {
            case let .success(seconds):
                return Typed(.timestamp, call.node) { _ in .timestamp(.constant(seconds)) }
            case let .failure(invalid):
                call.checker.report("\(call.checker.quoted(argument.node)) is not a date: \(invalid.reason)", at: argument.node)
                return nil
            }
        }
        let offset = call.node.offset, name = call.name
        return call.typed(.timestamp) { values, scope throws(ExpressionEvaluationError) in
            guard let text = values[0].strings else { return .null }
            var reason = ""
            let (seconds, nulls) = try converting(text, nulls: values[0].nulls, scope: scope, placeholder: 0, failure: { row, text in
                ExpressionEvaluationError("\(name)() cannot read \(ExpressionLiteral.string(text).sourceText) as a date: \(reason)", at: offset, row: row)
            }) { (text: String) -> Int? in
                switch TimestampText.parse(text) {
                case let .success(seconds): return seconds
                case let .failure(invalid):
                    reason = invalid.reason
                    return nil
                }
            }
            return .timestamp(seconds, nulls: nulls)
        }
    }
}
