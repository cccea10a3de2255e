import Frames
import NotebookCore
import RecbookSupport

/// One key of a sort, written `column`, `column asc`, `column desc` or `-column` (descending).
struct SortKeyParameter: ParameterType, Hashable {
    var column = ColumnName()
    var ascending = true

    static let typeName = "sort key"
    static let jsonSchema: JSONValue = ["type": "string"]

    init() {}

    init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar else { throw Self.mismatch(node) }
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, scalars[start].properties.isWhitespace { start += 1 }
        while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
        if start < end, scalars[start] == "-" {
            ascending = false
            start += 1
        } else if let space = scalars[start..<end].lastIndex(where: { $0.properties.isWhitespace }) {
            switch String(String.UnicodeScalarView(scalars[(space + 1)..<end])).lowercased() {
            case "desc": ascending = false; end = space
            case "asc": end = space
            default: break
            }
            while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
        }
        guard start < end else {
            throw ParameterError("expects a sort key such as 'rating desc' or '-rating', got '\(text)'", at: node.location)
        }
        column = ColumnName(String(String.UnicodeScalarView(scalars[start..<end])), at: node.location(atOffset: start))
    }

    var canonicalText: String { column.name + (ascending ? "" : " desc") }

    var sortKey: SortKey { SortKey(column.name, ascending: ascending) }
}

/// The `columns` map of `rename`: old name → new name, each remembering where it is written.
struct ColumnRenames: ParameterType, Hashable {
    struct Rename: Hashable {
        var old: ColumnName
        var new: String
        var newLocation: SourceLocation
    }

    var renames: [Rename] = []

    static let typeName = "map of column names"
    static let jsonSchema: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]

    init() {}

    init(parameter node: ParameterNode) throws(ParameterError) {
        guard case let .mapping(entries) = node.content, !entries.isEmpty else {
            throw ParameterError("expects a map from old to new column names, such as {rating: stars}, got \(node.shortDescription)", at: node.location)
        }
        for entry in entries {
            guard let new = entry.value.scalar, !new.isEmpty else {
                throw ParameterError("expects a new name for column '\(entry.key)', got \(entry.value.shortDescription)", at: entry.value.location)
            }
            renames.append(Rename(old: ColumnName(entry.key, at: entry.keyLocation), new: new, newLocation: entry.value.location))
        }
    }

    var canonicalText: String { "{" + renames.map { "\($0.old.name): \($0.new)" }.joined(separator: ", ") + "}" }
}

/// One aggregate of `group`, written as a call: `count()`, `mean(rating)`, `quantile(rating, 0.9)`,
/// remembering where its function name and column are written.
struct AggregateCall: Hashable {
    var function: AggregateFunction
    var column: ColumnName?
    var q = 0.5

    var aggregate: Aggregate { Aggregate(function, column?.name, q: q) }

    var canonicalText: String {
        let arguments = [column?.name].compactMap { $0 } + (function == .quantile ? [Format.shortest(q)] : [])
        return "\(function.rawValue)(\(arguments.joined(separator: ", ")))"
    }

    /// Parses the call written in `node`.
    /// - Throws: a ``ParameterError`` at the offending character: an unknown function (with the
    ///   closest name), a missing parenthesis, or the wrong arguments for the function.
    init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar else {
            throw ParameterError("expects a call such as mean(rating), got \(node.shortDescription)", at: node.location)
        }
        let scalars = Array(text.unicodeScalars)
        func word(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        func trimmed(_ range: Range<Int>) -> Range<Int> {
            var (start, end) = (range.lowerBound, range.upperBound)
            while start < end, scalars[start].properties.isWhitespace { start += 1 }
            while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
            return start..<end
        }
        let whole = trimmed(0..<scalars.count)
        guard let open = scalars[whole].firstIndex(of: "("), scalars[whole].last == ")" else {
            throw ParameterError("expects a call such as mean(rating), got '\(text)'", at: node.location(atOffset: whole.lowerBound))
        }
        let nameRange = trimmed(whole.lowerBound..<open)
        let name = word(nameRange)
        guard let function = AggregateFunction(rawValue: name) else {
            var message = "has no function '\(name)'"
            if let suggestion = Suggestions.bestMatch(for: name, in: AggregateFunction.allCases.map(\.rawValue)) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; the functions are " + AggregateFunction.allCases.map { "\($0.rawValue)()" }.joined(separator: ", ")
            }
            throw ParameterError(message, at: node.location(atOffset: nameRange.lowerBound))
        }
        self.function = function
        var arguments: [Range<Int>] = []
        var start = open + 1
        for index in (open + 1)..<(whole.upperBound - 1) where scalars[index] == "," {
            arguments.append(trimmed(start..<index))
            start = index + 1
        }
        arguments.append(trimmed(start..<(whole.upperBound - 1)))
        if arguments.count == 1, arguments[0].isEmpty { arguments = [] }
        try readArguments(arguments, word, node, callStart: whole.lowerBound)
    }

    private mutating func readArguments(
        _ arguments: [Range<Int>], _ word: (Range<Int>) -> String, _ node: ParameterNode, callStart: Int
    ) throws(ParameterError) {
        let expected: ClosedRange<Int> = function == .count ? 0...1 : function == .quantile ? 2...2 : 1...1
        guard expected.contains(arguments.count), arguments.allSatisfy({ !$0.isEmpty }) else {
            let usage: String
            switch function {
            case .count: usage = "count() counts rows and count(column) present values"
            case .quantile: usage = "quantile() takes a column and a number in [0, 1], as in quantile(rating, 0.9)"
            default: usage = "\(function.rawValue)() takes one column, as in \(function.rawValue)(rating)"
            }
            throw ParameterError(usage, at: node.location(atOffset: callStart))
        }
        if let first = arguments.first {
            column = ColumnName(word(first), at: node.location(atOffset: first.lowerBound))
        }
        if function == .quantile {
            let text = word(arguments[1])
            guard let value = Double(text), (0...1).contains(value) else {
                throw ParameterError("quantile() needs a number in [0, 1], got '\(text)'", at: node.location(atOffset: arguments[1].lowerBound))
            }
            q = value
        }
    }
}

/// The `aggregate` map of `group`: output column → call.
struct Aggregations: ParameterType, Hashable {
    struct Item: Hashable {
        var name: String
        var nameLocation: SourceLocation
        var call: AggregateCall
    }

    var items: [Item] = []

    static let typeName = "map of column → aggregate call"
    static let jsonSchema: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]

    init() {}

    init(parameter node: ParameterNode) throws(ParameterError) {
        guard case let .mapping(entries) = node.content, !entries.isEmpty else {
            throw ParameterError(
                "expects a map from output column to call, such as {mean_rating: mean(rating), ratings: count()}, got \(node.shortDescription)",
                at: node.location
            )
        }
        for entry in entries {
            items.append(Item(name: entry.key, nameLocation: entry.keyLocation, call: try AggregateCall(parameter: entry.value)))
        }
    }

    var canonicalText: String { "{" + items.map { "\($0.name): \($0.call.canonicalText)" }.joined(separator: ", ") + "}" }
}
