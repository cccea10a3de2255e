import Testing
@testable import Frames

@Suite struct ExpressionCheckerTests {
    private let schema = TableSchema([
        "userId": .int, "rating": .double, "title": .string, "liked": .bool,
        "watched": .timestamp, "seconds": .int, "no genres": .string,
    ])

    private func problems(_ text: String, condition: Bool = false) throws -> [String] {
        let expression = try Expression(parsing: text)
        do throws(ExpressionProblems) {
            _ = condition ? try expression.checkedCondition(against: schema) : try expression.checked(against: schema)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test(arguments: [
        ("userId + 1", ExpressionType.int),
        ("userId * rating", .double),
        ("userId / 2", .double),
        ("userId // 2 % 3", .int),
        ("-rating", .double),
        ("title + '!'", .string),
        ("watched - watched", .int),
        ("watched + 60", .timestamp),
        ("60 + watched", .timestamp),
        ("watched - 60", .timestamp),
        ("watched >= '2015-01-01'", .bool),
        ("'2015-01-01 12:00' < watched", .bool),
        ("watched in ['2015-01-01', '2016-02-29T00:00Z']", .bool),
        ("userId in [1, 2.5, null]", .bool),
        ("liked and not (rating > 3) or null", .bool),
        ("liked == true", .bool),
        ("title is not null", .bool),
        ("`no genres` < title", .bool),
        ("null + 1", .int),
        ("null", .null),
        ("coalesce(userId, rating)", .double),
        ("coalesce(null, title)", .string),
        ("if_else(liked, userId, null)", .int),
        ("least(userId, rating, 3)", .double),
        ("greatest(watched, timestamp('2000-01-01'))", .timestamp),
        ("round(rating, -2)", .double),
        ("round(userId)", .int),
        ("floor(userId)", .int),
        ("ceil(rating)", .double),
        ("abs(userId)", .int),
        ("pow(userId, 2)", .double),
        ("length(title)", .int),
        ("split(title, ' ', -1)", .string),
        ("substring(title, 1)", .string),
        ("year(watched) + weekday(watched)", .int),
        ("date(watched)", .timestamp),
        ("date('2015-01-31')", .timestamp),
        ("timestamp(seconds)", .timestamp),
        ("timestamp(title)", .timestamp),
        ("int(title) + int(rating) + int(liked)", .int),
        ("string(watched)", .string),
    ])
    func types(text: String, type: ExpressionType) throws {
        #expect(try Expression(parsing: text).checked(against: schema).type == type)
    }

    /// Every problem, at the start of the offending sub-expression.
    @Test(arguments: [
        ("title - 1", ["column 1: 'title' holds strings; '-' needs numbers"]),
        ("title * `no genres`", [
            "column 1: 'title' holds strings; '*' needs numbers",
            "column 9: 'no genres' holds strings; '*' needs numbers",
        ]),
        ("liked / 2", ["column 1: 'liked' holds booleans; '/' needs numbers"]),
        ("-title", ["column 2: 'title' holds strings; '-' needs numbers"]),
        ("title + rating", ["column 9: 'rating' holds numbers; '+' joins text only to text; convert it with string(…)"]),
        ("1 + (rating > 3)", ["column 5: '(rating > 3)' is a boolean; '+' needs numbers"]),
        ("ratng > 3", ["column 1: no column 'ratng'; did you mean 'rating'?"]),
        ("`no genre` == ''", ["column 1: no column 'no genre'; did you mean 'no genres'?"]),
        ("zzzzzz > 3", ["column 1: no column 'zzzzzz'; the columns are 'userId', 'rating', 'title', 'liked', 'watched', 'seconds', 'no genres'"]),
        ("title == NULL", ["column 10: no column 'NULL'; write null for a missing value"]),
        ("liked == True", ["column 10: no column 'True'; write true in lower case"]),
        ("lowr(title)", ["column 1: unknown function 'lowr'; did you mean 'lower'?"]),
        ("Lower(title)", ["column 1: unknown function 'Lower'; did you mean 'lower'?"]),
        ("frobnicate(title)", ["column 1: unknown function 'frobnicate'"]),
        ("seconds(1)", ["column 1: unknown function 'seconds'; did you mean 'second'?"]),
        ("userId(1)", ["column 1: unknown function 'userId'; 'userId' is a column, not a function"]),
        ("lower(rating)", ["column 7: lower() expects text, but 'rating' holds numbers"]),
        ("contains(title, rating * 2)", ["column 17: contains() expects text as its second argument, but 'rating * 2' is a number"]),
        ("contains(title)", ["column 1: contains() takes 2 arguments, got 1"]),
        ("round(rating, 1, 2)", ["column 1: round() takes 1 or 2 arguments, got 3"]),
        ("least(rating)", ["column 1: least() takes at least 2 arguments, got 1"]),
        ("round(rating, userId)", ["column 15: round() needs its digits written as a whole number from -18 to 18, such as round(x, 2)"]),
        ("round(rating, 19)", ["column 15: round() needs its digits written as a whole number from -18 to 18, such as round(x, 2)"]),
        ("year(seconds)", [
            "column 6: year() expects a timestamp, but 'seconds' holds integers; if they are Unix seconds, convert them with timestamp(seconds) or the to-datetime step",
        ]),
        ("weekday(title)", ["column 9: weekday() expects a timestamp, but 'title' holds strings"]),
        ("title < 3", ["column 1: 'title' holds strings but '3' is an integer; '<' compares values of the same kind; convert with string(…), int(…) or double(…)"]),
        ("watched > 1000", [
            "column 1: 'watched' holds timestamps but '1000' is an integer; '>' compares values of the same kind; write a date as '2015-01-31', or convert Unix seconds with timestamp(…)",
        ]),
        ("watched >= '2015-13-01'", ["column 12: '2015-13-01' is not a date: month 13 is not in 1…12"]),
        ("watched >= '2015-02-29'", ["column 12: '2015-02-29' is not a date: day 29 is not in 1…28 for 2015-02"]),
        ("watched < '2015-01-01 25:00'", ["column 11: '2015-01-01 25:00' is not a date: 25:00:00 is not a time of day"]),
        ("timestamp('yesterday')", ["column 11: 'yesterday' is not a date: expected a four-digit year, found 'yesterday'"]),
        ("userId in [1, 'a', 2]", ["column 15: 'userId' holds integers but 'a' is text; 'in' compares values of the same kind; convert with string(…), int(…) or double(…)"]),
        ("rating == null", ["column 1: a comparison with null is null, never true; write 'rating is null'"]),
        ("null != title", ["column 1: a comparison with null is null, never true; write 'title is not null'"]),
        ("liked and rating", ["column 11: 'rating' holds numbers; 'and' needs conditions (true or false)"]),
        ("not title", ["column 5: 'title' holds strings; 'not' needs conditions (true or false)"]),
        ("if_else(rating, 1, 2)", ["column 9: if_else() expects a condition (true or false), but 'rating' holds numbers"]),
        ("if_else(liked, 1, 'a')", ["column 19: if_else() needs both branches of one kind, but '1' is an integer and 'a' is text"]),
        ("coalesce(title, 0, `no genres`)", ["column 17: coalesce() needs arguments of one kind, but 'title' holds strings and '0' is an integer"]),
        ("greatest(liked, true)", [
            "column 10: greatest() expects numbers, text or timestamps, but 'liked' holds booleans",
            "column 17: greatest() expects numbers, text or timestamps as its second argument, but 'true' is a boolean",
        ]),
        ("watched + watched", ["column 11: 'watched' holds timestamps; '+' adds seconds (an integer) to a timestamp, not another timestamp"]),
        ("watched + 1.5", ["column 11: '1.5' is a number; '+' adds or subtracts whole seconds (an integer) to or from a timestamp"]),
        ("1 - watched", ["column 5: 'watched' holds timestamps; '-' subtracts a timestamp only from a timestamp"]),
        ("watched * 2", ["column 1: 'watched' holds timestamps; '*' needs numbers"]),
        ("split(title, '', 0)", ["column 14: split() needs a non-empty separator as its second argument, not ''"]),
        ("replace(title, '', 'x')", ["column 16: replace() needs a non-empty text to replace as its second argument, not ''"]),
        // Every problem is reported, in the order written; a problem inside a sub-expression is
        // reported once, not again by the nodes above it.
        ("ratng > 3 and lowr(title) == 'x' or title - 1 > length(rating)", [
            "column 1: no column 'ratng'; did you mean 'rating'?",
            "column 15: unknown function 'lowr'; did you mean 'lower'?",
            "column 37: 'title' holds strings; '-' needs numbers",
            "column 56: length() expects text, but 'rating' holds numbers",
        ]),
        ("lower(title + 1) + ratng", [
            "column 15: '1' is an integer; '+' joins text only to text; convert it with string(…)",
            "column 20: no column 'ratng'; did you mean 'rating'?",
        ]),
    ])
    func diagnostics(text: String, expected: [String]) throws {
        #expect(try problems(text) == expected)
    }

    @Test(arguments: [
        ("rating", "column 1: a condition must be true or false, but 'rating' holds numbers"),
        ("rating * 2", "column 1: a condition must be true or false, but 'rating * 2' is a number"),
        ("null", "column 1: a condition must be true or false, but 'null' is null"),
    ])
    func aConditionMustBeBoolean(text: String, expected: String) throws {
        #expect(try problems(text, condition: true) == [expected])
        #expect(try problems("\(text) is null", condition: true) == [])
    }

    @Test func longOperandsAreShortenedInMessages() throws {
        let text = "lower(rating + rating + rating + rating + rating + rating)"
        #expect(try problems(text) == [
            "column 7: lower() expects text, but 'rating + rating + rating + rating + r…' is a number",
        ])
    }
}
