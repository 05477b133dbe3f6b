/// The page contexts as swift-mustache reads them fastest: every struct turned into a
/// `[String: Any]` (and every array into `[Any]`) once, before rendering. The library otherwise
/// reflects (`Mirror`) the whole struct again at every `{{name}}` it looks up.
///
/// The contexts are `Encodable` and this is their encoder: the compiler writes each struct's
/// walk, where reflecting it at run time (the previous way) was measured as 16% of a
/// 10,000-page build. Lookup semantics are unchanged: a nil optional is left out (the
/// synthesized `encodeIfPresent` skips it), so the name still resolves in the enclosing
/// sections, exactly as the library treats a nil field.
enum TemplateValues {
    static func box<Context: Encodable>(_ context: Context) -> Any {
        TemplateEncoder.tree(of: context)
    }

    /// A part of a context that is already a tree (the interface words, shared by every page of a
    /// language): encoded as it is.
    struct Prebuilt: Encodable {
        let tree: Any
        func encode(to encoder: any Encoder) throws {
            (encoder as? TemplateEncoder)?.result = .value(tree)
        }
    }
}

/// Builds the `Any` tree of one value. Containers write into reference storage, so nested
/// structs are encoded depth first straight into their parent's dictionary.
final class TemplateEncoder: Encoder {
    enum Result {
        case none
        case value(Any)
        case object(ObjectStorage)
        case array(ArrayStorage)

        var tree: Any {
            switch self {
            case .none: return [String: Any]()
            case .value(let value): return value
            case .object(let storage): return storage.fields
            case .array(let storage): return storage.elements
            }
        }
    }

    final class ObjectStorage { var fields: [String: Any] = [:] }
    final class ArrayStorage { var elements: [Any] = [] }

    var result = Result.none
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    static func tree<Value: Encodable>(of value: Value) -> Any {
        // Leaves are stored as they are; no encoder needed.
        if Value.self == String.self || Value.self == Bool.self || Value.self == Int.self || Value.self == Double.self {
            return value
        }
        let encoder = TemplateEncoder()
        // Only `Prebuilt` and the standard library's types encode here, and none of them throw.
        try? value.encode(to: encoder)
        return encoder.result.tree
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let storage) = result { return KeyedEncodingContainer(Keyed(storage: storage)) }
        let storage = ObjectStorage()
        result = .object(storage)
        return KeyedEncodingContainer(Keyed(storage: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let storage) = result { return Unkeyed(storage: storage) }
        let storage = ArrayStorage()
        result = .array(storage)
        return Unkeyed(storage: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let storage: ObjectStorage
        var codingPath: [any CodingKey] { [] }

        // Every primitive is stored as it is; the library prints it with `description`.
        mutating func encodeNil(forKey key: Key) {}
        mutating func encode(_ value: String, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: Bool, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: Int, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: Double, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: Float, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: Int8, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: Int16, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: Int32, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: Int64, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: UInt, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: UInt8, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: UInt16, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: UInt32, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode(_ value: UInt64, forKey key: Key) { storage.fields[key.stringValue] = value }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {
            storage.fields[key.stringValue] = TemplateEncoder.tree(of: value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectStorage()
            defer { storage.fields[key.stringValue] = nested.fields }
            return KeyedEncodingContainer(Keyed<NestedKey>(storage: nested))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("template contexts use synthesized Encodable conformances only")
        }
        mutating func superEncoder() -> any Encoder { preconditionFailure("template contexts have no superclasses") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("template contexts have no superclasses") }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let storage: ArrayStorage
        var codingPath: [any CodingKey] { [] }
        var count: Int { storage.elements.count }

        mutating func encodeNil() {}
        mutating func encode(_ value: String) { storage.elements.append(value) }
        mutating func encode(_ value: Bool) { storage.elements.append(value) }
        mutating func encode(_ value: Int) { storage.elements.append(value) }
        mutating func encode(_ value: Double) { storage.elements.append(value) }
        mutating func encode(_ value: Float) { storage.elements.append(value) }
        mutating func encode(_ value: Int8) { storage.elements.append(value) }
        mutating func encode(_ value: Int16) { storage.elements.append(value) }
        mutating func encode(_ value: Int32) { storage.elements.append(value) }
        mutating func encode(_ value: Int64) { storage.elements.append(value) }
        mutating func encode(_ value: UInt) { storage.elements.append(value) }
        mutating func encode(_ value: UInt8) { storage.elements.append(value) }
        mutating func encode(_ value: UInt16) { storage.elements.append(value) }
        mutating func encode(_ value: UInt32) { storage.elements.append(value) }
        mutating func encode(_ value: UInt64) { storage.elements.append(value) }
        mutating func encode<T: Encodable>(_ value: T) { storage.elements.append(TemplateEncoder.tree(of: value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("template contexts use synthesized Encodable conformances only")
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            preconditionFailure("template contexts use synthesized Encodable conformances only")
        }
        mutating func superEncoder() -> any Encoder { preconditionFailure("template contexts have no superclasses") }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: TemplateEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() {}
        mutating func encode(_ value: String) { encoder.result = .value(value) }
        mutating func encode(_ value: Bool) { encoder.result = .value(value) }
        mutating func encode(_ value: Int) { encoder.result = .value(value) }
        mutating func encode(_ value: Double) { encoder.result = .value(value) }
        mutating func encode(_ value: Float) { encoder.result = .value(value) }
        mutating func encode(_ value: Int8) { encoder.result = .value(value) }
        mutating func encode(_ value: Int16) { encoder.result = .value(value) }
        mutating func encode(_ value: Int32) { encoder.result = .value(value) }
        mutating func encode(_ value: Int64) { encoder.result = .value(value) }
        mutating func encode(_ value: UInt) { encoder.result = .value(value) }
        mutating func encode(_ value: UInt8) { encoder.result = .value(value) }
        mutating func encode(_ value: UInt16) { encoder.result = .value(value) }
        mutating func encode(_ value: UInt32) { encoder.result = .value(value) }
        mutating func encode(_ value: UInt64) { encoder.result = .value(value) }
        mutating func encode<T: Encodable>(_ value: T) { encoder.result = .value(TemplateEncoder.tree(of: value)) }
    }
}
