import Testing
@testable import Frames

/// Evaluates `text` over `frame`.
private func evaluate(_ text: String, _ frame: DataFrame) throws -> Column {
    try Expression(parsing: text).checked(against: frame.schema).evaluate(on: frame)
}

/// The error evaluating `text` over `frame` raises.
private func evaluationError(_ text: String, _ frame: DataFrame) throws -> ExpressionEvaluationError? {
    let checked = try Expression(parsing: text).checked(against: frame.schema)
    return #expect(throws: ExpressionEvaluationError.self) { try checked.evaluate(on: frame) }
}

// Expected values come from pandas (3.1) and Python; the code that computed each is beside it.
@Suite struct ExpressionEvaluationTests {
    // pd.DataFrame({'a': pd.array([1, None, -7, 4], 'Int64'), 'b': pd.array([2, 0, 2, None], 'Int64'),
    //               'x': [7.5, np.nan, -2.5, 0.5], 's': ['Héllo', None, 'a|b|c', 'ß'], 'f': [True, None, False, True]})
    private let frame: DataFrame = {
        do {
            return try DataFrame([
                "a": .ints([1, nil, -7, 4]), "b": .ints([2, 0, 2, nil]), "x": .doubles([7.5, nil, -2.5, 0.5]),
                "s": .strings(["Héllo", nil, "a|b|c", "ß"]), "f": .bools([true, nil, false, true]),
            ])
        } catch {
            fatalError("fixture: \(error)")
        }
    }()

    @Test(arguments: [
        // Missing values propagate; (a // b).tolist() == [0, <NA>, -4, <NA>], (a % b) == [1, <NA>, 1, <NA>]
        ("a + b", Column.ints([3, nil, -5, nil])),
        ("a - b * 2", .ints([-3, nil, -11, nil])),
        ("a // b", .ints([0, nil, -4, nil])),
        ("a % b", .ints([1, nil, 1, nil])),
        ("-a", .ints([-1, nil, 7, -4])),
        ("a * 0 + 7 // -2", .ints([-4, nil, -4, -4])),
        ("a * 0 + 7 % -2", .ints([-1, nil, -1, -1])),
        // Division by zero is null.
        ("a // (b - 2)", .ints([nil, nil, nil, nil])),
        ("a % 0", .ints([nil, nil, nil, nil])),
        ("a / b", .doubles([0.5, nil, -3.5, nil])),
        ("x / 0", .doubles([nil, nil, nil, nil])),
        ("a + x", .doubles([8.5, nil, -9.5, 4.5])),
        // (x // -2) == [-4.0, nan, 1.0, -1.0]; (x % -2) == [-0.5, nan, -0.5, -1.5]
        ("x // -2", .doubles([-4, nil, 1, -1])),
        ("x % -2", .doubles([-0.5, nil, -0.5, -1.5])),
        // (x // 0.75) == [10.0, nan, -4.0, 0.0]; (x % 0.75) == [0.0, nan, 0.5, 0.5]
        ("x // 0.75", .doubles([10, nil, -4, 0])),
        ("x % 0.75", .doubles([0, nil, 0.5, 0.5])),
        ("s + '!'", .strings(["Héllo!", nil, "a|b|c!", "ß!"])),
        ("1 + 2", .ints([3, 3, 3, 3])),
        ("null + a", .ints([nil, nil, nil, nil])),
        ("null", .doubles([nil, nil, nil, nil])),
    ])
    func arithmetic(text: String, expected: Column) throws {
        #expect(try evaluate(text, frame) == expected)
    }

    @Test(arguments: [
        ("a > 0", Column.bools([true, nil, false, true])),
        ("x >= 0.5", .bools([true, nil, false, true])),
        ("a != 4", .bools([true, nil, true, false])),
        ("a == x", .bools([false, nil, false, false])),
        ("s < 'b'", .bools([true, nil, true, false])),
        ("f == true", .bools([true, nil, false, true])),
        ("f < true", .bools([false, nil, true, false])),
        ("a in [1, 4]", .bools([true, nil, false, true])),
        ("a not in [1, 4]", .bools([false, nil, true, false])),
        // SQL: no match and a null in the list is null.
        ("a in [1, null]", .bools([true, nil, nil, nil])),
        ("a not in [1, null]", .bools([false, nil, nil, nil])),
        ("a in [b, 4]", .bools([false, nil, false, true])),
        ("x in [0.5]", .bools([false, nil, false, true])),
        ("s in ['ß', 'x']", .bools([false, nil, false, true])),
        // Long lists of literals are looked up in a hash set; the answers are the same.
        ("a in [1, 2, 3, 4, 5, 6, 7, 8, 9]", .bools([true, nil, false, true])),
        ("a not in [1, 2, 3, 4, 5, 6, 7, 8, 9]", .bools([false, nil, true, false])),
        ("a in [1, 2, 3, 4, 5, 6, 7, 8, null]", .bools([true, nil, nil, true])),
        // Values too far apart for a bitmap are searched in a sorted array.
        ("a in [-9223372036854775807, 1, 4, 9223372036854775807, 5, 6, 7, 8, 9]", .bools([true, nil, false, true])),
        ("a in [-7, 3000000, 2, 3, 5, 6, 7, 8, 9]", .bools([false, nil, true, false])),
        ("s in ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'He\u{301}llo', 'ß']", .bools([false, nil, false, true])),
        ("x is null", .bools([false, true, false, false])),
        ("s is not null", .bools([true, false, true, true])),
        ("f is null", .bools([false, true, false, false])),
        ("(a > 0) is null", .bools([false, true, false, false])),
    ])
    func comparisons(text: String, expected: Column) throws {
        #expect(try evaluate(text, frame) == expected)
    }

    @Test func integerSetsFindExactlyTheirMembers() {
        let narrow = IntegerSet([5, -3, 64, 5, 127])
        #expect((-70...200).filter(narrow.contains) == [-3, 5, 64, 127])
        #expect(!narrow.contains(.min) && !narrow.contains(.max))
        let wide = IntegerSet([.min, -1, 10_000_000, .max])
        #expect([Int.min, -2, -1, 0, 9_999_999, 10_000_000, .max - 1, .max].filter(wide.contains) == [.min, -1, 10_000_000, .max])
        #expect(!IntegerSet([]).contains(0))
    }

    @Test func threeValuedLogic() throws {
        let table = try DataFrame([
            "p": .bools([true, true, true, false, false, false, nil, nil, nil]),
            "q": .bools([true, false, nil, true, false, nil, true, false, nil]),
        ])
        #expect(try evaluate("p and q", table) == .bools([true, false, nil, false, false, false, nil, false, nil]))
        #expect(try evaluate("p or q", table) == .bools([true, true, true, true, false, nil, true, nil, nil]))
        #expect(try evaluate("not p", table) == .bools([false, false, false, true, true, true, nil, nil, nil]))
        #expect(try evaluate("not (p and q)", table) == .bools([false, true, nil, true, true, true, nil, true, nil]))
        #expect(try evaluate("p and true", table) == .bools([true, true, true, false, false, false, nil, nil, nil]))
        #expect(try evaluate("p or null", table) == .bools([true, true, true, nil, nil, nil, nil, nil, nil]))
        #expect(try evaluate("p and null", table) == .bools([nil, nil, nil, false, false, false, nil, nil, nil]))
        let one = try DataFrame(["p": .bools([true])])
        #expect(try evaluate("null and false", one) == .bools([false]))
        #expect(try evaluate("null or true", one) == .bools([true]))
        #expect(try evaluate("null and true", one) == .bools([Bool?.none]))
        #expect(try evaluate("not null", one) == .bools([Bool?.none]))
    }

    @Test func aFilterKeepsTheRowsWhereTheConditionIsTrue() throws {
        func kept(_ text: String) throws -> DataFrame {
            try frame.filtered(by: Expression(parsing: text).checkedCondition(against: frame.schema))
        }
        #expect(try kept("x > 0") == frame.gatheringRows([0, 3]))
        // Null is not true: the row without an x is dropped by both a condition and its negation.
        #expect(try kept("not (x > 0)") == frame.gatheringRows([2]))
        #expect(try kept("x > 0 or x is null") == frame.gatheringRows([0, 1, 3]))
        #expect(try kept("true") == frame)
        #expect(try kept("false").rowCount == 0)
        #expect(try kept("false").schema == frame.schema)
        #expect(try kept("a > 100 and b > 100").rowCount == 0)
    }

    @Test func anEmptyTableGivesEmptyResults() throws {
        let empty = try DataFrame(["a": .ints([Int]()), "s": .strings([String]())])
        #expect(try evaluate("a + 1", empty) == .ints([Int]()))
        #expect(try evaluate("1 + 2", empty) == .ints([Int]()))
        #expect(try evaluate("lower(s) == 'x'", empty) == .bools([Bool]()))
        // No row, so nothing fails to convert.
        #expect(try evaluate("int('x')", empty) == .ints([Int]()))
        let none = try empty.filtered(by: Expression(parsing: "a > 1").checkedCondition(against: empty.schema))
        #expect(none == empty)
    }

    @Test(arguments: [
        // [len(s) for s in ...], s.upper(), ...; Python counts code points.
        ("length(s)", Column.ints([5, nil, 5, 1])),
        ("upper(s)", .strings(["HÉLLO", nil, "A|B|C", "SS"])),
        ("lower(s)", .strings(["héllo", nil, "a|b|c", "ß"])),
        ("split(s, '|', 1)", .strings([nil, nil, "b", nil])),
        ("split(s, '|', -1)", .strings(["Héllo", nil, "c", "ß"])),
        ("split(s, 'l', 2)", .strings(["o", nil, nil, nil])),
        ("substring(s, 1, 3)", .strings(["éll", nil, "|b|", ""])),
        ("substring(s, -2)", .strings(["lo", nil, "|c", "ß"])),
        ("substring(s, 9)", .strings(["", nil, "", ""])),
        ("replace(s, '|', ', ')", .strings(["Héllo", nil, "a, b, c", "ß"])),
        ("replace(s, 'l', '')", .strings(["Héo", nil, "a|b|c", "ß"])),
        ("contains(s, 'l')", .bools([true, nil, false, false])),
        ("contains(s, '')", .bools([true, nil, true, true])),
        ("starts_with(s, 'a|')", .bools([false, nil, true, false])),
        ("ends_with(s, 'c')", .bools([false, nil, true, false])),
        ("ends_with(s, 'éllo')", .bools([true, nil, false, false])),
    ])
    func text(text: String, expected: Column) throws {
        #expect(try evaluate(text, frame) == expected)
    }

    @Test func textMatchesExactCodePointsAsPythonDoes() throws {
        // "He\u0301llo" writes é as e + a combining accent: len() == 6, 'é' in it is False.
        let table = try DataFrame(["w": .strings(["He\u{301}llo", "H\u{E9}llo", "  x y \t", "日本語"])])
        #expect(try evaluate("length(w)", table) == .ints([6, 5, 7, 3]))
        #expect(try evaluate("contains(w, 'é')", table) == .bools([false, true, false, false]))
        #expect(try evaluate("w == 'Héllo'", table) == .bools([false, true, false, false]))
        #expect(try evaluate("trim(w)", table) == .strings(["He\u{301}llo", "Héllo", "x y", "日本語"]))
        #expect(try evaluate("substring(w, 1, 1)", table) == .strings(["e", "é", " ", "本"]))
    }

    @Test func roundingIsHalfToEvenAsNumpy() throws {
        // pd.Series([0.5, 1.5, 2.5, -0.5, -1.5, 2.675]).round() == [0.0, 2.0, 2.0, -0.0, -2.0, 3.0]
        let halves = try DataFrame(["v": .doubles([0.5, 1.5, 2.5, -0.5, -1.5, 2.675])])
        #expect(try evaluate("round(v)", halves) == .doubles([0, 2, 2, -0.0, -2, 3]))
        // pd.Series([2.675, 1.005, 0.125, -0.125]).round(2) == [2.68, 1.0, 0.12, -0.12]
        let cents = try DataFrame(["v": .doubles([2.675, 1.005, 0.125, -0.125])])
        #expect(try evaluate("round(v, 2)", cents) == .doubles([2.68, 1.0, 0.12, -0.12]))
        // pd.Series([1234.5, 1250.0, 1350.0]).round(-2) == [1200.0, 1200.0, 1400.0]
        let hundreds = try DataFrame(["v": .doubles([1234.5, 1250, 1350])])
        #expect(try evaluate("round(v, -2)", hundreds) == .doubles([1200, 1200, 1400]))
        // pd.Series([15, 25, -15, -25, 14, 35]).round(-1) == [20, 20, -20, -20, 10, 40]
        let ints = try DataFrame(["n": .ints([15, 25, -15, -25, 14, 35])])
        #expect(try evaluate("round(n, -1)", ints) == .ints([20, 20, -20, -20, 10, 40]))
        #expect(try evaluate("round(n, 2)", ints) == .ints([15, 25, -15, -25, 14, 35]))
        #expect(try evaluate("floor(v) + ceil(v)", cents) == .doubles([5, 3, 1, -1]))
    }

    @Test func mathFunctions() throws {
        let table = try DataFrame(["v": .doubles([1, 0, -1, nil]), "n": .ints([1000, 2, -3, nil])])
        // np.log([1.0, 0.0]) == [0.0, -inf]; log of a negative number is NaN, which is missing.
        #expect(try evaluate("log(v)", table) == .doubles([0, -.infinity, nil, nil]))
        #expect(try evaluate("log10(n)", table) == .doubles([3, 0.3010299956639812, nil, nil]))
        #expect(try evaluate("sqrt(n)", table) == .doubles([31.622776601683793, 1.4142135623730951, nil, nil]))
        #expect(try evaluate("exp(v)", table) == .doubles([2.718281828459045, 1, 0.36787944117144233, nil]))
        #expect(try evaluate("abs(n)", table) == .ints([1000, 2, 3, nil]))
        #expect(try evaluate("pow(n, 2)", table) == .doubles([1_000_000, 4, 9, nil]))
        // Nulls are skipped, as pandas' min(axis=1) and max(axis=1) skip NaN.
        #expect(try evaluate("least(v, n)", table) == .doubles([1, 0, -3, nil]))
        #expect(try evaluate("greatest(v, n, 1.5)", table) == .doubles([1000, 2, 1.5, 1.5]))
        #expect(try evaluate("least(n, null)", table) == .ints([1000, 2, -3, nil]))
    }

    // pd.to_datetime([...], format='ISO8601').astype('datetime64[s]'): the seconds, then .dt parts.
    private let moments: DataFrame = {
        do {
            return try DataFrame([
                "t": .timestamps([68_214_896, -1, -2_203_891_200, 951_865_200, 4_107_542_400, -11_670_976_372, nil]),
            ])
        } catch {
            fatalError("fixture: \(error)")
        }
    }()

    @Test func datePartsAcrossLeapYearsAndBefore1970() throws {
        // '1972-02-29 12:34:56', '1969-12-31 23:59:59', '1900-03-01', '2000-02-29 23:00:00',
        // '2100-03-01', '1600-02-29 06:07:08', and a missing value.
        #expect(try evaluate("year(t)", moments) == .ints([1972, 1969, 1900, 2000, 2100, 1600, nil]))
        #expect(try evaluate("month(t)", moments) == .ints([2, 12, 3, 2, 3, 2, nil]))
        #expect(try evaluate("day(t)", moments) == .ints([29, 31, 1, 29, 1, 29, nil]))
        #expect(try evaluate("hour(t)", moments) == .ints([12, 23, 0, 23, 0, 6, nil]))
        #expect(try evaluate("minute(t)", moments) == .ints([34, 59, 0, 0, 0, 7, nil]))
        #expect(try evaluate("second(t)", moments) == .ints([56, 59, 0, 0, 0, 8, nil]))
        #expect(try evaluate("weekday(t)", moments) == .ints([1, 2, 3, 1, 0, 1, nil]))
        #expect(try evaluate("day_of_year(t)", moments) == .ints([60, 365, 60, 60, 60, 60, nil]))
        // .dt.normalize()
        #expect(try evaluate("date(t)", moments)
            == .timestamps([68_169_600, -86_400, -2_203_891_200, 951_782_400, 4_107_542_400, -11_670_998_400, nil]))
        #expect(try evaluate("string(t)", moments) == .strings([
            "1972-02-29 12:34:56", "1969-12-31 23:59:59", "1900-03-01 00:00:00", "2000-02-29 23:00:00",
            "2100-03-01 00:00:00", "1600-02-29 06:07:08", nil,
        ]))
        #expect(try evaluate("t - date(t)", moments) == .ints([45_296, 86_399, 0, 82_800, 0, 22_028, nil]))
        #expect(try evaluate("t >= '2000-02-29'", moments) == .bools([false, false, false, true, true, false, nil]))
    }

    @Test func timestampsFromText() throws {
        let table = try DataFrame(["d": .strings(["2015-01-31T12:00:05+02:00", "2015-01-31", "1969-12-31 23:59", nil])])
        // pd.Timestamp('2015-01-31T12:00:05+02:00').tz_convert(None).value // 10**9 == 1422698405
        #expect(try evaluate("timestamp(d)", table) == .timestamps([1_422_698_405, 1_422_662_400, -60, nil]))
        #expect(try evaluate("date(d)", table) == .timestamps([1_422_662_400, 1_422_662_400, -86_400, nil]))
        #expect(try evaluate("timestamp('2016-02-29 00:00:01.750Z') - timestamp('2016-02-28')", table)
            == .ints([86_401, 86_401, 86_401, 86_401]))
        #expect(try evaluate("timestamp(0) + 86400 * 365", table) == .timestamps([Int](repeating: 31_536_000, count: 4)))
    }

    @Test func conversions() throws {
        // int(7.5) == 7, int(-2.5) == -2: toward zero, as Python's int().
        #expect(try evaluate("int(x)", frame) == .ints([7, nil, -2, 0]))
        #expect(try evaluate("int(f)", frame) == .ints([1, nil, 0, 1]))
        #expect(try evaluate("double(a)", frame) == .doubles([1, nil, -7, 4]))
        // str(7.5), str(4.0), str(1e-06), str(2.5e+20)
        #expect(try evaluate("string(x)", frame) == .strings(["7.5", nil, "-2.5", "0.5"]))
        #expect(try evaluate("string(a * 1.0) + string(f)", frame) == .strings(["1.0true", nil, "-7.0false", "4.0true"]))
        let one = try DataFrame(["n": .ints([1])])
        #expect(try evaluate("string(1e-6) + ' ' + string(2.5e20)", one) == .strings(["1e-06 2.5e+20"]))
        #expect(try evaluate("int(' 42 ') + int(double('1e3'))", one) == .ints([1042]))
    }

    @Test func choosingValues() throws {
        #expect(try evaluate("coalesce(b, a, 0)", frame) == .ints([2, 0, 2, 4]))
        #expect(try evaluate("coalesce(x, 9)", frame) == .doubles([7.5, 9, -2.5, 0.5]))
        #expect(try evaluate("coalesce(s, 'none')", frame) == .strings(["Héllo", "none", "a|b|c", "ß"]))
        // A null condition takes the second branch, as SQL's CASE WHEN does.
        #expect(try evaluate("if_else(f, a, b)", frame) == .ints([1, 0, 2, 4]))
        #expect(try evaluate("if_else(a > 0, x, a)", frame) == .doubles([7.5, nil, -7, 0.5]))
        #expect(try evaluate("if_else(a > 0, 'yes', null)", frame) == .strings(["yes", nil, nil, "yes"]))
        #expect(try evaluate("if_else(x > 0, f, not f)", frame) == .bools([true, nil, true, true]))
    }

    @Test func aBranchNotTakenCannotFail() throws {
        let table = try DataFrame(["s": .strings(["12", "", nil, " 7 "])])
        #expect(try evaluate("if_else(s == '', null, int(s))", table) == .ints([12, nil, nil, 7]))
        #expect(try evaluate("coalesce(if_else(s == '', 0, null), int(s))", table) == .ints([12, 0, nil, 7]))
        let error = try evaluationError("if_else(s != '12', int(s), 0)", table)
        #expect(error?.description == "int() cannot read '' as an integer (at row index 1)")
        #expect(error?.offset == 19)
    }

    @Test func valuesThatCannotBeComputedAreErrorsNamingTheRow() throws {
        let overflow = try evaluationError("a * 9223372036854775807", frame)
        #expect(overflow?.description == "'a * 9223372036854775807' is beyond the range of 64-bit integers (at row index 2)")
        #expect(overflow?.offset == 0)
        let sum = try evaluationError("b + (a + 9223372036854775806)", frame)
        #expect(sum?.description == "'(a + 9223372036854775806)' is beyond the range of 64-bit integers (at row index 3)")
        #expect(sum?.offset == 4)
        let minimum = try evaluationError("abs(a * 0 - 9223372036854775807 - 1)", frame)
        #expect(minimum?.description == "'abs(a * 0 - 9223372036854775807 - 1)' is beyond the range of 64-bit integers (at row index 0)")
        let negated = try evaluationError("-(a * 0 - 9223372036854775807 - 1)", frame)
        #expect(negated?.offset == 0)
        #expect(try evaluationError("int(s)", frame)?.description == "int() cannot read 'Héllo' as an integer (at row index 0)")
        #expect(try evaluationError("double(s)", frame)?.description == "double() cannot read 'Héllo' as a number (at row index 0)")
        #expect(try evaluationError("timestamp(s)", frame)?.description
            == "timestamp() cannot read 'Héllo' as a date: expected a four-digit year, found 'Héllo' (at row index 0)")
        #expect(try evaluationError("int(x * 1e300)", frame)?.description == "int() cannot hold 7.5e+300 in 64 bits (at row index 0)")
        #expect(try evaluationError("split(s, substring(s, 9), 0)", frame)?.description == "split() needs a non-empty separator (at row index 0)")
    }
}
