import Testing
@testable import Report

@Suite struct MarkupNodeTests {
    @Test func writesAttributesInOrderAndLeavesOutNilOnes() {
        let node = MarkupNode.element("td", ["class": "num", "id": nil, "title": "a&b"], text: "1 < 2")
        #expect(node.rendered() == #"<td class="num" title="a&amp;b">1 &lt; 2</td>"#)
    }

    @Test func closesEmptyElementsAsEachSyntaxRequires() {
        // HTML: a void element closes itself, any other empty element gets an end tag.
        #expect(MarkupNode.element("meta", ["charset": "utf-8"]).rendered(as: .html) == "<meta charset=\"utf-8\"/>\n")
        #expect(MarkupNode.element("span").rendered(as: .html) == "<span></span>")
        // XML (SVG): every empty element closes itself.
        #expect(MarkupNode.element("rect", ["x": "1"]).rendered(as: .xml) == "<rect x=\"1\"/>\n")
    }

    @Test func emptyAttributeValueSpellsABooleanAttribute() {
        #expect(MarkupNode.element("details", ["open": ""]).rendered() == "<details open=\"\"></details>\n")
    }

    @Test func trustedMarkupIsWrittenAsIsAndTextIsNot() {
        let node = MarkupNode.fragment([.trusted("<em>ok</em>"), .text("<em>data</em>")])
        #expect(node.rendered() == "<em>ok</em>&lt;em&gt;data&lt;/em&gt;")
    }
}
