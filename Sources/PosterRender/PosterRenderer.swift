import Dispatch
import Foundation
import Imaging
import SceneModel

/// Renders a poster image of a scene on the CPU.
public enum PosterRenderer {
    public struct RenderError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Largest texture side kept for rendering; a poster never needs more detail than this.
    static let maxTextureSide = 2048

    /// Renders `scene` into a `size.width × size.height` image. `camera` nil frames the model
    /// from `CameraOrbit.threeQuarter`; `background` nil leaves it transparent, otherwise it is
    /// an sRGB-encoded RGBA colour with components 0...1 (like CSS).
    public static func render(_ scene: Scene, size: (width: Int, height: Int), camera: PosterCamera? = nil,
                              background: SIMD4<Float>? = nil, style: PosterStyle = .default) throws -> RGBAImage {
        let (width, height) = size
        guard width > 0, height > 0, width <= 16384, height <= 16384 else {
            throw RenderError(description: "poster size \(width)x\(height) is out of range (1...16384 per side)")
        }
        let box = scene.bounds
        let camera = camera ?? PosterCamera.framing(scene)
        let ss = max(1, min(4, style.supersampling ?? (max(width, height) <= 512 ? 3 : 2)))
        let hiW = width * ss, hiH = height * ss

        // Camera matrices; near/far bracket the model so 1/w keeps its precision.
        let aspect = Float(width) / Float(height)
        let fov = camera.effectiveVerticalFOV(aspect: aspect)
        let view = Matrix4.lookAt(eye: camera.eye, target: camera.target, up: camera.up)
        let distance = length(camera.target - camera.eye)
        let reach = box.isEmpty ? 1 : max(length(box.size) / 2, 1e-4)
        let far = distance + reach * 2 + 1e-3
        let near = max(far * 1e-4, min(distance - reach * 1.5, distance * 0.5))
        let projection = Matrix4.perspective(fovY: fov, aspect: aspect, near: near, far: far)

        let (materials, textures) = try resolveMaterials(scene)
        let geometry = ScreenGeometry(scene: scene, viewProjection: projection * view, near: near,
                                      width: hiW, height: hiH, materials: materials)
        // The per-pixel code reads these through plain pointers; they live until the end of
        // this function (see `withExtendedLifetime` below).
        let vertices = FixedArray(geometry.vertices), triangles = FixedArray(geometry.triangles)
        let setups = TriangleSetup.all(vertices: vertices, triangles: triangles)
        let materialTable = FixedArray(materials)

        let forward = normalize(camera.target - camera.eye)
        let right = normalize(cross(forward, camera.up))
        let up = cross(right, forward)
        let shader = Shader(vertices: vertices.pointer, triangles: triangles.pointer, setups: setups.pointer,
                            materials: materialTable.pointer, eye: camera.eye, environment: .shared, style: style)

        let shadow = ContactShadow(scene: scene, box: box, eye: camera.eye, opacity: style.shadowOpacity)
        let tanY = tan(fov / 2), tanX = tanY * aspect
        let backgroundLinear = background.map {
            SIMD4(ColorSpace.linear($0.x) * $0.w, ColorSpace.linear($0.y) * $0.w, ColorSpace.linear($0.z) * $0.w, min(max($0.w, 0), 1))
        }
        let finisher = PixelFinisher(width: width, height: height, shadow: shadow, forward: forward, right: right, up: up,
                                     tanX: tanX, tanY: tanY, background: backgroundLinear)

        let pixels = withExtendedLifetime((textures, vertices, triangles, setups, materialTable)) {
            Rasterizer(width: width, height: height, samplesPerSide: ss, vertices: vertices.pointer, triangles: triangles.pointer,
                       triangleCount: triangles.count, shader: shader, finisher: finisher).render()
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// Decodes every texture a material uses (each image once per colour space and alpha use,
    /// in parallel), shrinking oversized ones first. Index `scene.materials.count` is glTF's
    /// default material. The textures are returned too: the materials only borrow them.
    ///
    /// Textures are filtered premultiplied, so a texel with alpha 0 would lose its colour. Only
    /// a base colour of a MASK or BLEND material means its alpha; glTF says OPAQUE ignores it,
    /// and metal/roughness and emissive maps have none. Those are read with alpha set to 1.
    static func resolveMaterials(_ scene: Scene) throws -> ([ResolvedMaterial], [Texture]) {
        struct Key: Hashable { var image: Int; var srgb: Bool; var usesAlpha: Bool }
        let all = scene.materials + [Material()]
        func keys(of m: Material) -> [(ref: TextureRef?, key: Key?)] {
            [(m.baseColorTexture, true, m.alphaMode != .opaque), (m.metallicRoughnessTexture, false, false),
             (m.emissiveTexture, true, false)].map { ref, srgb, usesAlpha in
                guard let ref, scene.images.indices.contains(ref.image) else { return (ref, nil) }
                return (ref, Key(image: ref.image, srgb: srgb, usesAlpha: usesAlpha))
            }
        }
        var unique: [Key] = []
        for m in all {
            for case let key? in keys(of: m).map(\.key) where !unique.contains(key) { unique.append(key) }
        }
        let slots = TextureSlots(count: unique.count)
        let jobs = unique
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            // A broken texture should not cost the whole poster: shade with the factor only.
            guard var image = try? ImageDecoder.decode(scene.images[jobs[i].image].data),
                  image.width > 0, image.height > 0 else { return }
            if !jobs[i].usesAlpha {
                for a in stride(from: 3, to: image.pixels.count, by: 4) { image.pixels[a] = 255 }
            }
            let small = ImageResize.downscale(image, maxDimension: maxTextureSide, srgb: jobs[i].srgb)
            slots.set(i, Texture(small, srgb: jobs[i].srgb))
        }
        let textures = slots.values
        let out = all.map { m in
            let found = keys(of: m).map { $0.key.flatMap { key in unique.firstIndex(of: key).flatMap { textures[$0] } } }
            return ResolvedMaterial(m, baseColor: found[0], metallicRoughness: found[1], emissive: found[2])
        }
        return (out, textures.compactMap { $0 })
    }
}

/// Write-once texture slots filled from `concurrentPerform`, one index per iteration.
private final class TextureSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Texture?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ t: Texture) { lock.lock(); slots[i] = t; lock.unlock() }
    var values: [Texture?] { lock.lock(); defer { lock.unlock() }; return slots }
}
