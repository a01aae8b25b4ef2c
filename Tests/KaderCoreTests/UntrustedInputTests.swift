import Foundation
import Testing
import ZIPFoundation

@testable import KaderCore

#if canImport(Glibc)
import Glibc
#endif

/// Issue 14 in KaderCore: the link policy of every write, exclusive temporary files, the one
/// zip reader, linear search, merge and YAML limits, import staging that recovers.
@Suite struct UntrustedInputTests {
    static func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-untrusted-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: Links and temporary files

    @Test func atomicWriteRefusesALinkAndLeavesItsTargetAlone() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.txt")
        try Data("keep\n".utf8).write(to: target)
        let link = dir.appendingPathComponent("file.txt")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(throws: StoreError.symlink(path: link.path)) { try AtomicFile.write(Data("new".utf8), to: link) }
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["file.txt", "target.txt"])
    }

    @Test func temporaryFilesAreExclusiveAndUnpredictable() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("book.yaml")
        let (fd1, a) = try AtomicFile.createTemporary(for: url)
        let (fd2, b) = try AtomicFile.createTemporary(for: url)
        close(fd1)
        close(fd2)
        #expect(a != b)
        #expect((a as NSString).lastPathComponent.hasPrefix(".book.yaml.") && a.hasSuffix(".tmp"))
        #expect(!a.contains(".\(getpid()).tmp"))
        // A planted file of the same name is never opened: O_EXCL.
        #expect(open(a, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644) < 0 && errno == EEXIST)
    }

    @Test func leftoversAreNotRemovedThroughLinks() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: elsewhere.appendingPathComponent(".keep.tmp"))
        let linked = dir.appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: elsewhere)
        AtomicFile.removeLeftovers(in: linked)
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent(".keep.tmp").path))
        // In a real folder, a link named like a leftover is left too (only regular files go).
        let real = dir.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: real.appendingPathComponent(".x.tmp"), withDestinationURL: elsewhere.appendingPathComponent(".keep.tmp")
        )
        try Data("y".utf8).write(to: real.appendingPathComponent(".y.tmp"))
        AtomicFile.removeLeftovers(in: real)
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.path) == [".x.tmp"])
    }

    @Test func storeRefusesALinkedCoderFolderOrLockFile() throws {
        let root = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Codings"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("Codings/bob"), withDestinationURL: elsewhere)
        #expect(throws: StoreError.symlink(path: root.appendingPathComponent("Codings/bob").path)) {
            _ = try CodingStore(projectRoot: root, coder: "bob")
        }
        _ = try CodingStore(projectRoot: root, coder: "bob", readOnly: true)  // reading is fine
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Codings/ann"), withIntermediateDirectories: true)
        let lock = root.appendingPathComponent("Codings/ann/.kader.lock")
        try FileManager.default.createSymbolicLink(
            at: lock, withDestinationURL: elsewhere.appendingPathComponent("victim"))
        #expect(throws: StoreError.symlink(path: lock.path)) { _ = try CodingStore(projectRoot: root, coder: "ann") }
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("victim").path))
        #expect(StoreError.symlink(path: "p").errorDescription!.contains("symbolic link"))
    }

    @Test func projectPathsAllowTheRootToBeALink() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real")
        try FileManager.default.createDirectory(
            at: real.appendingPathComponent("Codebooks"), withIntermediateDirectories: true)
        let root = dir.appendingPathComponent("root-link")
        try FileManager.default.createSymbolicLink(at: root, withDestinationURL: real)
        try ProjectPaths.refuseLinks(root.appendingPathComponent("Codebooks/x.yaml"), below: root)
        try FileManager.default.createSymbolicLink(at: real.appendingPathComponent("Codings"), withDestinationURL: dir)
        #expect(throws: StoreError.self) {
            try ProjectPaths.refuseLinks(root.appendingPathComponent("Codings/ann/x.json"), below: root)
        }
    }

    // MARK: The zip reader

    static func zip(_ entries: [(String, Data)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }

    @Test func zipReaderReadsWhatZIPFoundationWrites() throws {
        let text = Data(String(repeating: "Els: werkdruk en mails. ", count: 5_000).utf8)
        let z = try ZipReader(Data(try Self.zip([("a/b.txt", text), ("c.txt", Data("kort".utf8))])))
        #expect(z.entries.map(\.name) == ["a/b.txt", "c.txt"])
        #expect(try z.data(z.entries[0], limit: 1 << 20) == text)
        #expect(throws: ZipError.tooLarge(entry: "a/b.txt", limit: 100)) { try z.data(z.entries[0], limit: 100) }
    }

    @Test func zipReaderRefusesDamageWithoutTrappingOrSpinning() throws {
        let text = Data(String(repeating: "Koen: \(UUID()) ", count: 3_000).utf8)
        let good = try Self.zip([("x.txt", text)])
        // A deflate stream that ends early (compressed size halved in both headers).
        var short = good
        func u16(_ z: [UInt8], _ i: Int) -> Int { Int(z[i]) | Int(z[i + 1]) << 8 }
        func u32(_ z: [UInt8], _ i: Int) -> Int { u16(z, i) | u16(z, i + 2) << 16 }
        var eocd = short.count - 22
        while u32(short, eocd) != 0x0605_4B50 { eocd -= 1 }
        let cd = u32(short, eocd + 16)
        let size = u32(short, cd + 20)
        for k in 0..<4 {
            short[cd + 20 + k] = UInt8(((size / 2) >> (8 * k)) & 0xFF)
            short[18 + k] = UInt8(((size / 2) >> (8 * k)) & 0xFF)
        }
        let zs = try ZipReader(Data(short))
        #expect(throws: ZipError.corrupt(entry: "x.txt")) { try zs.data(zs.entries[0], limit: 1 << 20) }
        // A wrong CRC.
        var crc = good
        crc[cd + 16] ^= 0xFF
        let zc = try ZipReader(Data(crc))
        #expect(throws: ZipError.corrupt(entry: "x.txt")) { try zc.data(zc.entries[0], limit: 1 << 20) }
        // Offsets past the end, truncations and every single-byte change of the directory.
        #expect(throws: ZipError.self) { _ = try ZipReader(Data(good.prefix(good.count - 10))) }
        #expect(throws: ZipError.notZip) { _ = try ZipReader(Data("not a zip at all, just text".utf8)) }
        for i in cd..<good.count {
            for v: UInt8 in [0x00, 0xFF, 0x7F] {
                var bad = good
                bad[i] = v
                if let z = try? ZipReader(Data(bad)) {
                    for e in z.entries { _ = try? z.data(e, limit: 1 << 20) }
                }
            }
        }
    }

    @Test func zipReaderSeesLinksAndZip64() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(
            with: "link", type: .symlink, uncompressedSize: Int64(4), provider: { _, _ in Data("/etc".utf8) })
        let z = try ZipReader(archive.data ?? Data())
        #expect(z.entries.first?.isSymlink == true)
        var zip64 = try Self.zip([("a", Data("b".utf8))])
        for k in 0..<2 { zip64[zip64.count - 22 + 10 + k] = 0xFF }
        #expect(throws: ZipError.zip64) { _ = try ZipReader(Data(zip64)) }
    }

    @Test func qdpxAndDocxUseTheSameReader() throws {
        // A .qdpx with a link entry is refused by name; a short deflate stream is "damaged".
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(
            with: "sources/evil", type: .symlink, uncompressedSize: Int64(4), provider: { _, _ in Data("/etc".utf8) })
        let url = dir.appendingPathComponent("l.qdpx")
        try (archive.data ?? Data()).write(to: url)
        #expect(throws: ExchangeError.unsafeEntry(path: url.path, entry: "sources/evil")) {
            _ = try QDPXArchiveReader(url: url)
        }
    }

    // MARK: Linear cost

    /// The old search: naive, on a materialised unit array.
    static func naive(_ s: TextSearch, _ text: String) -> [Range<Int>] {
        let needle = TextSearch.units(s.query, s.insensitive)
        let hay = TextSearch.units(text, s.insensitive)
        guard !needle.isEmpty else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count {
            if (0..<needle.count).allSatisfy({ hay[i + $0].folded == needle[$0].folded }) {
                out.append(hay[i].offset..<hay[i + needle.count - 1].end)
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }

    @Test func searchFindsWhatTheNaiveSearchFound() {
        var rng = SplitMix64(seed: 14)
        let alphabet: [String] = ["a", "b", "A", "é", "e\u{0301}", "ß", " ", "ab", "\u{0301}", "İ"]
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
                .joined()
            let query = (0..<Int.random(in: 1...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
                .joined()
            for insensitive in [true, false] {
                let s = TextSearch(query: query, insensitive: insensitive)
                #expect(
                    s.matches(in: text) == Self.naive(s, text), "\(query.debugDescription) in \(text.debugDescription)")
                #expect(s.isFound(in: text) == !Self.naive(s, text).isEmpty)
            }
        }
        #expect(TextSearch(query: "aab").matches(in: "aaab") == [1..<4])
        #expect(TextSearch(query: "cafe").matches(in: "Een CAFÉ en cafe\u{0301}!") == [4..<8, 12..<17])
    }

    @Test func mergeOfManyCodesWithOneNameStaysCorrect() {
        // Names that differ (so none is matched to another) but give the same id.
        let n = 400
        let imported = [
            QDACode(
                guid: "00000000-0000-4000-8000-000000000000", name: "Cat", isCodable: true, color: nil,
                description: nil,
                children: (0..<n).map {
                    QDACode(
                        guid: String(format: "00000000-0000-4000-8000-%012d", $0 + 1),
                        name: "Code" + String(repeating: "!", count: $0), isCodable: true, color: nil, description: nil,
                        children: [])
                })
        ]
        let m = CodebookMerge.merge(imported, into: nil, name: "x")
        #expect(m.codebook.codes.count == 1 && m.codebook.codes[0].children.count == n)
        #expect(m.codebook.codes[0].children.map(\.id).prefix(3) == ["code", "code-2", "code-3"])
        #expect(Set(m.codebook.entries.map(\.code.id)).count == n + 1)
        #expect(m.added.count == n + 1)
        // Merged again into the result, nothing is added.
        #expect(CodebookMerge.merge(imported, into: m.codebook, name: "x").added.isEmpty)
    }

    @Test func aLargeCodebookIsNotAnAliasBomb() throws {
        var y = "name: big\nversion: 1\ncodes:\n"
        for i in 0..<25_000 { y += "  - {id: c\(i), name: Code \(i)}\n" }
        #expect(YAMLLimits.problem(y) == nil)
        #expect(try CodebookFile.parse(y, path: "big.yaml", json: false).entries.count == 25_000)
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 {
            bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n"
        }
        let problem = try #require(YAMLLimits.problem(bomb))
        #expect(problem.contains("aliases") && problem.contains("100000") && !problem.contains("Node"))
    }

    // MARK: Import staging

    @Test func recoveryFinishesACommittedImportAndDropsAnUncommittedOne() throws {
        let root = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        // Committed: the list is written, one of two files already moved.
        let a = root.appendingPathComponent(".kader-import-aaaa")
        try FileManager.default.createDirectory(
            at: a.appendingPathComponent("Transcripts"), withIntermediateDirectories: true)
        try Data("two\n".utf8).write(to: a.appendingPathComponent("Transcripts/two.txt"))
        try Data("Transcripts/one.txt\nTranscripts/two.txt".utf8).write(to: a.appendingPathComponent(".commit"))
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Transcripts"), withIntermediateDirectories: true)
        try Data("one\n".utf8).write(to: root.appendingPathComponent("Transcripts/one.txt"))
        // Uncommitted.
        let b = root.appendingPathComponent(".kader-import-bbbb")
        try FileManager.default.createDirectory(
            at: b.appendingPathComponent("Transcripts"), withIntermediateDirectories: true)
        try Data("three\n".utf8).write(to: b.appendingPathComponent("Transcripts/three.txt"))
        let notes = ImportStaging.recover(root: root)
        #expect(notes.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["Transcripts"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Transcripts").path)
                .sorted() == ["one.txt", "two.txt"])
    }

    @Test func aRunningImportIsLeftAlone() throws {
        let root = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let staging = try ImportStaging(root: root)
        try staging.add(Data("x\n".utf8), at: "Transcripts/x.txt")
        #expect(ImportStaging.recover(root: root).isEmpty)
        #expect(FileManager.default.fileExists(atPath: staging.stage.appendingPathComponent("Transcripts/x.txt").path))
        #expect(try String(contentsOf: staging.stage.appendingPathComponent(".gitignore"), encoding: .utf8) == "*\n")
        try staging.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["Transcripts"])
    }
}
