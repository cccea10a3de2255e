import RecbookSupport
import Testing
@testable import Report

@Suite struct LiveStatusTests {
    @Test func aRunningStepShowsItsNumberNameAndElapsedTime() {
        var status = LiveStatus()
        status.start(step: 12, name: "train", at: 100)
        #expect(status.statusLines(at: 114.23, width: 80) == ["In [12] train · 14.2 s"])
        #expect(status.statusLines(at: 163, width: 80) == ["In [12] train · 1 min 03 s"])
        status.finish(step: 12)
        #expect(status.statusLines(at: 170, width: 80).isEmpty)
        #expect(status.isEmpty)
    }

    // 2,000 batches in the 10 s since the first report leave 6,000: 30 s at that rate.
    @Test func progressComesWithTheTimeLeftAtTheRateSoFar() {
        var status = LiveStatus()
        status.start(step: 3, name: "train", at: 0)
        _ = status.update(step: 3, progress: StepProgress("batches", completed: 1_000, of: 9_000, detail: "epoch 1 of 9"), at: 5)
        _ = status.update(step: 3, progress: StepProgress("batches", completed: 3_000, of: 9_000, detail: "epoch 3 of 9"), at: 15)
        #expect(status.statusLines(at: 15, width: 120)
            == ["In [3] train · 15.0 s · batches 3,000 of 9,000 (33%) · about 30 s left · epoch 3 of 9"])
    }

    @Test func parallelStepsGetOneLabelledLineEachInStepOrderCutToTheWidth() {
        var status = LiveStatus()
        status.start(step: 9, name: "evaluate", at: 0)
        status.start(step: 4, name: "train", at: 1)
        _ = status.update(step: 9, progress: StepProgress("users ranked", completed: 256, of: 610), at: 2)
        let lines = status.statusLines(at: 3, width: 30)
        #expect(lines == ["In [4] train · 2.0 s", "In [9] evaluate · 3.0 s · us…"])
        #expect(lines.allSatisfy { TerminalText.width($0) <= 29 })
    }

    // Not on a terminal, a progress line comes once the step has run `interval` seconds, then
    // at most once per interval; nothing is redrawn. At 10 s: 20 MB in the 6 s since the first
    // report leave 70 MB, 21 s at that rate.
    @Test func offATerminalProgressLinesAreThrottledAndLabelled() {
        var status = LiveStatus(interval: 10)
        status.start(step: 2, name: "load", at: 0)
        #expect(status.update(step: 2, progress: StepProgress("MB read", completed: 10, of: 100), at: 4) == nil)
        #expect(status.update(step: 2, progress: StepProgress("MB read", completed: 30, of: 100), at: 10)
            == "In [2] load · 10.0 s · MB read 30 of 100 (30%) · about 21 s left")
        #expect(status.update(step: 2, progress: StepProgress("MB read", completed: 50, of: 100), at: 15) == nil)
        #expect(status.update(step: 2, progress: StepProgress("MB read", completed: 80, of: 100), at: 20)?
            .hasPrefix("In [2] load · 20.0 s · MB read 80 of 100 (80%)") == true)
        #expect(status.update(step: 7, progress: StepProgress("MB read", completed: 1, of: 2), at: 30) == nil, "not started")
    }

    @Test func aNewActivityRestartsTheEstimate() {
        var status = LiveStatus()
        status.start(step: 1, name: "evaluate", at: 0)
        _ = status.update(step: 1, progress: StepProgress("pairs scored", completed: 10, of: 10), at: 50)
        _ = status.update(step: 1, progress: StepProgress("users ranked", completed: 0, of: 100), at: 60)
        _ = status.update(step: 1, progress: StepProgress("users ranked", completed: 50, of: 100), at: 70)
        #expect(status.statusLines(at: 70, width: 200).first?.hasSuffix("about 10 s left") == true)
    }

    @Test func redrawingErasesTheLinesDrawnLast() {
        #expect(StatusRedraw.erase(lines: 0) == "")
        #expect(StatusRedraw.erase(lines: 1) == "\r\u{1B}[J")
        #expect(StatusRedraw.erase(lines: 3) == "\r\u{1B}[2A\u{1B}[J")
        #expect(StatusRedraw.draw(["a", "b"]) == "a\nb")
    }
}

@Suite struct TerminalStyleTests {
    @Test(arguments: [
        // mode, is a terminal, NO_COLOR, colour expected
        (TerminalStyle.Mode.auto, true, nil as String?, true),
        (.auto, false, nil, false),
        (.auto, true, "1", false),
        (.auto, true, "", true),
        (.never, true, nil, false),
        (.always, false, "1", true),
    ])
    func colourFollowsTheTerminalNoColorAndTheFlag(mode: TerminalStyle.Mode, isTerminal: Bool, noColor: String?, expected: Bool) {
        var environment = ["TERM": "xterm-256color"]
        environment["NO_COLOR"] = noColor
        let style = TerminalStyle(mode: mode, isTerminal: isTerminal, environment: environment)
        #expect(style.isEnabled == expected)
        #expect(style.error("FAILED") == (expected ? "\u{1B}[31mFAILED\u{1B}[0m" : "FAILED"))
    }

    @Test func aDumbTerminalGetsNoColour() {
        #expect(!TerminalStyle(mode: .auto, isTerminal: true, environment: ["TERM": "dumb"]).isEnabled)
    }

    @Test func plainTextHasNoEscapeCodes() {
        let style = TerminalStyle.plain
        for text in [style.error("x"), style.success("x"), style.dim("x"), style.warning("x"), style.bold("x")] {
            #expect(text == "x")
        }
        let coloured = TerminalStyle(isEnabled: true)
        #expect(coloured.success("passed") == "\u{1B}[32mpassed\u{1B}[0m")
        #expect(coloured.dim("reused") == "\u{1B}[2mreused\u{1B}[0m")
    }

    @Test func widthComesFromColumnsThenTheTerminalThenEighty() {
        // A pipe is not a terminal (descriptor -1 is not even open): 80 unless COLUMNS says.
        #expect(TerminalSize.columns(environment: ["COLUMNS": "132"], descriptor: -1) == 132)
        #expect(TerminalSize.columns(environment: ["COLUMNS": "0"], descriptor: -1) == 80)
        #expect(TerminalSize.columns(environment: ["COLUMNS": "wide"], descriptor: -1) == 80)
        #expect(TerminalSize.columns(environment: [:], descriptor: -1) == 80)
    }
}
