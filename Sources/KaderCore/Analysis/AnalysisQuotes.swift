import Foundation

extension AnalysisCorpus {
    /// The quotes of `units` as a ``QuoteCollection`` (for every quote format): the codings of
    /// each unit's coder on its segment, restricted to `codes` when it is not empty, and to
    /// `filter` (codes, roles, speakers). A unit without a coder gives no quote.
    public func quotes(of units: [AnalysisUnit], codes: Set<String> = [], filter: QuoteFilter = QuoteFilter()) throws
        -> QuoteCollection
    {
        var wanted: [Int: Set<String>] = [:]
        for u in units {
            guard let coder = u.coder else { continue }
            wanted[u.document, default: []].insert(
                coder + "\u{1}" + documents[u.document].document.segments[u.segment].id)
        }
        var perDocument = filter
        perDocument.documents = []
        perDocument.coders = []
        var rows: [QuoteRow] = []
        var considered: [(id: String, title: String)] = []
        for (d, doc) in documents.enumerated() {
            considered.append((doc.document.id, doc.document.title))
            guard let keys = wanted[d] else { continue }
            // Only the codings of matching units go into the quote builder.
            let files = doc.files.map { file -> CodingFile in
                var f = file
                f.codings = file.codings.filter { keys.contains(file.coder + "\u{1}" + $0.segment) }
                return f
            }
            let part = try QuoteCollection.build(
                codebook: project.codebook, documents: [doc.document], codings: files, filter: perDocument)
            rows += part.rows.filter {
                keys.contains($0.coder + "\u{1}" + $0.segment) && (codes.isEmpty || codes.contains($0.codeId))
            }
        }
        return QuoteCollection(codebook: project.codebook, documents: considered, coders: coders, rows: rows)
    }

    /// Every unit of the corpus (each coder's view of each codable segment; one view without a
    /// coder for documents nobody coded), optionally only those `filter` accepts.
    public func units(where filter: SegmentFilter? = nil) -> [AnalysisUnit] {
        if let filter { return filter.matches(in: self) }
        var out: [AnalysisUnit] = []
        for (d, doc) in documents.enumerated() {
            for view in SegmentFilter.views(doc) {
                for i in doc.units { out.append(AnalysisUnit(document: d, segment: i, coder: view?.coder)) }
            }
        }
        return out
    }

    /// The codes of a unit (empty without a coder).
    public func codes(of unit: AnalysisUnit) -> [String] {
        documents[unit.document].codes(segment: unit.segment, coder: unit.coder)
    }

    /// The value a unit has on `axis`: `document`, `role`, `speaker`, `coder`, or an attribute
    /// (nil when it has none).
    public func value(of unit: AnalysisUnit, on axis: String) -> String? {
        documents[unit.document].value(segment: unit.segment, coder: unit.coder, on: axis)
    }

    /// Checks that `axis` is `document`, `role`, `speaker`, `coder` or a known attribute.
    /// - Throws: ``AnalysisError/unknownAttribute(_:known:)``.
    public func checkAxis(_ axis: String) throws {
        try Self.checkAxis(axis, known: attributeNames)
    }

    /// Checks that `axis` is `document`, `role`, `speaker`, `coder` or one of `known`.
    /// - Throws: ``AnalysisError/unknownAttribute(_:known:)``.
    static func checkAxis(_ axis: String, known: [String]) throws {
        guard ["document", "role", "speaker", "coder"].contains(axis.lowercased()) || known.contains(axis.lowercased())
        else {
            throw AnalysisError.unknownAttribute(axis, known: ["document", "role", "speaker", "coder"] + known)
        }
    }

    /// Sorts attribute values for columns: numbers by value, dates, then text; `(none)` last.
    public static func sortedValues(_ values: Set<String>) -> [String] {
        values.sorted { a, b in
            if a == AttributeMatrix.none || b == AttributeMatrix.none { return b == AttributeMatrix.none && a != b }
            let va = AttributeValue(a)
            let vb = AttributeValue(b)
            let r = va.compare(vb)
            return r == .orderedSame ? a < b : r == .orderedAscending
        }
    }
}

extension AnalysisDocument {
    /// The codes `coder` applied to the segment at `index` (empty without a coder).
    public func codes(segment index: Int, coder: String?) -> [String] {
        guard let coder else { return [] }
        return coders.first { $0.coder == coder }?.codes[index] ?? []
    }

    /// The value the segment at `index`, seen by `coder`, has on `axis`: `document`, `role`,
    /// `speaker`, `coder`, or an attribute (nil when it has none).
    public func value(segment index: Int, coder: String?, on axis: String) -> String? {
        switch axis.lowercased() {
        case "document": return document.id
        case "role": return role(segment: index)
        case "speaker": return document.segments[index].speaker
        case "coder": return coder
        default: return attribute(axis, segment: index)?.text
        }
    }
}
