import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ``QuoteMarkdown``'s report written from a ``QuoteStream`` without holding every row: the
/// same bytes as `QuoteMarkdown.render(collection)` for the collection loaded with the same filter.
///
/// The report is grouped by code across documents and opens with totals, so it cannot be written
/// in document order. Quotes of the same code are only merged within a document (their key holds
/// the document), so each document's quotes are rendered per code as they come and appended to
/// an unlinked spill file, with counts kept per code and category; at the end the header is
/// written and each code's pieces are copied from the spill file in codebook order. Memory
/// holds one batch of documents plus one offset pair per document and code.
extension QuoteStream {
    /// Writes the Markdown report to `out` (not committed) and returns the number of quote rows.
    /// - Throws: the errors of ``forEachDocument(render:_:)``; ``StoreError/io(path:detail:)``
    ///   when the spill file cannot be made, written or read.
    public func writeMarkdown(to out: ExportFileWriter, definitions: Bool = false) throws -> Int {
        let codebook = project.codebook
        let layout = MarkdownLayout(codebook)
        let spill = try SpillFile()
        var totals = MarkdownTotals(categories: layout.categories.count + 1)
        try forEachDocument(
            render: { _, rows in MarkdownPart(rows, layout: layout) },
            { part in
                totals.add(part)
                for piece in part.codes {
                    let offset = spill.writer.count
                    try spill.writer.write(piece.text)
                    totals.codes[piece.codeId, default: MarkdownTotals.Code()].add(
                        piece, chunk: (offset, piece.text.count))
                }
            })
        try spill.writer.commit()
        var md = MarkdownLines(out)
        try md.line("# Coded quotes: \(codebook.name)")
        try md.line("")
        let groups = layout.groups(totals)
        if totals.rows == 0 {
            try md.line("No codings match.")
        } else {
            let coders = totals.coders.sorted()
            let (rows, segments, docs) = (totals.rows, totals.segments, totals.documents)
            try md.line(
                "\(rows) \(QuoteMarkdown.plural(rows, "coding")) of \(segments) "
                    + "\(QuoteMarkdown.plural(segments, "segment")) in \(docs) \(QuoteMarkdown.plural(docs, "document")), "
                    + "by \(QuoteMarkdown.plural(coders.count, "coder")) \(QuoteMarkdown.list(coders)).")
            try md.line("")
            try md.line("| Category / code | Segments | Codings | Documents |")
            try md.line("|---|---:|---:|---:|")
            for g in groups {
                try md.line("| **\(QuoteMarkdown.cell(g.name))** | \(g.segments) | \(g.codings) | |")
                for c in g.codes where c.depth > 0 {
                    let t = c.totals
                    try md.line(
                        "| \(String(repeating: "  ", count: c.depth - 1))\(QuoteMarkdown.cell(c.name)) | "
                            + "\(t.segments) | \(t.codings) | \(t.documents) |")
                }
            }
        }
        if definitions { for l in QuoteMarkdown.definitionsSection(codebook) { try md.line(l) } }
        for (i, g) in groups.enumerated() {
            try md.line("")
            try md.line("## \(i + 1). \(g.name)")
            try md.line("")
            try md.line(
                "\(g.segments) \(QuoteMarkdown.plural(g.segments, "segment")), "
                    + "\(g.codings) \(QuoteMarkdown.plural(g.codings, "coding")).")
            for c in g.codes {
                if c.depth > 0 {
                    try md.line("")
                    try md.line(String(repeating: "#", count: min(6, 2 + c.depth)) + " \(c.name)")
                }
                let t = c.totals
                try md.line("")
                try md.line(
                    "\(t.quotes) \(QuoteMarkdown.plural(t.quotes, "quote")) from \(t.documents) "
                        + "\(QuoteMarkdown.plural(t.documents, "document"))"
                        + (c.depth == 0 ? " coded with the category itself." : "."))
                for chunk in t.chunks { try spill.copy(chunk, to: out) }
            }
        }
        try out.write("\n")
        return totals.rows
    }
}

/// Lines joined by newlines, as `[String].joined(separator: "\n")`.
struct MarkdownLines {
    let out: ExportFileWriter
    var first = true

    init(_ out: ExportFileWriter) { self.out = out }

    mutating func line(_ text: String) throws {
        if !first { try out.write("\n") }
        first = false
        try out.write(text)
    }
}

/// An unlinked temporary file written through an ``ExportFileWriter`` and read back by offset.
final class SpillFile {
    let fd: Int32
    let writer: ExportFileWriter

    init() throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/.kader-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf in buf.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else {
            throw StoreError.io(path: "temporary folder", detail: "cannot make a spill file: \(AtomicFile.errnoText())")
        }
        template.withUnsafeBufferPointer { buf in _ = buf.baseAddress.map { unlink($0) } }
        self.fd = fd
        writer = ExportFileWriter(fileDescriptor: fd)
    }

    deinit { close(fd) }

    /// Copies `length` bytes from `offset` of the spill file to `out`.
    func copy(_ chunk: (offset: Int, length: Int), to out: ExportFileWriter) throws {
        var buffer = [UInt8](repeating: 0, count: chunk.length)
        var done = 0
        while done < chunk.length {
            let n = buffer.withUnsafeMutableBytes { buf in
                pread(fd, buf.baseAddress.map { $0 + done }, chunk.length - done, off_t(chunk.offset + done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw StoreError.io(path: "temporary folder", detail: "cannot read the spill file back")
            }
            done += n
        }
        try out.write(buffer)
    }
}
