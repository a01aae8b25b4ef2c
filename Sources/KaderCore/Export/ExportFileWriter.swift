import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered byte writer for streamed exports: to a file atomically (a temporary file beside the
/// target, `fsync`ed and renamed over it by ``commit()``, the folder `fsync`ed, as
/// ``AtomicFile`` does), or to an open descriptor such as standard output.
///
/// Until ``commit()`` succeeds the target is untouched: a writer that is dropped or fails
/// removes its temporary file, so a failed export leaves no partial file. Bytes are gathered in
/// a 1 MiB buffer and written with `write(2)`; larger pieces go straight through.
public final class ExportFileWriter {
    private let fd: Int32
    private let target: URL?
    private let name: String
    private var temporary: String?
    private var buffer: [UInt8] = []
    private let bufferSize = 1 << 20
    /// Bytes handed to ``write(_:)`` so far.
    public private(set) var count = 0

    /// A writer whose bytes replace `url` at ``commit()``.
    /// - Throws: ``StoreError/symlink(path:)`` when `url` is a symbolic link (resolve it first,
    ///   ``OutputPath``); ``StoreError/io(path:detail:)`` when the temporary file cannot be made.
    public init(atomicTo url: URL) throws {
        var link = stat()
        if lstat(url.path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK { throw StoreError.symlink(path: url.path) }
        let (fd, tmp) = try AtomicFile.createTemporary(for: url)
        self.fd = fd
        target = url
        name = url.path
        temporary = tmp
        buffer.reserveCapacity(bufferSize)
    }

    /// A writer to the open descriptor `fd` (not closed; ``commit()`` only flushes); errors name
    /// `name`.
    public init(fileDescriptor fd: Int32, name: String = "standard output") {
        self.fd = fd
        target = nil
        self.name = name
        buffer.reserveCapacity(bufferSize)
    }

    deinit {
        if let temporary {
            close(fd)
            unlink(temporary)
        }
    }

    /// Appends `bytes`. - Throws: ``StoreError/io(path:detail:)`` when writing fails (disk full).
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        count += bytes.count
        if buffer.count + bytes.count > bufferSize { try flush() }
        if bytes.count >= bufferSize {
            try writeAll(UnsafeRawBufferPointer(bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Appends `bytes`. - Throws: as ``write(_:)-(UnsafeBufferPointer<UInt8>)``.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try write($0) }
    }

    /// Appends the UTF-8 of `text`.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    /// Writes out the buffer; for a file, makes it durable and renames it over the target.
    /// - Throws: ``StoreError/io(path:detail:)`` naming the target and the failing step.
    public func commit() throws {
        try flush()
        guard let target, let tmp = temporary else { return }
        temporary = nil
        defer { unlink(tmp) }  // fails harmlessly once renamed
        try AtomicFile.install(fd, temporary: tmp, over: target)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ buf: UnsafeRawBufferPointer) throws {
        try AtomicFile.writeAll(fd, buf, path: name)
    }
}
