import Foundation
import Frames
import NotebookCore
import Testing
@testable import TableSteps

@Suite struct ToDatetimeStepTests {
    func convert(_ frame: DataFrame, column: String = "timestamp") throws -> DataFrame {
        var step = ToDatetimeStep()
        step.table.name = "ratings"
        step.column = ColumnName(column)
        return try #require(try step.run(in: .standalone(values: ["ratings": frame])) as? DataFrame)
    }

    @Test func unixSecondsBecomeDates() throws {
        // pd.to_datetime([964982703, 0], unit='s') → 2000-07-30 18:45:03, 1970-01-01 00:00:00.
        let frame = try DataFrame(names: ["userId", "timestamp"], columns: [.ints([1, 2]), .ints([964_982_703, 0])])
        let converted = try convert(frame)
        #expect(try converted.timestamps("timestamp") == [964_982_703, 0])
        #expect(converted.cell(row: 0, column: 1) == .timestamp(964_982_703))
        #expect(converted.columnNames == ["userId", "timestamp"])
        // Converting again leaves the dates as they are.
        #expect(try convert(converted) == converted)
    }

    @Test func onlyAnIntegerColumnConverts() throws {
        let frame = try DataFrame(names: ["title"], columns: [.strings(["Heat"])])
        for (column, message) in [("title", "to-datetime reads integer seconds, but 'title' holds strings"),
                                   ("missing", "no column 'missing'; the columns are 'title'")] {
            #expect(throws: (any Error).self) { try convert(frame, column: column) }
            do { _ = try convert(frame, column: column) } catch { #expect("\(error)".hasSuffix(message), "\(error)") }
        }
    }
}
