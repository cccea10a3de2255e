import RecbookSupport

/// Builds a configured step from a block's parameters, collecting every problem.
///
/// Parameters are assigned in schema order, whatever order the block writes them in. A
/// selector (see ``GroupSelector``) is read with the step's own parameters and resets its
/// group; the selected group's parameters are then read from the same block. A parameter that
/// belongs to another case's group does not apply, whatever its value, and says which cases it
/// belongs to.
struct BlockDecoder<S: Step> {
    let entries: [ParameterNode.MappingEntry]
    let blockLocation: SourceLocation
    private(set) var diagnostics: [Diagnostic] = []
    private var step = S()
    /// Entries by key, the first of each (a repeated key is an error).
    private var entryByName: [String: ParameterNode.MappingEntry] = [:]
    /// Misspelt names already reported with a suggestion, whose absence is not reported again.
    private var suggested: Set<String> = []

    init(entries: [ParameterNode.MappingEntry], blockLocation: SourceLocation) {
        self.entries = entries
        self.blockLocation = blockLocation
    }

    mutating func decode() -> any Step {
        for entry in entries {
            guard entryByName[entry.key] == nil else {
                diagnostics.append(.error(at: entry.keyLocation, "parameter '\(entry.key)' is given twice", id: "duplicate-parameter"))
                continue
            }
            entryByName[entry.key] = entry
        }
        let schema = S.schema
        var selectorFailed = false
        for field in schema.fields {
            guard let entry = entryByName[field.name] else { continue }
            if !assign(entry, with: field.assign), field.selection != nil { selectorFailed = true }
        }
        let selector = schema.selector
        var selected = selector.flatMap { !selectorFailed && entryByName[$0.name] != nil ? $0.selection?.group(step) : nil }
        if let selector, var group = selected {
            readGroup(&group)
            selector.selection?.setGroup(&step, group)
            selected = group
        }
        reportOthers(selector: selector, selected: selected)
        // Problems are listed as the block reads, top to bottom.
        let start = blockLocation
        diagnostics.sort { ($0.location ?? start) < ($1.location ?? start) }
        reportMissing(selector: selector, selected: selected)
        if !diagnostics.contains(where: { $0.severity == .error }) { validate(selected: selected) }
        return step
    }

    /// Assigns one entry; false when its value is not accepted (the problem is reported).
    private mutating func assign<Root>(
        _ entry: ParameterNode.MappingEntry, with assign: (inout Root, ParameterNode) throws(ParameterError) -> Void, to root: inout Root
    ) -> Bool {
        do {
            try assign(&root, entry.value)
            return true
        } catch {
            diagnostics.append(.error(at: error.location, "parameter '\(entry.key)' \(error.message)", id: "invalid-parameter"))
            return false
        }
    }

    private mutating func assign(_ entry: ParameterNode.MappingEntry, with assign: (inout S, ParameterNode) throws(ParameterError) -> Void) -> Bool {
        var step = self.step
        defer { self.step = step }
        return self.assign(entry, with: assign, to: &step)
    }

    /// Reads the selected group's parameters, in its schema order.
    private mutating func readGroup(_ group: inout any ParameterGroup) {
        for name in type(of: group).parameterNames {
            guard let entry = entryByName[name] else { continue }
            _ = assign(entry, with: { (group: inout any ParameterGroup, node: ParameterNode) throws(ParameterError) in
                _ = try group.assign(name, from: node)
            }, to: &group)
        }
    }

    /// Reports every entry that is neither the step's nor the selected group's.
    private mutating func reportOthers(selector: ParameterField<S>?, selected: (any ParameterGroup)?) {
        let own = Set(S.parameterNames + (selected.map { type(of: $0).parameterNames } ?? []))
        let cases = selector?.selection?.cases ?? []
        for entry in entries where !own.contains(entry.key) && entryByName[entry.key]?.keyLocation == entry.keyLocation {
            let owners = cases.filter { $0.group.parameterNames.contains(entry.key) }.map(\.value)
            // Without a valid choice, the choice's own error says what is wrong.
            if !owners.isEmpty, selected == nil { continue }
            var candidates = S.parameterNames + (selected.map { type(of: $0).parameterNames } ?? cases.flatMap { $0.group.parameterNames })
            var message: String
            if let selector, let selected, !owners.isEmpty {
                message = "parameter '\(entry.key)' does not apply to \(selector.name) '\(selector.read(step).text)' (only to \(owners.map { "'\($0)'" }.joined(separator: ", ")))"
                candidates = S.parameterNames + type(of: selected).parameterNames
            } else {
                message = "unknown parameter '\(entry.key)' for step '\(S.name)'"
                candidates += Notebook.reservedKeys
            }
            if let suggestion = Suggestions.bestMatch(for: entry.key, in: candidates.filter { entryByName[$0] == nil }) {
                message += "; did you mean '\(suggestion)'?"
                suggested.insert(suggestion)
            }
            diagnostics.append(.error(at: entry.keyLocation, message, id: owners.isEmpty ? "unknown-parameter" : "inapplicable-parameter"))
        }
    }

    /// Reports required parameters that were not given (a misspelt one was already reported).
    private mutating func reportMissing(selector: ParameterField<S>?, selected: (any ParameterGroup)?) {
        for field in S.descriptorFields where field.isRequired && entryByName[field.name] == nil && !suggested.contains(field.name) {
            diagnostics.append(.error(
                at: blockLocation,
                "step '\(S.name)' is missing required parameter '\(field.name)' (\(field.kind?.withArticle ?? S.withArticle(field.typeName)))",
                id: "missing-parameter"
            ))
        }
        guard let selector, let selected else { return }
        for field in type(of: selected).descriptorFields where field.isRequired && entryByName[field.name] == nil && !suggested.contains(field.name) {
            diagnostics.append(.error(
                at: blockLocation,
                "step '\(S.name)' with \(selector.name) '\(selector.read(step).text)' is missing required parameter '\(field.name)' (\(field.kind?.withArticle ?? S.withArticle(field.typeName)))",
                id: "missing-parameter"
            ))
        }
    }

    /// The checks that span parameters, the step's and the selected group's.
    private mutating func validate(selected: (any ParameterGroup)?) {
        let written = Set(entryByName.keys)
        var problems = step.validate(written: written.intersection(S.parameterNames))
        if let selected { problems += selected.validate(written: written.intersection(type(of: selected).parameterNames)) }
        for problem in problems {
            let location = entryByName[problem.parameter]?.keyLocation ?? blockLocation
            diagnostics.append(.error(at: location, problem.message, id: "invalid-parameter"))
        }
    }
}
