/// The one in-memory model every stage shares: importers fill it, passes rewrite it, writers read it.
///
/// It is lossless and layout-free on purpose (see ARCHITECTURE.md, "lossless in memory, lossy at
/// write time"): attribute streams are plain float vectors, references are array indices, and no
/// byte offset or encoding appears here. Writers decide those.
public struct Scene: Sendable, Equatable {
    public var nodes: [Node]
    /// Nodes with no parent, in drawing order.
    public var roots: [Int]
    public var meshes: [Mesh]
    public var materials: [Material]
    public var images: [Image]
    public var skins: [Skin]
    public var animations: [Animation]
    /// What the source file says about itself (units, up axis); passes use it, writers ignore it.
    public var source: SourceInfo

    public init(nodes: [Node] = [], roots: [Int] = [], meshes: [Mesh] = [], materials: [Material] = [],
                images: [Image] = [], skins: [Skin] = [], animations: [Animation] = [], source: SourceInfo = SourceInfo()) {
        self.nodes = nodes
        self.roots = roots
        self.meshes = meshes
        self.materials = materials
        self.images = images
        self.skins = skins
        self.animations = animations
        self.source = source
    }
}

/// Facts about the source file that a later pass may act on.
public struct SourceInfo: Sendable, Equatable {
    public enum Axis: String, Sendable, Equatable { case x, y, z }
    /// The file format's name as the importer reported it ("obj", "fbx" …).
    public var format: String
    /// How many metres one source unit is, when the file says so (FBX in centimetres: 0.01).
    public var metresPerUnit: Double?
    /// The up axis the file declares, when it declares one.
    public var upAxis: Axis?

    public init(format: String = "", metresPerUnit: Double? = nil, upAxis: Axis? = nil) {
        self.format = format
        self.metresPerUnit = metresPerUnit
        self.upAxis = upAxis
    }
}
