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

/// Parses untrusted XML into ``XMLElementNode``s with ``SafeXMLParser`` (fed in chunks, so any
/// size; a DTD or any entity other than the five predefined ones is refused inside the parser,
/// whatever the encoding, so no entity is ever expanded), and nesting deeper than `maxDepth` is
/// refused. Memory: the tree of kept elements, attributes and text.
public enum XMLTree {
    /// - Throws: ``ExchangeError/badXML(path:detail:)`` naming the line and column.
    public static func parse(_ data: Data, path: String, maxDepth: Int = 200) throws -> XMLElementNode {
        let builder = Builder(maxDepth: maxDepth)
        do {
            try SafeXMLParser.parse(data, handler: builder)
        } catch {
            throw ExchangeError.badXML(path: path, detail: error.detail)
        }
        guard let root = builder.root else {
            throw ExchangeError.badXML(path: path, detail: "it has no root element")
        }
        if let open = builder.stack.last {
            throw ExchangeError.badXML(
                path: path, detail: "it ends before <\(open.name)> is closed (the file is cut short)")
        }
        return root
    }

    final class Builder: SafeXMLHandler {
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        let maxDepth: Int

        init(maxDepth: Int) { self.maxDepth = maxDepth }

        func start(_ tag: XMLTag) -> String? {
            if stack.count >= maxDepth { return "elements are nested more than \(maxDepth) deep" }
            var attrs: [String: String] = [:]
            for (k, v) in tag.attributes { attrs[k.split(separator: ":").last.map(String.init) ?? k] = v }
            let node = XMLElementNode(name: tag.localName, namespace: tag.namespace, attributes: attrs)
            if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
            stack.append(node)
            return nil
        }

        func end(localName: String, qualifiedName: String) { _ = stack.popLast() }

        func characters(_ text: String) { stack.last?.text += text }
    }
}
