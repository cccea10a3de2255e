import NotebookMarkdown
import RecbookSupport

/// A figure from the run written into prose: an inline code span that starts with `=`, such as
/// `` `=split.train` `` or `` `=svd_eval.rmse:.4f` ``. It names a bound value, optionally members,
/// then one of its measurements (what an `expect:` line could test), and optionally a format.
/// The report shows the measured value in its place, so the prose never states a figure the run
/// did not produce.
///
/// Formats follow Python's format mini-language, in part: `.4f` (fixed decimals), `,` (thousands
/// separators, alone or as in `,.1f`), `.1%` (a share as a percentage), `d` (an integer).
public struct InlineValue: Sendable, Hashable {
    /// The span's text after `=`, exactly as written: the key renderers look the value up by.
    public var text: String
    /// The value's name and its path: `split.train.rows` → `split`, `train.rows`.
    public var name: String
    public var path: String
    public var format: String?
    /// Where the span's text starts (after the backtick and `=`).
    public var location: SourceLocation

    /// Parses the text of an inline value (after `=`); nil when it is not `NAME.PATH[:FORMAT]`.
    init?(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        format = nil
        if let colon = body.lastIndex(of: ":"), !body[body.index(after: colon)...].contains("]") {
            format = String(body[body.index(after: colon)...])
            body = body[..<colon]
        }
        guard let dot = body.firstIndex(of: ".") else { return nil }
        name = String(body[..<dot])
        path = String(body[body.index(after: dot)...])
        guard ValueRef.isIdentifier(name), !path.isEmpty else { return nil }
    }

    /// The measured value as the prose shows it, in the span's format.
    /// - Throws: a message when the format does not fit the value.
    public func rendered(_ value: MeasuredValue) throws(InlineFormatError) -> String {
        switch value {
        case let .text(text):
            guard format == nil || format == "" || format == "s" else {
                throw InlineFormatError("the format ':\(format ?? "")' needs a number, but the value is text")
            }
            return text
        case let .number(number):
            return try InlineNumberFormat(format ?? "").render(number)
        }
    }
}

/// A format that does not fit an inline value, or that recbook does not know.
public struct InlineFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The part of Python's format mini-language inline values use: `[,][.N](f|%|e|g)` and `d`.
struct InlineNumberFormat {
    var grouping = false
    var precision: Int?
    var type: Character?

    init(_ spec: String) throws(InlineFormatError) {
        var rest = Substring(spec)
        if rest.first == "," { grouping = true; rest = rest.dropFirst() }
        if rest.first == "." {
            rest = rest.dropFirst()
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let value = Int(digits), value <= 15 else {
                throw InlineFormatError("the format ':\(spec)' needs a precision of 0 to 15 digits after '.'")
            }
            precision = value
            rest = rest.dropFirst(digits.count)
        }
        if let last = rest.first {
            guard rest.count == 1, "f%eEgGd".contains(last) else {
                throw InlineFormatError("unknown format ':\(spec)'; use for example ':.4f', ':,', ':.1%' or ':d'")
            }
            type = last
        }
    }

    func render(_ value: Double) throws(InlineFormatError) -> String {
        guard value.isFinite else { return Format.number(value) }
        switch type {
        case "d"?:
            guard value == value.rounded() else { throw InlineFormatError("the format ':d' needs a whole number, got \(Format.number(value))") }
            return grouping ? Format.grouped(Int(value)) : String(Int(value))
        case "%"?:
            return Format.fixed(value * 100, precision ?? 6) + "%"
        case "e"?, "E"?, "g"?, "G"?:
            return String(format: "%.\(precision ?? 6)\(type!)", value)
        case "f"?:
            return grouped(Format.fixed(value, precision ?? 6))
        default:
            if let precision { return grouped(Format.fixed(value, precision)) }
            if grouping, value == value.rounded(), abs(value) < 1e15 { return Format.grouped(Int(value)) }
            return Format.number(value)
        }
    }

    /// Thousands separators in the integer part of a decimal, when asked for.
    private func grouped(_ text: String) -> String {
        guard grouping else { return text }
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let integer = unsigned.prefix { $0 != "." }
        let fraction = unsigned.dropFirst(integer.count)
        var result = ""
        for (index, character) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (negative ? "-" : "") + result + fraction
    }
}

/// A cross-reference in prose: `@fig-NAME` or `@tbl-NAME`.
public struct ProseCrossReference: Sendable, Hashable {
    /// `fig-NAME` or `tbl-NAME`.
    public var reference: String
    public var location: SourceLocation
    /// The label it names.
    public var label: String { String(reference.dropFirst(4)) }
}

/// Finds inline values and cross-references in a notebook's prose, with their positions, reading
/// the Markdown source of each prose block. Code blocks are skipped, and so is the text of code
/// spans (a reference in a code span is meant literally), except spans that are inline values.
enum ProseScanner {
    static func scan(_ notebook: Notebook) -> (values: [InlineValue], references: [ProseCrossReference], malformed: [Diagnostic]) {
        let lines = notebook.source.split(separator: "\n", omittingEmptySubsequences: false)
        var values: [InlineValue] = [], references: [ProseCrossReference] = [], malformed: [Diagnostic] = []
        for case let .prose(block) in notebook.cells {
            switch block.kind {
            case .fencedCode, .other("code_block"), .htmlBlock: continue
            default: break
            }
            let range = block.range
            guard range.startLine >= 1, range.startLine <= range.endLine, range.endLine <= lines.count else { continue }
            for lineNumber in range.startLine...range.endLine {
                let line = Array(lines[lineNumber - 1].unicodeScalars)
                scanLine(line, lineNumber: lineNumber, file: notebook.path, values: &values, references: &references, malformed: &malformed)
            }
        }
        return (values, references, malformed)
    }

    /// One line of prose. Code spans are taken to close on the same line, which covers inline
    /// values; a span that runs over a line break is not an inline value.
    private static func scanLine(
        _ line: [Unicode.Scalar], lineNumber: Int, file: String,
        values: inout [InlineValue], references: inout [ProseCrossReference], malformed: inout [Diagnostic]
    ) {
        var index = 0
        while index < line.count {
            let scalar = line[index]
            if scalar == "\\" { index += 2; continue }
            if scalar == "`" {
                var run = 0
                while index + run < line.count, line[index + run] == "`" { run += 1 }
                let contentStart = index + run
                guard let close = closingRun(of: run, in: line, from: contentStart) else { index = contentStart; continue }
                if run == 1, contentStart < close, line[contentStart] == "=" {
                    let text = String(String.UnicodeScalarView(line[(contentStart + 1)..<close]))
                    let location = SourceLocation(file: file, line: lineNumber, column: contentStart + 2)
                    if let value = InlineValue(text: text, location: location) {
                        values.append(value)
                    } else {
                        malformed.append(.error(
                            at: location,
                            "inline value '=\(text)' must name a bound value and a measurement, as in `=split.train` or `=evaluation.rmse:.4f`",
                            id: "inline-value"))
                    }
                }
                index = close + run
                continue
            }
            if scalar == "@", !continuesWord(index > 0 ? line[index - 1] : nil),
               let reference = crossReference(in: line, at: index + 1) {
                references.append(ProseCrossReference(
                    reference: reference, location: SourceLocation(file: file, line: lineNumber, column: index + 1)))
                index += 1 + reference.unicodeScalars.count
                continue
            }
            index += 1
        }
    }

    private static func closingRun(of length: Int, in line: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < line.count {
            guard line[index] == "`" else { index += 1; continue }
            var run = 0
            while index + run < line.count, line[index + run] == "`" { run += 1 }
            if run == length { return index }
            index += run
        }
        return nil
    }

    /// The same rules as the report's linker: `fig-` or `tbl-`, then letters, digits, `-`, `_`,
    /// not ending in `-`.
    private static func crossReference(in line: [Unicode.Scalar], at start: Int) -> String? {
        for prefix in ["fig-", "tbl-"] {
            let prefixScalars = Array(prefix.unicodeScalars)
            guard start + prefixScalars.count < line.count,
                  Array(line[start..<(start + prefixScalars.count)]) == prefixScalars else { continue }
            var end = start + prefixScalars.count
            while end < line.count, isNameCharacter(line[end]) { end += 1 }
            while end > start + prefixScalars.count, line[end - 1] == "-" { end -= 1 }
            guard end > start + prefixScalars.count else { return nil }
            return String(String.UnicodeScalarView(line[start..<end]))
        }
        return nil
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) || scalar == "-" || scalar == "_"
    }

    private static func continuesWord(_ previous: Unicode.Scalar?) -> Bool {
        guard let previous else { return false }
        return previous.properties.isAlphabetic || ("0"..."9").contains(previous) || ".-_+".unicodeScalars.contains(previous)
    }
}
