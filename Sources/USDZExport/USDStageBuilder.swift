import SceneModel

/// A stage plus the files it references, ready to be packaged.
public struct USDZContent: Sendable, Equatable {
    public var stage: USDStage
    /// Package-relative path (`textures/…`) and encoded bytes, in package order.
    public var textures: [(path: String, data: [UInt8])]

    public static func == (a: USDZContent, b: USDZContent) -> Bool {
        a.stage == b.stage && a.textures.map(\.path) == b.textures.map(\.path) && a.textures.map(\.data) == b.textures.map(\.data)
    }
}

/// Scene → stage. The layout:
///
///     /Root                      Xform, defaultPrim (metersPerUnit 1, upAxis Y: glTF's own frame)
///       Materials                Scope of Material prims (only those a mesh uses)
///       <node>                   Xform per scene node, `xformOp:transform` when not identity
///         <node or mesh>         children: child nodes and one Mesh per primitive
///
/// Skins and animations are not exported (the rest pose is written as the meshes store it);
/// morph targets are baked at their default weights.
public enum USDStageBuilder {
    public static func build(_ scene: Scene, options: USDZOptions = .default) -> USDZContent {
        var builder = Builder(scene: scene, options: options)
        return builder.run()
    }
}

private struct Builder {
    let scene: Scene
    let options: USDZOptions
    let rootPath: USDPath
    let materialsPath: USDPath
    var texturePaths: [Int: String] = [:]
    var textures: [(path: String, data: [UInt8])] = []
    /// Scene material index (or -1 for the default material) → its prim path, once written.
    var materialPaths: [Int: USDPath] = [:]
    var materialPrims: [USDPrim] = []
    var materialScope = USDNameScope()
    var visited = Set<Int>()

    init(scene: Scene, options: USDZOptions) {
        self.scene = scene
        self.options = options
        let rootName = USDNames.identifier(options.rootPrimName, fallback: "Root")
        rootPath = USDPath.root.appendingPrim(rootName)
        materialsPath = rootPath.appendingPrim("Materials")
        collectTextures()
    }

    mutating func run() -> USDZContent {
        var children: [USDPrim] = []
        var scope = USDNameScope(reserved: ["Materials"])
        for index in scene.roots where scene.nodes.indices.contains(index) {
            if let prim = node(index, parent: rootPath, scope: &scope) { children.append(prim) }
        }
        if !materialPrims.isEmpty {
            children.insert(USDPrim(name: "Materials", typeName: "Scope", children: materialPrims), at: 0)
        }
        let root = USDPrim(name: rootPath.primNames[0], typeName: "Xform", children: children)
        return USDZContent(stage: USDStage(defaultPrim: root.name, rootPrims: [root]), textures: textures)
    }

    /// Images that a material references and that are PNG or JPEG, named `textures/<name>.<ext>`.
    private mutating func collectTextures() {
        var used = Set<Int>()
        for material in scene.materials { for ref in material.textureRefs { used.insert(ref.image) } }
        var scope = USDNameScope()
        for index in used.sorted() where scene.images.indices.contains(index) {
            let image = scene.images[index]
            guard looksLike(image) else { continue }
            let name = scope.claim(image.name, fallback: "image\(index)")
            let path = "textures/\(name).\(image.format.fileExtension)"
            texturePaths[index] = path
            textures.append((path, image.data))
        }
    }

    /// Checks the magic bytes: a mislabelled or empty image would break the texture check.
    private func looksLike(_ image: Image) -> Bool {
        switch image.format {
        case .png: image.data.starts(with: [0x89, 0x50, 0x4E, 0x47])
        case .jpeg: image.data.starts(with: [0xFF, 0xD8, 0xFF])
        case .webp: false  // AR Quick Look is not documented to read WebP
        }
    }

    /// A node reached twice (a malformed graph) is written once, like `Scene.worldTransforms`.
    private mutating func node(_ index: Int, parent: USDPath, scope: inout USDNameScope) -> USDPrim? {
        guard visited.insert(index).inserted else { return nil }
        let node = scene.nodes[index]
        let name = scope.claim(node.name, fallback: "node\(index)")
        let path = parent.appendingPrim(name)
        var prim = USDPrim(name: name, typeName: "Xform")
        if !node.transform.isIdentity, node.transform.columns.count == 4 {
            let m = node.transform.columns.flatMap { [$0.x, $0.y, $0.z, $0.w] }.map { $0.isFinite ? Double($0) : 0 }
            prim.properties = [
                .attribute(USDAttribute(name: "xformOp:transform", typeName: "matrix4d", value: .matrix4d(m))),
                .attribute(USDAttribute(name: "xformOpOrder", typeName: "token[]", value: .tokenArray(["xformOp:transform"]),
                                        variability: .uniform)),
            ]
        }
        var childScope = USDNameScope()
        if let meshIndex = node.mesh, scene.meshes.indices.contains(meshIndex) {
            let mesh = scene.meshes[meshIndex]
            for (i, primitive) in mesh.primitives.enumerated() {
                let base = mesh.name.isEmpty ? "mesh\(meshIndex)" : mesh.name
                let meshName = childScope.claim(mesh.primitives.count > 1 ? "\(base)_\(i)" : base, fallback: "mesh\(meshIndex)")
                let (materialPath, doubleSided) = material(primitive.material)
                if let meshPrim = USDMeshBuilder.mesh(primitive, morphWeights: mesh.morphWeights, name: meshName,
                                                      material: materialPath, doubleSided: doubleSided, options: options) {
                    prim.children.append(meshPrim)
                }
            }
        }
        for child in node.children where scene.nodes.indices.contains(child) {
            if let childPrim = self.node(child, parent: path, scope: &childScope) { prim.children.append(childPrim) }
        }
        return prim
    }

    /// The bound material's path (written on first use) and whether it is double-sided.
    private mutating func material(_ index: Int?) -> (USDPath, Bool) {
        let key = index.flatMap { scene.materials.indices.contains($0) ? $0 : nil } ?? -1
        let source = key >= 0 ? scene.materials[key] : Material(name: "Default")
        if let path = materialPaths[key] { return (path, source.doubleSided) }
        let name = materialScope.claim(source.name, fallback: key >= 0 ? "material\(key)" : "Default")
        let path = materialsPath.appendingPrim(name)
        materialPrims.append(USDMaterialBuilder(texturePaths: texturePaths).material(source, name: name, path: path))
        materialPaths[key] = path
        return (path, source.doubleSided)
    }
}
