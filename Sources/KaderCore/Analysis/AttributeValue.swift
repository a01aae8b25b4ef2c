import Foundation

/// The value of a document or speaker attribute (`schooltype: secundair`, `jaren-ervaring: 12`,
/// `date: 2026-03-12`), typed where it can be: a number when the text is one (`12`, `-3`, `4.5`,
/// `4,5`), a date when it is an ISO date (`2026-03-12`) or a day-month-year date (`12-03-2026`,
/// `12/03/2026`), else text. The text is kept as written.
///
/// Comparison: numbers by value, dates by day, text case- and accent-insensitively; a number and
/// a text compare as text.
public struct AttributeValue: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case text, number, date
    }

    /// As written (trimmed).
    public var text: String
    public var kind: Kind
    /// The number for ``Kind/number``.
    public var number: Double?
    /// `YYYY-MM-DD` for ``Kind/date``.
    public var isoDate: String?

    /// Types `text` (see the type's description).
    public init(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.text = t
        if let n = Self.parseNumber(t) {
            kind = .number
            number = n
        } else if let d = Self.parseDate(t) {
            kind = .date
            isoDate = d
        } else {
            kind = .text
        }
    }

    public var description: String { text }

    /// The text folded for comparisons: lowercase, accents removed.
    public var folded: String { TextSearch.fold(text) }

    /// Equality for filters: numbers by value, dates by day, text folded.
    public func matches(_ other: AttributeValue) -> Bool {
        if let a = number, let b = other.number { return a == b }
        if let a = isoDate, let b = other.isoDate { return a == b }
        return folded == other.folded
    }

    /// Order for `<`, `>`: numbers by value, dates by day, else folded text.
    public func compare(_ other: AttributeValue) -> ComparisonResult {
        if let a = number, let b = other.number {
            return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
        }
        if let a = isoDate, let b = other.isoDate {
            return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
        }
        let a = folded
        let b = other.folded
        return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    }

    static func parseNumber(_ t: String) -> Double? {
        var s = Substring(t)
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        guard let first = s.first, first.isASCII, first.isNumber else { return nil }
        var sawSeparator = false
        for c in s {
            if c == "." || c == "," {
                if sawSeparator { return nil }
                sawSeparator = true
            } else if !(c.isASCII && c.isNumber) {
                return nil
            }
        }
        guard s.last.map({ $0.isNumber }) == true else { return nil }
        return Double(t.replacingOccurrences(of: ",", with: "."))
    }

    static func parseDate(_ t: String) -> String? {
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return nil
        }
        // Digits only, but a part too long for an Int is no date either.
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        let y: Int
        let m: Int
        let d: Int
        if parts[0].count == 4 && t.contains("-") && !t.contains("/") {
            (y, m, d) = (numbers[0], numbers[1], numbers[2])
        } else if parts[2].count == 4 && parts[0].count <= 2 && parts[1].count <= 2 {
            (y, m, d) = (numbers[2], numbers[1], numbers[0])
        } else {
            return nil
        }
        guard (1...12).contains(m), (1...31).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// JSON: numbers as numbers, dates and text as the text written.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if kind == .number, let n = number {
            if n == n.rounded(), abs(n) < 1e15 { try c.encode(Int(n)) } else { try c.encode(n) }
        } else {
            try c.encode(text)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Double.self) {
            self.init(n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n))
        } else {
            self.init(try c.decode(String.self))
        }
    }
}

/// Attributes by name. Names are compared in lowercase (`Schooltype` is `schooltype`).
public typealias Attributes = [String: AttributeValue]

extension Dictionary where Key == String, Value == AttributeValue {
    /// The attribute named `name`, compared in lowercase.
    public func attribute(_ name: String) -> AttributeValue? {
        self[name.lowercased()]
    }
}
