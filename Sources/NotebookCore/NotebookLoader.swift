import Foundation
import NotebookMarkdown
import RecbookSupport
import Yams

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: Character) -> Substring {
        last == suffix ? dropLast() : self
    }
}

/// Reads a notebook file into a ``Notebook``: Markdown through cmark-gfm, the front matter and
/// step bodies through YAML. Collects every problem it finds instead of stopping at the first.
public struct NotebookLoader: Sendable {
    public let registry: StepRegistry

    /// Languages that are never steps, so a block in one of them is never taken for a misspelt
    /// step name.
    static let knownLanguages: Set<String> = [
        "python", "py", "python3", "r", "julia", "swift", "bash", "sh", "shell", "console", "zsh",
        "text", "txt", "plain", "plaintext", "json", "yaml", "yml", "toml", "ini", "csv", "tsv", "sql",
        "markdown", "md", "html", "xml", "css", "js", "javascript", "ts", "typescript", "c", "cpp",
        "c++", "java", "go", "rust", "ruby", "diff", "math", "latex", "tex", "mermaid", "dot", "output",
    ]

    public init(registry: StepRegistry) { self.registry = registry }

    /// Loads the notebook at `path`.
    /// - Returns: the notebook (nil when the file cannot be read or parsed at all) and every
    ///   problem found.
    public func load(path: String) -> (notebook: Notebook?, diagnostics: [Diagnostic]) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            return (nil, [.error(at: nil, "notebook '\(path)' \(reason)", id: "notebook-unreadable")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [.error(at: SourceLocation(file: path, line: 1, column: 1),
                                 "the notebook is not valid UTF-8 text", id: "notebook-encoding")])
        }
        return load(text: text, path: path, url: url)
    }

    /// Loads a notebook from text, as if read from `path`.
    public func load(text: String, path: String, url: URL? = nil) -> (notebook: Notebook?, diagnostics: [Diagnostic]) {
        let document: MarkdownDocument
        do {
            document = try MarkdownParser.parse(text, path: path)
        } catch {
            return (nil, [.error(at: error.location, error.message, id: "markdown")])
        }
        var diagnostics: [Diagnostic] = []
        var frontMatter = FrontMatterSettings()
        if let yaml = document.frontMatter {
            frontMatter = readFrontMatter(yaml, path: path, diagnostics: &diagnostics)
        }
        var title = frontMatter.title

        var cells: [NotebookCell] = []
        var stepNumber = 0
        for block in document.blocks {
            guard case let .fencedCode(code) = block.kind else {
                cells.append(.prose(block))
                if title == nil, case let .heading(_, text, _) = block.kind { title = text }
                continue
            }
            switch classify(code, path: path) {
            case .code:
                if !code.isClosed {
                    let name = code.language.isEmpty ? "code" : "'\(code.language)'"
                    diagnostics.append(.warning(
                        at: SourceLocation(file: path, line: code.fenceLine, column: code.fenceColumn),
                        "this \(name) block is never closed: without a closing \(code.fence) line, the rest of the file is shown as code",
                        id: "unclosed-fence"))
                }
                cells.append(.code(code))
            case let .step(name):
                stepNumber += 1
                cells.append(.step(readStep(code, name: name, number: stepNumber, path: path, diagnostics: &diagnostics)))
            case let .unknownStep(name, explicit):
                var message = "unknown step '\(name)'"
                let suggestion = Suggestions.bestMatch(for: name, in: registry.names)
                if let suggestion {
                    message += "; did you mean '\(suggestion)'?"
                }
                let column = code.fenceColumn + code.fence.count + (explicit ? 1 : 0)
                let location = SourceLocation(file: path, line: code.fenceLine, column: column)
                if explicit {
                    if suggestion == nil { message += "; 'recbook steps' lists the steps" }
                    diagnostics.append(.error(at: location, message, id: "unknown-step"))
                } else {
                    // A block that reads like a step but names none is shown as code, never
                    // silently: its bindings would otherwise be reported far from the cause.
                    message += " — shown as code"
                    if suggestion == nil { message += "; 'recbook steps' lists the steps" }
                    diagnostics.append(.warning(at: location, message, id: "look-alike-step"))
                }
                cells.append(.code(code))
            }
        }
        let fileURL = url ?? URL(fileURLWithPath: path).standardizedFileURL
        let notebook = Notebook(
            path: path, url: fileURL, source: text,
            title: title ?? fileURL.deletingPathExtension().lastPathComponent,
            parameters: frontMatter.parameters, cells: cells, allowsRawHTML: frontMatter.allowsRawHTML
        )
        return (notebook, diagnostics)
    }

    private enum Classification {
        case code
        case step(String)
        case unknownStep(String, explicit: Bool)
    }

    /// A block is a step when its info string names a registered step (```` ```svd ```` ) or
    /// uses the explicit form ```` ```{svd} ````. A bare name that is not a known language but is
    /// one typo away from a step, or whose body reads like step parameters (`key: value` lines,
    /// an `as:` line), is reported, so a misspelt or invented step never silently becomes code.
    private func classify(_ code: FencedCode, path: String) -> Classification {
        let language = code.language
        if language.hasPrefix("{") {
            let name = String(language.dropFirst().prefix { $0 != "}" && $0 != " " && $0 != "," })
            return registry.step(named: name) != nil ? .step(name) : .unknownStep(name, explicit: true)
        }
        if registry.step(named: language) != nil {
            // A step named like a language (`sql`) is the step only when its body is parameters;
            // a block of plain SQL stays code, as in any Markdown document.
            if Self.knownLanguages.contains(language.lowercased()), !Self.readsLikeParameters(code.literal) { return .code }
            return .step(language)
        }
        if language.isEmpty || Self.knownLanguages.contains(language.lowercased()) { return .code }
        if Suggestions.bestMatch(for: language, in: registry.names) != nil || Self.readsLikeParameters(code.literal) {
            return .unknownStep(language, explicit: false)
        }
        return .code
    }

    /// Whether a block's body reads like a step's parameters: its first non-blank line is a
    /// top-level `key: value` (or `key:`) line, or some top-level line binds with `as:`.
    static func readsLikeParameters(_ body: String) -> Bool {
        func isKeyLine(_ line: Substring) -> Bool {
            guard let first = line.unicodeScalars.first, first == "_" || first.properties.isAlphabetic, first.isASCII else { return false }
            guard let colon = line.firstIndex(of: ":") else { return false }
            let key = line[..<colon]
            guard key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return false }
            let rest = line[line.index(after: colon)...]
            return rest.isEmpty || rest.first == " " || rest.first == "\t"
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingSuffix("\r") }
        guard let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) && !$0.hasPrefix("#") }) else { return false }
        if isKeyLine(first) { return true }
        return lines.contains { $0.hasPrefix("as:") && isKeyLine($0) }
    }

    // MARK: Step bodies

    private func readStep(
        _ code: FencedCode, name: String, number: Int, path: String, diagnostics: inout [Diagnostic]
    ) -> StepBlock {
        let location = SourceLocation(file: path, line: code.fenceLine, column: code.fenceColumn)
        var step = StepBlock(
            number: number, name: name, code: code, location: location, entries: [], binding: nil,
            expectations: [], labels: [], caption: nil
        )
        // A missing closing fence would otherwise be blamed on the next fence, by YAML.
        if !code.isClosed {
            diagnostics.append(.error(
                at: location,
                "this '\(name)' block is never closed: without a closing \(code.fence) line, everything after it is read as its parameters",
                id: "unclosed-fence"))
            step.bodyIsInvalid = true
            return step
        }
        if let nested = code.lineOpeningAnotherFence {
            diagnostics.append(.error(
                at: location,
                "this '\(name)' block is not closed before the block that opens on line \(nested); end it with a \(code.fence) line",
                id: "unclosed-fence"))
            step.bodyIsInvalid = true
            return step
        }
        let origin = SourceLocation(file: path, line: code.bodyFirstLine, column: code.bodyColumn)
        guard let root = parseYAML(code.literal, origin: origin, what: "step body", diagnostics: &diagnostics) else {
            step.bodyIsInvalid = true
            return step
        }
        let entries: [ParameterNode.MappingEntry]
        switch root.content {
        case .null:
            entries = []
        case let .mapping(mapping):
            entries = mapping
        default:
            diagnostics.append(.error(
                at: root.location, "a step's body must be 'key: value' lines, found \(root.shortDescription)", id: "step-body"))
            step.bodyIsInvalid = true
            return step
        }
        for entry in entries where !readReservedEntry(entry, into: &step, diagnostics: &diagnostics) {
            step.entries.append(entry)
        }
        return step
    }

    /// Reads an entry every step shares (`as`, `expect`, `expect-if`, `label`, `caption`) into
    /// the block; false when the entry is one of the step's own parameters.
    private func readReservedEntry(
        _ entry: ParameterNode.MappingEntry, into step: inout StepBlock, diagnostics: inout [Diagnostic]
    ) -> Bool {
        switch entry.key {
        case "as":
            guard let name = entry.value.scalar, ValueRef.isIdentifier(name) else {
                diagnostics.append(.error(
                    at: entry.value.location,
                    "'as' expects a name (letters, digits, '_' or '-', starting with a letter), got \(entry.value.shortDescription)",
                    id: "invalid-binding"))
                return true
            }
            step.binding = .init(name: name, location: entry.value.location)
        case "expect":
            let items: [ParameterNode]
            if case let .sequence(list) = entry.value.content { items = list } else { items = [entry.value] }
            for item in items {
                guard let text = item.scalar else {
                    diagnostics.append(.error(at: item.location, "'expect' takes comparisons such as 'rows == 100', got \(item.shortDescription)", id: "invalid-expectation"))
                    continue
                }
                do {
                    step.expectations.append(try Expectation(parsing: text, at: item.location))
                } catch {
                    diagnostics.append(.error(at: error.location, error.message, id: "invalid-expectation"))
                }
            }
        case "expect-if":
            guard let name = entry.value.scalar, ValueRef.isIdentifier(name) else {
                diagnostics.append(.error(at: entry.value.location, "'expect-if' expects the name of a boolean notebook parameter, got \(entry.value.shortDescription)", id: "invalid-expectation"))
                return true
            }
            step.expectationGuard = .init(name: name, location: entry.value.location)
        case "label":
            do { step.labels = try [String](parameter: entry.value) } catch {
                diagnostics.append(.error(at: error.location, "'label' \(error.message)", id: "invalid-label"))
            }
        case "caption":
            do { step.caption = try String(parameter: entry.value) } catch {
                diagnostics.append(.error(at: error.location, "'caption' \(error.message)", id: "invalid-caption"))
            }
        case "original-cell":
            let cells = try? [Int](parameter: entry.value)
            guard let cells, !cells.isEmpty, cells.allSatisfy({ 0 < $0 && $0 < 1_000_000 }) else {
                diagnostics.append(.error(
                    at: entry.value.location,
                    "'original-cell' expects the original's cell number (In [n]) or a list of them, got \(entry.value.shortDescription)",
                    id: "invalid-original-cell"))
                return true
            }
            step.originalCells = cells
        default:
            return false
        }
        return true
    }

    // MARK: Front matter

    /// What the front matter sets.
    private struct FrontMatterSettings {
        var title: String?
        var parameters: [NotebookParameter] = []
        var allowsRawHTML = false
    }

    private func readFrontMatter(
        _ frontMatter: FrontMatter, path: String, diagnostics: inout [Diagnostic]
    ) -> FrontMatterSettings {
        var settings = FrontMatterSettings()
        let origin = SourceLocation(file: path, line: frontMatter.firstLine, column: 1)
        guard let root = parseYAML(frontMatter.yaml, origin: origin, what: "front matter", diagnostics: &diagnostics) else {
            return settings
        }
        guard case let .mapping(entries) = root.content else {
            if case .null = root.content { return settings }
            diagnostics.append(.error(at: root.location, "the front matter must be a YAML map, found \(root.shortDescription)", id: "front-matter"))
            return settings
        }
        for entry in entries {
            switch entry.key {
            case "title":
                settings.title = entry.value.scalar
            case "params":
                settings.parameters = readParameters(entry.value, diagnostics: &diagnostics)
            case "allow-raw-html":
                guard let flag = entry.value.scalar.flatMap({ ["true": true, "false": false][$0] }) else {
                    diagnostics.append(.error(
                        at: entry.value.location, "'allow-raw-html' expects true or false, got \(entry.value.shortDescription)",
                        id: "front-matter"))
                    continue
                }
                settings.allowsRawHTML = flag
            default:
                // Other keys (author, date, description, …) are documentation for readers.
                continue
            }
        }
        return settings
    }

    private func readParameters(_ node: ParameterNode, diagnostics: inout [Diagnostic]) -> [NotebookParameter] {
        guard case let .mapping(entries) = node.content else {
            if case .null = node.content { return [] }
            diagnostics.append(.error(at: node.location, "'params' must map parameter names to defaults or declarations", id: "front-matter"))
            return []
        }
        var parameters: [NotebookParameter] = []
        for entry in entries {
            guard ValueRef.isIdentifier(entry.key) else {
                diagnostics.append(.error(at: entry.keyLocation, "parameter name '\(entry.key)' must start with a letter and use letters, digits, '_' or '-'", id: "invalid-parameter-declaration"))
                continue
            }
            if let parameter = readParameter(entry, diagnostics: &diagnostics) {
                parameters.append(parameter)
            }
        }
        return parameters
    }

    /// `name: default` (type inferred) or `name: {type:, default:, doc:, choices:}`.
    private func readParameter(_ entry: ParameterNode.MappingEntry, diagnostics: inout [Diagnostic]) -> NotebookParameter? {
        let name = entry.key
        guard case let .mapping(fields) = entry.value.content else {
            guard let text = entry.value.scalar else {
                diagnostics.append(.error(at: entry.value.location, "parameter '\(name)' needs a default value or a declaration with 'type' and 'default'", id: "invalid-parameter-declaration"))
                return nil
            }
            let kind: NotebookParameter.Kind =
                entry.value.isQuoted ? .string
                : Int(text) != nil ? .int
                : Double(text) != nil ? .double
                : ["true", "false"].contains(text.lowercased()) ? .bool
                : .string
            return NotebookParameter(name: name, kind: kind, defaultValue: text, doc: "", location: entry.keyLocation)
        }
        var typeNode: ParameterNode?, defaultNode: ParameterNode?, doc = "", choices: [String]?
        for field in fields {
            switch field.key {
            case "type": typeNode = field.value
            case "default": defaultNode = field.value
            case "doc", "description", "help": doc = field.value.scalar ?? ""
            case "choices":
                do { choices = try [String](parameter: field.value) } catch {
                    diagnostics.append(.error(at: error.location, "'choices' \(error.message)", id: "invalid-parameter-declaration"))
                }
            default:
                var message = "unknown key '\(field.key)' in the declaration of parameter '\(name)'"
                if let suggestion = Suggestions.bestMatch(for: field.key, in: ["type", "default", "doc", "choices"]) {
                    message += "; did you mean '\(suggestion)'?"
                }
                diagnostics.append(.error(at: field.keyLocation, message, id: "invalid-parameter-declaration"))
            }
        }
        var kind: NotebookParameter.Kind = .string
        if let typeNode {
            let typeName = typeNode.scalar ?? ""
            if typeName == "choice" {
                guard let choices, !choices.isEmpty else {
                    diagnostics.append(.error(at: typeNode.location, "parameter '\(name)' of type 'choice' needs a 'choices' list", id: "invalid-parameter-declaration"))
                    return nil
                }
                kind = .choice(choices)
            } else if let parsed = NotebookParameter.Kind(typeName: typeName) {
                kind = parsed
            } else {
                var message = "unknown parameter type '\(typeName)' for '\(name)'; expected one of \(NotebookParameter.Kind.typeNames.joined(separator: ", "))"
                if let suggestion = Suggestions.bestMatch(for: typeName, in: NotebookParameter.Kind.acceptedTypeNames) {
                    message = "unknown parameter type '\(typeName)' for '\(name)'; did you mean '\(suggestion)'?"
                }
                diagnostics.append(.error(at: typeNode.location, message, id: "invalid-parameter-declaration"))
                return nil
            }
        } else if let choices {
            kind = .choice(choices)
        }
        guard let defaultNode else {
            diagnostics.append(.error(at: entry.keyLocation, "parameter '\(name)' needs a 'default'", id: "invalid-parameter-declaration"))
            return nil
        }
        do {
            let value = try kind.validate(defaultNode)
            return NotebookParameter(name: name, kind: kind, defaultValue: value, doc: doc, location: entry.keyLocation)
        } catch {
            diagnostics.append(.error(at: error.location, "the default of parameter '\(name)' \(error.message)", id: "invalid-parameter-declaration"))
            return nil
        }
    }

    // MARK: YAML

    /// Parses YAML into a ``ParameterNode`` tree whose locations are file positions.
    ///
    /// Aliases (`*name`) are rejected before composing: a few lines of aliases to aliases
    /// describe more nodes than memory holds (``YAMLAliasScan``).
    private func parseYAML(
        _ text: String, origin: SourceLocation, what: String, diagnostics: inout [Diagnostic]
    ) -> ParameterNode? {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return ParameterNode(.null, location: origin)
        }
        if let alias = YAMLAliasScan.firstAlias(in: text) {
            let location = SourceLocation(file: origin.file, line: origin.line + alias.line - 1, column: origin.column + alias.column - 1)
            diagnostics.append(.error(
                at: location, "YAML aliases ('*\(alias.name)') are not allowed in the \(what); write the value out instead",
                id: "yaml-alias"))
            return nil
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            Array($0.unicodeScalars.filter { $0 != "\r" })
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { return ParameterNode(.null, location: origin) }
            return convert(node, origin: origin, lines: lines)
        } catch let error as YamlError {
            let (mark, problem) = Self.describe(error)
            if let mark, let tab = Self.indentingTab(near: mark, lines: lines) {
                let location = SourceLocation(file: origin.file, line: origin.line + tab.line - 1, column: origin.column + tab.column - 1)
                diagnostics.append(.error(
                    at: location, "invalid YAML in \(what): a tab indents this line; YAML indents with spaces only", id: "yaml"))
                return nil
            }
            let location = mark.map { translate($0, origin: origin) } ?? origin
            diagnostics.append(.error(at: location, "invalid YAML in \(what): \(problem)", id: "yaml"))
            return nil
        } catch {
            diagnostics.append(.error(at: origin, "invalid YAML in \(what): \(error)", id: "yaml"))
            return nil
        }
    }

    /// The tab (1-based line and column) in the indentation of the line where YAML reported a
    /// problem; nil when it is not indented with a tab. YAML forbids tabs in indentation, and
    /// libyaml then says only that a character "cannot start any token".
    static func indentingTab(near mark: Mark, lines: [[Unicode.Scalar]]) -> (line: Int, column: Int)? {
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let line = lines[mark.line - 1]
        let indentation = line.prefix { $0 == " " || $0 == "\t" }
        guard let tab = indentation.firstIndex(of: "\t"), indentation.count < line.count else { return nil }
        return (mark.line, tab + 1)
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return (mark, prefix + problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return (nil, String(describing: error).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    private func translate(_ mark: Mark, origin: SourceLocation) -> SourceLocation {
        SourceLocation(file: origin.file, line: origin.line + mark.line - 1, column: origin.column + mark.column - 1)
    }

    private func convert(_ node: Node, origin: SourceLocation, lines: [[Unicode.Scalar]]) -> ParameterNode {
        let location = node.mark.map { translate($0, origin: origin) } ?? origin
        switch node {
        case let .scalar(scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            if !quoted, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return ParameterNode(.null, location: location)
            }
            let runs = node.mark.map { Self.textRuns(of: scalar, at: $0, lines: lines, origin: origin) } ?? []
            return ParameterNode(.scalar(scalar.string), location: location, isQuoted: quoted, textRuns: runs)
        case let .sequence(sequence):
            return ParameterNode(.sequence(sequence.map { convert($0, origin: origin, lines: lines) }), location: location)
        case let .mapping(mapping):
            let entries = mapping.map { pair in
                ParameterNode.MappingEntry(
                    key: pair.key.string ?? pair.key.scalar?.string ?? "",
                    keyLocation: pair.key.mark.map { translate($0, origin: origin) } ?? location,
                    value: convert(pair.value, origin: origin, lines: lines)
                )
            }
            return ParameterNode(.mapping(entries), location: location)
        case let .alias(alias):
            return ParameterNode(.scalar("*" + alias.anchor.rawValue), location: location)
        }
    }

    /// Where the characters of a scalar's text lie in the YAML source, line by line, so that a
    /// problem found inside the text can be pointed at. A run is recorded only where the source
    /// holds the text's characters verbatim; elsewhere positions fall back to the run before.
    static func textRuns(
        of scalar: Node.Scalar, at mark: Mark, lines: [[Unicode.Scalar]], origin: SourceLocation
    ) -> [ParameterNode.TextRun] {
        let text = Array(scalar.string.unicodeScalars)
        let lineIndex = mark.line - 1
        guard lineIndex >= 0, lineIndex < lines.count, !text.isEmpty else { return [] }
        func location(line: Int, column: Int) -> SourceLocation {
            SourceLocation(file: origin.file, line: origin.line + line, column: origin.column + column)
        }
        /// Runs for text laid out from `(line, column)` on, continuing on later lines at their
        /// first non-blank character, each line break standing for one character of the text.
        func runs(firstLine: Int, firstColumn: Int?, sameIndentation: Bool) -> [ParameterNode.TextRun] {
            var result: [ParameterNode.TextRun] = []
            var offset = 0
            var line = firstLine
            var column = firstColumn ?? 0
            var indentation: Int?
            while offset < text.count, line < lines.count {
                let source = lines[line]
                if line != firstLine || firstColumn == nil {
                    let firstNonBlank = source.firstIndex { $0 != " " && $0 != "\t" } ?? source.count
                    if firstNonBlank == source.count {
                        // A blank line: one line break of the text.
                        if text[offset] == "\n" { offset += 1 }
                        line += 1
                        continue
                    }
                    if sameIndentation {
                        if indentation == nil { indentation = firstNonBlank }
                        column = min(indentation!, firstNonBlank)
                    } else {
                        column = firstNonBlank
                    }
                }
                result.append(.init(offset: offset, location: location(line: line, column: column)))
                var index = column
                while offset < text.count, index < source.count, text[offset] == source[index] {
                    offset += 1
                    index += 1
                }
                // The text goes on past this line: a line break (or a folding space) joins it.
                guard offset < text.count, index >= source.count || source[index...].allSatisfy({ $0 == " " }) else { break }
                if text[offset] == "\n" || text[offset] == " " { offset += 1 }
                line += 1
            }
            return result
        }
        switch scalar.style {
        case .literal, .folded:
            // The text starts on the line after the `|` or `>` indicator, at its indentation.
            return runs(firstLine: lineIndex + 1, firstColumn: nil, sameIndentation: true)
        case .singleQuoted, .doubleQuoted:
            return runs(firstLine: lineIndex, firstColumn: mark.column, sameIndentation: false)
        default:
            return runs(firstLine: lineIndex, firstColumn: mark.column - 1, sameIndentation: false)
        }
    }
}
