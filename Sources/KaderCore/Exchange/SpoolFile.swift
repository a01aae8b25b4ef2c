import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A nameless temporary file for bytes written now and read back later (the `Sources` and
/// `Notes` of a streamed `project.qde`), so they wait on disk instead of in memory.
///
/// Made beside the export's destination (`.<name>.<random>.tmp`, created exclusively, never
/// through a link), on the destination's disk rather than a memory-backed `/tmp`, and unlinked at
/// once: nothing is left behind, even when the process is killed. Written through a 1 MiB buffer
/// (``ExportFileWriter``); read back with `pread`.
final class SpoolFile {
    private let fd: Int32
    private let writer: ExportFileWriter
    private let name: String

    /// - Throws: ``StoreError/io(path:detail:)`` naming `url` when the file cannot be made.
    init(beside url: URL) throws {
        let (fd, tmp) = try AtomicFile.createTemporary(for: url, readable: true)
        unlink(tmp)
        self.fd = fd
        name = url.path
        writer = ExportFileWriter(fileDescriptor: fd, name: url.path)
    }

    deinit { close(fd) }

    /// Bytes written so far.
    var count: Int { writer.count }

    /// Appends the UTF-8 of `text`. - Throws: ``StoreError/io(path:detail:)`` (a full disk).
    func write(_ text: String) throws { try writer.write(text) }

    /// Writes out the buffer, so that everything written can be read.
    /// - Throws: ``StoreError/io(path:detail:)``.
    func flush() throws { try writer.commit() }

    /// `count` bytes from `offset` (after ``flush()``).
    /// - Throws: ``StoreError/io(path:detail:)`` when reading fails or the file is shorter.
    func read(at offset: Int, count: Int) throws -> Data {
        var out = Data(count: count)
        var done = 0
        try out.withUnsafeMutableBytes { (buf: UnsafeMutableRawBufferPointer) in
            while done < count, let base = buf.baseAddress {
                let n = pread(fd, base + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    let why = n < 0 ? AtomicFile.errnoText() : "the file ended early"
                    throw StoreError.io(path: name, detail: "cannot read back a temporary file: \(why)")
                }
                done += n
            }
        }
        return out
    }
}
