import Testing
@testable import Frames

@Suite("Sampling")
struct SamplingTests {
    static func frame(_ count: Int) throws -> DataFrame { try DataFrame(["i": .ints(Array(0..<count))]) }

    @Test("without replacement: distinct rows in table order, each row as likely as any other")
    func withoutReplacement() throws {
        var hits = [Int](repeating: 0, count: 20)
        var generator = SplitMix64(seed: 1)
        for _ in 0..<2000 {
            let rows = try Self.frame(20).sampledRows(5, replace: false, using: &generator).ints("i")
            #expect(rows.count == 5 && rows == rows.sorted() && Set(rows).count == 5)
            for row in rows { hits[row] += 1 }
        }
        // Each row is drawn with probability 1/4: 500 of 2000 expected, σ ≈ 19.4.
        #expect(hits.allSatisfy { abs($0 - 500) < 100 }, "\(hits)")
    }

    @Test("the same seed draws the same rows; with replacement rows repeat, adjacent")
    func determinism() throws {
        var first = SplitMix64(seed: 9), second = SplitMix64(seed: 9)
        let a = try Self.frame(1000).sampledRows(10, replace: true, using: &first).ints("i")
        let b = try Self.frame(1000).sampledRows(10, replace: true, using: &second).ints("i")
        #expect(a == b && a == a.sorted() && a.count == 10)
        var generator = SplitMix64(seed: 2)
        let many = try Self.frame(3).sampledRows(30, replace: true, using: &generator).ints("i")
        #expect(many.count == 30 && many == many.sorted() && Set(many) == [0, 1, 2])
    }

    @Test("bounds")
    func bounds() throws {
        var generator = SplitMix64(seed: 1)
        #expect(dataErrorMessage { _ = try Self.frame(3).sampledRows(4, replace: false, using: &generator) }
            == "cannot draw 4 rows without replacement from a table of 3")
        #expect(dataErrorMessage { _ = try Self.frame(0).sampledRows(1, replace: true, using: &generator) }
            == "cannot draw rows from an empty table")
        #expect(try Self.frame(0).sampledRows(0, replace: false, using: &generator).rowCount == 0)
    }
}
