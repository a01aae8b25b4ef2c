import ArgumentParser
import CursesTerminal
import Foundation
import KaderCore
import KaderTUI

/// `kader code`: the coding TUI on a project.
struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Open the coding TUI on the project (the default command)."
    )

    @OptionGroup var options: ProjectOptions

    @Option(
        name: .long, help: "Coder name (default: $KADER_CODER, else the login name).", completion: Completions.coders)
    var coder: String?

    @Flag(name: .long, help: "Open without taking the coder's lock; nothing is saved.")
    var readOnly = false

    @Flag(name: .long, help: "Show other coders' codings in documents you marked done (Ctrl-O toggles).")
    var showOthers = false

    @Option(name: .long, help: "Keymap override file (default: $KADER_KEYMAP or ~/.config/kader/keymap.yaml).")
    var keymap: String?

    @Argument(help: "A document to open directly (id or file name).", completion: Completions.documents)
    var document: String?

    func validate() throws {
        if let coder, coder.isEmpty { throw ValidationError("--coder needs a name.") }
    }

    func run() throws {
        try CLI.run {
            let project = try options.open()
            ProgressReporter.loadingLine(project)
            let name = try CoderName.resolve(explicit: coder)
            if let document { _ = try AppController.documentIndex(named: document, in: project) }
            if !readOnly {
                for note in ImportStaging.recover(root: project.root) { TerminalSafe.error("note: " + note) }
            }
            let store = try CodingStore(projectRoot: project.root, coder: name, readOnly: readOnly, journal: true)
            try CursesTerminal.checkAvailable()
            var keys = Keymap()
            if let url = keymap.map(URL.init(fileURLWithPath:)) ?? KeymapOverrides.defaultURL() {
                keys = try KeymapOverrides.apply(url, to: keys)
            }
            let controller = AppController(project: project, store: store, keymap: keys, showOthers: showOthers)
            if let document { try controller.open(documentNamed: document) }
            let terminal = try CursesTerminal()
            controller.run(on: terminal)
            terminal.shutdown()
            do {
                try store.compactJournals()
            } catch {
                TerminalSafe.error(
                    "note: every change is saved, but in the journal beside the codings file: "
                        + error.localizedDescription)
            }
            if controller.state.saveState == .failed {
                let reason = controller.state.lastSaveError ?? "unknown error"
                throw CLIError("the last change was not saved: \(reason)")
            }
        }
    }
}
