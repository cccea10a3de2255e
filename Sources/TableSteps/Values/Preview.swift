import Frames
import NotebookCore
import Outputs

/// How much of a table a step shows after producing it.
public enum Preview: String, ChoiceParameter {
    /// pandas' display of a whole frame: head and tail with an ellipsis row, and its shape.
    case table
    /// The first five rows, like `df.head()`.
    case head
    case none
}

extension Preview {
    /// The output that shows `frame` this way, or nil for `none`.
    public func output(_ frame: some TabularSource) -> Output? {
        switch self {
        case .table: return .table(TablePreview().table(frame))
        case .head: return .table(TablePreview().head(frame))
        case .none: return nil
        }
    }
}
