import Foundation
import Outputs
import RecbookSupport
@testable import NotebookCore

/// A tiny registry for testing the runner without any recommender code: numbers, sums, lists.
struct NumberValue: NotebookValue, Equatable {
    static let kind = ValueKind("number", doc: "A number.", measurements: ["value"])
    var value: Double
    var summary: String { "number \(Format.shortest(value))" }
    func measurement(_ name: String) -> Double? { name == "value" ? value : nil }
    func encode(to writer: inout BinaryWriter) { writer.write(value) }
    init(value: Double) { self.value = value }
    init(from reader: inout BinaryReader) throws { value = try reader.read(Double.self) }
}

struct PairValue: NotebookValue {
    static let kind = ValueKind("pair", doc: "Two numbers.", members: ["first": NumberValue.kind, "second": NumberValue.kind])
    var first: NumberValue
    var second: NumberValue
    var summary: String { "pair" }
    func member(_ name: String) -> (any NotebookValue)? {
        switch name {
        case "first": return first
        case "second": return second
        default: return nil
        }
    }
    func encode(to writer: inout BinaryWriter) { first.encode(to: &writer); second.encode(to: &writer) }
    init(first: NumberValue, second: NumberValue) { self.first = first; self.second = second }
    init(from reader: inout BinaryReader) throws {
        first = try NumberValue(from: &reader)
        second = try NumberValue(from: &reader)
    }
}

enum Rounding: String, ChoiceParameter { case up, down, nearest }

struct ConstantStep: Step {
    static let name = "constant"
    static let summary = "Produces a number."
    static let produces: ValueKind? = NumberValue.kind
    static let schema: ParameterSchema<Self> = [
        .parameter(\.value, "value", doc: "The number.", required: true),
        .parameter(\.label, "label-text", doc: "Printed before the value."),
    ]
    var value = 0.0
    var label = "value"
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        context.print("\(label): \(Format.shortest(value))")
        return NumberValue(value: value)
    }
}

struct AddStep: Step {
    static let name = "add"
    static let summary = "Adds two numbers."
    static let produces: ValueKind? = NumberValue.kind
    static let schema: ParameterSchema<Self> = [
        .input(\.a, "a", kind: NumberValue.kind, doc: "First."),
        .input(\.b, "b", kind: NumberValue.kind, doc: "Second."),
        .parameter(\.times, "times", doc: "Multiplier.", .atLeast(1)),
        .parameter(\.rounding, "rounding", doc: "How to round."),
    ]
    var a = ValueRef()
    var b = ValueRef()
    var times = 1
    var rounding: Rounding? = nil
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let x = try context.value(a, as: NumberValue.self).value
        let y = try context.value(b, as: NumberValue.self).value
        var sum = (x + y) * Double(times)
        switch rounding {
        case .up?: sum.round(.up)
        case .down?: sum.round(.down)
        case .nearest?: sum.round()
        case nil: break
        }
        context.print("sum: \(Format.shortest(sum))")
        return NumberValue(value: sum)
    }
}

struct PairStep: Step {
    static let name = "pair"
    static let summary = "Makes a pair."
    static let produces: ValueKind? = PairValue.kind
    static let schema: ParameterSchema<Self> = [
        .parameter(\.first, "first", doc: "First."),
        .parameter(\.second, "second", doc: "Second."),
    ]
    var first = 1.0
    var second = 2.0
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        PairValue(first: NumberValue(value: first), second: NumberValue(value: second))
    }
}

struct FailStep: Step {
    static let name = "fail"
    static let summary = "Always fails."
    static let produces: ValueKind? = NumberValue.kind
    static let schema: ParameterSchema<Self> = [.parameter(\.message, "message", doc: "The error.")]
    var message = "boom"
    func run(in context: StepContext) throws -> (any NotebookValue)? { throw StepError(message) }
}

struct ShowStep: Step {
    static let name = "show"
    static let summary = "Prints a number."
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [.input(\.value, "value", kind: NumberValue.kind, doc: "What to print.")]
    var value = ValueRef()
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        context.print("= \(Format.shortest(try context.value(value, as: NumberValue.self).value))")
        return nil
    }
}

struct RandomStep: Step {
    static let name = "random"
    static let summary = "A seeded random number."
    static let produces: ValueKind? = NumberValue.kind
    static let schema: ParameterSchema<Self> = []
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        var generator = SeededGenerator(seed: context.seed)
        return NumberValue(value: generator.nextDouble())
    }
}

let testRegistry = StepRegistry(
    steps: [ConstantStep.self, AddStep.self, PairStep.self, FailStep.self, ShowStep.self, RandomStep.self],
    values: [NumberValue.self, PairValue.self]
)

/// Loads and checks a notebook from text.
func check(_ text: String, overrides: [ParameterOverride] = []) -> (CheckedNotebook?, [String]) {
    let (notebook, loadDiagnostics) = NotebookLoader(registry: testRegistry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    guard let notebook else { return (nil, loadDiagnostics.map(\.description)) }
    let (plan, diagnostics) = Checker(registry: testRegistry).check(notebook, overrides: overrides, workingDirectory: URL(fileURLWithPath: "/work"))
    let all = (loadDiagnostics + diagnostics).sortedByLocation()
    return (all.hasErrors ? nil : plan, all.map(\.description))
}
