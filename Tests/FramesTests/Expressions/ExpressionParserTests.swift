import Testing
@testable import Frames

@Suite struct ExpressionParserTests {
    /// How the parser groups: the tree in prefix form.
    @Test(arguments: [
        ("a + b * c", "(+ a (* b c))"),
        ("a * b + c", "(+ (* a b) c)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b // c % d", "(% (// (/ a b) c) d)"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("-a * b", "(* (- a) b)"),
        ("- - a", "(- (- a))"),
        ("a - -b", "(- a (- b))"),
        ("a + b < c * d", "(< (+ a b) (* c d))"),
        ("not a == b", "(not (== a b))"),
        ("not not a", "(not (not a))"),
        ("not a and b", "(and (not a) b)"),
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("a or b or c", "(or (or a b) c)"),
        ("a >= 1 and b != 'x'", "(and (>= a 1) (!= b 'x'))"),
        ("x in [1, 2.5, 'a', null]", "(in x [1 2.5 'a' null])"),
        ("x not in [1] or y", "(or (not-in x [1]) y)"),
        ("x + 1 in [a * 2]", "(in (+ x 1) [(* a 2)])"),
        ("x is null", "(is-null x)"),
        ("x is not null and y is null", "(and (is-not-null x) (is-null y))"),
        ("f(a, b + 1)", "(call f a (+ b 1))"),
        ("f()", "(call f)"),
        ("lower(trim(s))", "(call lower (call trim s))"),
        ("`no genres` == ''", "(== `no genres` '')"),
        ("`a``b` + `c d`", "(+ `a``b` `c d`)"),
        ("`and` or `x`", "(or `and` x)"),
        ("`título` == 'é'", "(== `título` 'é')"),
        ("'it\\'s' + \"q\\\"\" + 'back\\\\'", "(+ (+ 'it\\'s' 'q\"') 'back\\\\')"),
        ("1e-3 + 4.5 + 2E2 + 7", "(+ (+ (+ 0.001 4.5) 200.0) 7)"),
        ("true and false or null", "(or (and true false) null)"),
        ("a\n  + b\n\t* c", "(+ a (* b c))"),
        ("_x1 % 2", "(% _x1 2)"),
    ])
    func grouping(text: String, expected: String) throws {
        #expect(try Expression(parsing: text).root.description == expected)
    }

    @Test func nodesKnowWhereTheyAreWritten() throws {
        let root = try Expression(parsing: "a + (b * c)").root
        #expect(root.range == 0..<11)
        guard case let .binary(.add, left, right) = root.kind else {
            Issue.record("expected an addition, got \(root)")
            return
        }
        #expect(left.range == 0..<1)
        // Parentheses belong to the node they enclose.
        #expect(right.range == 4..<11)
        // Ranges count Unicode scalars: "é" is one, although it is two UTF-8 bytes.
        let call = try Expression(parsing: "'é' + lower(x)").root
        guard case let .binary(_, _, lowered) = call.kind else { return }
        #expect(lowered.range == 6..<14)
    }

    /// Every syntax error, with the column (from 1) of the offending token.
    @Test(arguments: [
        ("", "column 1: the expression is empty"),
        ("   ", "column 1: the expression is empty"),
        ("a +", "column 4: expected an operand after '+'"),
        ("a + )", "column 5: expected an operand after '+', found ')'"),
        (") + a", "column 1: expected an operand, found ')'"),
        ("a * * b", "column 5: expected an operand after '*', found '*'"),
        ("(a + b", "column 7: ')' expected to close the '(' at column 1"),
        ("x + (a + (b)", "column 13: ')' expected to close the '(' at column 5"),
        ("f(a, b", "column 7: ')' expected to close the '(' at column 2"),
        ("f(a b)", "column 5: ')' expected to close the '(' at column 2"),
        ("x in [1, 2", "column 11: ']' expected to close the '[' at column 6"),
        ("x in (1, 2)", "column 6: expected a list in square brackets after 'in', found '('; write the values as [a, b]"),
        ("x not in 3", "column 10: expected a list in square brackets after 'not in', found '3'"),
        ("x in []", "column 7: the list after 'in' is empty; it needs at least one value"),
        ("x is 3", "column 6: expected 'null' after 'is', found '3'"),
        ("x is not true", "column 10: expected 'null' after 'is not', found 'true'"),
        ("a < b < c", "column 7: comparisons do not chain; write 'a < b and b < c'"),
        ("a == b is null", "column 8: comparisons do not chain; join them with 'and' or 'or'"),
        ("a b", "column 3: expected an operator or the end of the expression, found 'b'"),
        ("a AND b", "column 3: expected an operator or the end of the expression, found 'AND'; did you mean 'and'?"),
        ("a == 1)", "column 7: expected an operator or the end of the expression, found ')'"),
        ("'abc", "column 1: unclosed string; it needs a closing '"),
        ("a == \"abc", "column 6: unclosed string; it needs a closing \""),
        ("'abc\\", "column 1: unclosed string; it needs a closing '"),
        ("'a\\q'", "column 3: unknown escape '\\q' in a string; the escapes are \\' \\\" \\\\ \\n \\t"),
        ("`abc", "column 1: unclosed column name; it needs a closing ` (write `` for a back quote inside it)"),
        ("`` + 1", "column 1: empty column name ``"),
        ("a = 1", "column 3: '=' is not an operator; compare with '=='"),
        ("a && b", "column 3: '&' is not an operator; write 'and'"),
        ("a || b", "column 3: '|' is not an operator; write 'or'"),
        ("!a", "column 1: '!' is not an operator; write 'not'"),
        ("a <> b", "column 3: '<>' is not an operator; write '!='"),
        ("a ** 2", "column 3: '**' is not an operator; write pow(x, y) for a power"),
        ("a ^ 2", "column 3: '^' is not an operator; write pow(x, y) for a power"),
        ("a $ 2", "column 3: unexpected character '$'"),
        ("été > 1", "column 1: unexpected character 'é'; write a column name with such characters between back quotes: `é…`"),
        ("1e + 2", "column 2: expected the digits of an exponent after '1e'"),
        ("99999999999999999999", "column 1: the integer 99999999999999999999 is too large (the largest is 9223372036854775807)"),
        ("1e999", "column 1: the number 1e999 is too large"),
    ])
    func syntaxErrors(text: String, expected: String) {
        let error = #expect(throws: ExpressionProblem.self) { try Expression(parsing: text) }
        #expect(error?.description == expected)
    }

    @Test func aTooLongExpressionIsRefused() throws {
        let text = String(repeating: "a + ", count: 2500) + "a"
        #expect(text.count == 10_001)
        let error = #expect(throws: ExpressionProblem.self) { try Expression(parsing: text) }
        #expect(error?.description == "column 1: the expression is 10001 characters long; the limit is 10000")
        #expect(throws: Never.self) { try Expression(parsing: String(repeating: " ", count: 9_999) + "a") }
    }

    @Test func nestingIsBoundedWithoutExhaustingTheStack() throws {
        let deepest = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
        #expect(try Expression(parsing: deepest).root.description == "a")
        let tooDeep = String(repeating: "(", count: 201) + "a" + String(repeating: ")", count: 201)
        let parens = #expect(throws: ExpressionProblem.self) { try Expression(parsing: tooDeep) }
        #expect(parens?.description == "column 202: the expression is nested more than 200 levels deep")

        // A chain of operators is as deep as it is long: 199 additions make a tree of height 200.
        #expect(throws: Never.self) { try Expression(parsing: String(repeating: "a + ", count: 199) + "a") }
        let chain = #expect(throws: ExpressionProblem.self) { try Expression(parsing: String(repeating: "a + ", count: 200) + "a") }
        #expect(chain?.description == "column 1: the expression is nested more than 200 levels deep")

        // Thousands of prefix operators stop at the limit rather than recursing on.
        for prefix in ["-", "not ", "f("] {
            let text = String(repeating: prefix, count: 2000) + "a"
            let error = #expect(throws: ExpressionProblem.self) { try Expression(parsing: text) }
            #expect(error?.message == "the expression is nested more than 200 levels deep")
        }
    }

    @Test func columnNamesAreQuotedWhenTheyMustBe() {
        #expect(ExpressionNode.quotedColumnName("rating") == "rating")
        #expect(ExpressionNode.quotedColumnName("no genres") == "`no genres`")
        #expect(ExpressionNode.quotedColumnName("in") == "`in`")
        #expect(ExpressionNode.quotedColumnName("2nd") == "`2nd`")
        #expect(ExpressionNode.quotedColumnName("a`b") == "`a``b`")
    }

    @Test func anExpressionListsTheColumnsItReads() throws {
        #expect(try Expression(parsing: "lower(title) == 'x' and rating * `no genres` > rating").root.columnNames
            == ["title", "rating", "no genres"])
    }
}
