import KaderCore

extension AppState {
    /// Handles a key: keymap first, then code shortcuts (coding screen only).
    public mutating func handle(key: Key) -> [Effect] {
        if key == .resize { return [] }
        if showHelp, key != .char("?") {
            showHelp = false
            return []
        }
        if let action = keymap.action(for: key, in: keyContext) { return update(action) }
        if screen == .coding, case .char(let c) = key, let entry = codebook.code(forShortcut: String(c)) {
            return update(.toggleCode(entry.code.id))
        }
        if case .char(let c) = key {
            message = StatusMessage("No command on key \(c); press ? for help.", isError: true)
        }
        return []
    }

    /// Applies `action` and returns the effects to carry out.
    public mutating func update(_ action: Action) -> [Effect] {
        message = nil
        switch action {
        case .toggleHelp:
            showHelp.toggle()
        case .cancel:
            showHelp = false
        case .quit:
            quitRequested = true
            return [.quit]
        case .moveDown: move(by: 1)
        case .moveUp: move(by: -1)
        case .pageDown: move(by: max(1, viewHeight / 3))
        case .pageUp: move(by: -max(1, viewHeight / 3))
        case .top: move(to: 0)
        case .bottom: move(to: Int.max)
        case .openDocument:
            if screen == .documents, !documents.isEmpty { return [.openDocument(documentCursor)] }
        case .showDocuments:
            screen = .documents
        case .nextUncoded: jumpUncoded(forward: true)
        case .previousUncoded: jumpUncoded(forward: false)
        case .toggleCode(let id):
            lastCode = id
            return change { file, segment in file.toggling(code: id, on: segment, at: Timestamp.now()) }
        case .repeatLastCode:
            guard let id = lastCode else {
                message = StatusMessage("No code used yet; press a code's key first.", isError: true)
                return []
            }
            return change { file, segment in
                file.codes(forSegment: segment.id).contains(id) ? file : file.toggling(code: id, on: segment, at: Timestamp.now())
            }
        case .markDone:
            guard let file = codings, !readOnly else { return [] }
            var next = file
            next.status = file.status == .done ? .inProgress : .done
            return commit(file, next)
        case .undo:
            guard let file = codings, let previous = undoStack.popLast() else {
                message = StatusMessage("Nothing to undo.")
                return []
            }
            redoStack.append(file)
            codings = previous
            message = StatusMessage("Undone.")
            return [.persist(previous: file, next: previous)]
        case .redo:
            guard let file = codings, let next = redoStack.popLast() else {
                message = StatusMessage("Nothing to redo.")
                return []
            }
            undoStack.append(file)
            codings = next
            message = StatusMessage("Redone.")
            return [.persist(previous: file, next: next)]
        }
        return []
    }

    /// Runs a coding change on the current segment if it is codable and writable.
    private mutating func change(_ edit: (CodingFile, Segment) -> CodingFile) -> [Effect] {
        guard screen == .coding, let file = codings, let segment = currentSegment else { return [] }
        guard !readOnly else {
            message = StatusMessage("Read-only: another Kader holds this coder's lock.", isError: true)
            return []
        }
        guard segment.codable else {
            message = StatusMessage("Segment \(segment.ordinal) (\(segment.role ?? segment.speaker ?? "?")) is not codable.", isError: true)
            return []
        }
        return commit(file, edit(file, segment))
    }

    private mutating func commit(_ file: CodingFile, _ next: CodingFile) -> [Effect] {
        guard next != file else { return [] }
        undoStack.append(file)
        redoStack.removeAll()
        codings = next
        return [.persist(previous: file, next: next)]
    }

    private mutating func move(by delta: Int) {
        if screen == .documents {
            documentCursor = clamp(documentCursor + delta, documents.count)
        } else if let d = document {
            cursor = clamp(cursor + delta, d.segments.count)
        }
    }

    private mutating func move(to index: Int) {
        if screen == .documents {
            documentCursor = clamp(index, documents.count)
        } else if let d = document {
            cursor = clamp(index, d.segments.count)
        }
    }

    private mutating func jumpUncoded(forward: Bool) {
        guard let d = document, !d.segments.isEmpty else { return }
        let n = d.segments.count
        for step in 1...n {
            let i = forward ? (cursor + step) % n : (cursor - step + n) % n
            let s = d.segments[i]
            if s.codable && codes(for: s.id).isEmpty {
                cursor = i
                return
            }
        }
        message = StatusMessage("Every codable segment has a code.")
    }

    private func clamp(_ i: Int, _ count: Int) -> Int { max(0, min(i, count - 1)) }
}
