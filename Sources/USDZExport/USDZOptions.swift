/// What the USDZ writer may decide. Apple's budget (100k triangles, 2048² textures) is not applied
/// here: the pipeline simplifies and downscales the Scene before calling the writer.
public struct USDZOptions: Sendable, Equatable {
    /// Name of the top-level Xform, which is also the stage's defaultPrim.
    public var rootPrimName: String
    /// Vertex colours as `primvars:displayColor`. AR Quick Look ignores them when a material is
    /// bound, but other USD viewers show them.
    public var writeVertexColors: Bool
    /// Bake the mesh's default morph weights into the points (USDZ gets no blend shapes here).
    public var bakeMorphWeights: Bool

    public init(rootPrimName: String = "Root", writeVertexColors: Bool = true, bakeMorphWeights: Bool = true) {
        self.rootPrimName = rootPrimName
        self.writeVertexColors = writeVertexColors
        self.bakeMorphWeights = bakeMorphWeights
    }

    public static let `default` = USDZOptions()
}
