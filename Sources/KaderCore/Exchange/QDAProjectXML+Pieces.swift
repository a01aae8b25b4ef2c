import Foundation

/// `project.qde` in pieces, for exports that hold one source at a time (``QDPXExporter``).
///
/// In order: ``head(_:)``; when there are sources ``sourcesOpen``, ``source(_:)`` of each,
/// ``sourcesClose``; when there are notes ``notesOpen``, ``note(_:)`` of each, ``notesClose``;
/// then ``tail(_:)``. Joined, they are ``write(_:)`` of the project with those sources and notes,
/// byte for byte (`head` and `tail` ignore `sources` and `notes`). UTF-8 text.
extension QDAProjectXML {
    /// The XML declaration, `<Project …>`, `Users`, `CodeBook`, `Variables` and `Cases`.
    static func head(_ project: QDAProject) -> String {
        var w = XMLWriter()
        w.open(
            "Project",
            [
                ("name", project.name), ("origin", project.origin), ("creationDateTime", project.creationDateTime),
                ("xmlns", namespace),
            ])
        writeLeadingChildren(project, into: &w)
        return w.out
    }

    static let sourcesOpen = "  <Sources>\n"
    static let sourcesClose = "  </Sources>\n"
    static let notesOpen = "  <Notes>\n"
    static let notesClose = "  </Notes>\n"

    /// One `TextSource` with its selections, indented for `Sources`.
    static func source(_ s: QDATextSource) -> String {
        var w = XMLWriter(fragmentAt: 2)
        writeSource(s, into: &w)
        return w.out
    }

    /// One `Note`, indented for `Notes`.
    static func note(_ n: QDANote) -> String {
        var w = XMLWriter(fragmentAt: 2)
        writeNote(n, into: &w)
        return w.out
    }

    /// The project's `NoteRef`s and `</Project>`.
    static func tail(_ project: QDAProject) -> String {
        var w = XMLWriter(fragmentAt: 1)
        for n in project.noteRefs { w.element("NoteRef", [("targetGUID", n)]) }
        w.close("Project")
        return w.out
    }
}
