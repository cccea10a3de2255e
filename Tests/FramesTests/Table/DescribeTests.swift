import Testing
@testable import Frames

@Suite("Describe")
struct DescribeTests {
    // x = pd.DataFrame({'r': [3.5,4.0,nan,1.0,5.0,2.5,4.5,0.5], 'i': pd.array([1,2,3,4,5,6,7,None], dtype='Int64')})
    static func frame() throws -> DataFrame {
        try DataFrame([
            "r": .doubles([3.5, 4.0, .nan, 1.0, 5.0, 2.5, 4.5, 0.5]),
            "name": .strings(["a", "b", "c", "d", "e", "f", "g", "h"]),
            "i": .ints([1, 2, 3, 4, 5, 6, 7, nil]),
        ])
    }

    @Test("pandas' describe() of every numeric column")
    func defaults() throws {
        // x.describe(): r 7, 3.0, 1.7320508075688772, 0.5, 1.75, 3.5, 4.25, 5.0; i 7, 4.0, 2.160246899469287, 1, 2.5, 4, 5.5, 7
        let described = try Self.frame().describe()
        #expect(described.columnNames == ["statistic", "r", "i"])
        #expect(try described.strings("statistic") == ["count", "mean", "std", "min", "25%", "50%", "75%", "max"])
        #expect(try described.doubles("r") == [7, 3, 1.7320508075688772, 0.5, 1.75, 3.5, 4.25, 5])
        let i = try described.doubles("i")
        #expect(i[0] == 7 && i[1] == 4 && abs(i[2] - 2.160246899469287) < 1e-15 && Array(i[3...]) == [1, 2.5, 4, 5.5, 7])
    }

    @Test("chosen percentiles and labels")
    func percentiles() throws {
        // x.describe(percentiles=[0.1, 0.333]): labels 10%, 33.3%; r 0.8, 2.497; i 1.6, 2.998
        let described = try Self.frame().describe(["r", "i"], percentiles: [0.333, 0.1])
        #expect(try described.strings("statistic") == ["count", "mean", "std", "min", "10%", "33.3%", "max"])
        let r = try described.doubles("r"), i = try described.doubles("i")
        #expect(abs(r[4] - 0.8) < 1e-12 && abs(r[5] - 2.497) < 1e-12)
        #expect(abs(i[4] - 1.6) < 1e-12 && abs(i[5] - 2.998) < 1e-12)
        #expect(DataFrame.percentileLabels([0.025, 0.5, 1.0 / 3]) == ["2.5%", "50%", "33.333%"])
    }

    @Test("empty columns, non-numeric columns and tables without numbers")
    func edges() throws {
        let empty = try DataFrame(["v": .doubles([Double]())])
        #expect(try cells(empty.describe(), "v") == ["0.0", "∅", "∅", "∅", "∅", "∅", "∅", "∅"])
        #expect(dataErrorMessage { _ = try Self.frame().describe(["name"]) } == "column 'name' holds strings; expected integers or numbers")
        let text = try DataFrame(["s": .strings(["a"])])
        #expect(dataErrorMessage { _ = try text.describe() } == "the table has no numeric columns to describe")
    }
}
