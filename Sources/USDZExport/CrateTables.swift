/// The interning tables of a Crate file: tokens, strings, paths, fields and field sets, each
/// deduplicated and indexed in first-use order (so output is deterministic).
struct CrateTables {
    private(set) var tokens: [String] = []
    private var tokenIndex: [String: UInt32] = [:]
    /// Strings are stored as token indices.
    private(set) var strings: [UInt32] = []
    private var stringIndex: [String: UInt32] = [:]
    private(set) var paths: [USDPath] = []
    private var pathIndex: [USDPath: UInt32] = [:]
    /// Children of each path in the order they were first added, for the path tree.
    private(set) var pathChildren: [USDPath: [USDPath]] = [:]
    private(set) var fields: [(token: UInt32, rep: UInt64)] = []
    private var fieldIndex: [FieldKey: UInt32] = [:]
    /// Runs of field indices, each terminated by `~0`.
    private(set) var fieldSets: [UInt32] = []
    private var fieldSetIndex: [[UInt32]: UInt32] = [:]

    private struct FieldKey: Hashable { var token: UInt32; var rep: UInt64 }

    static let fieldSetTerminator = UInt32.max

    init() {
        _ = token("")
        _ = path(.root)
    }

    mutating func token(_ s: String) -> UInt32 {
        if let i = tokenIndex[s] { return i }
        let i = UInt32(tokens.count)
        tokens.append(s)
        tokenIndex[s] = i
        return i
    }

    mutating func string(_ s: String) -> UInt32 {
        if let i = stringIndex[s] { return i }
        let i = UInt32(strings.count)
        strings.append(token(s))
        stringIndex[s] = i
        return i
    }

    /// Adds the path and, first, its ancestors, plus the element token the path tree needs.
    mutating func path(_ p: USDPath) -> UInt32 {
        if let i = pathIndex[p] { return i }
        if let parent = p.parent {
            _ = path(parent)
            pathChildren[parent, default: []].append(p)
        }
        _ = token(Self.elementName(p))
        let i = UInt32(paths.count)
        paths.append(p)
        pathIndex[p] = i
        return i
    }

    func indexOfPath(_ p: USDPath) -> UInt32 { pathIndex[p] ?? 0 }
    func indexOfToken(_ s: String) -> UInt32 { tokenIndex[s] ?? 0 }

    /// The last element: a property's name or a prim's name ("" for the root).
    static func elementName(_ p: USDPath) -> String { p.propertyName ?? p.primNames.last ?? "" }

    mutating func field(_ name: String, _ rep: UInt64) -> UInt32 {
        let key = FieldKey(token: token(name), rep: rep)
        if let i = fieldIndex[key] { return i }
        let i = UInt32(fields.count)
        fields.append((key.token, rep))
        fieldIndex[key] = i
        return i
    }

    mutating func fieldSet(_ indices: [UInt32]) -> UInt32 {
        if let i = fieldSetIndex[indices] { return i }
        let i = UInt32(fieldSets.count)
        fieldSets += indices
        fieldSets.append(Self.fieldSetTerminator)
        fieldSetIndex[indices] = i
        return i
    }
}
