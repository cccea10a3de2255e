import Dispatch
import Foundation
import Synchronization

/// Work on a table's columns shared among the cores: each column of a gather, a filter or a
/// join is independent of the others, so on two cores two columns are made at once.
enum ColumnParallelism {
    /// The fewest rows for which a column's work is worth a thread's hand-off.
    static let minimumRows = 1 << 16

    private static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// `transform` of each of `items`, in order; several at once when there are several cores,
    /// several items and `rows` (the rows each transform makes) is at least ``minimumRows``.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], rows: Int, _ transform: @Sendable (Item) -> Result
    ) -> [Result] {
        guard cores > 1, items.count > 1, rows >= minimumRows else { return items.map(transform) }
        let results = Mutex<[Result?]>(Array(repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let result = transform(items[index])
            results.withLock { $0[index] = result }
        }
        return results.withLock { slots in slots.compactMap { $0 } }
    }
}
