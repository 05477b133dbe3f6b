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
        // Key light from above, to the left and in front of the camera, so every view is lit
        // the same way relative to what it shows.
        let forward = normalize(camera.target - camera.eye)
        let right = normalize(cross(forward, camera.up))
        let up = cross(right, forward)
        let key = normalize(right * -0.5 + up * 0.9 + forward * -0.6)
        let shader = Shader(vertices: geometry.vertices, triangles: geometry.triangles, materials: materials,
                            eye: camera.eye, keyDirection: key, style: style)
        // The materials sample through borrowed views; keep their textures alive until done.
        let hiRes = withExtendedLifetime(textures) {
            Rasterizer(width: hiW, height: hiH, geometry: geometry, shader: shader, samplesPerSide: ss).render()
        }

        let shadow = ContactShadow(eye: camera.eye, groundY: box.isEmpty ? 0 : box.min.y,
                                   center: box.isEmpty ? .zero : SIMD2(box.center.x, box.center.z),
                                   halfExtent: box.isEmpty ? SIMD2(1, 1) : pointwiseMax(SIMD2(box.size.x, box.size.z) / 2, SIMD2(repeating: reach * 0.05)),
                                   opacity: box.isEmpty ? 0 : style.shadowOpacity)
        let tanY = tan(fov / 2), tanX = tanY * aspect
        let backgroundLinear = background.map {
            SIMD4(ColorSpace.linear($0.x) * $0.w, ColorSpace.linear($0.y) * $0.w, ColorSpace.linear($0.z) * $0.w, min(max($0.w, 0), 1))
        }

        // Box-filter each ss×ss block (premultiplied, linear), then composite over the shadow
        // and the background and encode to sRGB with straight alpha.
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let scale = 1 / Float(ss * ss)
        pixels.withUnsafeMutableBufferPointer { out in
            let out = UncheckedPointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: height) { y in
                let ndcY = 1 - 2 * (Float(y) + 0.5) / Float(height)
                for x in 0..<width {
                    var sum = SIMD4<Float>.zero
                    for sy in 0..<ss {
                        let row = (y * ss + sy) * hiW + x * ss
                        for sx in 0..<ss { sum += hiRes[row + sx] }
                    }
                    var c = sum * scale
                    let ndcX = 2 * (Float(x) + 0.5) / Float(width) - 1
                    let ray = forward + right * (ndcX * tanX) + up * (ndcY * tanY)
                    let s = shadow.alpha(direction: ray)
                    c.w += s * (1 - c.w)
                    if let bg = backgroundLinear { c += bg * (1 - c.w) }
                    let i = (y * width + x) * 4
                    let a = min(max(c.w, 0), 1)
                    if a > 0 {
                        out.p[i] = ColorSpace.encode(c.x / a)
                        out.p[i + 1] = ColorSpace.encode(c.y / a)
                        out.p[i + 2] = ColorSpace.encode(c.z / a)
                    }
                    out.p[i + 3] = UInt8((a * 255).rounded())
                }
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// Decodes every texture a material uses (each image once per colour space, in parallel),
    /// shrinking oversized ones first. Index `scene.materials.count` is glTF's default material.
    /// The textures are returned too: the materials only borrow them.
    static func resolveMaterials(_ scene: Scene) throws -> ([ResolvedMaterial], [Texture]) {
        struct Key: Hashable { var image: Int; var srgb: Bool }
        let all = scene.materials + [Material()]
        var keys: [Key] = []
        for m in all {
            for (ref, srgb) in [(m.baseColorTexture, true), (m.metallicRoughnessTexture, false), (m.emissiveTexture, true)] {
                guard let ref, scene.images.indices.contains(ref.image) else { continue }
                let key = Key(image: ref.image, srgb: srgb)
                if !keys.contains(key) { keys.append(key) }
            }
        }
        let slots = TextureSlots(count: keys.count)
        let jobs = keys
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            // A broken texture should not cost the whole poster: shade with the factor only.
            guard let image = try? ImageDecoder.decode(scene.images[jobs[i].image].data),
                  image.width > 0, image.height > 0 else { return }
            let small = ImageResize.downscale(image, maxDimension: maxTextureSide, srgb: jobs[i].srgb)
            slots.set(i, Texture(small, srgb: jobs[i].srgb))
        }
        let textures = slots.values
        func texture(_ ref: TextureRef?, srgb: Bool) -> Texture? {
            guard let ref, let i = keys.firstIndex(of: Key(image: ref.image, srgb: srgb)) else { return nil }
            return textures[i]
        }
        let out = all.map { m in
            ResolvedMaterial(m, baseColor: texture(m.baseColorTexture, srgb: true),
                             metallicRoughness: texture(m.metallicRoughnessTexture, srgb: false),
                             emissive: texture(m.emissiveTexture, srgb: true))
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

/// A raw pointer handed to concurrent rows that write disjoint bytes.
struct UncheckedPointer: @unchecked Sendable {
    let p: UnsafeMutablePointer<UInt8>
    init(_ p: UnsafeMutablePointer<UInt8>) { self.p = p }
}

import Dispatch
import Foundation
