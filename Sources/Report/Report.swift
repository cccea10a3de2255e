import NotebookCore
import Outputs

public struct HTMLReportRenderer {
    public init() {}
    public func render(_ run: NotebookRun) -> String { "" }
}

public struct TerminalRenderer {
    public init() {}
    public func render(_ outputs: [Output]) -> String { "" }
}
