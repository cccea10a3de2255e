import Foundation
import Outputs
import RecbookSupport
import RunModel

/// Renders step outputs as plain text for printing while a notebook runs: text as is, tables as
/// aligned columns, figures as ASCII charts, notes as their Markdown source.
///
/// Nothing here writes escape sequences; a caller that wants colour adds it.
public struct TerminalOutputRenderer: Sendable {
    /// The number of columns available.
    public var width: Int
    private let tables: TerminalTableRenderer
    private let charts: ASCIIChartRenderer

    /// Whether lines of text wider than ``width`` are broken at spaces.
    public var wrapsText: Bool

    /// - Parameters:
    ///   - width: the terminal's width in columns: tables wider than it lose columns from their
    ///     middle, and charts use at most 72 of them.
    ///   - wrapsText: break long lines of text and notes at spaces to fit `width`. For a
    ///     terminal, which would otherwise break them mid-word; text going to a pipe or a file
    ///     stays as the step printed it, so that it can be searched.
    public init(width: Int = 80, wrapsText: Bool = false) {
        self.width = max(30, width)
        self.wrapsText = wrapsText
        tables = TerminalTableRenderer(maxCellWidth: max(10, min(40, width / 2)), maxWidth: max(30, width))
        charts = ASCIIChartRenderer(width: min(72, max(30, width)))
    }

    /// One output as lines of text, without a trailing newline.
    public func render(_ output: Output) -> String {
        switch output {
        case .text(let text):
            return wrapped(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        case .table(let table):
            let caption = table.caption.map { "Table: " + $0 + "\n" } ?? ""
            return caption + tables.render(table)
        case .figure(let figure):
            let caption = figure.caption.map { "\n" + $0 } ?? ""
            return charts.render(figure) + caption
        case .note(let note):
            return wrapped((note.kind == .warning ? "Warning: " : "Note: ") + note.markdown
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Every line of `text` broken at spaces to fit ``width`` (``TerminalText/wrapped(_:toWidth:)``)
    /// when ``wrapsText`` is on; `text` as it is otherwise.
    public func wrapped(_ text: String) -> String {
        guard wrapsText else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { TerminalText.wrapped(String($0), toWidth: width) }
            .joined(separator: "\n")
    }

    /// Several outputs, separated by blank lines.
    public func render(_ outputs: [Output]) -> String {
        outputs.map(render).joined(separator: "\n\n")
    }

    /// A step's result as printed after it ran: a header line with its number, name, status and
    /// (optionally) time, the error or reason when it has one, why it was not reused from the
    /// cache, its outputs, its expectations and its value.
    /// - Parameters:
    ///   - step: the step's result.
    ///   - includesTimings: whether to print how long it took.
    public func render(step: StepCellResult, includesTimings: Bool) -> String {
        var header = "In [\(step.number)] \(step.name)"
        switch step.status {
        case .succeeded: header += "  ✓"
        case .reused: header += "  ↺ reused"
        case .failed: header += "  ✗ failed"
        case .notRun: header += "  – not run"
        }
        if includesTimings, let duration = step.duration, duration.isFinite, duration >= 0 {
            header += "  " + Format.duration(duration)
        }
        var blocks = [header]
        switch step.status {
        case .succeeded: break
        case .reused(let reason): blocks.append("reused from the cache: " + reason)
        case .failed(let message): blocks.append("error: " + message)
        case .notRun(let reason): blocks.append("not run: " + reason)
        }
        if let note = StepPresentation.cacheNote(of: step) { blocks.append("not reused: " + note) }
        if !step.outputs.isEmpty { blocks.append(render(step.outputs)) }
        for expectation in step.expectations {
            let detail = expectation.detail.isEmpty ? "" : " (\(expectation.detail))"
            blocks.append((expectation.passed ? "✓ " : "✗ ") + expectation.source + detail)
        }
        if let value = StepPresentation.valueText(of: step) { blocks.append("→ " + value) }
        return blocks.joined(separator: "\n")
    }
}
