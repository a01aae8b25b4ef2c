import Foundation
import KaderCore

/// Key handling for the modes that take the keyboard: picker, prompts, memo editor, quote
/// selection, filter menu and the coded-segments view.
extension AppState {
    mutating func pickerKey(_ p: inout CodePicker, _ key: Key) -> [Effect] {
        if p.purpose == .codeHits { return codeHitsPickerKey(&p, key) }
        switch key {
        case .escape:
            mode = .normal
            pendingSpan = nil
            if case .newCodeParent = p.purpose { message = StatusMessage("No code created.") }
            return []
        case .down, .ctrl("j"):
            p.selected = min(p.selected + 1, max(0, p.results.count - 1))
        case .up, .ctrl("k"):
            p.selected = max(p.selected - 1, 0)
        case .pageDown: p.selected = min(p.selected + 10, max(0, p.results.count - 1))
        case .pageUp: p.selected = max(p.selected - 10, 0)
        case .ctrl("n"):
            if case .newCodeParent(let name) = p.purpose {
                mode = .normal
                // What was typed names the new category; with nothing typed the code itself
                // becomes a category.
                let category = p.query.text.trimmingCharacters(in: .whitespaces)
                return createCode(name, parent: nil, category: category.isEmpty ? nil : category)
            }
            let name = p.query.text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                message = StatusMessage("Type the new code's name first, then Ctrl-N.", isError: true)
                mode = .picker(p)
                return []
            }
            openCategoryPicker(for: name, "Choose the category for \"\(name)\"")
            return []
        case .ctrl("r"):
            guard let id = p.selectedCode, let e = self.entry(id: id) else { return [] }
            mode = .prompt(Prompt(kind: .renameCode(id: id), text: e.code.name))
            return []
        case .ctrl("a"):
            guard let id = p.selectedCode else { break }
            guard proposedCodes.contains(id) else {
                message = StatusMessage(
                    "\(self.entry(id: id)?.code.name ?? id) is already in the team codebook.", isError: true)
                break
            }
            guard !readOnly else { break }
            mode = .normal
            return [.adoptCode(id: id)]
        case .ctrl("g"):
            guard let id = p.selectedCode, !readOnly else { return [] }
            var target = CodePicker(purpose: .mergeInto(from: id))
            target.refresh(entries: codeEntries.filter { $0.code.id != id }, recent: recentCodes)
            mode = .picker(target)
            message = StatusMessage(
                "Merge \"\(codebook.entry(id: id)?.code.name ?? id)\" into which code? Every coder's codings move.")
            return []
        case .ctrl("e"):
            guard let id = p.selectedCode else { return [] }
            mode = .memo(MemoEditor(target: .code(id: id), text: codeMemos[id] ?? ""))
            return []
        case .tab where p.purpose == .toggle:
            // Toggle and keep the picker open, to apply several codes.
            guard let id = p.selectedCode else { break }
            let effects = toggle(id)
            let name = self.entry(id: id)?.code.name ?? id
            if !effects.isEmpty {
                message = StatusMessage(
                    codes(for: currentSegment?.id ?? "").contains(id)
                        ? "Applied \(name); Tab toggles more, Enter or Esc closes." : "Removed \(name).")
            }
            mode = .picker(p)
            return effects
        case .enter:
            mode = .normal
            guard let id = p.selectedCode else { return [] }
            return choose(id, purpose: p.purpose)
        default:
            if p.query.handle(key) == .editing {
                let entries = codeEntries
                if case .newCodeParent = p.purpose {
                    p.refresh(entries: codeEntries.filter { $0.depth == 0 }, recent: [])
                } else if case .quote = p.purpose {
                    p.refresh(entries: quoteCodeEntries, recent: recentCodes)
                } else if case .codingMemo = p.purpose {
                    p.refresh(entries: segmentCodeEntries, recent: recentCodes)
                } else if case .mergeInto(let from) = p.purpose {
                    p.refresh(entries: codeEntries.filter { $0.code.id != from }, recent: recentCodes)
                } else {
                    p.refresh(entries: entries, recent: recentCodes)
                }
            }
        }
        mode = .picker(p)
        return []
    }

    private mutating func choose(_ id: String, purpose: CodePicker.Purpose) -> [Effect] {
        switch purpose {
        case .toggle: return toggle(id)
        case .filter:
            filter.code = id
            moveIntoFilter()
        case .retrieval: return [.loadRetrieval(codeId: id)]
        case .nextWithCode:
            lastCode = id
            return update(.nextWithCode)
        case .mergeInto(let from):
            let a = self.entry(id: from)?.code.name ?? from
            let b = self.entry(id: id)?.code.name ?? id
            mode = .prompt(Prompt(kind: .confirmMerge(from: from, into: id)))
            message = StatusMessage(
                "Merge \"\(a)\" into \"\(b)\"? Every coder's codings of \"\(a)\" move and the code is removed from the codebook.",
                isError: true)
        case .newCodeParent(let name): return createCode(name, parent: id)
        case .quote(let span):
            message = StatusMessage("Quote kept for \"\(entry(id: id)?.code.name ?? id)\".")
            return change { file, seg in file.settingSpans([span], code: CodeID(id), on: seg, at: Timestamp.now()) }
        case .codingMemo: openCodingMemo(code: id)
        case .codeHits: break
        }
        return []
    }

    private mutating func createCode(_ name: String, parent: String?, category: String? = nil) -> [Effect] {
        guard !readOnly else {
            message = StatusMessage("Read-only: the codebook is not changed.", isError: true)
            return []
        }
        let span = pendingSpan
        pendingSpan = nil
        return [.createCode(name: name, parent: parent, span: span, category: category)]
    }

    /// The picker that asks under which category a new code named `name` goes.
    private mutating func openCategoryPicker(for name: String, _ lead: String) {
        var parent = CodePicker(purpose: .newCodeParent(name: name))
        parent.refresh(entries: codeEntries.filter { $0.depth == 0 }, recent: [])
        mode = .picker(parent)
        message = StatusMessage(
            lead
                + " and press Enter; or type a new category's name and press Ctrl-N (nothing typed: \"\(name)\" becomes a category); Esc cancels."
        )
    }

    mutating func promptKey(_ p: inout Prompt, _ key: Key) -> [Effect] {
        if case .confirmMerge(let from, let into) = p.kind {
            mode = .normal
            guard key == .char("y") || key == .char("Y") else {
                message = StatusMessage("Not merged.")
                return []
            }
            return [.mergeCodes(from: from, into: into)]
        }
        if case .confirmCodeHits(let code) = p.kind { return confirmCodeHitsKey(code: code, key) }
        if p.kind == .search, key == .ctrl("t") {
            let insensitive = !(search?.insensitive ?? true)
            search = TextSearch(query: p.editor.text, insensitive: insensitive)
            message = StatusMessage(
                insensitive ? "Search ignores case and accents." : "Search matches case and accents exactly.")
            mode = .prompt(p)
            return []
        }
        let outcome = p.editor.handle(key)
        switch outcome {
        case .cancel:
            if p.kind == .search { search = nil }
            mode = p.kind == .whereFilter ? .filterMenu : .normal
            return []
        case .editing, .unhandled:
            if p.kind == .search {
                let text = p.editor.text
                search = text.isEmpty ? nil : TextSearch(query: text, insensitive: search?.insensitive ?? true)
            }
            mode = .prompt(p)
            return []
        case .submit:
            mode = .normal
            let text = p.editor.text.trimmingCharacters(in: .whitespaces)
            switch p.kind {
            case .search:
                guard !text.isEmpty else {
                    search = nil
                    return []
                }
                let newSearch = TextSearch(query: text, insensitive: search?.insensitive ?? true)
                search = newSearch
                if let s = currentSegment, newSearch.isFound(in: s.text) {
                    reportMatchCount(newSearch)
                    return []
                }
                jumpToMatch(forward: true)
            case .jump:
                guard let n = Int(text), let d = document, let i = d.segments.firstIndex(where: { $0.ordinal == n })
                else {
                    message = StatusMessage("No segment number \"\(text)\".", isError: true)
                    return []
                }
                if filter.isActive && !visibleIndices.contains(i) { filter = SegmentFilter() }
                cursor = i
            case .renameCode(let id):
                guard !text.isEmpty, !readOnly else { return [] }
                return [.renameCode(id: id, name: text)]
            case .whereFilter: return submitWhere(text)
            case .corpusSearch: return submitCorpusSearch(text)
            case .confirmMerge, .confirmCodeHits:
                return []
            }
            return []
        }
    }

    mutating func memoKey(_ m: inout MemoEditor, _ key: Key) -> [Effect] {
        switch m.handle(key) {
        case .editing:
            mode = .memo(m)
            return []
        case .confirm:
            mode = .memo(m)
            message = StatusMessage(
                "This memo has unsaved text: Ctrl-S saves it, Esc again throws it away, any other key goes on editing.",
                isError: true)
            return []
        case .cancel:
            mode = .normal
            message = StatusMessage(m.isDirty ? "Memo discarded; it is as it was." : "Memo not changed.")
            return []
        case .save:
            mode = .normal
            let text = m.text
            switch m.target {
            case .segment(let id, _):
                guard let d = document, let seg = d.segments.first(where: { $0.id == id }) else { return [] }
                guard let file = codings, !readOnly else { return [] }
                message = StatusMessage(text.isEmpty ? "Memo removed." : "Memo saved.")
                return commit(file, file.settingMemo(text, on: seg, at: clock()))
            case .document:
                guard let file = codings, !readOnly else { return [] }
                var next = file
                next.memo = text.isEmpty ? nil : text
                message = StatusMessage("Document memo saved.")
                return commit(file, next)
            case .code(let id):
                codeMemos[id] = text.isEmpty ? nil : text
                return [.saveCodeMemos(codeMemos)]
            case .coding(let id, _, let code):
                guard let d = document, let seg = d.segments.first(where: { $0.id == id }) else { return [] }
                guard let file = codings, !readOnly, file.codes(forSegment: id).contains(code) else { return [] }
                let name = entry(id: code)?.code.name ?? code
                message = StatusMessage(text.isEmpty ? "Memo on \(name) removed." : "Memo on \(name) saved; u undoes.")
                return commit(file, file.settingCodeMemo(text, code: CodeID(code), on: seg, at: clock()))
            case .project:
                guard !readOnly else { return [] }
                projectMemo = text.isEmpty ? nil : text
                return [.saveProjectMemo(projectMemo)]
            }
        }
    }

    mutating func spanKey(_ s: inout SpanSelection, _ key: Key) -> [Effect] {
        if var q = s.query {
            // Typing the first words of the quote: the selection follows the match.
            let outcome = q.handle(key)
            s.query = q
            switch outcome {
            case .cancel: s.query = nil
            case .submit:
                s.query = nil
                message = StatusMessage("Found: . takes the sentence, , the clause, ) the next sentence, Enter keeps.")
            case .editing, .unhandled:
                if let seg = currentSegment,
                    let hit = s.find(
                        q.text, in: seg.text, segmentStart: seg.start, from: min(s.anchor ?? s.cursor, s.cursor))
                {
                    if s.extendBySearch, let a = s.anchor, a < hit.lowerBound {
                        s.cursor = hit.upperBound
                    } else {
                        s.anchor = hit.lowerBound
                        s.cursor = hit.upperBound
                    }
                } else if !q.text.isEmpty {
                    message = StatusMessage("No words \"\(q.text)\" in this segment.", isError: true)
                }
            }
            mode = .span(s)
            return []
        }
        let n = s.count ?? 1
        if case .char(let c) = key, let d = c.wholeNumberValue, d > 0 || s.count != nil {
            s.count = min(99, (s.count ?? 0) * 10 + d)
            mode = .span(s)
            return []
        }
        s.count = nil
        switch key {
        case .left, .char("h"), .char("b"): s.cursor = max(0, s.cursor - n)
        case .right, .char("l"), .char("w"): s.cursor = min(s.words.count - 1, s.cursor + n)
        case .home, .char("0"): s.cursor = 0
        case .end, .char("$"): s.cursor = s.words.count - 1
        case .char(")"): s.moveUnit(by: n, level: 2)
        case .char("("): s.moveUnit(by: -n, level: 2)
        case .char("}"): s.moveUnit(by: n, level: 1)
        case .char("{"): s.moveUnit(by: -n, level: 1)
        case .char("."): s.selectUnit(level: 2)
        case .char(","): s.selectUnit(level: 1)
        case .char("e"):
            // Extend the selection to the end of the sentence the cursor is in.
            if s.anchor == nil { s.anchor = s.cursor }
            s.cursor = s.unit(containing: s.cursor, level: 2).upperBound
        case .char("/"):
            s.extendBySearch = s.anchor != nil
            s.query = LineEditor()
        case .char(" "): s.anchor = s.anchor == nil ? s.cursor : nil
        case .escape:
            mode = .normal
            return []
        case .char("x"):
            mode = .normal
            let target = s.code
            message = StatusMessage(target == nil ? "Quotes of every code on this segment removed." : "Quote removed.")
            let now = clock()
            return change { file, seg in
                var next = file
                for a in file.coding(forSegment: seg.id)?.applied ?? [] where target == nil || a.code == target {
                    next = next.settingSpans([], code: CodeID(a.code), on: seg, at: now)
                }
                return next
            }
        case .char("v"):
            guard let span = s.span, let d = document else { return [] }
            let scalars = Array(d.text.unicodeScalars)
            let words = String(String.UnicodeScalarView(scalars[span.start..<span.end]))
            let name = words.trimmingCharacters(in: CharacterSet.punctuationCharacters.union(.whitespaces))
            pendingSpan = span
            openCategoryPicker(for: name, "In-vivo code \"\(name)\": choose its category")
            return []
        case .enter, .ctrl("s"):
            mode = .normal
            guard let span = s.span else { return [] }
            guard let code = s.code else {
                // Several codes (or none): ask which code the quote is for.
                var p = CodePicker(purpose: .quote(span: span))
                p.refresh(entries: quoteCodeEntries, recent: recentCodes)
                mode = .picker(p)
                message = StatusMessage("Choose the code this quote is for and press Enter.")
                return []
            }
            message = StatusMessage(
                "Quote kept for \"\(entry(id: code)?.code.name ?? code)\": words \(min(s.anchor ?? s.cursor, s.cursor) + 1)–\(max(s.anchor ?? s.cursor, s.cursor) + 1)."
            )
            let now = clock()
            return change { file, seg in file.settingSpans([span], code: CodeID(code), on: seg, at: now) }
        default: break
        }
        mode = .span(s)
        return []
    }

    /// Normal mode `S`: quotes the sentence of the current segment that the search matched, or
    /// else opens quote selection with the first sentence selected.
    mutating func quoteSentence() -> [Effect] {
        guard let seg = currentSegment else { return [] }
        var sel = SpanSelection(segment: seg)
        guard !sel.words.isEmpty else { return [] }
        if let search, let r = search.matches(in: seg.text).first {
            let at = r.lowerBound + seg.start
            sel.cursor = sel.words.firstIndex { $0.upperBound > at } ?? 0
        }
        sel.code = quoteCode(for: seg)
        sel.selectUnit(level: 2)
        mode = .span(sel)
        return []
    }

    /// The code a new quote on `segment` is for without asking: its only code; nil when the
    /// picker must ask (several codes, or none).
    func quoteCode(for segment: Segment) -> String? {
        let applied = codes(for: segment.id)
        return applied.count == 1 ? applied[0] : nil
    }

    /// Codes a quote can be for: the current segment's codes, or every code when it has none.
    var quoteCodeEntries: [CodeEntry] {
        let applied = Set(currentSegment.map { codes(for: $0.id) } ?? [])
        return applied.isEmpty ? codeEntries : codeEntries.filter { applied.contains($0.code.id) }
    }

    mutating func filterKey(_ key: Key) -> [Effect] {
        guard let d = document else {
            mode = .normal
            return []
        }
        switch key {
        case .char("c"):
            openPicker(.filter)
            return []
        case .char("s"): filter.speaker = Self.cycle(filter.speaker, d.speakers.map(\.name))
        case .char("r"): filter.role = Self.cycle(filter.role, Array(Set(d.segments.compactMap(\.role))).sorted())
        case .char("u"): filter.uncodedOnly.toggle()
        case .char("m"): filter.codedByMe.toggle()
        case .char("x"): filter = SegmentFilter()
        case .char("w"):
            openWherePrompt()
            return []
        case .escape, .enter:
            mode = .normal
            moveIntoFilter()
            return []
        default: break
        }
        moveIntoFilter()
        mode = .filterMenu
        return []
    }

    /// Puts the cursor on a visible segment after the filter changed.
    mutating func moveIntoFilter() {
        let visible = visibleIndices
        guard let last = visible.last else {
            message = StatusMessage("No segment passes the filter (F clears it).", isError: true)
            return
        }
        if !visible.contains(cursor) {
            cursor = visible.first { $0 > cursor } ?? last
        }
    }

    static func cycle(_ current: String?, _ options: [String]) -> String? {
        guard !options.isEmpty else { return nil }
        guard let current, let i = options.firstIndex(of: current) else { return options[0] }
        return i + 1 < options.count ? options[i + 1] : nil
    }

    mutating func retrievalKey(_ r: inout Retrieval, _ key: Key) -> [Effect] {
        switch key {
        case .down, .char("j"): r.selected = min(r.selected + 1, max(0, r.rows.count - 1))
        case .up, .char("k"): r.selected = max(r.selected - 1, 0)
        case .pageDown: r.selected = min(r.selected + 10, max(0, r.rows.count - 1))
        case .pageUp: r.selected = max(r.selected - 10, 0)
        case .escape, .char("q"):
            mode = .normal
            return []
        case .enter:
            mode = .normal
            guard r.rows.indices.contains(r.selected) else { return [] }
            let row = r.rows[r.selected]
            return [.openDocument(row.documentIndex, segmentId: row.segmentId)]
        default: break
        }
        mode = .retrieval(r)
        return []
    }

    mutating func mouse(_ m: MouseEvent) -> [Effect] {
        guard mode == .normal, screen == .coding else {
            if screen == .documents, m.kind == .click || m.kind == .press, m.row >= 3, m.row - 3 < documents.count {
                documentCursor = m.row - 3
            }
            return []
        }
        switch m.kind {
        case .wheelDown: return update(.scrollDown)
        case .wheelUp: return update(.scrollUp)
        case .click:
            drag = nil
            if segmentColumns.contains(m.column), let i = segmentRows[m.row] { cursor = i }
        case .press, .drag, .release: return dragMouse(m)
        }
        return []
    }
}
