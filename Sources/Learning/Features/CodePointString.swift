/// A string compared and hashed by its exact sequence of Unicode code points, as Python
/// compares `str` values.
///
/// Swift's `String` compares by canonical equivalence, so it would merge terms that Python keeps
/// apart (a precomposed Hangul syllable and its conjoining jamo, say) and order them
/// differently. Comparing UTF-8 bytes lexicographically is the same as comparing code points.
struct CodePointString: Hashable, Comparable, Sendable {
    let utf8: [UInt8]

    init(_ string: String) { utf8 = Array(string.utf8) }

    init(scalars: some Sequence<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        for scalar in scalars { bytes.append(contentsOf: scalar.utf8) }
        utf8 = bytes
    }

    var string: String { String(decoding: utf8, as: UTF8.self) }

    static func < (lhs: CodePointString, rhs: CodePointString) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
