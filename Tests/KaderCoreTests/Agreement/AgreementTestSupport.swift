import Testing

@testable import KaderCore

/// Parent suite of the agreement engine tests (`swift test --filter Agreement`).
@Suite enum AgreementTests {}

/// Parses a coders × units matrix: one line per coder, whitespace-separated tokens,
/// "." = missing.
func parseMatrix(_ text: String) -> [[String?]] {
    text.split(separator: "\n").map { line in
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0 == "." ? nil : String($0) }
    }.filter { !$0.isEmpty }
}

func numeric(_ text: String) throws -> ReliabilityData<Double> {
    try ReliabilityData(coders: parseMatrix(text).map { try $0.map { try $0.map { try #require(Double($0)) } } })
}

func labels(_ text: String) throws -> ReliabilityData<String> {
    try ReliabilityData(coders: parseMatrix(text))
}

func approx(_ v: AgreementValue, _ expected: Double, _ tol: Double) -> Bool {
    guard let x = v.double else { return false }
    return abs(x - expected) <= tol
}

func approx(_ x: Double?, _ expected: Double, _ tol: Double) -> Bool {
    guard let x else { return false }
    return abs(x - expected) <= tol
}

/// Expands a two-coder contingency table into reliability data (2 × N).
func dataFromTable(_ rows: [[Int]]) throws -> ReliabilityData<Int> {
    var a: [Int?] = []
    var b: [Int?] = []
    for (i, r) in rows.enumerated() {
        for (j, n) in r.enumerated() {
            for _ in 0..<n {
                a.append(i)
                b.append(j)
            }
        }
    }
    return try ReliabilityData(coders: [a, b])
}

enum Vectors {
    /// KA-1: Krippendorff (2011), 4 observers × 12 units.
    static let ka1 = """
        1 2 3 3 2 1 4 1 2 . . .
        1 2 3 3 2 2 4 1 2 5 . 3
        . 3 3 3 2 3 4 2 2 5 1 .
        1 2 3 3 2 4 4 1 2 5 1 .
        """
    /// KA-2: Wikipedia computational example, 3 coders × 15 units.
    static let ka2 = """
        . . . . . 3 4 1 2 1 1 3 3 . 3
        1 . 2 1 3 3 4 3 . . . . . . .
        . . 2 1 3 4 4 . 2 1 1 3 3 . 4
        """
    /// KA-3: Hayes & Krippendorff (2007), 5 observers × 40 units, ordinal 0–3.
    static let ka3 = """
        1 1 2 . 0 0 1 1 2 2 . 0 1 3 1 1 2 1 1 0 0 0 2 0 1 0 0 1 1 1 1 2 2 3 2 2 2 2 2 1
        1 1 3 0 0 0 0 . 2 1 1 0 2 3 1 1 1 2 1 0 0 0 3 0 2 1 0 2 1 1 1 1 2 2 2 2 2 2 2 1
        2 0 3 0 0 0 2 2 2 1 0 0 2 2 1 1 2 3 0 0 1 . 3 0 . 1 0 1 2 2 0 2 . 2 2 3 2 . 2 1
        . 1 3 . . . . 0 . 1 0 0 2 2 . . . 3 1 . 1 0 3 0 2 1 1 2 2 . . 1 2 2 . . . 1 2 .
        2 . . 0 0 0 1 . 2 . . . . 3 1 1 2 . . 0 . 0 . . 2 . 0 . . 2 0 . 2 . 2 2 2 2 . 1
        """
    /// KA-5: ATLAS.ti manual, two coders, binary.
    static let ka5 = """
        1 1 0 0 0 0 0 0 0 0
        0 1 1 0 0 1 0 1 0 0
        """
    static let benGerry = """
        a a b b d c c c e d d a
        b a b b b c c c e . d d
        """
    static let gender = """
        a a a a a b b b c a a a a a b
        a a a a b a b c c a a a a b a
        a b b c a a b b c a b b c a a
        c c c c a a b b c c c c c a a
        """
    static let g1g2 = """
        a b c c b a d a b . . . b b
        a b c c b b d a b e . . b a
        . c c c b c d b b e a c c c
        a b c c b d d a b e a . b b
        """
    /// ML-1: two coders × 11 items, multi-label (stats.stackexchange 407453), units × coders.
    static let ml1: [[Set<String>?]] = [
        [["1", "2"], ["1"]], [["1", "2"], ["1", "2"]], [["1"], ["1"]], [["3"], ["3"]],
        [["3"], ["1", "3"]], [["4"], ["4"]], [["2"], ["4"]], [["1", "2"], ["1"]],
        [["1", "2"], ["1", "2", "3"]], [["1"], ["1"]], [["1"], ["1"]],
    ]
}
