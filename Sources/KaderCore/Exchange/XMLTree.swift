#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation

/// A parsed XML element: local name (namespace prefix dropped), namespace, attributes,
/// child elements and the concatenated character data.
public final class XMLElementNode: @unchecked Sendable {
    public let name: String
    public let namespace: String?
    public let attributes: [String: String]
    public internal(set) var children: [XMLElementNode] = []
    public internal(set) var text = ""

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    /// Child elements named `name`.
    public func all(_ name: String) -> [XMLElementNode] { children.filter { $0.name == name } }
    /// The first child element named `name`.
    public func first(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }
    public subscript(attribute: String) -> String? { attributes[attribute] }
}

/// Parses untrusted XML into ``XMLElementNode``s safely: documents with a DTD are refused
/// (so no entity, internal or external, is ever expanded), external entities are never
/// resolved, and nesting deeper than `maxDepth` is refused.
public enum XMLTree {
    /// - Throws: ``ExchangeError/badXML(path:detail:)`` naming the line and column.
    public static func parse(_ data: Data, path: String, maxDepth: Int = 200) throws -> XMLElementNode {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw ExchangeError.badXML(path: path, detail: "it has a document type declaration (DTD), which REFI-QDA files do not use and Kader refuses")
        }
        do {
            try XMLSafety.check(data, path: path, part: "the XML")
        } catch let LoaderError.malformed(_, detail) {
            throw ExchangeError.badXML(path: path, detail: detail)
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        let delegate = Builder(maxDepth: maxDepth)
        parser.delegate = delegate
        let ok = parser.parse()
        if let problem = delegate.problem { throw ExchangeError.badXML(path: path, detail: problem) }
        guard ok, let root = delegate.root else {
            let err = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "not well-formed"
            throw ExchangeError.badXML(path: path, detail: "\(err) at line \(parser.lineNumber), column \(parser.columnNumber)")
        }
        if let open = delegate.stack.last {
            throw ExchangeError.badXML(path: path, detail: "it ends before <\(open.name)> is closed (the file is cut short)")
        }
        return root
    }

    final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        var problem: String?
        let maxDepth: Int

        init(maxDepth: Int) { self.maxDepth = maxDepth }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes attributeDict: [String: String] = [:]) {
            if stack.count >= maxDepth {
                problem = "elements are nested more than \(maxDepth) deep at line \(parser.lineNumber)"
                parser.abortParsing()
                return
            }
            var attrs: [String: String] = [:]
            for (k, v) in attributeDict { attrs[k.split(separator: ":").last.map(String.init) ?? k] = v }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let node = XMLElementNode(name: local, namespace: namespaceURI, attributes: attrs)
            if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? { nil }
    }
}
