import Foundation

/// The unit an exporting tool counted positions in.
public enum OffsetUnit: String, Sendable, Hashable {
    /// One per Unicode scalar (code point): Kader before 0.2, QualCoder (Python).
    case scalar = "Unicode scalars"
    /// One per UTF-16 code unit, a character outside the BMP (most emoji) counting 2: NVivo
    /// (Windows and Mac), and tools indexing .NET, Java or Qt strings; Kader's own exports.
    case utf16 = "UTF-16 code units"
}

/// How one source's selection positions are read: line-end counting and unit, each with the
/// evidence that decided it.
public struct PositionReading: Sendable, Hashable {
    public var counting: OffsetCounting
    public var countingReason: String
    public var unit: OffsetUnit
    public var unitReason: String
    /// True when the unit was decided on weak evidence (tied or conflicting): the report warns.
    public var weak = false
}

/// Converts Unicode scalar offsets of a text to UTF-16 offsets (what Kader's exports write),
/// holding only the offsets of the text's astral scalars.
public struct UTF16Offsets: Sendable {
    /// Scalar offset of each scalar above U+FFFF, ascending.
    let astral: [Int]

    public init(_ text: String) {
        var out: [Int] = []
        for (i, s) in text.unicodeScalars.enumerated() where s.value > 0xFFFF { out.append(i) }
        astral = out
    }

    /// The UTF-16 offset of scalar offset `offset`: `offset` plus the astral scalars before it.
    public func utf16(_ offset: Int) -> Int {
        var lo = 0
        var hi = astral.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if astral[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return offset + lo
    }
}

extension SourceText {
    /// The origin Kader writes in `.qdpx` exports: it names the unit, so Kader's own import reads
    /// positions back exactly.
    public static let kaderOriginUnitMark = "positions in UTF-16 code units"

    /// Decides the unit and the line-end counting of `selections`.
    ///
    /// The line-end counting is decided per candidate unit (``detectCounting(_:origin:unit:)``).
    /// The unit only matters when the text has characters outside the BMP and some selection
    /// maps differently under the two readings; then, in order: a Kader origin naming its unit;
    /// selections ending past the text when counted in scalars (UTF-16); selection names holding
    /// the quoted text; the number of selection ends on word boundaries under each reading,
    /// weighed with what the creating software (`origin`) is known to write. Weak: the scores tie,
    /// or contradict the origin, or differ by one with an unknown origin.
    public func detectReading(_ selections: [QDASelection], origin: String?) -> PositionReading {
        let scalar = detectCounting(selections, origin: origin, unit: .scalar)
        guard hasAstral else {
            return PositionReading(
                counting: scalar.0, countingReason: scalar.1, unit: .scalar,
                unitReason: "no characters outside the BMP")
        }
        // Only a text with astral characters needs the UTF-16 reading's line-end counting.
        let utf = detectCounting(selections, origin: origin, unit: .utf16)
        func reading(_ unit: OffsetUnit, _ why: String, weak: Bool = false) -> PositionReading {
            let (c, cWhy) = unit == .scalar ? scalar : utf
            return PositionReading(counting: c, countingReason: cWhy, unit: unit, unitReason: why, weak: weak)
        }
        func range(_ s: QDASelection, _ u: OffsetUnit) -> Range<Int> {
            let c = u == .scalar ? scalar.0 : utf.0
            let a = normalised(s.start, c, u)
            return a..<max(a, normalised(s.end, c, u))
        }
        let prior = Self.originUnit(origin)
        let differing = selections.filter { range($0, .scalar) != range($0, .utf16) }
        if differing.isEmpty {
            return reading(
                prior?.unit ?? .scalar, "every selection maps to the same text read either way")
        }
        if let prior, prior.certain { return reading(prior.unit, prior.why) }
        let scalarEnd = length(hasCRLF ? .crlfAsTwo : .lineEndAsOne, .scalar)
        let utfEnd = length(hasCRLF ? .crlfAsTwo : .lineEndAsOne, .utf16)
        if selections.contains(where: { $0.end > scalarEnd && $0.end <= utfEnd }) {
            return reading(.utf16, "selections end past the text when counted in Unicode scalars")
        }
        let named = differing.filter { !Fingerprint.collapseWhitespace($0.name ?? "").isEmpty }
        if !named.isEmpty {
            func score(_ u: OffsetUnit) -> Int {
                named.filter { sel in
                    let want = String(Fingerprint.collapseWhitespace(sel.name ?? "").prefix(40))
                    return Fingerprint.collapseWhitespace(text(range(sel, u))).hasPrefix(want)
                }.count
            }
            let (s, u) = (score(.scalar), score(.utf16))
            if s != u { return reading(s > u ? .scalar : .utf16, "selection names match the text") }
        }
        let bs = boundaryScore(differing.map { range($0, .scalar) })
        let bu = boundaryScore(differing.map { range($0, .utf16) })
        let other: OffsetUnit = bu > bs ? .scalar : .utf16
        let scores =
            "\(max(bs, bu)) of \(2 * differing.count) selection ends on word boundaries, "
            + "\(min(bs, bu)) read as \(other.rawValue)"
        guard bs != bu else {
            let why = prior.map { $0.why } ?? "the default for \(origin ?? "unnamed tools")"
            return reading(
                prior?.unit ?? .scalar, "\(why); word-boundary scores tie (\(bs) of \(2 * differing.count) ends)",
                weak: true)
        }
        let winner: OffsetUnit = bu > bs ? .utf16 : .scalar
        if let prior {
            if prior.unit == winner { return reading(winner, "\(scores); \(prior.why)") }
            return reading(winner, "\(scores), against what \(origin ?? "the tool") is known to write", weak: true)
        }
        return reading(winner, scores, weak: abs(bu - bs) < 2)
    }

    /// Ends of `ranges` that fall on a word boundary (not between two letters or digits).
    func boundaryScore(_ ranges: [Range<Int>]) -> Int {
        func isWord(_ i: Int) -> Bool {
            let p = scalars[i].properties
            return p.isAlphabetic || p.numericType != nil
        }
        func boundary(_ i: Int) -> Bool { i <= 0 || i >= scalars.count || !(isWord(i - 1) && isWord(i)) }
        return ranges.reduce(0) { $0 + (boundary($1.lowerBound) ? 1 : 0) + (boundary($1.upperBound) ? 1 : 0) }
    }

    /// The unit the creating software is known to write, why, and whether that settles it.
    static func originUnit(_ origin: String?) -> (unit: OffsetUnit, why: String, certain: Bool)? {
        let o = (origin ?? "").lowercased()
        if o.contains("kader") {
            return o.contains(kaderOriginUnitMark.lowercased())
                ? (.utf16, "this Kader export says it writes UTF-16 code units", true)
                : (.scalar, "Kader exports without a unit in their origin wrote Unicode scalars", true)
        }
        if o.contains("nvivo") { return (.utf16, "NVivo writes UTF-16 code units", false) }
        if o.contains("maxqda") || o.contains("atlas") {
            return (.utf16, "\(origin ?? "") indexes UTF-16 strings (assumed)", false)
        }
        if o.contains("qualcoder") { return (.scalar, "QualCoder counts Unicode code points", false) }
        if o.hasPrefix("qc ") || o == "qc" { return (.scalar, "qc (Python) counts Unicode code points", false) }
        return nil
    }
}
