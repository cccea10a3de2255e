/// Turns headings and labels into `id` values that are stable (the same text always gives the
/// same slug, so links keep working across runs) and unique within one document.
///
/// Slugs follow GitHub's style: lowercase letters and digits are kept (any script), spaces and
/// hyphens become single hyphens, other punctuation is dropped. A repeated slug gets `-1`, `-2`, …
/// in order of appearance.
struct AnchorSlugger {
    private var used: Set<String> = []

    /// The slug of `text`, without deduplication; `section` when nothing is left.
    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "_" {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.append(character)
            } else if character == " " || character == "-" || character.isWhitespace {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// A slug of `text` that no earlier call returned or reserved.
    mutating func uniqueSlug(for text: String) -> String {
        unique(Self.slug(text))
    }

    /// `candidate` itself if unused, else `candidate-1`, `candidate-2`, … whichever is free first.
    mutating func unique(_ candidate: String) -> String {
        var result = candidate
        var suffix = 0
        while used.contains(result) {
            suffix += 1
            result = "\(candidate)-\(suffix)"
        }
        used.insert(result)
        return result
    }
}
