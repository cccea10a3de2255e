/// "Did you mean" suggestions by edit distance, as swift-argument-parser makes them.
public enum Suggestions {
    /// The edit distance between two strings, counted in characters: insertions, deletions,
    /// substitutions and transpositions of neighbours ("mdoe" is one edit from "mode").
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The closest candidate, if it is close enough to be a plausible typo: at most a third of
    /// the word's length away (at least 1, at most 3), or a case-insensitive match.
    public static func bestMatch<S: Sequence>(for word: String, in candidates: S) -> String?
    where S.Element == String {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            if candidate.lowercased() == lowered { return candidate }
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        guard let best else { return nil }
        let limit = min(3, max(1, word.count / 3))
        return best.distance <= limit ? best.candidate : nil
    }
}
