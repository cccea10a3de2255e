import Frames

/// The reference of the expression language, for the documentation of the steps that take
/// expressions.
enum ExpressionLanguage {
    static var reference: String {
        let functions = ExpressionFunctions.reference.map { "- `\($0.signature)`: \($0.summary)" }.joined(separator: "\n")
        return """
        **Expressions.** Columns are written by name (`rating`), or between back quotes for any \
        other name (`` `no genres` ``; a back quote inside is doubled). Literals: integers (`4`), \
        decimals (`4.5`, `1e-3`), text in '…' or "…" (where a backslash escapes a quote or a \
        backslash, and writes a new line as backslash-n and a tab as backslash-t), \
        `true`, `false` and `null`.

        **Operators**, loosest first: `or`; `and`; `not`; the comparisons `==` `!=` `<` `<=` `>` \
        `>=`, `x in [a, b]`, `x not in [a, b]`, `x is null` and `x is not null` (which do not \
        chain); `+` and `-`; `*`, `/`, `//` and `%`; unary `-`. `/` always gives a double, as in \
        Python 3; `//` floors and `%` takes the sign of the divisor, as in Python; division by \
        zero gives null. `+` also joins text. An integer with a double gives a double. A \
        timestamp minus a timestamp is a number of seconds, a timestamp plus or minus an integer \
        of seconds is a timestamp, and a timestamp compares with a date written as text: \
        `timestamp >= '2015-01-01'`.

        **Missing values** follow SQL's three-valued logic: arithmetic and comparisons with null \
        give null (so `x == null` is never true: write `x is null`), `null and false` is false, \
        `null or true` is true, and a function of null is null (except `coalesce` and `if_else`).

        **Functions** (names are case-sensitive):

        \(functions)

        An expression is at most \(Expression.maximumLength) characters long and nests at most \
        \(Expression.maximumDepth) levels deep (each operator of a chain such as `a + b + c` \
        counts as a level). In YAML, write an expression holding `: ` or ` #` as a block \
        (`where: |` and the expression indented on the next lines).
        """
    }
}
