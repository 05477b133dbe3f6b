import Foundation
import SceneModel

/// The look: model-viewer's "neutral" environment approximated by a soft sky/ground hemisphere
/// plus one key light from above-left-front of the camera, a roughness-dependent specular lobe,
/// emissive on top, then Khronos PBR Neutral tone mapping (model-viewer's default tone mapper
/// since v4) so bright areas roll off instead of clipping.
///
/// It reads the frame's geometry through plain pointers (owned by `PosterRenderer.render`,
/// which outlives every call) so that a shade, the innermost expensive step, does no reference
/// counting and no bounds checks.
struct Shader: @unchecked Sendable {
    let vertices: UnsafePointer<ScreenVertex>
    let triangles: UnsafePointer<ScreenTriangle>
    let setups: UnsafePointer<TriangleSetup>
    let materials: UnsafePointer<ResolvedMaterial>
    let eye: SIMD3<Float>
    let keyDirection: SIMD3<Float>
    let style: PosterStyle

    /// What the base colour needs at a point of a triangle: normalized perspective-correct
    /// weights, UV, and the UV derivatives per supersampled pixel for mip selection.
    private struct Surface {
        var w: SIMD3<Float>
        var uv: SIMD2<Float>
        var uvDx: SIMD2<Float>
        var uvDy: SIMD2<Float>
    }

    @inline(__always) private func surface(_ index: Int, _ t: ScreenTriangle, _ px: Float, _ py: Float) -> Surface {
        let setup = setups[index]
        let q = setup.weights(px, py)
        // Shade points lie inside the triangle, where the sum is positive; guard anyway.
        let w = q.w != 0 ? SIMD3(q.x, q.y, q.z) / q.w : SIMD3(1, 0, 0)
        let uv = vertices[Int(t.a)].uv * w.x + vertices[Int(t.b)].uv * w.y + vertices[Int(t.c)].uv * w.z
        let (dx, dy) = q.w != 0 ? setup.uvDerivatives(q, uv) : (.zero, .zero)
        return Surface(w: w, uv: uv, uvDx: dx, uvDy: dy)
    }

    @inline(__always) private func sample(_ slot: ResolvedMaterial.Slot, _ s: Surface) -> SIMD4<Float> {
        slot.texture.sample(s.uv, lod: slot.texture.lod(s.uvDx, s.uvDy), slot.wrapS, slot.wrapT)
    }

    /// Base colour (linear, straight alpha) — what the alpha test and blending need.
    @inline(__always) private func baseColor(_ t: ScreenTriangle, _ m: UnsafePointer<ResolvedMaterial>, _ s: Surface) -> SIMD4<Float> {
        var base = m.pointee.baseColorFactor
        if t.hasVertexColors {
            base *= vertices[Int(t.a)].color * s.w.x + vertices[Int(t.b)].color * s.w.y + vertices[Int(t.c)].color * s.w.z
        }
        if let slot = m.pointee.baseColor {
            let texel = sample(slot, s)
            // Texels are premultiplied; un-premultiply to multiply with the factor.
            let rgb = texel.w > 0 ? SIMD3(texel.x, texel.y, texel.z) / texel.w : .zero
            base *= SIMD4(rgb, texel.w)
        }
        return base
    }

    /// Alpha for the MASK test at a point.
    func alpha(_ index: Int32, _ px: Float, _ py: Float) -> Float {
        let t = triangles[Int(index)]
        return baseColor(t, materials + Int(t.material), surface(Int(index), t, px, py)).w
    }

    /// Shaded colour at a point inside triangle `index`, linear and premultiplied.
    func shade(_ index: Int32, _ px: Float, _ py: Float) -> SIMD4<Float> {
        let t = triangles[Int(index)]
        let m = materials + Int(t.material)
        let s = surface(Int(index), t, px, py)
        let base = baseColor(t, m, s)
        let alpha: Float = m.pointee.alphaMode == .blend ? min(max(base.w, 0), 1) : 1
        var rgb = SIMD3(base.x, base.y, base.z)

        if !m.pointee.unlit {
            let a = vertices[Int(t.a)], b = vertices[Int(t.b)], c = vertices[Int(t.c)]
            let position = a.world * s.w.x + b.world * s.w.y + c.world * s.w.z
            var n = a.normal * s.w.x + b.normal * s.w.y + c.normal * s.w.z
            n = dot(n, n) > 1e-12 ? normalize(n) : t.faceNormal
            if t.backFacing && dot(n, t.faceNormal) < 0 { n = -n }
            let v = normalize(eye - position)
            var metallic = m.pointee.metallicFactor, roughness = m.pointee.roughnessFactor
            if let slot = m.pointee.metallicRoughness {
                let texel = sample(slot, s)
                roughness *= texel.y
                metallic *= texel.z
            }
            metallic = min(max(metallic, 0), 1)
            roughness = min(max(roughness, 0.04), 1)
            rgb = light(albedo: rgb, n: n, v: v, metallic: metallic, roughness: roughness)
        }
        var emissive = m.pointee.emissiveFactor
        if let slot = m.pointee.emissive {
            let texel = sample(slot, s)
            emissive *= SIMD3(texel.x, texel.y, texel.z)
        }
        rgb = Shader.neutralToneMap((rgb + emissive) * style.exposure)
        return SIMD4(rgb * alpha, alpha)
    }

    @inline(__always) private func hemisphere(_ d: SIMD3<Float>) -> Float {
        let t = d.y * 0.5 + 0.5
        return style.groundLight + (style.skyLight - style.groundLight) * t
    }

    @inline(__always) private func light(albedo: SIMD3<Float>, n: SIMD3<Float>, v: SIMD3<Float>, metallic: Float, roughness: Float) -> SIMD3<Float> {
        let nv = max(dot(n, v), 1e-3)
        let f0 = SIMD3<Float>(repeating: 0.04) * (1 - metallic) + albedo * metallic
        // Schlick with roughness: rough surfaces show less grazing-angle sheen.
        let fresnel = f0 + clamp01(SIMD3(repeating: max(1 - roughness, 0.04)) - f0) * Float.pow5(1 - nv)
        let diffuseColor = albedo * (1 - metallic)
        let l = keyDirection
        let nl = max(dot(n, l), 0)
        // Diffuse: ambient hemisphere + key light (energy taken by the specular lobe removed).
        let irradiance = hemisphere(n) + style.keyLight * nl
        var color = diffuseColor * (1 - fresnel) * irradiance
        // Key-light highlight: normalized Blinn-Phong, exponent from GGX-like alpha.
        if nl > 0 {
            let h = normalize(l + v)
            let alpha = roughness * roughness
            let shininess = max(2 / (alpha * alpha) - 2, 1)
            let nh = max(dot(n, h), 0)
            // Roughness ≥ 0.84 (glTF's default is 1) clamps the exponent to exactly 1: skip powf.
            let lobe = shininess == 1 ? nh : powf(nh, shininess)
            let spec = (shininess + 8) / (8 * .pi) * lobe
            color += fresnel * min(spec, 50) * nl * style.keyLight
        }
        // Environment reflection: the hemisphere seen along the (roughness-blurred) reflection.
        let r = n * (2 * dot(n, v)) - v
        let blurred = r * (1 - roughness) + n * roughness
        color += fresnel * hemisphere(normalize(blurred)) * style.reflection
        return color
    }

    /// Khronos PBR Neutral tone mapping (linear in, linear 0...1 out).
    @inline(__always) static func neutralToneMap(_ input: SIMD3<Float>) -> SIMD3<Float> {
        var color = input
        let startCompression: Float = 0.8 - 0.04, desaturation: Float = 0.15
        let x = min(color.x, min(color.y, color.z))
        let offset: Float = x < 0.08 ? x - 6.25 * x * x : 0.04
        color -= offset
        let peak = max(color.x, max(color.y, color.z))
        guard peak >= startCompression else { return clamp01(color) }
        let d = 1 - startCompression
        let newPeak = 1 - d * d / (peak + d - startCompression)
        color *= newPeak / peak
        let g = 1 - 1 / (desaturation * (peak - newPeak) + 1)
        return clamp01(color * (1 - g) + SIMD3(repeating: newPeak) * g)
    }
}

/// Component-wise clamp to 0...1, spelled out: the generic `clamped(lowerBound:upperBound:)`
/// was not inlined and showed up in profiles of the per-pixel path.
@inline(__always) func clamp01(_ v: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3(min(max(v.x, 0), 1), min(max(v.y, 0), 1), min(max(v.z, 0), 1))
}

extension Float {
    @inline(__always) static func pow5(_ x: Float) -> Float { let x2 = x * x; return x2 * x2 * x }
}
