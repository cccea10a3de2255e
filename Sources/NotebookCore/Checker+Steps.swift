import Foundation
import RecbookSupport

/// What the checker knows part-way through a notebook's steps: the names bound so far, every
/// binding of each name (for inline values, which may sit anywhere), and the steps planned.
struct StepPass {
    var notebookDirectory: URL
    var parameters: [ResolvedParameter]
    /// Parameter values by name, for `${name}` substitution.
    var values: [String: String]
    /// Where each name is first bound, to say "used before it is bound (at line N)".
    var laterBindings: [String: SourceLocation]
    var bindings: [String: Binding] = [:]
    var history: [String: [Binding]] = [:]
    var identities: [String: Int] = [:]
    var planned: [PlannedStep] = []

    init(notebook: Notebook, parameters: [ResolvedParameter]) {
        notebookDirectory = notebook.directory
        self.parameters = parameters
        values = Dictionary(parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        laterBindings = Dictionary(
            notebook.steps.compactMap { step in step.binding.map { ($0.name, $0.location) } },
            uniquingKeysWith: { a, _ in a }
        )
    }

    /// A name for the step that survives edits elsewhere: its binding (or step name), with
    /// `#2`, `#3`… for later steps of the same name.
    mutating func identity(of block: StepBlock) -> String {
        let base = block.binding?.name ?? block.name
        identities[base, default: 0] += 1
        return identities[base] == 1 ? base : "\(base)#\(identities[base]!)"
    }
}

/// A step's inputs as the checker resolved them.
private struct ResolvedInputs {
    var inputs: [PlannedStep.Input] = []
    var shapes: [ValueRef: any ValueShape] = [:]
    /// Whether every required input named a bound value of the right kind.
    var requiredFound = false
}

extension Checker {
    /// Checks one step block: decodes its parameters, resolves its inputs, analyses it, binds
    /// its value and checks its expectations, then adds it to the plan.
    func planStep(_ block: StepBlock, descriptor: StepDescriptor, pass: inout StepPass, diagnostics: inout [Diagnostic]) {
        let entries = block.entries.map { entry in
            ParameterNode.MappingEntry(
                key: entry.key, keyLocation: entry.keyLocation,
                value: substitute(entry.value, values: pass.values, diagnostics: &diagnostics)
            )
        }
        let (step, stepDiagnostics) = descriptor.decode(entries, block.location)
        if !block.bodyIsInvalid { diagnostics += stepDiagnostics }
        let resolved = resolveInputs(of: step, in: block, pass: pass, diagnostics: &diagnostics)

        // What the step's inputs tell about it: checked only when everything else about it is.
        var producedShape: (any ValueShape)?
        if !block.bodyIsInvalid, !stepDiagnostics.hasErrors, resolved.requiredFound {
            let inputReferences = Set(resolved.inputs.map(\.reference))
            let analysis = AnalysisContext(
                notebookDirectory: pass.notebookDirectory, blockLocation: block.location,
                parameterLocations: block.parameterLocations, boundKinds: pass.bindings.mapValues(\.kind),
                isInput: { inputReferences.contains($0) }, shape: { resolved.shapes[$0] }
            )
            producedShape = step.analyse(analysis)
            diagnostics += analysis.diagnostics
        }

        let produced = step.producedKind()
        if let binding = block.binding {
            if let produced {
                let bound = Binding(kind: produced, step: block.number, location: binding.location, shape: producedShape)
                pass.bindings[binding.name] = bound
                pass.history[binding.name, default: []].append(bound)
            } else {
                diagnostics.append(.error(at: binding.location, "step '\(block.name)' produces no value to bind with 'as'", id: "nothing-to-bind"))
            }
        }
        checkExpectations(of: block, produced: produced, shape: producedShape, diagnostics: &diagnostics)
        var plannedStep = PlannedStep(
            block: block, descriptor: descriptor, step: step, inputs: resolved.inputs, producedKind: produced,
            identity: pass.identity(of: block)
        )
        if let checks = expectationGuard(of: block, parameters: pass.parameters, diagnostics: &diagnostics) {
            plannedStep.checksExpectations = checks
        }
        pass.planned.append(plannedStep)
    }

    /// The step's required inputs, each a bound name of the right kind, and the optional
    /// references that name such a value.
    private func resolveInputs(
        of step: any Step, in block: StepBlock, pass: StepPass, diagnostics: inout [Diagnostic]
    ) -> ResolvedInputs {
        var resolved = ResolvedInputs()
        for input in step.inputs {
            let reference = input.reference
            guard let binding = pass.bindings[reference.name] else {
                diagnostics.append(.error(at: reference.location, unboundMessage(reference.name, pass: pass), id: "unbound-name"))
                continue
            }
            let target: Binding.Target
            switch binding.follow(reference) {
            case let .failure(problem):
                diagnostics.append(.error(at: reference.location, problem.message, id: "unknown-member"))
                continue
            case let .success(found):
                target = found
            }
            if let required = input.kind, !target.kind.conforms(to: required) {
                diagnostics.append(.error(
                    at: reference.location,
                    "parameter '\(input.parameter)' of step '\(block.name)' expects \(required.withArticle), but '\(target.path)' is \(target.kind.withArticle) (bound at line \(binding.location.line))",
                    id: "wrong-kind"
                ))
                continue
            }
            resolved.inputs.append(.init(parameter: input.parameter, reference: reference, producer: binding.step))
            if let shape = target.shape { resolved.shapes[reference] = shape }
        }
        resolved.requiredFound = resolved.inputs.count == step.inputs.count
        // An optional reference is an input when it names a value of its kind bound earlier;
        // anything else it might be (a column, an alias) is none of the checker's business.
        for optional in step.optionalInputs {
            let reference = optional.reference.reference
            guard !resolved.inputs.contains(where: { $0.reference == reference }),
                  let binding = pass.bindings[reference.name],
                  case let .success(target) = binding.follow(reference),
                  target.kind.conforms(to: optional.reference.kind) else { continue }
            resolved.inputs.append(.init(parameter: optional.parameter, reference: reference, producer: binding.step))
            if let shape = target.shape { resolved.shapes[reference] = shape }
        }
        return resolved
    }

    private func unboundMessage(_ name: String, pass: StepPass) -> String {
        if let later = pass.laterBindings[name] {
            return "'\(name)' is used before it is bound (it is bound at line \(later.line))"
        }
        var message = "'\(name)' is not bound by an earlier step"
        if let suggestion = Suggestions.bestMatch(for: name, in: pass.bindings.keys.sorted()) {
            message += "; did you mean '\(suggestion)'?"
        }
        return message
    }

    /// Each `expect:` line must name a measurement of the value the step produces.
    private func checkExpectations(
        of block: StepBlock, produced: ValueKind?, shape: (any ValueShape)?, diagnostics: inout [Diagnostic]
    ) {
        for expectation in block.expectations {
            guard let produced else {
                diagnostics.append(.error(at: expectation.location, "step '\(block.name)' produces no value, so 'expect' has nothing to test", id: "invalid-expectation"))
                continue
            }
            let name = expectation.measurementName
            if produced.accepts(measurement: name) {
                if let problem = shape?.problem(withMeasurement: name) {
                    diagnostics.append(.error(at: expectation.location, problem, id: "invalid-expectation"))
                }
                continue
            }
            var message = "\(produced.withArticle) has no measurement '\(name)'"
            if let suggestion = Suggestions.bestMatch(for: name, in: produced.measurements) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; it has " + produced.measurements.map { "'\($0)'" }.joined(separator: ", ")
                if let pattern = produced.indexedMeasurements { message += ", and \(pattern)" }
            }
            diagnostics.append(.error(at: expectation.location, message, id: "invalid-expectation"))
        }
    }

    /// Whether the block's expectations are checked in this run, from its `expect-if`
    /// parameter (a boolean notebook parameter); nil when it has none or names a bad one.
    private func expectationGuard(
        of block: StepBlock, parameters: [ResolvedParameter], diagnostics: inout [Diagnostic]
    ) -> Bool? {
        guard let guardName = block.expectationGuard else { return nil }
        let declaration = parameters.first { $0.name == guardName.name }
        if let declaration, declaration.declaration.kind == .bool { return declaration.value == "true" }
        var message = declaration.map {
            "'expect-if' needs a boolean notebook parameter, but '\(guardName.name)' is \($0.declaration.kind)"
        } ?? "'expect-if' names '\(guardName.name)', which is not a notebook parameter"
        if declaration == nil, let suggestion = Suggestions.bestMatch(for: guardName.name, in: parameters.map(\.name)) {
            message += "; did you mean '\(suggestion)'?"
        }
        diagnostics.append(.error(at: guardName.location, message, id: "invalid-expectation"))
        return nil
    }
}
