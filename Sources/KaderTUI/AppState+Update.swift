import KaderCore

extension AppState {
    /// Handles a key in the current mode: keymap first, then code shortcuts (coding screen only).
    public mutating func handle(key: Key) -> [Effect] {
        if key == .resize { return [] }
        // ESC then a letter in one burst reads as Alt+letter; unless Alt+letter is bound, it is
        // the Esc key followed by the letter (a fast typist, or tmux sending keys).
        if case .alt(let c) = key, !keymap.bindings.contains(where: { $0.key == key }) {
            let first = handle(key: .escape)
            return first + handle(key: .char(c))
        }
        let before = (cursor, document?.id)
        defer {
            keepCursorVisible()
            if before != (cursor, document?.id) { segmentScroll = 0 }
        }
        if case .mouse(let m) = key { return mouse(m) }
        switch mode {
        case .normal: break
        case .picker(var p): return pickerKey(&p, key)
        case .prompt(var p): return promptKey(&p, key)
        case .memo(var m): return memoKey(&m, key)
        case .span(var s): return spanKey(&s, key)
        case .filterMenu: return filterKey(key)
        case .retrieval(var r): return retrievalKey(&r, key)
        case .corpusHits: return corpusHitsKey(key)
        case .overview(var o): return overviewKey(&o, key)
        case .queryPrompt(var p): return queryPromptKey(&p, key)
        case .queryResults(var r): return queryResultsKey(&r, key)
        }
        if showHelp {
            switch key {
            case .char("j"), .down: helpScroll += 1
            case .char("k"), .up: helpScroll = max(0, helpScroll - 1)
            case .pageDown, .char(" "), .ctrl("f"): helpScroll += max(1, viewHeight - 2)
            case .pageUp, .ctrl("b"): helpScroll = max(0, helpScroll - max(1, viewHeight - 2))
            case .char("g"), .home: helpScroll = 0
            default: showHelp = false
            }
            return []
        }
        if let action = keymap.action(for: key, in: keyContext) { return update(action) }
        if screen == .coding, case .char(let c) = key, let entry = self.entry(forShortcut: String(c)) {
            return update(.toggleCode(entry.code.id))
        }
        switch key {
        case .char, .alt, .function, .insert, .ctrl:
            message = StatusMessage("No command on key \(key.displayName); press ? for help.", isError: true)
        case .paste:
            message = StatusMessage(
                "Pasted text is taken only in a text field (search, memo); nothing changed.", isError: true)
        default: break
        }
        return []
    }

    /// Puts the cursor on the segment the screen highlights when the filter hides it (a code key
    /// that made the current segment fail the filter): the next visible one, else the last. Every
    /// key then acts on the segment the coder sees highlighted.
    mutating func keepCursorVisible() {
        guard screen == .coding, filter.isActive, let d = document, !d.segments.isEmpty else { return }
        let visible = visibleIndices
        guard !visible.isEmpty else { return }
        let i = Self.position(in: visible, atLeast: cursor) ?? visible.count - 1
        cursor = visible[i]
    }

    /// Applies `action` and returns the effects to carry out.
    public mutating func update(_ action: Action) -> [Effect] {
        defer { keepCursorVisible() }
        return apply(action)
    }

    /// Why `action` cannot be done now (shown in the status line, and the action greyed in the
    /// help), or nil when it can.
    public func whyNot(_ action: Action) -> String? {
        let coding = screen == .coding && document != nil
        switch action {
        case .toggleCode, .repeatLastCode, .selectQuote, .quoteSentence, .editSegmentMemo:
            guard coding else { return "Open a document first (Enter on the list)." }
            if readOnly && action != .editSegmentMemo {
                return "Read-only: nothing is saved (another Kader holds this coder's lock, or --read-only)."
            }
            if let s = currentSegment, !s.codable, action != .editSegmentMemo {
                return "Segment \(s.ordinal) (\(s.role ?? s.speaker ?? "?")) is not codable."
            }
            if action == .repeatLastCode && lastCode == nil { return "No code used yet; press a code's key first." }
            return nil
        case .editCodingMemo:
            guard coding else { return "Open a document first (Enter on the list)." }
            if readOnly {
                return "Read-only: nothing is saved (another Kader holds this coder's lock, or --read-only)."
            }
            if let s = currentSegment, codes(for: s.id).isEmpty {
                return
                    "Segment \(s.ordinal) has no code yet; a coding memo belongs to one of its codes (m: segment memo)."
            }
            return nil
        case .editProjectMemo:
            return readOnly ? "Read-only: the project memo is not saved." : nil
        case .undo: return coding && undoStack.isEmpty && codebookUndo == nil ? "Nothing to undo." : nil
        case .redo: return coding && redoStack.isEmpty ? "Nothing to redo." : nil
        case .markDone:
            return !coding
                ? "Open a document first (Enter on the list)."
                : (readOnly ? "Read-only: the status is not changed." : nil)
        case .nextMatch, .previousMatch: return search == nil ? "No search yet; press / to search." : nil
        case .toggleOtherCoders:
            return codings?.status == .done
                ? nil : "Blind coding: other coders' codings show once you mark this document done (D)."
        case .openDocument: return screen == .documents && documents.isEmpty ? "No transcripts in Transcripts/." : nil
        case .clearFilter: return filter.isActive || search != nil ? nil : "No filter or search to clear."
        case .openCodePicker, .search, .openFilter, .editDocumentMemo, .jumpToSegment, .nextWithCode, .previousWithCode,
            .codedSegments, .nextUncoded, .previousUncoded, .showDocuments:
            return coding ? nil : "Open a document first (Enter on the list)."
        default: return nil
        }
    }

    private mutating func apply(_ action: Action) -> [Effect] {
        message = nil
        if screen == .coding || action == .openDocument || action == .editProjectMemo, let reason = whyNot(action),
            action != .undo, action != .redo,
            action != .nextWithCode, action != .previousWithCode
        {
            message = StatusMessage(reason, isError: true)
            return []
        }
        let confirmQuit = quitPending
        quitPending = false
        switch action {
        case .toggleHelp:
            showHelp.toggle()
            helpScroll = 0
        case .cancel:
            showHelp = false
            mode = .normal
        case .quit:
            if saveState == .failed && !confirmQuit {
                quitPending = true
                message = StatusMessage(
                    "The last change was NOT saved (\(lastSaveError ?? "see above")). Press q again to quit anyway.",
                    isError: true)
                return []
            }
            return [.quit]
        case .moveDown: move(by: 1)
        case .moveUp: move(by: -1)
        case .scrollDown: move(by: 3)
        case .scrollUp: move(by: -3)
        case .pageDown:
            if screen == .coding && segmentOverflow > 0 {
                segmentScroll += min(segmentOverflow, max(1, viewHeight - 2))
            } else {
                move(by: max(1, viewHeight / 3))
            }
        case .pageUp:
            if screen == .coding && segmentScroll > 0 {
                segmentScroll = max(0, segmentScroll - max(1, viewHeight - 2))
            } else {
                move(by: -max(1, viewHeight / 3))
            }
        case .top: move(by: Int.min / 2)
        case .bottom: move(by: Int.max / 2)
        case .openDocument:
            if screen == .documents, !documents.isEmpty { return [.openDocument(documentCursor)] }
        case .showDocuments: screen = .documents
        case .nextUncoded:
            jump(forward: true, "Every codable segment has a code.") { s, codes in s.codable && codes.isEmpty }
        case .previousUncoded:
            jump(forward: false, "Every codable segment has a code.") { s, codes in s.codable && codes.isEmpty }
        case .toggleCode(let id): return toggle(id)
        case .repeatLastCode:
            guard let id = lastCode else {
                message = StatusMessage("No code used yet; press a code's key first.", isError: true)
                return []
            }
            let now = clock()
            return change { file, segment in
                file.codes(forSegment: segment.id).contains(id)
                    ? file : file.toggling(code: CodeID(id), on: segment, at: now)
            }
        case .markDone:
            guard let file = codings, !readOnly else { return [] }
            guard let document else { return [] }
            let next = file.settingStatus(file.status == .done ? .inProgress : .done, document: document)
            let open = progress.codable - progress.coded
            message = StatusMessage(
                next.status == .done
                    ? (open > 0
                        ? "Marked done with \(open) codable segments uncoded: for agreement they count as \"no code applies\" (D again undoes)."
                        : "Marked done.")
                    : "Back in progress.", isError: next.status == .done && open > 0)
            return commit(file, next)
        case .undo: return undo()
        case .redo: return redo()
        case .openCodePicker: openPicker(.toggle)
        case .search: if screen == .coding { mode = .prompt(Prompt(kind: .search)) }
        case .nextMatch: jumpToMatch(forward: true)
        case .previousMatch: jumpToMatch(forward: false)
        case .openFilter: if screen == .coding { mode = .filterMenu }
        case .clearFilter:
            filter = SegmentFilter()
            search = nil
            message = StatusMessage("Showing all segments.")
        case .editSegmentMemo:
            guard let s = currentSegment else { return [] }
            mode = .memo(
                MemoEditor(
                    target: .segment(id: s.id, ordinal: s.ordinal), text: codings?.coding(forSegment: s.id)?.memo ?? "")
            )
        case .editCodingMemo:
            guard let s = currentSegment else { return [] }
            let codes = codes(for: s.id)
            if codes.count == 1 {
                openCodingMemo(code: codes[0])
            } else {
                openPicker(.codingMemo)
                if case .picker(var p) = mode {
                    p.refresh(entries: segmentCodeEntries, recent: recentCodes)
                    mode = .picker(p)
                }
                message = StatusMessage("Choose the code whose memo on this segment you write and press Enter.")
            }
        case .editProjectMemo:
            mode = .memo(MemoEditor(target: .project, text: projectMemo ?? ""))
        case .editDocumentMemo:
            guard let d = document else { return [] }
            mode = .memo(MemoEditor(target: .document(id: d.id), text: codings?.memo ?? ""))
        case .selectQuote:
            guard let s = currentSegment else { return [] }
            var sel = SpanSelection(segment: s)
            let words = sel.words
            guard !words.isEmpty else { return [] }
            let applied = codings?.coding(forSegment: s.id)?.applied ?? []
            sel.code = quoteCode(for: s)
            if let span = (sel.code.flatMap { c in applied.first { $0.code == c } }?.spans ?? []).first,
                let a = words.firstIndex(where: { $0.lowerBound >= span.start }),
                let b = words.lastIndex(where: { $0.upperBound <= span.end }), a <= b
            {
                sel.anchor = a
                sel.cursor = b
            }
            mode = .span(sel)
        case .quoteSentence: return quoteSentence()
        case .jumpToSegment: if screen == .coding { mode = .prompt(Prompt(kind: .jump)) }
        case .nextWithCode, .previousWithCode:
            guard let id = lastCode else {
                openPicker(.nextWithCode)
                return []
            }
            let ids = SegmentFilter.subtree(id, codebook)
            let name = self.entry(id: id)?.code.name ?? id
            jump(forward: action == .nextWithCode, "No other segment with \(name).") { _, codes in
                codes.contains(where: ids.contains)
            }
        case .codedSegments: openPicker(.retrieval)
        case .searchAllDocuments: openCorpusSearchPrompt()
        case .toggleOtherCoders:
            guard codings?.status == .done else {
                message = StatusMessage(
                    "Blind coding: other coders' codings show once you mark this document done (D).", isError: true)
                return []
            }
            showOthers.toggle()
            if showOthers { return [.loadOtherCoders] }
        case .overview: return [.loadOverview]
        case .query:
            // Back to the last results (run again, so they show codings changed since); Q there edits.
            if let last = lastQuery { return [.runQuery(expression: last.expression, name: last.name)] }
            return [.openQuery(text: "")]
        }
        return []
    }

    /// Toggles `id` on the current segment and remembers it as recent.
    mutating func toggle(_ id: String) -> [Effect] {
        let now = clock()
        let effects = change { file, segment in file.toggling(code: CodeID(id), on: segment, at: now) }
        if !effects.isEmpty {
            lastCode = id
            recentCodes.removeAll { $0 == id }
            recentCodes.insert(id, at: 0)
            if recentCodes.count > 8 { recentCodes.removeLast() }
        }
        return effects
    }

    /// Runs a coding change on the current segment if it is codable and writable.
    mutating func change(_ edit: (CodingFile, Segment) -> CodingFile) -> [Effect] {
        guard screen == .coding, let file = codings, let segment = currentSegment else { return [] }
        guard !readOnly else {
            message = StatusMessage(
                "Read-only: nothing is saved (another Kader holds this coder's lock, or --read-only).", isError: true)
            return []
        }
        guard segment.codable else {
            message = StatusMessage(
                "Segment \(segment.ordinal) (\(segment.role ?? segment.speaker ?? "?")) is not codable.", isError: true)
            return []
        }
        return commit(file, edit(file, segment))
    }

    /// The result of a ``Effect/persist(previous:next:)`` comes back here: on failure the change
    /// is rolled back to `previous` and the error shown.
    public mutating func saveFinished(previous: CodingFile, error: String?, readOnly: Bool) {
        guard let error else {
            saveState = readOnly ? .readOnly : .saved
            lastSaveError = nil
            return
        }
        codings = previous
        saveState = .failed
        lastSaveError = error
        message = StatusMessage("Not saved: " + error, isError: true)
    }

    mutating func commit(_ file: CodingFile, _ next: CodingFile) -> [Effect] {
        guard next != file else { return [] }
        undoStack.append(file)
        redoStack.removeAll()
        codings = next
        return [.persist(previous: file, next: next)]
    }

    private mutating func undo() -> [Effect] { step(back: true) }

    private mutating func redo() -> [Effect] { step(back: false) }

    /// One step through the history: back takes the top of the undo stack (pushing the current
    /// codings onto the redo stack), forward the reverse.
    private mutating func step(back: Bool) -> [Effect] {
        if back, undoStack.isEmpty, codebookUndo != nil, !readOnly { return [.undoCodebookEdit] }
        guard let file = codings, let target = back ? undoStack.popLast() : redoStack.popLast() else {
            message = StatusMessage(back ? "Nothing to undo." : "Nothing to redo.")
            return []
        }
        if back { redoStack.append(file) } else { undoStack.append(file) }
        codings = target
        let verb = back ? "Undone" : "Redone"
        message = StatusMessage(verb + ".")
        if let id = Self.changedSegment(file, target), let d = document,
            let i = d.segments.firstIndex(where: { $0.id == id })
        {
            let ordinal = d.segments[i].ordinal
            if !filter.isActive || visibleIndices.contains(i) {
                cursor = i
                message = StatusMessage("\(verb) on segment #\(ordinal).")
            } else {
                message = StatusMessage(
                    "\(verb) on segment #\(ordinal), which the filter hides (F shows all segments).")
            }
        }
        return [.persist(previous: file, next: target)]
    }

    /// The segment whose coding differs between `a` and `b` (the first one, in file order), or nil
    /// when only the document's own fields (status, memo) differ.
    static func changedSegment(_ a: CodingFile, _ b: CodingFile) -> String? {
        var index: [String: SegmentCoding] = [:]
        for c in a.codings where index[c.segment] == nil { index[c.segment] = c }
        for c in b.codings {
            if index[c.segment] != c { return c.segment }
            index[c.segment] = nil
        }
        return index.keys.sorted().first
    }

    mutating func openPicker(_ purpose: CodePicker.Purpose) {
        guard screen == .coding else { return }
        var p = CodePicker(purpose: purpose)
        p.refresh(entries: codeEntries, recent: recentCodes)
        mode = .picker(p)
    }

    /// Moves among visible segments (or documents) by `delta`, clamped.
    mutating func move(by delta: Int) {
        if screen == .documents {
            documentCursor = clamp(documentCursor.addingReportingOverflow(delta).partialValue, documents.count)
            return
        }
        let visible = visibleIndices
        guard !visible.isEmpty else { return }
        let here = Self.position(in: visible, atLeast: cursor) ?? visible.count - 1
        let target = clamp(here.addingReportingOverflow(delta).partialValue, visible.count)
        cursor = visible[target]
    }

    /// Moves to the next (or previous) visible segment satisfying `test`, wrapping around (and
    /// saying so). Returns true when it moved.
    @discardableResult
    mutating func jump(forward: Bool, _ none: String, _ test: (Segment, [String]) -> Bool) -> Bool {
        guard let d = document, !d.segments.isEmpty else { return false }
        let visible = visibleIndices
        guard !visible.isEmpty else { return false }
        let here = Self.position(in: visible, atLeast: cursor) ?? 0
        for step in 1...visible.count {
            let k = forward ? (here + step) % visible.count : (here - step + visible.count * 2) % visible.count
            let s = d.segments[visible[k]]
            if test(s, codes(for: s.id)) {
                cursor = visible[k]
                if forward ? k <= here : k >= here {
                    message = StatusMessage(forward ? "Wrapped to the top." : "Wrapped to the bottom.")
                }
                return true
            }
        }
        message = StatusMessage(none)
        return false
    }

    mutating func jumpToMatch(forward: Bool) {
        guard let search else {
            message = StatusMessage("No search yet; press / to search.", isError: true)
            return
        }
        guard jump(forward: forward, "No match for \"\(search.query)\".", { s, _ in search.isFound(in: s.text) }) else {
            return
        }
        reportMatchCount(search)
    }

    /// "Match 3 of 12" (with the wrap note) for the segment under the cursor.
    mutating func reportMatchCount(_ search: TextSearch) {
        guard let d = document else { return }
        var total = 0
        var position = 0
        for i in visibleIndices where search.isFound(in: d.segments[i].text) {
            total += 1
            if i == cursor { position = total }
        }
        let wrapped = message.map { " " + $0.text } ?? ""
        message = StatusMessage("Match \(position) of \(total) segments with \"\(search.query)\".\(wrapped)")
    }

    func clamp(_ i: Int, _ count: Int) -> Int { max(0, min(i, count - 1)) }
}
