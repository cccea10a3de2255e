import Testing
import RecbookSupport
@testable import NotebookCore

@Suite struct ExpectationTests {
    let here = SourceLocation(file: "nb.md", line: 1, column: 1)

    @Test(arguments: [
        ("value == 3", 3.0, true),
        ("value == 3", 3.0001, false),
        ("value < 0.97", 0.9628, true),
        ("value >= 1", 0.5, false),
        ("0.67 <= value <= 0.69", 0.6789, true),
        ("0.67 <= value <= 0.69", 0.70, false),
        ("round(value, 4) == 0.9628", 0.96279, true),
        ("round(value, 4) == 0.9628", 0.96284, true),
        ("round(value, 4) == 0.9628", 0.96286, false),
        ("value != 0", 0.0, false),
        ("81200 == value", 81200.0, true),
        ("value > -1e-3", 0.0, true),
    ])
    func evaluates(source: String, measured: Double, passes: Bool) throws {
        let expectation = try Expectation(parsing: source, at: here)
        let result = expectation.evaluate { $0 == "value" ? measured : nil }
        #expect(result.passed == passes, "\(source) with \(measured)")
        #expect(result.source == source)
    }

    @Test func missingMeasurementFails() throws {
        let result = try Expectation(parsing: "recall@10 > 0.1", at: here).evaluate { _ in nil }
        #expect(!result.passed)
        #expect(result.detail == "the value has no measurement 'recall@10'")
    }

    @Test(arguments: [
        ("value", "expectation 'value' must compare a measurement, as in 'rows == 100'"),
        ("1 < 2", "expectation '1 < 2' must name exactly one measurement"),
        ("a < b", "expectation 'a < b' must name exactly one measurement"),
        ("value ~ 3", "expectation 'value ~ 3': expected a comparison (<, <=, >, >=, ==, !=) at column 7"),
        ("round(value) == 1", "expectation 'round(value) == 1': expected ', DIGITS)' in round(value, DIGITS)"),
    ])
    func rejectsMalformed(source: String, message: String) {
        #expect(throws: ParameterError(message, at: here)) { try Expectation(parsing: source, at: here) }
    }
}
