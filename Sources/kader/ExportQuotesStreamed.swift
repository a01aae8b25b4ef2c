import Foundation
import KaderCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kader export quotes --format csv|json|md` written document by document (``QuoteStream``):
/// the same bytes as the in-memory path, with memory near one batch of documents.
extension ExportQuotesCommand {
    /// CSV, JSON and Markdown stream to a file or a pipe; `--where` (which needs the whole
    /// corpus), HTML and a terminal (whose output is cleaned whole) do not.
    var canStream: Bool {
        options.whereExpression == nil && format != .html
            && (options.output != nil || isatty(1) == 0)
    }

    /// Writes the export to `--output` atomically (a temporary file beside it, renamed when
    /// complete, removed on failure) or to standard output.
    func runStreamed() throws {
        let project = try options.openProject(progress: "export quotes")
        warnAboutMissingTranscripts(project)
        var filter = options.filter
        let choice = try options.chooseCoders(project)
        filter.coders = choice.coders
        let stream = try QuoteStream(project: project, filter: filter)
        let out: ExportFileWriter
        if let path = options.output {
            out = try ExportFileWriter(atomicTo: try OutputPath.resolve(path))
        } else {
            out = ExportFileWriter(fileDescriptor: 1)
        }
        let rows: Int
        switch format {
        case .json: rows = try stream.writeJSON(to: out)
        case .md: rows = try stream.writeMarkdown(to: out, definitions: definitions)
        default: rows = try stream.writeCSV(to: out, excel: excel)
        }
        try out.commit()
        if let note = choice.note { FileHandle.standardError.write(Data(TerminalSafe.clean("kader: \(note)\n").utf8)) }
        let size = String(format: "%.1f MB", Double(out.count) / 1_000_000)
        ProgressReporter.shared.finish(
            "wrote \(counted(rows, "quote row")) (\(size)) to \(options.output ?? "standard output")")
    }
}
