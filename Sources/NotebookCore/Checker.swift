import Foundation
import RecbookSupport

/// A notebook parameter value given from outside the notebook.
public struct ParameterOverride: Sendable, Hashable {
    public enum Origin: Sendable, Hashable { case commandLine, environment(String) }
    public var name: String
    public var value: String
    public var origin: Origin

    public init(name: String, value: String, origin: Origin = .commandLine) {
        self.name = name
        self.value = value
        self.origin = origin
    }

    /// Parses `NAME=VALUE`; the value may itself contain `=` and spaces.
    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        self.init(name: name, value: String(argument[argument.index(after: equals)...]))
    }

    /// The overrides set through `RECBOOK_PARAM_<NAME>` variables (upper case, `-` as `_`) for
    /// the notebook's parameters, including the implicit `seed`.
    public static func environment(for notebook: Notebook, _ environment: [String: String]) -> [ParameterOverride] {
        let names = notebook.parameters.map(\.name) + (notebook.parameter(named: "seed") == nil ? ["seed"] : [])
        return names.compactMap { name in
            let variable = "RECBOOK_PARAM_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
            return environment[variable].map { ParameterOverride(name: name, value: $0, origin: .environment(variable)) }
        }
    }

    var describedOrigin: String {
        switch origin {
        case .commandLine: return "--param \(name)=\(value)"
        case let .environment(variable): return "\(variable)=\(value)"
        }
    }
}

/// A notebook parameter with the value this run uses.
public struct ResolvedParameter: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable { case `default`, commandLine = "command line", environment }
    public var declaration: NotebookParameter
    /// Canonical text; paths are absolute.
    public var value: String
    public var source: Source
    public var name: String { declaration.name }
}

/// A step ready to run: its configured value, where its inputs come from, what it produces.
public struct PlannedStep: Sendable {
    public struct Input: Sendable {
        public var parameter: String
        public var reference: ValueRef
        /// The number of the step whose value it reads.
        public var producer: Int
    }

    public var block: StepBlock
    public var descriptor: StepDescriptor
    public var step: any Step
    public var inputs: [Input]
    public var producedKind: ValueKind?
    /// A name for the step that survives edits elsewhere in the notebook: its binding (or its
    /// step name when it binds nothing), with `#2`, `#3`… for later steps of the same name. It
    /// keys the step's seed and its cache history.
    public var identity: String
    /// False when the block's `expect-if` parameter is false for this run.
    public var checksExpectations = true
    /// Numbers of the steps this one reads from, directly.
    public var dependencies: [Int] { Array(Set(inputs.map(\.producer))).sorted() }
    public var number: Int { block.number }
    public var name: String { block.name }
}

/// A notebook that passed the checker: parameters resolved, steps configured and linked.
public struct CheckedNotebook: Sendable {
    public var notebook: Notebook
    public var parameters: [ResolvedParameter]
    public var seed: Int
    public var steps: [PlannedStep]
    /// The figures prose takes from the run (`` `=split.train` ``), each with the step that
    /// produces its value.
    public var inlineValues: [PlannedInlineValue] = []

    public func parameterValue(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }
}

/// An inline value with the step whose value it measures.
public struct PlannedInlineValue: Sendable, Hashable {
    public var value: InlineValue
    /// The number of the step that binds the value.
    public var step: Int
    /// Members followed from the bound value (`split.train.rows` → `train`).
    public var members: [String]
    public var measurement: String
}

/// A name bound with `as:`: its kind, the step that binds it, and what is known of its value.
struct Binding {
    var kind: ValueKind
    var step: Int
    var location: SourceLocation
    var shape: (any ValueShape)?

    /// What a reference to this binding names, its members followed.
    struct Target {
        var kind: ValueKind
        var shape: (any ValueShape)?
        /// The reference as written, up to and including its last member.
        var path: String
    }

    /// A member the bound value's kind lacks, with the message that says so.
    struct UnknownMember: Error { var message: String }

    /// Follows `reference`'s members from this binding's kind and shape.
    func follow(_ reference: ValueRef) -> Result<Target, UnknownMember> {
        var target = Target(kind: kind, shape: shape, path: reference.name)
        for member in reference.members {
            guard let memberKind = target.kind.members[member] else {
                let members = target.kind.members.keys.sorted()
                var message = "'\(target.path)' (\(target.kind.withArticle)) has no member '\(member)'"
                if let suggestion = Suggestions.bestMatch(for: member, in: members) {
                    message += "; did you mean '\(suggestion)'?"
                } else if !members.isEmpty {
                    message += "; its members are " + members.map { "'\($0)'" }.joined(separator: ", ")
                }
                return .failure(UnknownMember(message: message))
            }
            target.shape = target.shape?.member(member)
            target.kind = memberKind
            target.path += "." + member
        }
        return .success(target)
    }
}

/// Analyses a notebook without running anything: unknown steps and parameters, ill-typed
/// values, missing parameters, names used before they are bound, and values of the wrong kind.
public struct Checker: Sendable {
    public let registry: StepRegistry

    /// The implicit `seed` parameter every notebook has unless it declares its own.
    static func implicitSeed(file: String) -> NotebookParameter {
        var seed = NotebookParameter.implicitSeed
        seed.location = SourceLocation(file: file, line: 1, column: 1)
        return seed
    }

    public init(registry: StepRegistry) { self.registry = registry }

    /// Checks `notebook` with parameter values from `overrides`.
    /// - Parameters:
    ///   - workingDirectory: where relative paths given on the command line start from.
    /// - Returns: the plan when there are no errors, and every diagnostic found.
    public func check(
        _ notebook: Notebook,
        overrides: [ParameterOverride] = [],
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> (plan: CheckedNotebook?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let parameters = resolveParameters(notebook, overrides: overrides, workingDirectory: workingDirectory, diagnostics: &diagnostics)
        let seed = resolveSeed(parameters, diagnostics: &diagnostics)
        var pass = StepPass(notebook: notebook, parameters: parameters)
        for block in notebook.steps {
            guard let descriptor = registry.step(named: block.name) else { continue }
            planStep(block, descriptor: descriptor, pass: &pass, diagnostics: &diagnostics)
        }

        let prose = ProseScanner.scan(notebook)
        diagnostics += prose.malformed
        let inlineValues = prose.values.compactMap { plan($0, history: pass.history, diagnostics: &diagnostics) }
        diagnostics += checkCrossReferences(prose.references, labels: notebook.steps.flatMap(\.labels))

        if diagnostics.hasErrors { return (nil, diagnostics) }
        var checked = CheckedNotebook(notebook: notebook, parameters: parameters, seed: seed, steps: pass.planned)
        checked.inlineValues = inlineValues
        return (checked, diagnostics)
    }

    /// The notebook seed: the `seed` parameter, which must be an integer (every step's seed is
    /// derived from it). Anything else is an error at the parameter's declaration.
    private func resolveSeed(_ parameters: [ResolvedParameter], diagnostics: inout [Diagnostic]) -> Int {
        guard let parameter = parameters.first(where: { $0.name == "seed" }) else { return 0 }
        if let seed = Int(parameter.value) { return seed }
        let origin = parameter.source == .default ? "" : " (from the \(parameter.source.rawValue))"
        diagnostics.append(.error(
            at: parameter.declaration.location,
            "parameter 'seed' must be an integer, since every step's seed is derived from it; got '\(parameter.value)'\(origin)",
            id: "invalid-parameter"
        ))
        return 0
    }

    // MARK: Prose

    /// Resolves an inline value to the step whose value it measures: the latest step above it
    /// that binds the name (the first one below when none is above), its members, and the
    /// measurement, reporting what cannot be measured.
    private func plan(
        _ value: InlineValue, history: [String: [Binding]], diagnostics: inout [Diagnostic]
    ) -> PlannedInlineValue? {
        func error(_ message: String) {
            diagnostics.append(.error(at: value.location, "inline value '=\(value.text)': \(message)", id: "inline-value"))
        }
        guard let candidates = history[value.name], let first = candidates.first else {
            var message = "'\(value.name)' is not bound by any step"
            if let suggestion = Suggestions.bestMatch(for: value.name, in: history.keys.sorted()) {
                message += "; did you mean '\(suggestion)'?"
            }
            error(message)
            return nil
        }
        let binding = candidates.last { $0.location.line < value.location.line } ?? first
        var kind = binding.kind, shape = binding.shape
        var parts = value.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var members: [String] = []
        while parts.count > 1, let member = kind.members[parts[0]] {
            members.append(parts.removeFirst())
            kind = member
            shape = shape?.member(members.last!)
        }
        let measurement = parts.joined(separator: ".")
        guard kind.accepts(measurement: measurement) else {
            var message = "\(kind.withArticle) has no measurement '\(measurement)'"
            if let suggestion = Suggestions.bestMatch(for: measurement, in: kind.measurements + kind.members.keys.sorted()) {
                message += "; did you mean '\(suggestion)'?"
            } else if !kind.measurements.isEmpty {
                message += "; it has " + kind.measurements.map { "'\($0)'" }.joined(separator: ", ")
            }
            error(message)
            return nil
        }
        if let problem = shape?.problem(withMeasurement: measurement) {
            error(problem)
            return nil
        }
        if let format = value.format {
            do { _ = try InlineNumberFormat(format) } catch let problem {
                error(problem.message)
                return nil
            }
        }
        return PlannedInlineValue(value: value, step: binding.step, members: members, measurement: measurement)
    }

    /// Every `@fig-NAME` and `@tbl-NAME` must name a label some step declares.
    private func checkCrossReferences(_ references: [ProseCrossReference], labels: [String]) -> [Diagnostic] {
        // `label: fig-NAME` is cited as `@fig-NAME` only; a bare `label: NAME` as either.
        let citable = Set(labels.flatMap { label in
            label.hasPrefix("fig-") || label.hasPrefix("tbl-") ? [label] : ["fig-" + label, "tbl-" + label]
        })
        return references.compactMap { reference in
            guard !citable.contains(reference.reference) else { return nil }
            let kind = reference.reference.hasPrefix("fig-") ? "figure" : "table"
            var message = "'@\(reference.reference)' refers to no \(kind): no step has the label '\(reference.reference)'"
            let other = (reference.reference.hasPrefix("fig-") ? "tbl-" : "fig-") + reference.label
            if citable.contains(other) {
                message += "; '\(reference.label)' labels \(kind == "figure" ? "a table" : "a figure"): write '@\(other)'"
            } else if let suggestion = Suggestions.bestMatch(for: reference.reference, in: citable.sorted()) {
                message += "; did you mean '@\(suggestion)'?"
            } else {
                message += "; give the step that makes it 'label: \(reference.reference)'"
            }
            return .error(at: reference.location, message, id: "dangling-reference")
        }
    }

    // MARK: Parameters

    private func resolveParameters(
        _ notebook: Notebook, overrides: [ParameterOverride], workingDirectory: URL, diagnostics: inout [Diagnostic]
    ) -> [ResolvedParameter] {
        var declarations = notebook.parameters
        if !declarations.contains(where: { $0.name == "seed" }) {
            declarations.append(Self.implicitSeed(file: notebook.path))
        }
        var resolved: [ResolvedParameter] = []
        for declaration in declarations {
            var value = declaration.defaultValue
            var source = ResolvedParameter.Source.default
            if declaration.kind == .path {
                value = FilePath(value).resolved(against: notebook.directory).path
            }
            // Later overrides win: the environment is read first, the command line last.
            for override in overrides where override.name == declaration.name {
                let node = ParameterNode.scalar(override.value, at: SourceLocation(file: "", line: 0, column: 0))
                do {
                    value = try declaration.kind.validate(node)
                    if declaration.kind == .path {
                        value = FilePath(value).resolved(against: workingDirectory).path
                    }
                    if case .environment = override.origin { source = .environment } else { source = .commandLine }
                } catch {
                    diagnostics.append(.error(at: nil, "\(override.describedOrigin): parameter '\(declaration.name)' \(error.message)", id: "invalid-parameter"))
                }
            }
            resolved.append(ResolvedParameter(declaration: declaration, value: value, source: source))
        }
        for override in overrides where !declarations.contains(where: { $0.name == override.name }) {
            if case .environment = override.origin { continue }
            var message = "unknown parameter '\(override.name)' for notebook '\(notebook.path)'"
            if let suggestion = Suggestions.bestMatch(for: override.name, in: declarations.map(\.name)) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; it declares " + declarations.map { "'\($0.name)'" }.joined(separator: ", ")
            }
            diagnostics.append(.error(at: nil, message, id: "unknown-parameter"))
        }
        return resolved
    }

    /// Replaces `${name}` in scalars with the parameter's value.
    func substitute(
        _ node: ParameterNode, values: [String: String], diagnostics: inout [Diagnostic]
    ) -> ParameterNode {
        switch node.content {
        case let .scalar(text):
            guard text.contains("${") else { return node }
            var result = ""
            var rest = Substring(text)
            var offset = 0
            while let start = rest.range(of: "${") {
                result += rest[..<start.lowerBound]
                offset += rest.distance(from: rest.startIndex, to: start.lowerBound)
                guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                    result += rest[start.lowerBound...]
                    rest = ""
                    break
                }
                let name = String(rest[start.upperBound..<end])
                let column = node.location.column + offset + (node.isQuoted ? 1 : 0)
                if let value = values[name] {
                    result += value
                } else {
                    var message = "unknown notebook parameter '${\(name)}'"
                    if let suggestion = Suggestions.bestMatch(for: name, in: values.keys.sorted()) {
                        message += "; did you mean '${\(suggestion)}'?"
                    } else {
                        message += "; declare it under 'params:' in the front matter"
                    }
                    diagnostics.append(.error(at: SourceLocation(file: node.location.file, line: node.location.line, column: column), message, id: "unknown-notebook-parameter"))
                    result += rest[start.lowerBound...end]
                }
                offset += rest.distance(from: start.lowerBound, to: rest.index(after: end))
                rest = rest[rest.index(after: end)...]
            }
            result += rest
            return ParameterNode(.scalar(result), location: node.location, isQuoted: node.isQuoted, textRuns: node.textRuns)
        case let .sequence(items):
            return ParameterNode(.sequence(items.map { substitute($0, values: values, diagnostics: &diagnostics) }), location: node.location)
        case let .mapping(entries):
            return ParameterNode(.mapping(entries.map {
                .init(key: $0.key, keyLocation: $0.keyLocation, value: substitute($0.value, values: values, diagnostics: &diagnostics))
            }), location: node.location)
        case .null:
            return node
        }
    }
}
