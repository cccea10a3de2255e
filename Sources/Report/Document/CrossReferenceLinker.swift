/// Turns `@fig-NAME` and `@tbl-NAME` in rendered prose into links such as "Figure 3".
///
/// It works on HTML that cmark-gfm already rendered: it copies tags unchanged, looks for
/// references only in text, and leaves text inside `<code>`, `<pre>`, `<a>`, `<script>` and
/// `<style>` alone (a reference in a code span is meant literally, and links cannot nest).
/// A reference must not follow a letter, digit or `.`, `_`, `-`, `+` (so e-mail addresses are not
/// references); its name is letters, digits, `-` and `_`. A reference to a label no figure or
/// table carries stays visible, wrapped in `span.xref-missing`, and is reported.
struct CrossReferenceLinker {
    let catalog: OutputCatalog

    /// References that named no figure or table, in order of appearance (repeats included).
    private(set) var unresolved: [String] = []

    init(catalog: OutputCatalog) {
        self.catalog = catalog
    }

    private static let prefixes = ["fig-", "tbl-"]
    static let opaqueElements: Set<String> = ["code", "pre", "a", "script", "style"]

    /// `html` with every reference replaced.
    /// - Complexity: O(n) in the length of `html`.
    mutating func link(_ html: String) -> String {
        let html = substitutingInlineValues(html)
        guard html.contains("@") else { return html }
        let characters = Array(html)
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var opaqueDepth = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "<" {
                let end = characters[index...].firstIndex(of: ">") ?? characters.count - 1
                let tag = characters[index...end]
                if let (name, isClosing, isSelfClosing) = Self.parseTag(tag), Self.opaqueElements.contains(name) {
                    if isClosing {
                        opaqueDepth = max(0, opaqueDepth - 1)
                    } else if !isSelfClosing {
                        opaqueDepth += 1
                    }
                }
                result.append(contentsOf: tag)
                index = end + 1
                continue
            }
            if character == "@", opaqueDepth == 0, !Self.continuesWord(index > 0 ? characters[index - 1] : nil),
               let (reference, length) = Self.reference(in: characters, at: index + 1) {
                result += replacement(for: reference)
                index += 1 + length
                continue
            }
            result.append(character)
            index += 1
        }
        return result
    }

    /// Replaces each inline value (cmark renders `` `=x.rows` `` as `<code>=x.rows</code>`)
    /// with its figure; one that could not be computed stays as written, marked, with the
    /// reason in its title.
    func substitutingInlineValues(_ html: String) -> String {
        let opening = "<code>="
        guard html.contains(opening) else { return html }
        var result = ""
        var rest = Substring(html)
        while let start = rest.range(of: opening), let end = rest[start.upperBound...].range(of: "</code>") {
            result += rest[..<start.lowerBound]
            let escaped = rest[start.upperBound..<end.lowerBound]
            switch catalog.inlineValue(HTMLEscaping.unescape(String(escaped))) {
            case let .value(text):
                result += MarkupNode.element("span", ["class": "inline-value"], text: text).rendered()
            case let .problem(reason):
                result += MarkupNode.element("code", ["class": "inline-value-missing", "title": reason], text: "=" + HTMLEscaping.unescape(String(escaped))).rendered()
            }
            rest = rest[end.upperBound...]
        }
        return result + rest
    }

    private mutating func replacement(for reference: String) -> String {
        if let entry = catalog.resolve(reference) {
            return MarkupNode.element("a", ["class": "xref", "href": "#" + entry.id], text: entry.title).rendered()
        }
        unresolved.append("@" + reference)
        let kind = reference.hasPrefix("fig-") ? "figure" : "table"
        let name = String(reference.dropFirst(4))
        return MarkupNode.element("span", [
            "class": "xref-missing", "title": "No \(kind) has the label “\(name)”",
        ], text: "@" + reference).rendered()
    }

    /// `fig-NAME` or `tbl-NAME` starting at `start`, and its length.
    static func reference(in characters: [Character], at start: Int) -> (String, Int)? {
        for prefix in prefixes {
            let prefixCharacters = Array(prefix)
            guard start + prefixCharacters.count < characters.count,
                  Array(characters[start..<(start + prefixCharacters.count)]) == prefixCharacters else { continue }
            var end = start + prefixCharacters.count
            while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
            // A name does not end in a hyphen: "see @fig-a-" is "@fig-a" then "-".
            while end > start + prefixCharacters.count, characters[end - 1] == "-" { end -= 1 }
            guard end > start + prefixCharacters.count else { return nil }
            return (String(characters[start..<end]), end - start)
        }
        return nil
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber) || character == "-" || character == "_"
    }

    static func continuesWord(_ previous: Character?) -> Bool {
        guard let previous else { return false }
        return previous.isLetter || previous.isNumber || ".-_+".contains(previous)
    }

    /// The lowercase name of an HTML tag, whether it closes an element, and whether it closes
    /// itself; nil for comments, doctypes and other non-element markup.
    static func parseTag(_ tag: ArraySlice<Character>) -> (String, Bool, Bool)? {
        var position = tag.startIndex + 1
        var isClosing = false
        if position < tag.endIndex, tag[position] == "/" {
            isClosing = true
            position += 1
        }
        var name = ""
        while position < tag.endIndex, tag[position].isLetter || tag[position].isNumber {
            name.append(tag[position])
            position += 1
        }
        guard !name.isEmpty else { return nil }
        let isSelfClosing = tag.count >= 2 && tag[tag.endIndex - 2] == "/"
        return (name.lowercased(), isClosing, isSelfClosing)
    }
}
