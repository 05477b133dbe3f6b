import SceneModel

/// The look: model-viewer's "neutral" environment approximated by a soft sky/ground hemisphere
/// plus one key light from above-left-front of the camera, a roughness-dependent specular lobe,
/// emissive on top, then Khronos PBR Neutral tone mapping (model-viewer's default tone mapper
/// since v4) so bright areas roll off instead of clipping.
struct Shader: @unchecked Sendable {
    let vertices: [ScreenVertex]
    let triangles: [ScreenTriangle]
    let materials: [ResolvedMaterial]
    let eye: SIMD3<Float>
    let keyDirection: SIMD3<Float>
    let style: PosterStyle

    /// Perspective-correct vertex weights of triangle `t` at pixel point (px, py).
    @inline(__always) func weights(_ t: ScreenTriangle, _ px: Float, _ py: Float) -> SIMD3<Float> {
        let a = vertices[Int(t.a)], b = vertices[Int(t.b)], c = vertices[Int(t.c)]
        let e0 = (c.x - b.x) * (py - b.y) - (c.y - b.y) * (px - b.x)
        let e1 = (a.x - c.x) * (py - c.y) - (a.y - c.y) * (px - c.x)
        let e2 = (b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x)
        let w = SIMD3(e0 * a.invW, e1 * b.invW, e2 * c.invW)
        let sum = w.sum()
        return sum != 0 ? w / sum : SIMD3(1, 0, 0)
    }

    @inline(__always) private func uv(_ t: ScreenTriangle, _ w: SIMD3<Float>) -> SIMD2<Float> {
        vertices[Int(t.a)].uv * w.x + vertices[Int(t.b)].uv * w.y + vertices[Int(t.c)].uv * w.z
    }

    /// Mip level for a texture of this size from the UV change across one pixel.
    @inline(__always) private func lod(_ t: ScreenTriangle, _ px: Float, _ py: Float, _ uv0: SIMD2<Float>, _ tex: TextureView) -> Float {
        let dx = uv(t, weights(t, px + 1, py)) - uv0
        let dy = uv(t, weights(t, px, py + 1)) - uv0
        let size = SIMD2(Float(tex.width), Float(tex.height))
        let fx = dx * size, fy = dy * size
        let rho = max((fx * fx).sum(), (fy * fy).sum())
        return rho > 0 ? 0.5 * log2(rho) : 0
    }

    /// Base colour (linear, straight alpha) — what the alpha test and blending need.
    @inline(__always) private func baseColor(_ t: ScreenTriangle, _ m: ResolvedMaterial, _ w: SIMD3<Float>, _ uv0: SIMD2<Float>,
                                             _ px: Float, _ py: Float) -> SIMD4<Float> {
        let vc = vertices[Int(t.a)].color * w.x + vertices[Int(t.b)].color * w.y + vertices[Int(t.c)].color * w.z
        var base = m.baseColorFactor * vc
        if let slot = m.baseColor {
            let s = slot.texture.sample(uv0, lod: lod(t, px, py, uv0, slot.texture), slot.wrapS, slot.wrapT)
            // Texels are premultiplied; un-premultiply to multiply with the factor.
            let rgb = s.w > 0 ? SIMD3(s.x, s.y, s.z) / s.w : .zero
            base *= SIMD4(rgb.x, rgb.y, rgb.z, s.w)
        }
        return base
    }

    /// Alpha for the MASK test at a pixel.
    func alpha(_ index: Int32, _ px: Float, _ py: Float) -> Float {
        let t = triangles[Int(index)]
        let m = materials[Int(t.material)]
        let w = weights(t, px, py)
        return baseColor(t, m, w, uv(t, w), px, py).w
    }

    /// Shaded colour, linear and premultiplied.
    func shade(_ index: Int32, _ px: Float, _ py: Float) -> SIMD4<Float> {
        let t = triangles[Int(index)]
        let m = materials[Int(t.material)]
        let mat = m
        let w = weights(t, px, py)
        let uv0 = uv(t, w)
        let base = baseColor(t, m, w, uv0, px, py)
        let alpha: Float = mat.alphaMode == .blend ? min(max(base.w, 0), 1) : 1
        var rgb = SIMD3(base.x, base.y, base.z)

        if !mat.unlit {
            let a = vertices[Int(t.a)], b = vertices[Int(t.b)], c = vertices[Int(t.c)]
            let position = a.world * w.x + b.world * w.y + c.world * w.z
            var n = a.normal * w.x + b.normal * w.y + c.normal * w.z
            n = dot(n, n) > 1e-12 ? normalize(n) : t.faceNormal
            if t.backFacing && dot(n, t.faceNormal) < 0 { n = -n }
            let v = normalize(eye - position)
            var metallic = mat.metallicFactor, roughness = mat.roughnessFactor
            if let slot = m.metallicRoughness {
                let s = slot.texture.sample(uv0, lod: lod(t, px, py, uv0, slot.texture), slot.wrapS, slot.wrapT)
                roughness *= s.y
                metallic *= s.z
            }
            metallic = min(max(metallic, 0), 1)
            roughness = min(max(roughness, 0.04), 1)
            rgb = light(albedo: rgb, n: n, v: v, metallic: metallic, roughness: roughness)
        }
        var emissive = mat.emissiveFactor
        if let slot = m.emissive {
            let s = slot.texture.sample(uv0, lod: lod(t, px, py, uv0, slot.texture), slot.wrapS, slot.wrapT)
            emissive *= SIMD3(s.x, s.y, s.z)
        }
        rgb = Shader.neutralToneMap((rgb + emissive) * style.exposure)
        return SIMD4(rgb.x * alpha, rgb.y * alpha, rgb.z * alpha, alpha)
    }

    @inline(__always) private func hemisphere(_ d: SIMD3<Float>) -> Float {
        let t = d.y * 0.5 + 0.5
        return style.groundLight + (style.skyLight - style.groundLight) * t
    }

    private func light(albedo: SIMD3<Float>, n: SIMD3<Float>, v: SIMD3<Float>, metallic: Float, roughness: Float) -> SIMD3<Float> {
        let nv = max(dot(n, v), 1e-3)
        let f0 = SIMD3<Float>(repeating: 0.04) * (1 - metallic) + albedo * metallic
        // Schlick with roughness: rough surfaces show less grazing-angle sheen.
        let fresnel = f0 + (SIMD3(repeating: max(1 - roughness, 0.04)) - f0).clamped(lowerBound: .zero, upperBound: .one)
            * Float.pow5(1 - nv)
        let diffuseColor = albedo * (1 - metallic)
        let l = keyDirection
        let nl = max(dot(n, l), 0)
        // Diffuse: ambient hemisphere + key light (energy taken by the specular lobe removed).
        let irradiance = hemisphere(n) + style.keyLight * nl
        var color = diffuseColor * (SIMD3(repeating: 1) - fresnel) * irradiance
        // Key-light highlight: normalized Blinn-Phong, exponent from GGX-like alpha.
        if nl > 0 {
            let h = normalize(l + v)
            let alpha = roughness * roughness
            let shininess = max(2 / (alpha * alpha) - 2, 1)
            let nh = max(dot(n, h), 0)
            let spec = (shininess + 8) / (8 * .pi) * powf(nh, shininess)
            color += fresnel * min(spec, 50) * nl * style.keyLight
        }
        // Environment reflection: the hemisphere seen along the (roughness-blurred) reflection.
        let r = n * (2 * dot(n, v)) - v
        let blurred = r * (1 - roughness) + n * roughness
        color += fresnel * hemisphere(normalize(blurred)) * style.reflection
        return color
    }

    /// Khronos PBR Neutral tone mapping (linear in, linear 0...1 out).
    static func neutralToneMap(_ input: SIMD3<Float>) -> SIMD3<Float> {
        var color = input
        let startCompression: Float = 0.8 - 0.04, desaturation: Float = 0.15
        let x = min(color.x, min(color.y, color.z))
        let offset: Float = x < 0.08 ? x - 6.25 * x * x : 0.04
        color -= offset
        let peak = max(color.x, max(color.y, color.z))
        guard peak >= startCompression else { return color.clamped(lowerBound: .zero, upperBound: .one) }
        let d = 1 - startCompression
        let newPeak = 1 - d * d / (peak + d - startCompression)
        color *= newPeak / peak
        let g = 1 - 1 / (desaturation * (peak - newPeak) + 1)
        return (color * (1 - g) + SIMD3(repeating: newPeak) * g).clamped(lowerBound: .zero, upperBound: .one)
    }
}

extension Float {
    @inline(__always) static func pow5(_ x: Float) -> Float { let x2 = x * x; return x2 * x2 * x }
}

extension SIMD3 where Scalar == Float {
    static var one: SIMD3<Float> { SIMD3(repeating: 1) }
}

import Foundation
