import CLibXML2
import Foundation

/// One start tag as ``SafeXMLParser`` reports it.
struct XMLTag {
    /// The name as written, with its prefix (`w:p`).
    var qualifiedName: String
    /// The name without its prefix (`p`).
    var localName: String
    /// The namespace URI, when the element is in one.
    var namespace: String?
    /// Attribute values (entity and character references resolved) keyed by the qualified name
    /// as written (`w:val`); namespace declarations are not attributes.
    var attributes: [String: String]

    /// The value of the attribute whose name without prefix is `local` (`val` finds `w:val`).
    func attribute(_ local: String) -> String? {
        if let v = attributes[local] { return v }
        for (k, v) in attributes where k.hasSuffix(local) && k.dropLast(local.count).last == ":" { return v }
        return nil
    }
}

/// Receives ``SafeXMLParser``'s events, in document order.
protocol SafeXMLHandler: AnyObject {
    /// Returns a problem sentence to stop parsing, or nil to go on.
    func start(_ tag: XMLTag) -> String?
    func end(localName: String, qualifiedName: String)
    /// Character data (text and CDATA), in pieces of any length.
    func characters(_ text: String)
}

/// Why an XML document was refused: one sentence fragment, naming the line and column.
struct XMLReadFailure: Error {
    let detail: String
}

/// The one XML reader for every untrusted XML input (docx parts, TEI, REFI-QDA `.qde`/`.qdc`).
///
/// Drives libxml2's push parser directly (the library FoundationXML wraps on Linux) and feeds the
/// document in 64 KiB chunks, so no limit applies to the document's size (FoundationXML pushes the
/// whole document as one chunk, which libxml2 refuses beyond 10,000,000 bytes). libxml2's own
/// limits still hold for single constructs: a name over 50,000 bytes, one attribute value, comment
/// or tag over 10,000,000 bytes, or elements nested deeper than 256 are refused.
///
/// Safety is enforced inside the parser, whatever the encoding (UTF-8, UTF-16 with or without a
/// BOM, the single-byte encodings libxml2 knows) and wherever in the file: a document type
/// declaration (`<!DOCTYPE`), any entity declaration, and any entity reference other than the five
/// predefined ones stop the parse with an error, so no entity is ever expanded and no text after
/// an unknown reference is silently dropped; nothing is fetched from the network or the disk.
/// Errors are never recovered from: the first one ends the parse.
final class SafeXMLParser {
    static let chunkSize = 1 << 16

    fileprivate let handler: SafeXMLHandler
    fileprivate var problem: String?
    private var context: xmlParserCtxtPtr?

    private init(handler: SafeXMLHandler) { self.handler = handler }

    private static let initialised: Void = { xmlInitParser() }()

    /// Parses `data` in chunks, sending events to `handler`.
    /// - Returns: the encoding the document declared (`UTF-16`, `ISO-8859-1` …), else `UTF-8`.
    /// - Throws: ``XMLReadFailure`` for a document that is not well formed, has a DTD or an
    ///   entity, or that the handler stopped.
    @discardableResult
    static func parse(_ data: Data, handler: SafeXMLHandler) throws(XMLReadFailure) -> String {
        _ = initialised
        let parser = SafeXMLParser(handler: handler)
        return try parser.run(data)
    }

    private func run(_ data: Data) throws(XMLReadFailure) -> String {
        if data.isEmpty { throw XMLReadFailure(detail: "the XML is empty") }
        var sax = Self.saxHandler()
        let me = Unmanaged.passUnretained(self).toOpaque()
        // Hand the first bytes to the context so libxml2 can detect the encoding (BOM or `<?xm`).
        let head = min(4, data.count)
        let ctxt: xmlParserCtxtPtr? = data.withUnsafeBytes { raw in
            // Not empty (checked above), so there is a base address.
            guard let base = raw.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: head) {
                xmlCreatePushParserCtxt(&sax, me, $0, Int32(head), nil)
            }
        }
        guard let ctxt else { throw XMLReadFailure(detail: "the XML parser could not start (out of memory)") }
        context = ctxt
        defer { xmlFreeParserCtxt(ctxt) }
        let options = Int32(XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
        xmlCtxtUseOptions(ctxt, options)
        var status: Int32 = 0
        data.withUnsafeBytes { raw in
            guard let start = raw.baseAddress else { return }
            let base = start.assumingMemoryBound(to: CChar.self)
            var offset = head
            repeat {
                let n = min(Self.chunkSize, data.count - offset)
                let last: Int32 = offset + n >= data.count ? 1 : 0
                status = xmlParseChunk(ctxt, base + offset, Int32(n), last)
                offset += n
            } while status == 0 && problem == nil && offset < data.count
        }
        if let problem { throw XMLReadFailure(detail: problem) }
        if status != 0 || ctxt.pointee.wellFormed == 0 {
            throw XMLReadFailure(detail: Self.describe(xmlCtxtGetLastError(ctxt)))
        }
        if let e = ctxt.pointee.encoding { return String(cString: e).uppercased() }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
            || (data.count > 1 && (data[data.startIndex] == 0 || data[data.startIndex + 1] == 0))
        {
            return "UTF-16"
        }
        return "UTF-8"
    }

    fileprivate func stop(_ sentence: String) {
        if problem == nil {
            let line = context.map { xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0)) } ?? 0
            problem = line > 0 ? "\(sentence) (line \(line))" : sentence
        }
        if let context { xmlStopParser(context) }
    }

    private static func describe(_ error: xmlErrorPtr?) -> String {
        guard let e = error?.pointee, let m = e.message else { return "it is not well-formed XML" }
        let message = String(cString: m).trimmingCharacters(in: .whitespacesAndNewlines)
        let column = e.int2 > 0 ? ", column \(e.int2)" : ""
        return "it is not well-formed XML: \(message) at line \(e.line)\(column)"
    }

    private static func saxHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = kader_xml_sax2_magic()
        sax.internalSubset = { ctx, _, _, _ in
            parserFrom(ctx)?.stop(
                "it has a document type declaration (DTD), which Kader refuses so that no entity is ever expanded")
        }
        sax.externalSubset = { ctx, _, _, _ in
            parserFrom(ctx)?.stop(
                "it has a document type declaration (DTD), which Kader refuses so that no entity is ever expanded")
        }
        sax.entityDecl = { ctx, name, _, _, _, _ in
            parserFrom(ctx)?.stop("it declares the XML entity \(xmlString(name) ?? "?"), which Kader does not expand")
        }
        sax.unparsedEntityDecl = { ctx, name, _, _, _ in
            parserFrom(ctx)?.stop("it declares the XML entity \(xmlString(name) ?? "?"), which Kader does not expand")
        }
        sax.getEntity = { ctx, name in
            if let name, let predefined = xmlGetPredefinedEntity(name) { return predefined }
            parserFrom(ctx)?.stop(
                "it refers to the undeclared entity &\(xmlString(name) ?? "?");, which Kader does not expand")
            return nil
        }
        sax.getParameterEntity = { ctx, name in
            parserFrom(ctx)?.stop(
                "it refers to the parameter entity %\(xmlString(name) ?? "?");, which Kader does not expand")
            return nil
        }
        sax.resolveEntity = { ctx, _, _ in
            parserFrom(ctx)?.stop("it refers to an external entity, which Kader never loads")
            return nil
        }
        sax.startElementNs = { ctx, localname, prefix, uri, _, _, nbAttributes, _, attributes in
            guard let me = parserFrom(ctx), me.problem == nil, let localname else { return }
            let local = String(cString: localname)
            let qualified = prefix.map { String(cString: $0) + ":" + local } ?? local
            var attrs: [String: String] = [:]
            if nbAttributes > 0, let attributes {
                attrs.reserveCapacity(Int(nbAttributes))
                for i in 0..<Int(nbAttributes) {
                    guard let name = attributes[5 * i] else { continue }
                    var key = String(cString: name)
                    if let p = attributes[5 * i + 1] { key = String(cString: p) + ":" + key }
                    var value = ""
                    if let v = attributes[5 * i + 3], let end = attributes[5 * i + 4], end > v {
                        value = String(decoding: UnsafeBufferPointer(start: v, count: end - v), as: UTF8.self)
                    }
                    attrs[key] = value
                }
            }
            let tag = XMLTag(qualifiedName: qualified, localName: local, namespace: xmlString(uri), attributes: attrs)
            if let stop = me.handler.start(tag) { me.stop(stop) }
        }
        sax.endElementNs = { ctx, localname, prefix, _ in
            guard let me = parserFrom(ctx), me.problem == nil, let localname else { return }
            let local = String(cString: localname)
            me.handler.end(localName: local, qualifiedName: prefix.map { String(cString: $0) + ":" + local } ?? local)
        }
        let characters: charactersSAXFunc = { ctx, ch, len in
            guard let me = parserFrom(ctx), me.problem == nil, let ch, len > 0 else { return }
            me.handler.characters(String(decoding: UnsafeBufferPointer(start: ch, count: Int(len)), as: UTF8.self))
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.serror = { _, _ in }
        return sax
    }
}

/// The parser behind a libxml2 callback's context pointer (C callbacks cannot capture context).
/// Nil only for a nil `ctx`, which libxml2 never passes (the context is set at creation).
private func parserFrom(_ ctx: UnsafeMutableRawPointer?) -> SafeXMLParser? {
    ctx.map { Unmanaged<SafeXMLParser>.fromOpaque($0).takeUnretainedValue() }
}

private func xmlString(_ p: UnsafePointer<xmlChar>?) -> String? {
    p.map { String(cString: $0) }
}
