/// The indices of the `count` largest scores, best first, skipping excluded indices: the one
/// ranking that recommendations and ranking metrics share.
///
/// The order is deterministic: a higher score ranks first, and equal scores rank by ascending
/// index. A NaN score means the model has no score for that index, so it is never returned
/// (recbook's one NaN policy: rating metrics skip a NaN prediction the same way). When fewer
/// than `count` indices remain, all of them are returned.
///
/// - Parameters:
///   - scores: One score per index.
///   - count: How many indices to return; 0 or less gives none.
///   - excluded: Indices never returned (for example, items the user already rated);
///     out-of-range values are ignored.
/// - Returns: At most `count` indices into `scores`.
/// - Complexity: O(n log count) time and O(n) extra memory for n scores.
public func topScoringItems(_ scores: [Double], count: Int, excluding excluded: some Sequence<Int> = [Int]()) -> [Int] {
    scores.withUnsafeBufferPointer { buffer in
        var mask = [Bool](repeating: false, count: buffer.count)
        for index in excluded where index >= 0 && index < buffer.count { mask[index] = true }
        return topScoringItems(buffer, count: count, excluded: mask)
    }
}

/// ``topScoringItems(_:count:excluding:)`` on a buffer, with exclusions as a mask.
func topScoringItems(_ scores: UnsafeBufferPointer<Double>, count: Int, excluded: [Bool]) -> [Int] {
    guard count > 0 else { return [] }
    // A min-heap (by rank) of the best `count` seen so far: its root is the weakest kept item.
    var heap: [Int] = []
    heap.reserveCapacity(min(count, scores.count))
    func ranksAbove(_ a: Int, _ b: Int) -> Bool {
        let x = scores[a], y = scores[b]
        return x != y ? x > y : a < b
    }
    func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var weakest = parent
            if left < heap.count, ranksAbove(heap[weakest], heap[left]) { weakest = left }
            if right < heap.count, ranksAbove(heap[weakest], heap[right]) { weakest = right }
            if weakest == parent { return }
            heap.swapAt(parent, weakest)
            parent = weakest
        }
    }
    // Filling the heap: the first `count` scored indices.
    // A mask shorter than the scores excludes nothing past its end.
    let masked = excluded.count
    var index = 0
    while index < scores.count, heap.count < count {
        if index >= masked || !excluded[index], !scores[index].isNaN {
            heap.append(index)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard ranksAbove(heap[parent], heap[child]) else { break }
                heap.swapAt(parent, child)
                child = parent
            }
        }
        index += 1
    }
    guard heap.count == count else { return heap.sorted(by: ranksAbove) }
    // Every later index is larger than every kept one, so it outranks the weakest kept item
    // exactly when its score is strictly higher (a NaN never is): one comparison with that
    // score rejects almost every index.
    var threshold = scores[heap[0]]
    excluded.withUnsafeBufferPointer { excluded in
        while index < scores.count {
            if scores[index] > threshold, index >= masked || !excluded[index] {
                heap[0] = index
                siftDown(0)
                threshold = scores[heap[0]]
            }
            index += 1
        }
    }
    return heap.sorted(by: ranksAbove)
}
