import Foundation

/// Colour for terminal text: on for a terminal, off for a pipe or a file and whenever the
/// `NO_COLOR` environment variable is set to anything (https://no-color.org), unless the user
/// asked otherwise with `--color`.
public struct TerminalStyle: Sendable, Equatable {
    /// `--color`: `auto` follows the terminal and `NO_COLOR`; the others say it outright.
    public enum Mode: String, Sendable, CaseIterable {
        case auto
        case always
        case never
    }

    /// Whether escape codes are written at all.
    public let isEnabled: Bool

    public init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// The style for output going to a stream that is (`isTerminal`) or is not a terminal.
    /// - Parameters:
    ///   - mode: `--color`; `always` and `never` win over the stream and `NO_COLOR`.
    ///   - environment: read for `NO_COLOR` (any non-empty value turns colour off) and
    ///     `TERM=dumb`.
    public init(mode: Mode, isTerminal: Bool, environment: [String: String]) {
        switch mode {
        case .always: isEnabled = true
        case .never: isEnabled = false
        case .auto:
            isEnabled = isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }

    public static let plain = TerminalStyle(isEnabled: false)

    /// Errors and failures.
    public func error(_ text: String) -> String { wrap(text, "31") }
    /// Passed expectations and successes.
    public func success(_ text: String) -> String { wrap(text, "32") }
    /// Notes that describe the run rather than the analysis (cache notes).
    public func dim(_ text: String) -> String { wrap(text, "2") }
    /// Warnings.
    public func warning(_ text: String) -> String { wrap(text, "33") }
    /// Step names in step lines.
    public func bold(_ text: String) -> String { wrap(text, "1") }

    private func wrap(_ text: String, _ code: String) -> String {
        guard isEnabled, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }
}

/// The size of the terminal output goes to.
public enum TerminalSize {
    /// The width a terminal line may take: `COLUMNS` when it is a positive number, else the
    /// terminal's own width (`TIOCGWINSZ`) when `descriptor` is a terminal, else 80.
    public static func columns(environment: [String: String], descriptor: Int32) -> Int {
        if let text = environment["COLUMNS"], let columns = Int(text.trimmingCharacters(in: .whitespaces)), columns > 0 {
            return columns
        }
        if isatty(descriptor) == 1 {
            var size = winsize()
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        return 80
    }

    /// Whether `descriptor` is a terminal.
    public static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }
}
