import Foundation
import Testing

/// A short seeded pass of `recbook-bench fuzz`: mutated notebooks through `check` and mutated
/// MovieLens files through `load`, none of which may crash, hang or take the memory budget.
@Suite struct FuzzTests {
    /// The debug build's bench tool, which `swift test` always rebuilds (a release one may be stale).
    static var bench: URL? {
        let url = RecbookBinary.packageRoot.appendingPathComponent(".build/debug/recbook-bench")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    @Test(.enabled(if: FuzzTests.bench != nil, "needs recbook-bench built"), .timeLimit(.minutes(2)))
    func aShortSeededPassFindsNothing() throws {
        let scratch = try Scratch()
        let process = Process()
        process.executableURL = try #require(Self.bench)
        process.arguments = [
            "fuzz", "--seed", "20261203", "--notebooks", "300", "--csv", "100", "--time-budget", "10", "--memory-budget", "2G",
            "--corpus", RecbookBinary.packageRoot.appendingPathComponent("notebooks").path,
            "--failures", scratch.url.appendingPathComponent("failures").path,
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("300 notebook inputs through check, 100 CSV inputs through load"), "\(output)")
        #expect(!scratch.exists("failures"))
    }
}
