import SceneModel

/// Scene → .usdz for AR Quick Look: `model.usdc` (Crate) first, then the textures it reads.
///
/// Left out on purpose: skins and animations (the rest pose is written), morph targets beyond
/// their default weights, KHR_texture_transform (not in the Scene), vertex colours in Quick Look
/// (written, but Quick Look ignores them). Apple's size budget is the caller's job.
public enum USDZWriter {
    public static let rootLayerName = "model.usdc"

    public static func usdz(_ scene: Scene, options: USDZOptions = .default) throws -> [UInt8] {
        let content = USDStageBuilder.build(scene, options: options)
        var entries = [USDZPackage.Entry(name: rootLayerName, data: USDCWriter.write(content.stage))]
        for texture in content.textures { entries.append(USDZPackage.Entry(name: texture.path, data: texture.data)) }
        return try USDZPackage.write(entries)
    }

    /// What this scene has that its .usdz will not carry, for the build summary line
    /// (e.g. "animation, skinning"). Empty when nothing is lost.
    public static func leftOut(_ scene: Scene) -> [String] {
        var lost: [String] = []
        if !scene.animations.isEmpty { lost.append("animation") }
        if !scene.skins.isEmpty { lost.append("skinning") }
        if scene.meshes.contains(where: { $0.primitives.contains { !$0.targets.isEmpty } }) {
            lost.append("morph targets (baked at their default weights)")
        }
        return lost
    }

    /// The same layer as text, for debugging.
    public static func usda(_ scene: Scene, options: USDZOptions = .default) -> String {
        USDAWriter.write(USDStageBuilder.build(scene, options: options).stage)
    }

    /// The layer as Crate bytes alone (no package), for tools and tests.
    public static func usdc(_ scene: Scene, options: USDZOptions = .default) -> [UInt8] {
        USDCWriter.write(USDStageBuilder.build(scene, options: options).stage)
    }
}
