import Foundation

/// A project folder (docs/ARCHITECTURE.md §2): `Codebooks/`, `Transcripts/`, `Codings/<coder>/`,
/// optional `kader.yaml`.
public struct Project: Sendable {
    public let root: URL
    public let codebook: Codebook
    public let codebookURL: URL
    /// Transcript files, sorted by name, as paths relative to the root (`Transcripts/x.md`).
    /// A file whose document id another file already has is left out (see ``duplicateTranscripts``).
    public let transcriptPaths: [String]
    /// Document ids for the transcript paths, in the same order (worked out once: a project
    /// of thousands of transcripts asks for them often).
    public let documentIds: [String]
    /// Transcript files left out because another file has the same document id (the file named
    /// exactly like the id is kept, else the oldest; the oldest of several so named): two
    /// transcripts must never share one codings file.
    public let duplicateTranscripts: [DuplicateTranscript]
    /// Files in `Transcripts/` that Kader cannot read (PDF, `.doc`, `.odt`, `.tsv` …), sorted by
    /// name; hidden files and `.meta.yaml` sidecars are not listed.
    public let unreadableFiles: [UnreadableTranscript]
    /// Settings from `kader.yaml` (defaults when there is none).
    public let settings: ProjectSettings

    /// Opens the project at `root`.
    /// - Throws: ``ProjectError/notAProject(path:)``, ``CodebookError``.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        let fm = FileManager.default
        let transcripts = self.root.appendingPathComponent("Transcripts")
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: transcripts.path, isDirectory: &isDir), isDir.boolValue else {
            throw ProjectError.notAProject(path: root.path)
        }
        let names = (try? fm.contentsOfDirectory(atPath: transcripts.path)) ?? []
        // Per document id, the file whose name is the id itself is kept (the oldest of several),
        // else the oldest file.
        let files = names.filter(TranscriptLoader.isTranscriptFile).sorted()
        unreadableFiles = names.filter { name in
            !name.hasPrefix(".") && !name.hasSuffix(".meta.yaml") && !name.hasSuffix(".meta.yml")
                && !TranscriptLoader.isTranscriptFile(name)
                && !Self.isDirectory(transcripts.appendingPathComponent(name).path)
        }.sorted().map { UnreadableTranscript(path: "Transcripts/" + $0) }
        let ids = files.map(TranscriptLoader.documentId(forFileName:))
        let byId = Dictionary(grouping: files.indices, by: { ids[$0] }).mapValues { $0.map { files[$0] } }
        var kept: [String] = []
        var keptIds: [String] = []
        var duplicates: [DuplicateTranscript] = []
        for (name, id) in zip(files, ids) {
            // `byId` groups `files` by these ids: every id has a non-empty group.
            guard let group = byId[id] else { continue }
            // One file per id is the common case: nothing to choose.
            if group.count == 1 {
                kept.append("Transcripts/" + name)
                keptIds.append(id)
                continue
            }
            let exact = group.filter { ($0 as NSString).deletingPathExtension == id }
            let pool = exact.isEmpty ? group : exact
            // Among equals the oldest file stays: the one coders have been working on.
            let oldest =
                pool.count == 1
                ? pool.first
                : pool.min { a, b in
                    let ta = Self.modificationTime(transcripts.appendingPathComponent(a).path)
                    let tb = Self.modificationTime(transcripts.appendingPathComponent(b).path)
                    return ta != tb ? ta < tb : a < b
                }
            guard let keeper = oldest else { continue }
            if name == keeper {
                kept.append("Transcripts/" + name)
                keptIds.append(id)
            } else {
                duplicates.append(
                    DuplicateTranscript(path: "Transcripts/" + name, documentId: id, keptPath: "Transcripts/" + keeper))
            }
        }
        transcriptPaths = kept
        documentIds = keptIds
        duplicateTranscripts = duplicates
        settings = try ProjectSettings.load(root: self.root)
        if let name = settings.codebook {
            codebookURL = self.root.appendingPathComponent("Codebooks").appendingPathComponent(name)
        } else {
            codebookURL = try Self.findCodebook(in: self.root)
        }
        codebook = try CodebookFile.load(codebookURL)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// Seconds since 1970 of the last change of the file at `path` (0 when it cannot be read).
    static func modificationTime(_ path: String) -> Double {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }

    /// The first codebook file in `Codebooks/` (`analysekader.yaml` preferred).
    static func findCodebook(in root: URL) throws -> URL {
        let dir = root.appendingPathComponent("Codebooks")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter {
                ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) && !$0.hasPrefix(".")
            }
            .sorted()
        if names.contains("analysekader.yaml") { return dir.appendingPathComponent("analysekader.yaml") }
        guard let first = names.first else { throw CodebookError.notFound(folder: dir.path) }
        return dir.appendingPathComponent(first)
    }

    /// Loads and segments one transcript by its relative path, with the project's settings
    /// unless another `loader` is given.
    /// A current entry of the project's ``DocumentCache`` is used instead of loading the file.
    /// - Throws: ``LoaderError`` (the file's problem in one sentence).
    public func loadDocument(path: String, loader: TranscriptLoader? = nil) throws -> Document {
        try DocumentCache(root: root).load(
            path: path, loader: loader ?? TranscriptLoader(options: settings.loadOptions))
    }

    /// What `kader init` puts in `.gitignore`: lock files, last-good copies, journals of saved
    /// changes not yet folded into their file, and temporary files are per machine, never shared.
    public static let gitignore = """
        # Kader: per-machine files, never committed
        **/.kader.lock
        Codings/**/.*.last-good
        Codings/**/.*.journal
        Codings/**/.*.tmp
        /.kader-import-*/
        /.kader-cache/

        """

    /// Creates an empty project at `root`: `Codebooks/` with the chosen starter codebook (the
    /// sample study's by default here, for the tests; `kader init` defaults to `.empty`),
    /// `Transcripts/`, `Codings/`, and a `.gitignore` for lock files, last-good copies, temporary
    /// files and import staging folders. The codebook is checked before anything is written.
    /// Each piece is written atomically and only when missing, so an `init` that failed half-way
    /// (a full disk) is finished by running it again.
    /// - Throws: ``ProjectError/alreadyExists(path:)`` when `Codebooks/` already holds a codebook;
    ///   the errors of ``StarterCodebook/contents()`` for a codebook file that cannot be used;
    ///   ``StoreError/symlink(path:)`` when one of the folders is a link; ``StoreError/io(path:detail:)``.
    public static func initialize(at root: URL, codebook: StarterCodebook = .analysekader) throws {
        let root = root.standardizedFileURL
        if (try? findCodebook(in: root)) != nil { throw ProjectError.alreadyExists(path: root.path) }
        let starter = try codebook.contents()
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw ProjectError.io(path: root.path, detail: "cannot create the project folder")
        }
        for sub in ["Transcripts", "Codebooks", "Codings"] {
            try ProjectPaths.createFolder(root.appendingPathComponent(sub), below: root)
        }
        try AtomicFile.write(
            starter.data, to: root.appendingPathComponent("Codebooks").appendingPathComponent(starter.name),
            inside: root)
        let ignore = root.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try AtomicFile.write(Data(gitignore.utf8), to: ignore, inside: root)
        }
    }
}

/// A transcript file left out of a project because another file has the same document id
/// (`Focusgroep School A.txt` and `focusgroep-school-a.md` are both `focusgroep-school-a`).
public struct DuplicateTranscript: Sendable, Hashable {
    /// The file left out, relative to the project.
    public var path: String
    public var documentId: String
    /// The file that has the id, relative to the project.
    public var keptPath: String

    /// One sentence for the user.
    public var message: String {
        "\(path) is left out: it has the same document id \"\(documentId)\" as \(keptPath); rename one of them."
    }
}

/// A file in `Transcripts/` whose kind Kader does not read.
public struct UnreadableTranscript: Sendable, Hashable {
    /// The file, relative to the project.
    public var path: String

    /// What to do with it, by extension.
    public var advice: String {
        switch (path as NSString).pathExtension.lowercased() {
        case "pdf": return "Kader does not read PDF files; save the transcript as .docx or .txt"
        case "doc": return "Kader does not read legacy Word .doc files; save it as .docx"
        case "odt", "rtf", "pages": return "Kader does not read this word-processor format; save it as .docx or .txt"
        case "tsv", "csv", "xlsx", "xls":
            return "Kader does not read spreadsheets; save the transcript as .txt (Name: text lines) or .docx"
        case "": return "it has no extension; name it .txt, .md, .docx, .vtt, .srt or .xml"
        default: return "Kader reads .txt, .md, .docx, .vtt, .srt and TEI .xml"
        }
    }

    /// One sentence for the user.
    public var message: String { "\(path) is not read: \(advice)." }
}
