import Foundation

/// Document metadata in the cache's binary form: every field as loaded, attribute values with
/// their text, kind, number and date exactly (their JSON form keeps only a number for numeric
/// values, which would turn `4,5` into `4.5` and `0123` into `123`).
extension DocumentCacheCodec {
    static func write(_ m: DocumentMetadata, into w: inout ByteWriter) {
        for field in [m.title, m.type, m.site, m.date] { w.optional(field) }
        write(m.attributes, into: &w)
        w.int(m.speakers.count)
        for (name, setting) in m.speakers.sorted(by: { $0.key < $1.key }) {
            w.string(name)
            w.optional(setting.role)
            w.out.append(setting.codable.map { $0 ? 1 : 0 } ?? 2)
            write(setting.attributes, into: &w)
        }
    }

    static func readMetadata(_ r: inout ByteReader) throws -> DocumentMetadata {
        var m = DocumentMetadata(
            title: try r.optional(), type: try r.optional(), site: try r.optional(), date: try r.optional())
        m.attributes = try readAttributes(&r)
        let count = try r.int()
        guard count >= 0, count <= r.remaining else { throw Damaged() }
        for _ in 0..<count {
            let name = try r.string()
            var setting = SpeakerSetting(role: try r.optional())
            switch try r.take(1).first {
            case 0: setting.codable = false
            case 1: setting.codable = true
            case 2: setting.codable = nil
            default: throw Damaged()
            }
            setting.attributes = try readAttributes(&r)
            m.speakers[name] = setting
        }
        return m
    }

    static func write(_ attributes: Attributes, into w: inout ByteWriter) {
        w.int(attributes.count)
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            w.string(name)
            w.string(value.text)
            w.string(value.kind.rawValue)
            w.out.append(value.number == nil ? 0 : 1)
            w.uint64(value.number?.bitPattern ?? 0)
            w.optional(value.isoDate)
        }
    }

    static func readAttributes(_ r: inout ByteReader) throws -> Attributes {
        let count = try r.int()
        guard count >= 0, count <= r.remaining else { throw Damaged() }
        var out: Attributes = [:]
        for _ in 0..<count {
            let name = try r.string()
            let text = try r.string()
            var value = AttributeValue(text)
            value.text = text
            guard let kind = AttributeValue.Kind(rawValue: try r.string()) else { throw Damaged() }
            value.kind = kind
            let hasNumber = try r.take(1).first == 1
            let bits = try r.uint64()
            value.number = hasNumber ? Double(bitPattern: bits) : nil
            value.isoDate = try r.optional()
            out[name] = value
        }
        return out
    }
}
