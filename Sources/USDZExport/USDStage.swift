/// A USD layer reduced to what our writers need: one layer, prims with properties, no composition.
///
/// Both writers (`USDAWriter` for text, `USDCWriter` for Crate binary) read this model, so the
/// builder decides content once and the writers only decide encoding.
public struct USDStage: Sendable, Equatable {
    /// Name of the top-level prim that Quick Look and `UsdStage` open by default.
    public var defaultPrim: String
    /// glTF works in metres; USD's fallback when unauthored is centimetres, hence always authored.
    public var metersPerUnit: Double
    public var upAxis: String
    public var rootPrims: [USDPrim]

    public init(defaultPrim: String, metersPerUnit: Double = 1, upAxis: String = "Y", rootPrims: [USDPrim] = []) {
        self.defaultPrim = defaultPrim
        self.metersPerUnit = metersPerUnit
        self.upAxis = upAxis
        self.rootPrims = rootPrims
    }

    /// Every prim with its absolute path, depth first in authored order.
    public func allPrims() -> [(path: USDPath, prim: USDPrim)] {
        var result: [(USDPath, USDPrim)] = []
        func visit(_ prim: USDPrim, _ parent: USDPath) {
            let path = parent.appendingPrim(prim.name)
            result.append((path, prim))
            for child in prim.children { visit(child, path) }
        }
        for prim in rootPrims { visit(prim, .root) }
        return result
    }
}

public struct USDPrim: Sendable, Equatable {
    public enum Specifier: Int, Sendable, Equatable { case def = 0, over = 1, `class` = 2 }

    public var name: String
    public var typeName: String
    public var specifier: Specifier
    /// Applied API schemas, authored as a prepended list op (e.g. `MaterialBindingAPI`).
    public var apiSchemas: [String]
    public var properties: [USDProperty]
    public var children: [USDPrim]

    public init(name: String, typeName: String, specifier: Specifier = .def, apiSchemas: [String] = [],
                properties: [USDProperty] = [], children: [USDPrim] = []) {
        self.name = name
        self.typeName = typeName
        self.specifier = specifier
        self.apiSchemas = apiSchemas
        self.properties = properties
        self.children = children
    }

    public func attribute(named name: String) -> USDAttribute? {
        for case .attribute(let a) in properties where a.name == name { return a }
        return nil
    }

    public func relationship(named name: String) -> USDRelationship? {
        for case .relationship(let r) in properties where r.name == name { return r }
        return nil
    }

    public func child(named name: String) -> USDPrim? { children.first { $0.name == name } }
}

public enum USDProperty: Sendable, Equatable {
    case attribute(USDAttribute)
    case relationship(USDRelationship)

    public var name: String {
        switch self {
        case .attribute(let a): a.name
        case .relationship(let r): r.name
        }
    }
}

public struct USDAttribute: Sendable, Equatable {
    public enum Variability: Int, Sendable, Equatable { case varying = 0, uniform = 1 }

    /// Namespaced name, e.g. `primvars:st` or `inputs:diffuseColor`.
    public var name: String
    /// The Sdf value type name as written in usda: `point3f[]`, `color3f`, `token` …
    public var typeName: String
    /// nil: declared without a default (outputs, connected inputs).
    public var value: USDValue?
    public var variability: Variability
    /// Absolute property paths this attribute reads from (UsdShade connections).
    public var connections: [USDPath]
    /// Primvar interpolation metadata (`vertex`, `faceVarying`, `constant` …).
    public var interpolation: String?

    public init(name: String, typeName: String, value: USDValue? = nil, variability: Variability = .varying,
                connections: [USDPath] = [], interpolation: String? = nil) {
        self.name = name
        self.typeName = typeName
        self.value = value
        self.variability = variability
        self.connections = connections
        self.interpolation = interpolation
    }
}

public struct USDRelationship: Sendable, Equatable {
    public var name: String
    public var targets: [USDPath]

    public init(name: String, targets: [USDPath]) {
        self.name = name
        self.targets = targets
    }
}

/// An absolute prim or prim-property path. Kept structured (not a string) because the Crate
/// format stores paths as a tree of element tokens.
public struct USDPath: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var primNames: [String]
    public var propertyName: String?

    public static let root = USDPath(primNames: [], propertyName: nil)

    public init(primNames: [String], propertyName: String? = nil) {
        self.primNames = primNames
        self.propertyName = propertyName
    }

    public func appendingPrim(_ name: String) -> USDPath { USDPath(primNames: primNames + [name]) }
    public func appendingProperty(_ name: String) -> USDPath { USDPath(primNames: primNames, propertyName: name) }

    public var primPath: USDPath { USDPath(primNames: primNames) }
    public var isRoot: Bool { primNames.isEmpty && propertyName == nil }

    /// The parent in the path tree: a property's prim, a prim's parent prim, nil for the root.
    public var parent: USDPath? {
        if propertyName != nil { return primPath }
        if primNames.isEmpty { return nil }
        return USDPath(primNames: Array(primNames.dropLast()))
    }

    public var description: String {
        let prim = "/" + primNames.joined(separator: "/")
        guard let propertyName else { return prim }
        return prim + "." + propertyName
    }
}
