import RecbookSupport

/// A parameter value as written in a step body or the front matter: a YAML node with the file
/// position of its first character. Parameter types parse themselves from these.
public struct ParameterNode: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case scalar(String)
        case sequence([ParameterNode])
        case mapping([MappingEntry])
        /// `~`, `null`, or nothing after the colon.
        case null
    }

    public struct MappingEntry: Sendable, Hashable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: ParameterNode

        public init(key: String, keyLocation: SourceLocation, value: ParameterNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// Where a run of a scalar's characters starts in the file: the characters from `offset`
    /// on sit one after another from `location` until the next run starts (a new line of a
    /// block scalar, say).
    public struct TextRun: Sendable, Hashable {
        public var offset: Int
        public var location: SourceLocation

        public init(offset: Int, location: SourceLocation) {
            self.offset = offset
            self.location = location
        }
    }

    public var content: Content
    public var location: SourceLocation
    /// True for `'quoted'` and `"quoted"` scalars, which are always strings.
    public var isQuoted: Bool
    /// For scalars: where the text's characters are in the file, so that a problem inside the
    /// text (an expression's unknown column) can be pointed at. Empty when the text starts at
    /// ``location`` (after the opening quote of a quoted scalar) and runs on along one line.
    public var textRuns: [TextRun]

    public init(_ content: Content, location: SourceLocation, isQuoted: Bool = false, textRuns: [TextRun] = []) {
        self.content = content
        self.location = location
        self.isQuoted = isQuoted
        self.textRuns = textRuns
    }

    /// The file position of the character at `offset` (counted in Unicode scalars) of a
    /// scalar's text.
    public func location(atOffset offset: Int) -> SourceLocation {
        let offset = max(0, offset)
        guard let run = textRuns.last(where: { $0.offset <= offset }) else {
            var start = location
            start.column += offset + (isQuoted ? 1 : 0)
            return start
        }
        var result = run.location
        result.column += offset - run.offset
        return result
    }

    public static func scalar(_ text: String, at location: SourceLocation) -> ParameterNode {
        ParameterNode(.scalar(text), location: location)
    }

    /// The node's text when it is a scalar.
    public var scalar: String? {
        if case let .scalar(text) = content { return text }
        return nil
    }

    /// How the node reads in an error message: the scalar quoted, or "a list" / "a map".
    public var shortDescription: String {
        switch content {
        case let .scalar(text): return "'\(text)'"
        case .sequence: return "a list"
        case .mapping: return "a map"
        case .null: return "nothing"
        }
    }

    /// The node written back as compact YAML-ish text, for cache keys and display.
    public var canonicalText: String {
        switch content {
        case let .scalar(text): return text
        case .null: return "null"
        case let .sequence(items): return "[" + items.map(\.canonicalText).joined(separator: ", ") + "]"
        case let .mapping(entries):
            return "{" + entries.map { "\($0.key): \($0.value.canonicalText)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A parameter value that does not fit its declared type. The message reads after
/// "parameter 'NAME' ": for example "expects an integer, got 'fifty'".
public struct ParameterError: Error, Sendable, Hashable {
    public var location: SourceLocation
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}
