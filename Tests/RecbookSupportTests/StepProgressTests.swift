import Testing
@testable import RecbookSupport

@Suite struct StepProgressTests {
    @Test func textGivesCountsShareAndDetail() {
        #expect(StepProgress("batches", completed: 3_400, of: 25_200, detail: "epoch 3 of 20").text
            == "batches 3,400 of 25,200 (13%), epoch 3 of 20")
        #expect(StepProgress("rows read", completed: 1_000_000).text == "rows read 1,000,000")
        #expect(StepProgress("users ranked", completed: 0, of: 0).fraction == 1)
        #expect(StepProgress("users ranked", completed: 700, of: 610).fraction == 1)
    }

    // 25% done in 8 s: 24 s to go at that rate.
    @Test func timeLeftIsExtrapolatedFromTheShareDone() {
        #expect(StepProgress("epochs", completed: 5, of: 20).secondsLeft(afterElapsed: 8) == 24)
        #expect(StepProgress("epochs", completed: 0, of: 20).secondsLeft(afterElapsed: 8) == nil)
        #expect(StepProgress("rows read", completed: 5).secondsLeft(afterElapsed: 8) == nil)
    }
}

@Suite struct ResourceUsageTests {
    // This test process has at least its own code and the test runner resident: more than
    // 1 MB, and less than the machine's memory.
    @Test func peakResidentMemoryIsPlausible() throws {
        let peak = try #require(ResourceUsage.peakResidentBytes())
        #expect(peak > 1 << 20)
        #expect(peak < 1 << 40)
    }

    @Test func bytesAreFormattedInBinaryUnits() {
        #expect(Format.bytes(512) == "512 bytes")
        #expect(Format.bytes(1_536) == "1.50 KB")
        #expect(Format.bytes(48_300_000) == "46.1 MB")
        #expect(Format.bytes(1_300_000_000) == "1.21 GB")
        #expect(Format.bytes(200 << 20) == "200 MB")
    }
}
