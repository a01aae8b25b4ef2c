import Foundation

/// One `kader autocode` run: what it added, so `kader autocode --undo` can take exactly that back.
public struct AutocodeRun: Sendable, Hashable, Codable {
    public struct Added: Sendable, Hashable, Codable {
        public var document: String
        public var segment: String
    }

    public var time: String
    public var search: String
    public var code: String
    /// The segments the code was added to (segments that already had it are not listed).
    public var added: [Added]
}

/// Codes every codable segment that matches a search for one coder, through that coder's
/// ``CodingStore`` (lock, atomic saves; no other coder's file is read for writing), and keeps a
/// log of runs in `Codings/<coder>/.autocode-log.json` so the last run can be undone.
public enum AutoCoder {
    public static func logURL(projectRoot: URL, coder: String) -> URL {
        CodingStore.folder(projectRoot: projectRoot, coder: coder).appendingPathComponent(".autocode-log.json")
    }

    /// The codable segments of `corpus` with a hit of `pattern` that `filter` accepts, as
    /// (document index, segment index), and whether the coder already has the code there.
    public static func plan(
        _ corpus: AnalysisCorpus, pattern: SearchPattern, filter: SegmentFilter?, code: CodeID, coder: CoderName
    ) -> [(document: Int, segment: Int, present: Bool)] {
        let (code, coder) = (code.rawValue, coder.rawValue)
        var scanner = WordScanner()
        var out: [(Int, Int, Bool)] = []
        for (d, doc) in corpus.documents.enumerated() {
            var allowed: Set<Int>?
            if let filter {
                var set: Set<Int> = []
                for view in SegmentFilter.views(doc) {
                    for (k, ok) in filter.evaluate(doc, view: view).enumerated() where ok { set.insert(doc.units[k]) }
                }
                allowed = set
            }
            let mine = doc.coders.first { $0.coder == coder }
            for i in doc.units {
                if let allowed, !allowed.contains(i) { continue }
                guard !pattern.matches(in: doc.document.segments[i].textSlice, scanner: &scanner).isEmpty else {
                    continue
                }
                out.append((d, i, mine?.codes[i]?.contains(code) ?? false))
            }
        }
        return out
    }

    /// Adds `code` to every planned segment that lacks it, one save per document, and appends
    /// the run to the log.
    /// - Throws: ``StoreError`` (lock held, damaged file, …), ``AnalysisError/io(path:detail:)``.
    public static func apply(
        _ corpus: AnalysisCorpus, plan: [(document: Int, segment: Int, present: Bool)], code: CodeID,
        coder: CoderName, search: String
    ) throws -> AutocodeRun {
        let (code, coder) = (code.rawValue, coder.rawValue)
        var log = try readLog(projectRoot: corpus.project.root, coder: coder)
        let store = try CodingStore(projectRoot: corpus.project.root, coder: coder)
        let time = Timestamp.now()
        var run = AutocodeRun(time: time, search: search, code: code, added: [])
        let byDocument = Dictionary(grouping: plan.filter { !$0.present }, by: \.document)
        for (d, planned) in byDocument.sorted(by: { $0.key < $1.key }) {
            let doc = corpus.documents[d].document
            var file = try store.load(document: doc)
            for p in planned {
                let seg = doc.segments[p.segment]
                let codes = file.codes(forSegment: seg.id)
                guard !codes.contains(code) else { continue }
                file = file.settingCodes(codes + [code], on: seg, at: time)
                run.added.append(.init(document: doc.id, segment: seg.id))
            }
            try store.save(file)
        }
        log.append(run)
        try writeLog(log, projectRoot: corpus.project.root, coder: coder)
        return run
    }

    /// Takes back the last run of `coder`: removes its code from the segments it added it to
    /// (where it is still applied), then drops the run from the log.
    /// - Throws: ``AnalysisError/nothingToUndo(coder:)``, ``StoreError``, ``LoaderError``.
    public static func undo(project: Project, coder: String) throws -> (run: AutocodeRun, removed: Int) {
        var log = try readLog(projectRoot: project.root, coder: coder)
        guard let run = log.last else { throw AnalysisError.nothingToUndo(coder: coder) }
        let store = try CodingStore(projectRoot: project.root, coder: coder)
        let paths = Dictionary(zip(project.documentIds, project.transcriptPaths), uniquingKeysWith: { a, _ in a })
        let time = Timestamp.now()
        var removed = 0
        for (docId, added) in Dictionary(grouping: run.added, by: \.document).sorted(by: { $0.key < $1.key }) {
            guard let path = paths[docId] else { continue }
            let doc = try project.loadDocument(path: path)
            var file = try store.load(document: doc)
            let wanted = Set(added.map(\.segment))
            for seg in doc.segments where wanted.contains(seg.id) {
                let codes = file.codes(forSegment: seg.id)
                guard codes.contains(run.code) else { continue }
                file = file.settingCodes(codes.filter { $0 != run.code }, on: seg, at: time)
                removed += 1
            }
            try store.save(file)
        }
        log.removeLast()
        try writeLog(log, projectRoot: project.root, coder: coder)
        return (run, removed)
    }

    static func readLog(projectRoot: URL, coder: String) throws -> [AutocodeRun] {
        let url = logURL(projectRoot: projectRoot, coder: coder)
        guard let data = try? Data(contentsOf: url) else { return [] }
        do {
            return try JSONDecoder().decode([AutocodeRun].self, from: data)
        } catch {
            throw AnalysisError.io(
                path: url.path, detail: "is not a readable autocode log (move it aside to start a new one)")
        }
    }

    static func writeLog(_ log: [AutocodeRun], projectRoot: URL, coder: String) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = logURL(projectRoot: projectRoot, coder: coder)
        do {
            if log.isEmpty {
                try? FileManager.default.removeItem(at: url)
                return
            }
            try AtomicFile.write(try enc.encode(log) + Data([0x0A]), to: url)
        } catch {
            throw AnalysisError.io(path: url.path, detail: "cannot be written")
        }
    }
}
