import Frames
import NotebookCore

/// A value whose rows are a data frame (a table, or a feature table's rating rows).
public protocol FrameValue: NotebookValue {
    var frame: DataFrame { get }
}

extension DataFrame: FrameValue {
    public var frame: DataFrame { self }
}

/// What the checker knows of a table before running: its columns and their types.
extension TableSchema: ValueShape {}

extension StepContext {
    /// The rows of a table-like input: a table, or a feature table's rating rows.
    public func frame(_ reference: ValueRef) throws -> DataFrame {
        try value(reference, as: (any FrameValue).self).frame
    }
}
