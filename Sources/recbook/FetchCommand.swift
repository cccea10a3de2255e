import ArgumentParser
import Datasets
import Foundation
import RecbookSupport

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download a MovieLens release from GroupLens and verify its checksum.",
        discussion: """
        Downloads NAME.zip and the NAME.zip.md5 file GroupLens publishes beside it, checks the \
        MD5, and unpacks the release into DIR/NAME atomically: the folder appears complete or \
        not at all. Prints the --param to pass to a notebook.
        """
    )

    @Argument(help: ArgumentHelp("The release.", valueName: MovieLensRelease.allCases.map(\.rawValue).joined(separator: "|")))
    var release: String

    @Option(name: .customLong("to"), help: "The directory the release folder is created in.")
    var directory: String = "datasets"

    @Option(help: "Download from this mirror instead of GroupLens (it must serve NAME.zip and NAME.zip.md5).")
    var mirror: String?

    @Flag(help: "Download again even if the release folder exists.")
    var force = false

    func run() async throws {
        guard let release = MovieLensRelease(rawValue: release) else {
            var message = "unknown release '\(self.release)'; expected one of \(MovieLensRelease.allCases.map(\.rawValue).joined(separator: ", "))"
            if let suggestion = Suggestions.bestMatch(for: self.release, in: MovieLensRelease.allCases.map(\.rawValue)) {
                message = "unknown release '\(self.release)'; did you mean '\(suggestion)'?"
            }
            throw ValidationError(message)
        }
        var baseURL = MovieLensRelease.publisher
        if let mirror {
            guard let url = URL(string: mirror.hasSuffix("/") ? mirror : mirror + "/") else {
                throw ValidationError("--mirror expects a URL, got '\(mirror)'")
            }
            baseURL = url
        }
        let fetcher = MovieLensFetcher(baseURL: baseURL, log: { Terminal.error($0) })
        do {
            let folder = try await fetcher.fetch(release, into: URL(fileURLWithPath: directory), force: force)
            Terminal.line("--param data=\(folder.standardizedFileURL.path)")
        } catch {
            Terminal.error("recbook: error: \(error)")
            throw ExitCode.failure
        }
    }
}
