/// Parts of timestamps, in UTC and the proleptic Gregorian calendar, as pandas' `.dt` accessors.
enum DateFunctions {
    static let all: [FunctionDefinition] = [
        part("year", "The year of timestamp `t`.") { CivilDateTime(secondsSinceEpoch: $0).year },
        part("month", "The month of `t`, 1 to 12.") { CivilDateTime(secondsSinceEpoch: $0).month },
        part("day", "The day of the month of `t`, 1 to 31.") { CivilDateTime(secondsSinceEpoch: $0).day },
        part("hour", "The hour of `t`, 0 to 23.") { floorModulo($0, 86_400) / 3600 },
        part("minute", "The minute of `t`, 0 to 59.") { floorModulo($0, 3600) / 60 },
        part("second", "The second of `t`, 0 to 59.") { floorModulo($0, 60) },
        part("weekday", "The day of the week of `t`: Monday is 0 and Sunday 6, as pandas' `dayofweek`.") {
            // 1970-01-01 was a Thursday, day 3.
            floorModulo(ArithmeticKernels.floorDivision($0, 86_400).value + 3, 7)
        },
        part("day_of_year", "The day of the year of `t`, 1 to 366.") { seconds in
            let date = CivilDateTime(secondsSinceEpoch: seconds)
            return TimestampText.daysSinceEpoch(year: date.year, month: date.month, day: date.day)
                - TimestampText.daysSinceEpoch(year: date.year, month: 1, day: 1) + 1
        },
        FunctionDefinition(
            "date", "date(t)", "Midnight (UTC) of the day of timestamp `t`; `date('2015-01-31')` reads a date written as text.",
            arity: 1...1
        ) { call in
            if call.arguments[0].type == .string {
                return ConversionFunctions.timestampFromText(call).map { midnight(of: $0, call) }
            }
            guard requireTimestamp(call) else { return nil }
            return midnight(of: call.arguments[0], call)
        },
    ]

    @inline(__always)
    static func floorModulo(_ value: Int, _ divisor: Int) -> Int {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }

    /// Reports an argument that is not a timestamp, saying how to convert integers.
    static func requireTimestamp(_ call: FunctionCall) -> Bool {
        let argument = call.arguments[0]
        guard argument.type == .int else { return call.require(0, [.timestamp], "a timestamp") }
        let source = call.checker.expression.source(argument.node.range)
        call.checker.report(
            "\(call.name)() expects a timestamp, but \(call.checker.describe(argument)); if they are Unix seconds, convert them with timestamp(\(source)) or the to-datetime step",
            at: argument.node
        )
        return false
    }

    private static func part(_ name: String, _ summary: String, _ part: @escaping @Sendable (Int) -> Int) -> FunctionDefinition {
        FunctionDefinition(name, "\(name)(t)", summary, arity: 1...1) { call in
            guard requireTimestamp(call) else { return nil }
            return call.typed(.int) { values, _ in
                guard let seconds = values[0].ints else { return .null }
                return .int(map(seconds, part), nulls: values[0].nulls)
            }
        }
    }

    private static func midnight(of argument: Typed, _ call: FunctionCall) -> Typed {
        let kernel = argument.kernel
        let overflow = call.checker.overflowError(call.node)
        return Typed(.timestamp, call.node) { scope throws(ExpressionEvaluationError) in
            let value = try kernel(scope)
            guard let seconds = value.ints else { return .null }
            var overflowed = false
            let midnights = map(seconds) { time in
                let (midnight, carry) = time.subtractingReportingOverflow(floorModulo(time, 86_400))
                overflowed = overflowed || carry
                return midnight
            }
            if overflowed, let row = scope.firstFailure(nulls: value.nulls, { seconds[$0] < Int.min + 86_400 }) {
                throw overflow(row)
            }
            return .timestamp(midnights, nulls: value.nulls)
        }
    }
}
