import CParsing
import Foundation
import Testing
@testable import Frames

/// The exact-path arithmetic (`recbook_leading_integer`, `recbook_leading_decimal` in CParsing),
/// which the general path and the plain-row reader share, against its definition written out
/// byte by byte, on random fields.
@Suite("Field parsing: the exact paths")
struct FieldParsingTests {
    /// Fields of digits with some signs, points, separators and other bytes among them.
    static func randomFields(count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = SplitMix64(seed: seed)
        let others = Array("-+.,\n a:e\u{0}".utf8) + [0xFF, 0x2F, 0x3A]
        return (0..<count).map { _ in
            (0..<Int(generator.next() % 28)).map { _ in
                generator.next() % 4 == 0 ? others[Int(generator.next() % UInt64(others.count))] : UInt8(48 + generator.next() % 10)
            }
        }
    }

    /// An optional sign, then 1 to 18 digits: the value and where the digits stop.
    static func integerByDefinition(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (Int, Int)? {
        var index = start
        let negative = index < end && bytes[index] == UInt8(ascii: "-")
        if index < end, negative || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var digits: [Int] = []
        while index < end, (48...57).contains(bytes[index]) {
            digits.append(Int(bytes[index]) - 48)
            index += 1
        }
        guard (1...18).contains(digits.count) else { return nil }
        let magnitude = digits.reduce(0) { $0 * 10 + $1 }
        return (negative ? -magnitude : magnitude, index)
    }

    @Test("integers: the value and the stop of the byte-by-byte definition")
    func integers() {
        for (number, field) in Self.randomFields(count: 50_000, seed: 7).enumerated() {
            let start = number % (field.count + 1), end = start + (number / 3) % (field.count - start + 1)
            let parsed = field.withUnsafeBufferPointer { FieldParsing.leadingInteger($0, start, end) }
            let expected = Self.integerByDefinition(field, start, end)
            #expect(parsed.map { [$0.0, $0.stop] } == expected.map { [$0.0, $0.1] }, "\(field) \(start)..<\(end)")
        }
    }

    @Test("decimals: taken where at most 15 significant digits, and then strtod's value to the bit")
    func decimals() throws {
        for field in Self.randomFields(count: 50_000, seed: 11) {
            let parsed = field.withUnsafeBufferPointer { FieldParsing.leadingDecimal($0, 0, field.count) }
            // The definition: sign, digits with at most one point, and where that stops.
            var index = 0
            if index < field.count, field[index] == UInt8(ascii: "-") || field[index] == UInt8(ascii: "+") { index += 1 }
            var sawPoint = false, digits: [UInt8] = [], fraction = 0
            while index < field.count {
                if field[index] == UInt8(ascii: "."), !sawPoint {
                    sawPoint = true
                } else if (48...57).contains(field[index]) {
                    digits.append(field[index])
                    if sawPoint { fraction += 1 }
                } else {
                    break
                }
                index += 1
            }
            let significant = digits.drop { $0 == 48 }.count
            guard !digits.isEmpty, significant <= 15, fraction <= 22 else {
                #expect(parsed == nil, "\(field)")
                continue
            }
            let text = String(decoding: field[..<index], as: UTF8.self)
            let expected = try #require(Double(text.hasSuffix(".") ? text + "0" : text), "\(text)")
            let value = try #require(parsed, "\(field)")
            #expect(value.0.bitPattern == expected.bitPattern && value.stop == index, "\(text)")
        }
    }

    /// `recbook_count_line_ends` (sixteen bytes at a time) against its definition, on random
    /// text of line feeds, carriage returns and other bytes, over random ranges.
    @Test func lineEndsCountedAsDefined() {
        var generator = SplitMix64(seed: 17)
        let alphabet = Array("\n\r\r\n,1a".utf8)
        for _ in 0..<300 {
            let bytes = (0..<Int(generator.next() % 700)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let start = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count))
            let end = start + Int(generator.next() % UInt64(bytes.count - start + 1))
            var expected = 0
            for index in start..<end {
                let isFeed = bytes[index] == 0x0A
                let isLoneReturn = bytes[index] == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)
                if isFeed || isLoneReturn { expected += 1 }
            }
            let counted = bytes.withUnsafeBufferPointer { recbook_count_line_ends($0.baseAddress, bytes.count, start, end) }
            #expect(counted == expected, "\(bytes.count) bytes, \(start)..<\(end)")
        }
    }
}
