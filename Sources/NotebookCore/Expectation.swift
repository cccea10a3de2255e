import RecbookSupport
import RunModel

/// An `expect:` line: a comparison on one of the step value's measurements, checked after the
/// step runs. Chained comparisons read like Python's:
///
/// ```yaml
/// expect:
///   - rows == 81200
///   - round(rmse, 4) == 0.9628
///   - 0.67 <= recall <= 0.69
/// ```
public struct Expectation: Sendable, Hashable {
    public enum Operand: Sendable, Hashable {
        case number(Double)
        /// A quoted string, compared with a text measurement (a table cell: `genre[0] == 'Drama'`).
        case text(String)
        case measurement(String)
        /// `round(NAME, DIGITS)`: the measurement rounded half-even to DIGITS decimals, the way
        /// Python's format prints it.
        case rounded(String, digits: Int)
    }

    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", equal = "==", notEqual = "!="
        case less = "<", greater = ">"

        func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
            switch self {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .equal: return a == b
            case .notEqual: return a != b
            }
        }
    }

    /// The expectation as written.
    public var source: String
    public var location: SourceLocation
    public var operands: [Operand]
    public var comparisons: [Comparison]

    /// The measurement the expectation tests.
    public var measurementName: String {
        for operand in operands {
            switch operand {
            case let .measurement(name), let .rounded(name, _): return name
            case .number, .text: continue
            }
        }
        return ""
    }

    /// Parses one expectation.
    /// - Throws: ``ParameterError`` describing what was expected, at `location`.
    public init(parsing text: String, at location: SourceLocation) throws(ParameterError) {
        source = text.trimmingCharacters(in: .whitespaces)
        self.location = location
        var scanner = ExpectationScanner(source)
        var operands: [Operand] = []
        var comparisons: [Comparison] = []
        do {
            operands.append(try scanner.operand())
            while !scanner.isAtEnd {
                comparisons.append(try scanner.comparison())
                operands.append(try scanner.operand())
            }
        } catch let message {
            throw ParameterError("expectation '\(source)': \(message.text)", at: location)
        }
        let names = operands.filter {
            switch $0 {
            case .measurement, .rounded: true
            case .number, .text: false
            }
        }
        guard !comparisons.isEmpty else {
            throw ParameterError("expectation '\(source)' must compare a measurement, as in 'rows == 100'", at: location)
        }
        guard names.count == 1 else {
            throw ParameterError("expectation '\(source)' must name exactly one measurement", at: location)
        }
        self.operands = operands
        self.comparisons = comparisons
    }

    /// Evaluates the expectation against a value's numeric measurements.
    public func evaluate(_ measure: (String) -> Double?) -> ExpectationResult {
        evaluate(measuring: { measure($0).map(MeasuredValue.number) })
    }

    /// Evaluates the expectation against a value's measurements, numbers or text.
    public func evaluate(measuring measure: (String) -> MeasuredValue?) -> ExpectationResult {
        let name = measurementName
        guard let measured = measure(name) else {
            return ExpectationResult(source: source, passed: false, detail: "the value has no measurement '\(name)'")
        }
        switch measured {
        case let .number(value):
            return compare(value, name: name, detail: "\(name) = \(Format.number(value))") { operand in
                switch operand {
                case let .number(number): return number
                case .measurement: return value
                case let .rounded(_, digits): return Self.round(value, digits: digits)
                case .text: return nil
                }
            }
        case let .text(value):
            return compare(value, name: name, detail: "\(name) = '\(value)'") { operand in
                switch operand {
                case let .text(text): return text
                case .measurement: return value
                case .number, .rounded: return nil
                }
            }
        }
    }

    /// Compares the operands, each resolved by `resolve`; one that cannot be (a number against
    /// text) fails the expectation with a detail that says so.
    private func compare<T: Comparable>(
        _ measured: T, name: String, detail: String, resolve: (Operand) -> T?
    ) -> ExpectationResult {
        let resolved = operands.map(resolve)
        guard resolved.allSatisfy({ $0 != nil }) else {
            let what = T.self == String.self ? "text" : "a number"
            return ExpectationResult(source: source, passed: false, detail: "\(name) is \(what), which cannot be compared with \(T.self == String.self ? "a number" : "text")")
        }
        var passed = true
        for (index, comparison) in comparisons.enumerated() where !comparison.holds(resolved[index]!, resolved[index + 1]!) {
            passed = false
        }
        return ExpectationResult(source: source, passed: passed, detail: detail)
    }

    /// Rounds like Python's `f"{x:.4f}"` (correctly rounded decimal, via the C formatter).
    static func round(_ value: Double, digits: Int) -> Double {
        Double(Format.fixed(value, max(0, min(digits, 15)))) ?? value
    }
}

private struct ExpectationScanner {
    struct Failure: Error { let text: String }

    let characters: [Character]
    var index = 0

    init(_ text: String) { characters = Array(text) }

    var isAtEnd: Bool {
        mutating get { skipSpaces(); return index >= characters.count }
    }

    mutating func skipSpaces() {
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
    }

    mutating func comparison() throws(Failure) -> Expectation.Comparison {
        skipSpaces()
        for candidate in Expectation.Comparison.allCases {
            let symbol = Array(candidate.rawValue)
            if index + symbol.count <= characters.count, Array(characters[index..<(index + symbol.count)]) == symbol {
                index += symbol.count
                return candidate
            }
        }
        throw Failure(text: "expected a comparison (<, <=, >, >=, ==, !=) at column \(index + 1)")
    }

    /// A measurement name: letters, digits, `_`, `.`, `-` inside and `@` (as in `recall@10`),
    /// optionally followed by a row index in brackets (a table cell: `mean_rating[0]`, `genre[-1]`)
    /// or a group's range (a figure broken down by group: `recall@10[1–30]`, `rmse[301+]`).
    mutating func word() -> String {
        let start = index
        while index < characters.count,
              characters[index].isLetter || characters[index].isNumber || "_.@".contains(characters[index])
                || (characters[index] == "-" && index > start && index + 1 < characters.count && characters[index + 1].isLetter) {
            index += 1
        }
        if index > start, index < characters.count, characters[index] == "[",
           let close = characters[index...].firstIndex(of: "]"),
           characters[(index + 1)..<close].allSatisfy({ $0.isNumber || "-–+".contains($0) }), close > index + 1 {
            index = close + 1
        }
        return String(characters[start..<index])
    }

    /// A string in single or double quotes; a backslash escapes the next character.
    mutating func quoted() throws(Failure) -> String {
        let quote = characters[index]
        let opening = index
        index += 1
        var text = ""
        while index < characters.count, characters[index] != quote {
            if characters[index] == "\\", index + 1 < characters.count { index += 1 }
            text.append(characters[index])
            index += 1
        }
        guard index < characters.count else { throw Failure(text: "unclosed string starting at column \(opening + 1)") }
        index += 1
        return text
    }

    mutating func operand() throws(Failure) -> Expectation.Operand {
        skipSpaces()
        guard index < characters.count else { throw Failure(text: "expected a number or a measurement name at the end") }
        let first = characters[index]
        if first == "'" || first == "\"" { return .text(try quoted()) }
        if first.isNumber || first == "-" || first == "+" || first == "." {
            let start = index
            index += 1
            while index < characters.count,
                  characters[index].isNumber || "._eE".contains(characters[index])
                  || ("+-".contains(characters[index]) && "eE".contains(characters[index - 1])) {
                index += 1
            }
            let text = String(characters[start..<index]).replacingOccurrences(of: "_", with: "")
            guard let value = Double(text) else { throw Failure(text: "'\(text)' is not a number") }
            return .number(value)
        }
        let name = word()
        guard !name.isEmpty else { throw Failure(text: "unexpected '\(first)' at column \(index + 1)") }
        if name == "round" {
            skipSpaces()
            guard index < characters.count, characters[index] == "(" else {
                throw Failure(text: "expected '(' after 'round'")
            }
            index += 1
            skipSpaces()
            let inner = word()
            guard !inner.isEmpty else { throw Failure(text: "expected a measurement name inside round(…)") }
            skipSpaces()
            guard index < characters.count, characters[index] == "," else {
                throw Failure(text: "expected ', DIGITS)' in round(\(inner), DIGITS)")
            }
            index += 1
            skipSpaces()
            let digitsText = word()
            guard let digits = Int(digitsText) else { throw Failure(text: "expected a digit count in round(\(inner), DIGITS)") }
            skipSpaces()
            guard index < characters.count, characters[index] == ")" else { throw Failure(text: "expected ')' to close round(") }
            index += 1
            return .rounded(inner, digits: digits)
        }
        return .measurement(name)
    }
}

/// A measured value an expectation tests: a number, or text (a table's string cell).
public enum MeasuredValue: Sendable, Hashable {
    case number(Double)
    case text(String)
}
