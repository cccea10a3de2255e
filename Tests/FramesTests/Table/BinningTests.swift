import Testing
@testable import Frames

@Suite("Binning")
struct BinningTests {
    static func frame() throws -> DataFrame {
        try DataFrame(["r": .doubles([3.5, 4.0, .nan, 1.0, 5.0, 2.5, 4.5, 0.5])])
    }

    @Test("widths: every value in a right-open bin, labelled as pd.cut labels it")
    func widths() throws {
        // pd.cut(x.r, np.arange(0, 6, 0.5), right=False).astype(str)
        let binned = try Self.frame().binned("r", .width(0.5, origin: 0), labels: .interval, into: "bin")
        #expect(try cells(binned, "bin") == ["[3.5, 4.0)", "[4.0, 4.5)", "∅", "[1.0, 1.5)", "[5.0, 5.5)", "[2.5, 3.0)", "[4.5, 5.0)", "[0.5, 1.0)"])
        let starts = try Self.frame().binned("r", .width(2, origin: 1), labels: .start, into: "r")
        #expect(try cells(starts, "r") == ["3.0", "3.0", "∅", "1.0", "5.0", "1.0", "3.0", "-1.0"])
    }

    @Test("values on an edge go to the bin it starts, whatever division rounds to")
    func edgesByArithmetic() throws {
        // 0.3 / 0.1 is 2.9999999999999996 and 3 × 0.1 is 0.30000000000000004 (where pd.cut over
        // np.arange puts 0.3 in [0.2, 0.3)); the bin labelled [0.3, 0.4) holds 0.3.
        let frame = try DataFrame(["v": .doubles([0.3, 0.7, 0.1])])
        #expect(try cells(frame.binned("v", .width(0.1, origin: 0), labels: .interval, into: "b"), "b") == ["[0.3, 0.4)", "[0.7, 0.8)", "[0.1, 0.2)"])
    }

    @Test("given edges: outside values are missing")
    func givenEdges() throws {
        // pd.cut(x.r, [0, 1, 2.5, 4.5], right=False).astype(str)
        let binned = try Self.frame().binned("r", .edges([0, 1, 2.5, 4.5]), labels: .interval, into: "bin")
        #expect(try cells(binned, "bin") == ["[2.5, 4.5)", "[2.5, 4.5)", "∅", "[1.0, 2.5)", "∅", "[2.5, 4.5)", "∅", "[0.0, 1.0)"])
    }

    @Test("too many bins is an error before anything is allocated")
    func bounds() throws {
        let frame = try DataFrame(["v": .doubles([0, 1e9])])
        #expect(dataErrorMessage { _ = try frame.binned("v", .width(1e-12, origin: 0), labels: .start, into: "b") }
            == "a bin width of 1e-12 over values from 0.0 to 1000000000.0 makes 1e+21 bins; at most 100000 are allowed: use a wider bin")
        let far = try DataFrame(["v": .doubles([1e30])])
        #expect(dataErrorMessage { _ = try far.binned("v", .width(1, origin: 0), labels: .start, into: "b") } != nil)
        #expect(dataErrorMessage { _ = try frame.binned("v", .edges([1, 1]), labels: .start, into: "b") } == "bin edges must increase, but 1.0 follows 1.0")
    }
}
