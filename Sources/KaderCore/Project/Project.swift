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
    /// Transcript files left out because another file has the same document id (the file named
    /// exactly like the id is kept, else the oldest; the oldest of several so named): two
    /// transcripts must never share one codings file.
    public let duplicateTranscripts: [DuplicateTranscript]
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
        let ids = files.map(TranscriptLoader.documentId(forFileName:))
        let byId = Dictionary(grouping: files.indices, by: { ids[$0] }).mapValues { $0.map { files[$0] } }
        var kept: [String] = [], duplicates: [DuplicateTranscript] = []
        for (name, id) in zip(files, ids) {
            let group = byId[id]!
            let exact = group.filter { ($0 as NSString).deletingPathExtension == id }
            let pool = exact.isEmpty ? group : exact
            // Among equals the oldest file stays: the one coders have been working on.
            let keeper = pool.count == 1 ? pool[0] : pool.min { a, b in
                let ta = Self.modificationTime(transcripts.appendingPathComponent(a).path)
                let tb = Self.modificationTime(transcripts.appendingPathComponent(b).path)
                return ta != tb ? ta < tb : a < b
            }!
            if name == keeper {
                kept.append("Transcripts/" + name)
            } else {
                duplicates.append(DuplicateTranscript(path: "Transcripts/" + name, documentId: id, keptPath: "Transcripts/" + keeper))
            }
        }
        transcriptPaths = kept
        duplicateTranscripts = duplicates
        settings = try ProjectSettings.load(root: self.root)
        if let name = settings.codebook {
            codebookURL = self.root.appendingPathComponent("Codebooks").appendingPathComponent(name)
        } else {
            codebookURL = try Self.findCodebook(in: self.root)
        }
        codebook = try CodebookFile.load(codebookURL)
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
            .filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) && !$0.hasPrefix(".") }
            .sorted()
        if names.contains("analysekader.yaml") { return dir.appendingPathComponent("analysekader.yaml") }
        guard let first = names.first else { throw CodebookError.notFound(folder: dir.path) }
        return dir.appendingPathComponent(first)
    }

    /// Loads and segments one transcript by its relative path, with the project's settings
    /// unless another `loader` is given.
    public func loadDocument(path: String, loader: TranscriptLoader? = nil) throws -> Document {
        try (loader ?? TranscriptLoader(options: settings.loadOptions)).load(url: root.appendingPathComponent(path), displayPath: path)
    }

    /// Document ids for the transcript paths, in the same order.
    public var documentIds: [String] {
        transcriptPaths.map { TranscriptLoader.documentId(forFileName: ($0 as NSString).lastPathComponent) }
    }

    /// What `kader init` puts in `.gitignore`: lock files, last-good copies and temporary files
    /// are per machine, never shared.
    public static let gitignore = """
        # Kader: per-machine files, never committed
        **/.kader.lock
        Codings/**/.*.last-good
        Codings/**/.*.tmp

        """

    /// Creates an empty project at `root`: `Codebooks/` with the chosen starter codebook (the
    /// sample study's by default here, for the tests; `kader init` defaults to `.empty`), `Transcripts/`, `Codings/`, and a `.gitignore` for lock files,
    /// last-good copies and temporary files. The codebook is checked before anything is written.
    /// - Throws: ``ProjectError/alreadyExists(path:)`` if `Transcripts/` or `Codebooks/` exist;
    ///   the errors of ``StarterCodebook/contents()`` for a codebook file that cannot be used.
    public static func initialize(at root: URL, codebook: StarterCodebook = .analysekader) throws {
        let fm = FileManager.default
        for sub in ["Transcripts", "Codebooks"] where fm.fileExists(atPath: root.appendingPathComponent(sub).path) {
            throw ProjectError.alreadyExists(path: root.path)
        }
        let starter = try codebook.contents()
        do {
            for sub in ["Transcripts", "Codebooks", "Codings"] {
                try fm.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            try AtomicFile.write(starter.data, to: root.appendingPathComponent("Codebooks").appendingPathComponent(starter.name))
            try AtomicFile.write(Data(gitignore.utf8), to: root.appendingPathComponent(".gitignore"))
        } catch let e as StoreError {
            throw e
        } catch {
            throw ProjectError.io(path: root.path, detail: "cannot create the project folders")
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
