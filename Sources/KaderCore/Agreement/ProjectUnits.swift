import Foundation

/// One unit of agreement taken from a project: a codable segment with each compared coder's
/// code set, or nil where that coder's value is missing.
public struct ProjectUnit: Sendable, Hashable {
    public let documentId: String
    public let segmentId: String
    /// 1-based position of the segment in its document.
    public let ordinal: Int
    public let speaker: String?
    public let role: String?
    public let text: String
    /// `codes[coder]` in the order of `ProjectUnits.coders`; nil = missing data.
    public let codes: [Set<String>?]

    /// Whether at least two coders have a value and their sets differ.
    public var isDisagreement: Bool {
        let present = codes.compactMap { $0 }
        guard present.count >= 2 else { return false }
        return present.contains { $0 != present[0] }
    }
}

/// Who is present for one document of the comparison.
public struct DocumentParticipation: Sendable, Hashable {
    public let documentId: String
    /// Status per coder, in `ProjectUnits.coders` order (`notStarted` when there is no file).
    public let status: [CodingStatus]
    /// Per coder: whether their codings of this document count.
    public let included: [Bool]
    /// Codable segments in the document.
    public let codableSegments: Int
    /// Units contributed (0 when fewer than 2 coders count).
    public var unitCount: Int { included.filter { $0 }.count >= 2 ? codableSegments : 0 }
}

/// The agreement units of a project for a set of coders (docs/statistics.md §1).
///
/// Unit = a codable segment. A coder's value for a unit is the set of code ids in their
/// `Codings/<coder>/<document>.json`, taken only when that coder marked the document `done`;
/// a coder without a file, or whose document is not done, is **missing data** for every
/// segment of it (nil, never an empty set). In a done document a segment without a coding
/// means "no code applies" (the empty set) — unless it appeared after the coder marked the
/// document done (not in ``CodingFile/doneSegments``): then it is missing for that coder. With `includeUnfinished`, documents `in progress`
/// count too, but there a segment without codes is missing (the coder may not have reached it).
/// A document enters when at least 2 compared coders count for it; others contribute nothing.
public struct ProjectUnits: Sendable {
    public let coders: [String]
    public let units: [ProjectUnit]
    /// Every document of the project with who counts for it, in project order.
    public let documents: [DocumentParticipation]
    public let includeUnfinished: Bool
    /// Document and speaker attributes by document id (front matter, sidecars and
    /// `Attributes.csv`), read only when asked for (`withAttributes`), else empty.
    public private(set) var attributes: [String: ResolvedAttributes] = [:]

    /// Builds the units from codings on disk (read only; takes no lock). `withAttributes` also
    /// reads the attributes of every document (for ``AgreementBreakdown/attribute(_:)``).
    /// - Throws: ``StoreError`` for a damaged codings file, ``LoaderError`` for a transcript,
    ///   ``AnalysisError`` for a bad `Attributes.csv` (only with `withAttributes`).
    public init(
        project: Project, coders: [String], includeUnfinished: Bool = false,
        loader: TranscriptLoader? = nil, withAttributes: Bool = false
    ) throws {
        var units: [ProjectUnit] = []
        var docs: [DocumentParticipation] = []
        var attributes: [String: ResolvedAttributes] = [:]
        let table = withAttributes ? try AttributesTable.load(projectRoot: project.root) : nil
        // Each document's codings files are read, re-anchored and turned into units on the
        // worker that loaded it.
        let root = project.root
        let perDocument: @Sendable (Document) throws -> DocumentUnits = { doc in
            var files: [CodingFile?] = []
            for coder in coders {
                let url = CodingStore.fileURL(
                    projectRoot: root, coder: CoderName(coder), documentId: DocumentID(doc.id))
                files.append(
                    FileManager.default.fileExists(atPath: url.path)
                        ? try CodingStore.read(projectRoot: root, coder: coder, document: doc) : nil)
            }
            let (part, docUnits) = Self.units(document: doc, files: files, includeUnfinished: includeUnfinished)
            let resolved = withAttributes ? (table?.resolve(doc) ?? ResolvedAttributes(document: doc)) : nil
            return DocumentUnits(id: doc.id, part: part, units: docUnits, attributes: resolved)
        }
        let batches = DocumentBatchLoader(project: project, loader: loader)
        try batches.forEach(transform: perDocument) { _, result in
            let d = try result.get()
            if let resolved = d.attributes { attributes[d.id] = resolved }
            docs.append(d.part)
            units += d.units
        }
        self.init(coders: coders, units: units, documents: docs, includeUnfinished: includeUnfinished)
        self.attributes = attributes
    }

    /// Attribute names of the documents and speakers read (lowercase, sorted), `role` included.
    public var attributeNames: [String] { attributes.values.attributeNames }

    public init(coders: [String], units: [ProjectUnit], documents: [DocumentParticipation], includeUnfinished: Bool) {
        self.coders = coders
        self.units = units
        self.documents = documents
        self.includeUnfinished = includeUnfinished
    }

    /// The units of one document given each coder's file (nil = no file), in segment order.
    public static func units(document doc: Document, files: [CodingFile?], includeUnfinished: Bool)
        -> (DocumentParticipation, [ProjectUnit])
    {
        let status = files.map { $0?.status ?? .notStarted }
        let included = status.map { $0 == .done || (includeUnfinished && $0 == .inProgress) }
        let part = DocumentParticipation(
            documentId: doc.id, status: status, included: included,
            codableSegments: doc.codableSegmentCount)
        guard part.unitCount > 0 else { return (part, []) }
        let lookup: [[String: [String]]?] = files.enumerated().map { j, f in
            guard included[j], let f else { return nil }
            return Dictionary(f.codings.map { ($0.segment, $0.codes) }, uniquingKeysWith: { a, _ in a })
        }
        // Per coder: segments of a done document that appeared after it was marked done.
        let added: [Set<String>] = files.enumerated().map { j, f in
            guard included[j], let f else { return [] }
            return Set(f.segmentsAddedAfterDone(in: doc).map(\.id))
        }
        var out: [ProjectUnit] = []
        for s in doc.segments where s.codable {
            let codes: [Set<String>?] = lookup.enumerated().map { j, map in
                guard let map else { return nil }
                if let c = map[s.id], !(status[j] == .inProgress && c.isEmpty) { return Set(c) }
                return status[j] == .done && !added[j].contains(s.id) ? [] : nil
            }
            out.append(
                ProjectUnit(
                    documentId: doc.id, segmentId: s.id, ordinal: s.ordinal, speaker: s.speaker,
                    role: s.role, text: s.text, codes: codes))
        }
        return (part, out)
    }

    /// The units for which `include` holds (same coders and documents).
    public func filtered(_ include: (ProjectUnit) -> Bool) -> ProjectUnits {
        var out = ProjectUnits(
            coders: coders, units: units.filter(include), documents: documents, includeUnfinished: includeUnfinished)
        out.attributes = attributes
        return out
    }

    /// The units that some coders code differently, in project order.
    public var disagreements: [ProjectUnit] { units.filter(\.isDisagreement) }

    /// Units with values from at least 2 coders, and how many of them got the very same code
    /// set from every coder present (exact agreement on the whole set).
    public var identicalSets: (identical: Int, pairable: Int) {
        var same = 0
        var pairable = 0
        for u in units {
            let present = u.codes.compactMap { $0 }
            guard present.count >= 2 else { continue }
            pairable += 1
            if !u.isDisagreement { same += 1 }
        }
        return (same, pairable)
    }

    /// `units[unit][coder]` code sets for ``CodeAgreement``.
    public var codeSets: [[Set<String>?]] { units.map(\.codes) }
}

/// What one document contributes to ``ProjectUnits``, made on the worker that loaded it.
private struct DocumentUnits {
    var id: String
    var part: DocumentParticipation
    var units: [ProjectUnit]
    var attributes: ResolvedAttributes?
}
