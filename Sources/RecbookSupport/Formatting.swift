import Foundation

/// Number formatting that matches what Python prints, so that recbook's text lines can be held
/// beside the original notebook's.
public enum Format {
    /// Fixed-point with `digits` decimals, like Python's `f"{x:.4f}"`.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.\(digits)f", value)
    }

    /// A thousands-separated integer, like Python's `f"{n:,}"`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    /// The shortest representation that round-trips, like Python's `repr(float)`: `0.5`, `5.0`, `1e-06`.
    public static func shortest(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e16 {
            return String(format: "%.1f", value)
        }
        return "\(value)"
    }

    /// A measured number for messages: whole numbers without decimals (`81200`), others as
    /// `shortest` writes them (`0.962816118339127`).
    public static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return shortest(value)
    }

    /// A duration for terminal and report: `812 ms`, `2.41 s`, `1 min 03 s`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return String(format: "%.2f s", seconds) }
        let whole = Int(seconds.rounded())
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }
}
