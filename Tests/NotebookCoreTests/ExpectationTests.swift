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

    @Test(arguments: [
        ("genre[0] == 'Drama'", MeasuredValue.text("Drama"), true, "genre[0] = 'Drama'"),
        ("\"Drama\" != genre[0]", .text("Drama"), false, "genre[0] = 'Drama'"),
        ("genre[0] < 'E'", .text("Drama"), true, "genre[0] = 'Drama'"),
        ("genre[0] == 'it\\'s'", .text("it's"), true, "genre[0] = 'it's'"),
        ("genre[0] == 3", .text("Drama"), false, "genre[0] is text, which cannot be compared with a number"),
        ("mean_rating[-1] == 'x'", .number(3), false, "mean_rating[-1] is a number, which cannot be compared with text"),
        ("round(mean_rating[-1], 2) == 3.57", .number(3.5712), true, "mean_rating[-1] = 3.5712"),
    ])
    func comparesCellsAndText(source: String, measured: MeasuredValue, passes: Bool, detail: String) throws {
        let expectation = try Expectation(parsing: source, at: here)
        let result = expectation.evaluate(measuring: { $0 == expectation.measurementName ? measured : nil })
        #expect(result.passed == passes, "\(source)")
        #expect(result.detail == detail)
    }

    @Test(arguments: [
        ("recall@10[1–30] > 0.06", "recall@10[1–30]", 0.07, 0.05), ("rmse[301+] < 0.9", "rmse[301+]", 0.8, 0.95),
        ("rmse[31-100] < 1", "rmse[31-100]", 0.5, 1.5),
    ])
    func aFigureByGroupNamesItsGroupInBrackets(_ source: String, _ name: String, holding: Double, failing: Double) throws {
        let expectation = try Expectation(parsing: source, at: here)
        #expect(expectation.measurementName == name)
        #expect(expectation.evaluate { $0 == name ? holding : nil }.passed)
        #expect(!expectation.evaluate { $0 == name ? failing : nil }.passed)
    }

    @Test func aStringMustBeClosed() {
        #expect(throws: ParameterError("expectation 'genre[0] == 'Drama': unclosed string starting at column 13", at: here)) {
            try Expectation(parsing: "genre[0] == 'Drama", at: here)
        }
    }

    @Test func missingMeasurementFails() throws {
        let result = try Expectation(parsing: "recall@10 > 0.1", at: here).evaluate { (_: String) -> Double? in nil }
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
