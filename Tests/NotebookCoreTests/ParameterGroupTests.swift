import Foundation
import RecbookSupport
import Testing
@testable import NotebookCore

/// A circle's parameters: a required radius, an optional centre read from a bound number, and
/// a size preset that sets the radius when it comes first.
struct CircleParameters: ParameterGroup {
    enum Size: String, ChoiceParameter { case small, large }
    static let schema: ParameterSchema<Self> = [
        .parameter(\.size, "size", doc: "A preset radius."),
        .parameter(\.radius, "radius", doc: "The radius.", .atLeast(0.0)),
        .input(\.centre, "centre", kind: NumberValue.kind, doc: "Where it is."),
    ]
    var size: Size = .small {
        didSet { radius = size == .small ? 1 : 10 }
    }
    var radius = 1.0
    var centre: ValueRef?
}

/// A square's parameters, one of them required; a rounded corner needs a corner radius.
struct SquareParameters: ParameterGroup {
    static let schema: ParameterSchema<Self> = [
        .parameter(\.side, "side", doc: "The side.", required: true),
        .parameter(\.rounded, "rounded", doc: "Round the corners."),
        .parameter(\.cornerRadius, "corner", doc: "The corners' radius."),
    ]
    var side = 0.0
    var rounded = false
    var cornerRadius = 0.0

    func validate(written: Set<String>) -> [ParameterProblem] {
        written.contains("corner") && !rounded ? [ParameterProblem("corner", "'corner' needs 'rounded: true'")] : []
    }
}

struct ShapeStep: Step {
    enum Kind: String, GroupSelector {
        case circle, square
        var parameters: any ParameterGroup.Type { self == .circle ? CircleParameters.self : SquareParameters.self }
    }

    static let name = "shape"
    static let summary = "Draws a shape."
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .selector(\.kind, "kind", doc: "Which shape.", group: \.parameters),
        .parameter(\.label, "label-text", doc: "A label."),
    ]
    var kind: Kind = .circle
    var label = ""
    var parameters: any ParameterGroup = CircleParameters()
    func run(in context: StepContext) throws -> (any NotebookValue)? { nil }
}

private let shapeRegistry = StepRegistry(steps: [ConstantStep.self, ShapeStep.self], values: [NumberValue.self])

/// Checks a `shape` block whose body starts on line 5, after a number bound as `c`.
private func checkShape(_ body: String) -> (diagnostics: [String], step: ShapeStep?) {
    let text = "```constant\nvalue: 1\nas: c\n```\n```shape\n" + body + "```\n"
    let (notebook, loaded) = NotebookLoader(registry: shapeRegistry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    guard let notebook else { return (loaded.map(\.description), nil) }
    let (plan, checked) = Checker(registry: shapeRegistry).check(notebook)
    return ((loaded + checked).map(\.description), plan?.steps.last?.step as? ShapeStep)
}

@Suite struct ParameterGroupTests {
    @Test(arguments: [
        ("kind: circle\nside: 2\n", ["nb.md:7:1: error: parameter 'side' does not apply to kind 'circle' (only to 'square'); did you mean 'size'?"]),
        ("kind: square\nradus: 2\nside: 1\n", ["nb.md:7:1: error: unknown parameter 'radus' for step 'shape'"]),
        ("kind: circle\nradus: 2\n", ["nb.md:7:1: error: unknown parameter 'radus' for step 'shape'; did you mean 'radius'?"]),
        ("kind: cirle\nside: 2\n", ["nb.md:6:7: error: parameter 'kind' expects one of 'circle', 'square', got 'cirle'; did you mean 'circle'?"]),
        ("kind: square\n", ["nb.md:5:1: error: step 'shape' with kind 'square' is missing required parameter 'side' (a number)"]),
        ("radius: 2\n", ["nb.md:5:1: error: step 'shape' is missing required parameter 'kind' (one of 'circle', 'square')"]),
        ("kind: square\nside: 2\ncorner: 0.5\n", ["nb.md:8:1: error: 'corner' needs 'rounded: true'"]),
        ("kind: square\nside: 2\nrounded: true\ncorner: 0.5\n", []),
        ("kind: circle\nradius: -1\n", ["nb.md:7:9: error: parameter 'radius' must be at least 0.0, got -1.0"]),
    ])
    func theSelectedGroupDecidesWhichParametersApply(body: String, expected: [String]) {
        #expect(checkShape(body).diagnostics == expected)
    }

    @Test func groupParametersAreReadInSchemaOrder() throws {
        // The preset is written last but assigned first, so the radius written before it stays.
        let step = try #require(checkShape("kind: circle\nradius: 3\nsize: large\n").step)
        let circle = try #require(step.parameters as? CircleParameters)
        #expect(circle.size == .large && circle.radius == 3)
        let preset = try #require(checkShape("kind: circle\nsize: large\n").step?.parameters as? CircleParameters)
        #expect(preset.radius == 10)
    }

    @Test func theGroupsInputsAndTextBelongToTheStep() throws {
        let step = try #require(checkShape("kind: circle\ncentre: c\nlabel-text: x\n").step)
        #expect(step.inputs.map(\.parameter) == ["centre"])
        #expect(step.inputs.map(\.reference.name) == ["c"])
        #expect(step.canonicalParameters.map { "\($0.name)=\($0.value)" }
                == ["kind=circle", "size=small", "radius=1.0", "centre=c", "label-text=x"])
    }

    @Test func theReferenceListsEachCasesParameters() throws {
        let shape = try #require(shapeRegistry.step(named: "shape"))
        #expect(StepReference.text(for: shape, detailed: false) == """
            shape
                Draws a shape.

                kind        one of 'circle', 'square'; required
                            Which shape.
                label-text  string; default: none
                            A label.

                with kind: circle
                  size    one of 'small', 'large'; default: small
                          A preset radius.
                  radius  number ≥ 0.0; default: 1.0
                          The radius.
                  centre  number (name of a bound value); default: none
                          Where it is.

                with kind: square
                  side     number; required
                           The side.
                  rounded  boolean; default: false
                           Round the corners.
                  corner   number; default: 0.0
                           The corners' radius.

            """)
        let markdown = StepReference.markdown(shapeRegistry)
        #expect(markdown.contains("With `kind: square`:\n\n| parameter | type | default | meaning |\n|---|---|---|---|\n| `side` | number | required | The side. |\n"))
    }

    @Test func theJSONSchemaHasOneClosedObjectPerCase() throws {
        let schema = StepReference.jsonSchema(shapeRegistry)
        guard case let .object(root) = schema, case let .object(definitions)? = root.first(where: { $0.key == "$defs" })?.value,
              case let .object(shape)? = definitions.first(where: { $0.key == "shape" })?.value,
              case let .array(branches)? = shape.first(where: { $0.key == "oneOf" })?.value else {
            Issue.record("no oneOf for shape")
            return
        }
        #expect(branches.count == 2)
        guard case let .object(square) = branches[1], case let .object(properties)? = square.first(where: { $0.key == "properties" })?.value else {
            Issue.record("no properties")
            return
        }
        #expect(properties.map(\.key) == ["kind", "label-text", "side", "rounded", "corner", "label", "caption", "original-cell"])
        #expect(properties.first?.value == ["const": "square", "description": "Which shape."])
        #expect(square.first(where: { $0.key == "additionalProperties" })?.value == false)
        #expect(square.first(where: { $0.key == "required" })?.value == ["kind", "side"])
    }
}
