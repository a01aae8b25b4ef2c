import Foundation
import Testing

@testable import KaderCore

/// The cache of loaded transcripts: a cached document is exactly the loaded one, and a changed,
/// damaged or too recent file is never served from it.
@Suite struct DocumentCacheTests {
    /// Transcripts in the shapes people have: BOM and CRLF, Windows-1252, UTF-16, emoji and a
    /// combining mark at a turn start, WebVTT, SRT, a .docx, front matter.
    static func files() throws -> [String: Data] {
        var utf16 = Data([0xFF, 0xFE])
        for u in "Els: één 🎉 koffie\r\nJan: nee\r\n".utf16 {
            utf16.append(contentsOf: [UInt8(u & 0xFF), UInt8(u >> 8)])
        }
        return [
            "bom.txt": Data([0xEF, 0xBB, 0xBF] + Array("Els: Goedemorgen.\r\n\r\nJan: Ja, zeker.\r\n".utf8)),
            "cp1252.txt": Data(Array("Els: caf".utf8) + [0xE9, 0x20, 0x93] + Array("quote".utf8) + [0x94, 0x0A]),
            "utf16.txt": utf16,
            "emoji.md": Data("Els: 👩🏽‍🏫 zegt\n\nJan: \u{301}accent vooraan en e\u{301}n\n".utf8),
            "cues.vtt": Data("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Els>Hallo daar\n\n".utf8),
            "cues.srt": Data("1\n00:00:01,000 --> 00:00:02,000\nEls: Hallo\n\n".utf8),
            "front.md": Data(
                """
                ---
                title: Groep A
                schooltype: vmbo
                gewicht: 4,5
                postcode: "0123"
                score: +3
                ervaring: 12.0
                big: 12345678901234567890
                gestart: 03/09/2024
                speakers:
                  Els: {role: leerling, uren: 1.000, klas: "05"}
                ---
                Els: tekst

                """.utf8),
            "word.docx": try LoadingSupport.docx(
                body: LoadingSupport.boldParagraph("Els:", " één twee") + LoadingSupport.paragraph("Jan: drie")),
        ]
    }

    static func project(_ files: [String: Data]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Transcripts"), withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: root.appendingPathComponent("Transcripts/\(name)")) }
        return root
    }

    @Test func cachedDocumentsEqualLoadedOnesInEveryFormat() throws {
        let root = try Self.project(try Self.files())
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root, racyInterval: 0)
        let loader = TranscriptLoader()
        for name in try Self.files().keys.sorted() {
            let path = "Transcripts/\(name)"
            let fresh = try loader.load(url: root.appendingPathComponent(path), displayPath: path)
            #expect(try cache.load(path: path, loader: loader) == fresh, "\(name), first load")
            let entry = cache.entryURL(path)
            #expect(FileManager.default.fileExists(atPath: entry.path), "\(name) has an entry")
            let key = try #require(cache.key(url: root.appendingPathComponent(path), path: path, options: .init()))
            let cached = try #require(
                try DocumentCacheCodec.decode(path: entry.path, key: key.text, maxSize: key.maxEntrySize))
            #expect(cached == fresh, "\(name), from the entry")
            #expect(cached.segments.map(\.text) == fresh.segments.map(\.text))
            #expect(try cache.load(path: path, loader: loader) == fresh, "\(name), second load")
            let summary = try #require(cache.summary(path: path, options: .init()))
            #expect(
                summary
                    == .init(
                        title: fresh.title, segments: fresh.segments.count,
                        codableSegments: fresh.codableSegmentCount))
        }
        let ignore = try String(contentsOf: root.appendingPathComponent(".kader-cache/.gitignore"), encoding: .utf8)
        #expect(ignore == "*\n")
    }

    @Test func aChangedTranscriptOrSidecarIsLoadedAgain() throws {
        let root = try Self.project(["a.md": Data("Els: eerste versie\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root, racyInterval: 0)
        let path = "Transcripts/a.md"
        _ = try cache.load(path: path, loader: TranscriptLoader())
        // Same size, other words.
        try Data("Els: tweede versie\n".utf8).write(to: root.appendingPathComponent(path))
        #expect(try cache.load(path: path, loader: TranscriptLoader()).segments.first?.text == "tweede versie")
        try Data("title: Met sidecar\n".utf8).write(to: root.appendingPathComponent("Transcripts/a.meta.yaml"))
        #expect(try cache.load(path: path, loader: TranscriptLoader()).title == "Met sidecar")
        var options = LoadOptions()
        options.segmentation.maxSegmentLength = 5
        let split = try cache.load(path: path, loader: TranscriptLoader(options: options))
        #expect(
            split
                == (try TranscriptLoader(options: options).load(
                    url: root.appendingPathComponent(path),
                    displayPath: path)))
    }

    @Test func damagedOrTornEntriesAreIgnoredAndRewritten() throws {
        let root = try Self.project(["a.md": Data("Els: één twee drie\n\nJan: vier\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root, racyInterval: 0)
        let path = "Transcripts/a.md"
        let fresh = try cache.load(path: path, loader: TranscriptLoader())
        let entry = cache.entryURL(path)
        let good = try Self.bytes(entry)
        var flipped = good
        flipped[good.count - 3] ^= 0x20
        for damaged in [Array(good.prefix(good.count / 2)), flipped, [], Array("KADERDC1".utf8)] {
            try Data(damaged).write(to: entry)
            let key = try #require(cache.key(url: root.appendingPathComponent(path), path: path, options: .init()))
            #expect(throws: (any Error).self) {
                _ = try DocumentCacheCodec.decode(path: entry.path, key: key.text, maxSize: key.maxEntrySize)
            }
            #expect(try cache.load(path: path, loader: TranscriptLoader()) == fresh)
            let now = try Self.bytes(entry)
            #expect(
                now == good,
                "rewritten: \(now.count) vs \(good.count), first difference at \(Array(zip(now, good)).firstIndex { $0.0 != $0.1 } ?? -1)"
            )
        }
    }

    @Test func recentlyChangedTranscriptsAreNotCached() throws {
        let root = try Self.project(["a.md": Data("Els: net geschreven\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root)
        _ = try cache.load(path: "Transcripts/a.md", loader: TranscriptLoader())
        #expect(!FileManager.default.fileExists(atPath: cache.entryURL("Transcripts/a.md").path))
    }

    @Test func loaderErrorsAreTheLoadersAndNothingIsCached() throws {
        let root = try Self.project(["bad.docx": Data("not a zip".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root, racyInterval: 0)
        #expect(throws: LoaderError.self) {
            _ = try cache.load(path: "Transcripts/bad.docx", loader: TranscriptLoader())
        }
        #expect(throws: LoaderError.self) {
            _ = try cache.load(path: "Transcripts/gone.md", loader: TranscriptLoader())
        }
        #expect(!FileManager.default.fileExists(atPath: cache.entryURL("Transcripts/bad.docx").path))
    }

    @Test func theKeyOfEqualOptionsIsTheSameWhateverTheSetOrder() {
        var a = LoadOptions()
        var b = LoadOptions()
        a.segmentation.nonCodableRoles = Set((1...40).map { "role\($0)" })
        b.segmentation.nonCodableRoles = Set((1...40).reversed().map { "role\($0)" })
        #expect(DocumentCache.canonical(a) == DocumentCache.canonical(b))
        b.segmentation.nonCodableRoles.remove("role7")
        #expect(DocumentCache.canonical(a) != DocumentCache.canonical(b))
        b = a
        b.maxFileSize += 1
        #expect(DocumentCache.canonical(a) != DocumentCache.canonical(b))
    }

    @Test func numericAttributesKeepTheirTextThroughTheCache() throws {
        let root = try Self.project(["front.md": try #require(try Self.files()["front.md"])])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root, racyInterval: 0)
        let fresh = try cache.load(path: "Transcripts/front.md", loader: TranscriptLoader())
        let cached = try cache.load(path: "Transcripts/front.md", loader: TranscriptLoader())
        #expect(cached.metadata.attributes["gewicht"]?.text == "4,5")
        #expect(cached.metadata.attributes["postcode"]?.text == "0123")
        #expect(cached.metadata.attributes["big"]?.text == "12345678901234567890")
        #expect(cached.metadata.speakers["Els"]?.attributes["uren"]?.text == "1.000")
        #expect(cached.metadata == fresh.metadata)
    }

    @Test func entriesAreReadableByWhoeverMayReadTheTranscript() throws {
        let root = try Self.project(["a.md": Data("Els: vertrouwelijk\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root, racyInterval: 0)
        chmod(root.appendingPathComponent("Transcripts/a.md").path, 0o600)
        _ = try cache.load(path: "Transcripts/a.md", loader: TranscriptLoader())
        var info = stat()
        #expect(stat(cache.entryURL("Transcripts/a.md").path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test func aLinkedCacheFolderIsNeverWrittenThrough() throws {
        let root = try Self.project(["a.md": Data("Els: tekst\n".utf8)])
        let elsewhere = root.appendingPathComponent("elsewhere")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent(".kader-cache"), withDestinationURL: elsewhere)
        let cache = DocumentCache(root: root, racyInterval: 0)
        let doc = try cache.load(path: "Transcripts/a.md", loader: TranscriptLoader())
        #expect(doc.segments.first?.text == "tekst")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func aPipeOrAHugeSparseEntryIsIgnored() throws {
        let root = try Self.project(["a.md": Data("Els: tekst\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root, racyInterval: 0)
        let path = "Transcripts/a.md"
        let fresh = try cache.load(path: path, loader: TranscriptLoader())
        let entry = cache.entryURL(path)
        try FileManager.default.removeItem(at: entry)
        #expect(mkfifo(entry.path, 0o644) == 0)
        #expect(try cache.load(path: path, loader: TranscriptLoader()) == fresh, "a pipe is not waited on")
        try FileManager.default.removeItem(at: entry)
        var header = ByteWriter()
        header.out = DocumentCacheCodec.magic
        header.uint32(DocumentCacheCodec.version)
        header.int(39_000_000_000)
        try Data(header.out).write(to: entry)
        #expect(truncate(entry.path, 40_000_000_000) == 0)
        #expect(try cache.load(path: path, loader: TranscriptLoader()) == fresh, "no 39 GB allocation")
    }

    @Test func aSidecarThatIsNoFileIsReportedEvenWithAWarmCache() throws {
        let root = try Self.project(["a.md": Data("Els: tekst\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root, racyInterval: 0)
        _ = try cache.load(path: "Transcripts/a.md", loader: TranscriptLoader())
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Transcripts/a.meta.yaml"), withIntermediateDirectories: true)
        #expect(throws: LoaderError.self) { _ = try cache.load(path: "Transcripts/a.md", loader: TranscriptLoader()) }
    }

    @Test func entriesOfDeletedTranscriptsAndOldTemporaryFilesArePruned() throws {
        let root = try Self.project(["a.md": Data("Els: een\n".utf8), "b.md": Data("Els: twee\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = DocumentCache(root: root, racyInterval: 0)
        for p in ["Transcripts/a.md", "Transcripts/b.md"] { _ = try cache.load(path: p, loader: TranscriptLoader()) }
        let stale = cache.folder.appendingPathComponent(".tmp-1-2")
        try Data("half".utf8).write(to: stale)
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, stale.path, &times, 0) == 0)
        cache.prune(keeping: ["a"])
        let left = try FileManager.default.contentsOfDirectory(atPath: cache.folder.path).sorted()
        #expect(left == ["a.bin"])
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
}
