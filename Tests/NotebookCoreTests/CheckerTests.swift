import Foundation
import Testing
@testable import NotebookCore

@Suite struct CheckerTests {
    @Test func aValidNotebookChecksClean() {
        let (plan, diagnostics) = check("""
        # Sums

        ```constant
        value: 2
        as: two
        ```

        ```python
        print("not run")
        ```

        ```add
        a: two
        b: two
        as: four
        ```
        """)
        #expect(diagnostics == [])
        #expect(plan?.steps.map(\.name) == ["constant", "add"])
        #expect(plan?.steps[1].dependencies == [1])
    }

    @Test(arguments: [
        "```sql\nSELECT title FROM movies\n```\n",
        "```yaml\nkey: value\nas: x\n```\n",
        "```haskell\nmain = print 1\n```\n",
        "```\nas: plain\n```\n",
        "```output\nrows: 3\n```\n",
    ])
    func codeInOtherLanguagesStaysCodeSilently(text: String) {
        let (plan, diagnostics) = check(text)
        #expect(diagnostics == [])
        #expect(plan?.steps.isEmpty == true)
    }

    @Test(arguments: [
        // Unknown parameter, with a suggestion.
        ("```constant\nvalu: 2\n```\n", "nb.md:2:1: error: unknown parameter 'valu' for step 'constant'; did you mean 'value'?"),
        // Missing required parameter, at the fence.
        ("```constant\nlabel-text: x\n```\n", "nb.md:1:1: error: step 'constant' is missing required parameter 'value' (a number)"),
        // Ill-typed value.
        ("```constant\nvalue: two\n```\n", "nb.md:2:8: error: parameter 'value' expects a number, got 'two'"),
        // Constraint.
        ("```constant\nvalue: 1\nas: x\n```\n```add\na: x\nb: x\ntimes: 0\n```\n",
         "nb.md:8:8: error: parameter 'times' must be at least 1, got 0"),
        // Choice with suggestion.
        ("```constant\nvalue: 1\nas: x\n```\n```add\na: x\nb: x\nrounding: nearst\n```\n",
         "nb.md:8:11: error: parameter 'rounding' expects one of 'up', 'down', 'nearest', got 'nearst'; did you mean 'nearest'?"),
        // Unknown step with suggestion.
        // Explicit step syntax with an unknown name.
        ("```{nothing}\n```\n", "nb.md:1:5: error: unknown step 'nothing'; 'recbook steps' lists the steps"),
        // Name used before it is bound.
        ("```show\nvalue: later\n```\n```constant\nvalue: 1\nas: later\n```\n",
         "nb.md:2:8: error: 'later' is used before it is bound (it is bound at line 6)"),
        // Name never bound, with a suggestion.
        ("```constant\nvalue: 1\nas: total\n```\n```show\nvalue: totl\n```\n",
         "nb.md:6:8: error: 'totl' is not bound by an earlier step; did you mean 'total'?"),
        // Wrong kind.
        ("```pair\nas: p\n```\n```show\nvalue: p\n```\n",
         "nb.md:5:8: error: parameter 'value' of step 'show' expects a number, but 'p' is a pair (bound at line 2)"),
        // Unknown member.
        ("```pair\nas: p\n```\n```show\nvalue: p.frist\n```\n",
         "nb.md:5:8: error: 'p' (a pair) has no member 'frist'; did you mean 'first'?"),
        // Binding a step that produces nothing.
        ("```constant\nvalue: 1\nas: x\n```\n```show\nvalue: x\nas: y\n```\n",
         "nb.md:7:5: error: step 'show' produces no value to bind with 'as'"),
        // Unknown notebook parameter in a substitution.
        ("```constant\nvalue: ${vlue}\n```\n", "nb.md:2:8: error: unknown notebook parameter '${vlue}'; declare it under 'params:' in the front matter"),
        // Invalid YAML.
        ("```constant\nvalue: [1, 2\n```\n", "nb.md:3:1: error: invalid YAML in step body: while parsing a flow sequence did not find expected ',' or ']'"),
        // Unknown measurement in an expectation.
        ("```constant\nvalue: 1\nexpect: valeu > 0\n```\n", "nb.md:3:9: error: a number has no measurement 'valeu'; did you mean 'value'?"),
        // Malformed expectation.
        ("```constant\nvalue: 1\nexpect: value >\n```\n", "nb.md:3:9: error: expectation 'value >': expected a number or a measurement name at the end"),
    ])
    func diagnostics(source: String, expected: String) {
        let (plan, diagnostics) = check(source)
        #expect(plan == nil)
        #expect(diagnostics.contains(expected), "all: \(diagnostics)")
        #expect(!diagnostics.contains { $0.contains("missing required") } || expected.contains("missing required"),
                "a problem must not cascade into a missing-parameter error: \(diagnostics)")
    }

    /// A block that reads like a step but names none is shown as code, with a warning at its
    /// info string (an error under `--strict`, which the command line applies).
    @Test(arguments: [
        // Close to a step's name.
        ("```constnt\nvalue: 1\n```\n", "nb.md:1:4: warning: unknown step 'constnt'; did you mean 'constant'? — shown as code"),
        // Parameters under a name that is no step, nor close to one.
        ("Text.\n\n```groupby\nby: genre\nas: means\n```\n", "nb.md:3:4: warning: unknown step 'groupby' — shown as code; 'recbook steps' lists the steps"),
        // The first line that is not a comment decides.
        ("```tally\n# counts\n\nrows: 3\n```\n", "nb.md:1:4: warning: unknown step 'tally' — shown as code; 'recbook steps' lists the steps"),
        // An `as:` line anywhere at the top level.
        ("```tally\ncount everything\nas: counts\n```\n", "nb.md:1:4: warning: unknown step 'tally' — shown as code; 'recbook steps' lists the steps"),
    ])
    func lookAlikeBlocksAreWarnings(source: String, expected: String) {
        let (plan, diagnostics) = check(source)
        #expect(plan?.steps.isEmpty == true)
        #expect(diagnostics == [expected])
    }

    @Test func collectsEveryProblemInOnePass() {
        let (_, diagnostics) = check("""
        ```constant
        valu: 2
        ```

        ```add
        a: nothing
        b: nothing
        times: many
        ```
        """)
        #expect(diagnostics == [
            "nb.md:2:1: error: unknown parameter 'valu' for step 'constant'; did you mean 'value'?",
            "nb.md:6:4: error: 'nothing' is not bound by an earlier step",
            "nb.md:7:4: error: 'nothing' is not bound by an earlier step",
            "nb.md:8:8: error: parameter 'times' expects an integer, got 'many'",
        ])
    }

    @Test func aSeedThatIsNotAnIntegerIsAnErrorAtItsDeclaration() {
        let source = """
        ---
        params:
          seed:
            type: string
            default: "12"
        ---
        ```constant
        value: 1
        ```
        """
        let (plan, diagnostics) = check(source)
        #expect(diagnostics == [])
        #expect(plan?.seed == 12)

        let (failed, bad) = check(source, overrides: [ParameterOverride(name: "seed", value: "twelve")])
        #expect(failed == nil)
        #expect(bad == [
            "nb.md:3:3: error: parameter 'seed' must be an integer, since every step's seed is derived from it; got 'twelve' (from the command line)",
        ])
        let declaredDouble = source.replacingOccurrences(of: "type: string", with: "type: double")
            .replacingOccurrences(of: "\"12\"", with: "1.5")
        #expect(check(declaredDouble).1 == [
            "nb.md:3:3: error: parameter 'seed' must be an integer, since every step's seed is derived from it; got '1.5'",
        ])
    }

    @Test func frontMatterParametersAreTypedAndSubstituted() throws {
        let source = """
        ---
        title: Params
        params:
          base:
            type: double
            default: 1.5
            doc: The base.
          mode:
            type: choice
            choices: [fast, slow]
            default: fast
          data:
            type: path
            default: data/here
          count: 3
        ---
        ```constant
        value: ${base}
        label-text: ${mode}-${count}
        ```
        """
        let (plan, diagnostics) = check(source, overrides: [ParameterOverride(name: "base", value: "2.5")])
        #expect(diagnostics == [])
        let checked = try #require(plan)
        #expect(checked.notebook.title == "Params")
        #expect(checked.parameterValue("base") == "2.5")
        #expect(checked.parameterValue("mode") == "fast")
        #expect(checked.parameterValue("data") == "/tmp/data/here")
        #expect(checked.parameterValue("count") == "3")
        #expect(checked.parameterValue("seed") == "0")
        let step = try #require(checked.steps.first?.step as? ConstantStep)
        #expect(step.value == 2.5)
        #expect(step.label == "fast-3")

        let (_, bad) = check(source, overrides: [
            ParameterOverride(name: "base", value: "abc"),
            ParameterOverride(name: "mdoe", value: "slow"),
            ParameterOverride(name: "mode", value: "quick"),
        ])
        #expect(bad == [
            "recbook: error: --param base=abc: parameter 'base' expects a number, got 'abc'",
            "recbook: error: --param mode=quick: parameter 'mode' expects one of 'fast', 'slow', got 'quick'",
            "recbook: error: unknown parameter 'mdoe' for notebook 'nb.md'; did you mean 'mode'?",
        ])
    }

    @Test func commandLinePathsAreRelativeToTheWorkingDirectory() throws {
        let source = "---\nparams:\n  data:\n    type: path\n    default: d\n---\n"
        let (plan, _) = check(source, overrides: [ParameterOverride(name: "data", value: "x/y")])
        #expect(plan?.parameterValue("data") == "/work/x/y")
    }

    @Test func overrideValuesMayContainEqualsAndSpaces() throws {
        let override = try #require(ParameterOverride(argument: "title=a = b c"))
        #expect(override.name == "title")
        #expect(override.value == "a = b c")
        #expect(ParameterOverride(argument: "novalue") == nil)
        #expect(ParameterOverride(argument: "=x") == nil)
    }

    @Test func frontMatterDeclarationErrors() {
        let (_, diagnostics) = check("""
        ---
        params:
          k:
            type: integr
            default: 5
          mode:
            type: choice
            default: x
          size:
            type: int
            default: big
        ---
        """)
        #expect(diagnostics == [
            "nb.md:4:11: error: unknown parameter type 'integr' for 'k'; did you mean 'integer'?",
            "nb.md:7:11: error: parameter 'mode' of type 'choice' needs a 'choices' list",
            "nb.md:11:14: error: the default of parameter 'size' expects an integer, got 'big'",
        ])
    }
}
