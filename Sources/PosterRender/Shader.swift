import Foundation
import SceneModel

/// The look of model-viewer's first frame: image-based light from its neutral environment
/// (measured, `NeutralEnvironment`) through three.js's physical material (split-sum specular
/// with Karis' DFG approximation and multiple-scattering compensation, energy-conserving
/// diffuse), emissive on top, then Khronos PBR Neutral tone mapping at model-viewer's exposure.
/// model-viewer adds no direct lights, so neither does this.
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
    let environment: NeutralEnvironment
    let style: PosterStyle

    /// model-viewer multiplies the exposure by this when it tone-maps with PBR Neutral under its
    /// neutral environment (its COMMERCE_EXPOSURE), so the same number is used here.
    static let viewerExposure: Float = 1.3

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
            roughness = min(max(roughness, 0.0525), 1)  // three.js's floor
            rgb = light(albedo: rgb, n: n, v: v, metallic: metallic, roughness: roughness)
        }
        var emissive = m.pointee.emissiveFactor
        if let slot = m.pointee.emissive {
            let texel = sample(slot, s)
            emissive *= SIMD3(texel.x, texel.y, texel.z)
        }
        rgb = Shader.neutralToneMap((rgb + emissive) * (style.exposure * Shader.viewerExposure))
        return SIMD4(rgb * alpha, alpha)
    }

    /// three.js's MeshStandardMaterial under image-based light only (RE_IndirectSpecular_Physical).
    @inline(__always) private func light(albedo: SIMD3<Float>, n: SIMD3<Float>, v: SIMD3<Float>, metallic: Float, roughness: Float) -> SIMD3<Float> {
        let nv = min(max(dot(n, v), 0), 1)
        let specularColor = SIMD3<Float>(repeating: 0.04) * (1 - metallic) + albedo * metallic
        let diffuseColor = albedo * (1 - metallic)
        let (scale, bias) = Shader.dfg(nv: nv, roughness: roughness)
        let singleScatter = specularColor * scale + SIMD3(repeating: bias)  // F90 = 1
        let ess = scale + bias, ems = 1 - ess
        let fAverage = specularColor + (1 - specularColor) * 0.047619
        let multiScatter = singleScatter * fAverage / (1 - ems * fAverage) * ems
        let total = singleScatter + multiScatter
        let irradiance = environment.irradiance(n)
        let diffuse = diffuseColor * (1 - max(total.x, max(total.y, total.z)))
        // The reflection, bent towards the normal on rough surfaces as three.js does. At
        // roughness 1 (glTF's default, and most converted OBJ/PLY/STL materials) it is the
        // normal itself, and the filtered light there is the irradiance already looked up.
        let radiance: Float
        if roughness >= 1 {
            radiance = irradiance
        } else {
            let reflected = n * (2 * dot(n, v)) - v
            var r = reflected + (n - reflected) * (roughness * roughness)
            r *= 1 / max(length(r), 1e-6)
            radiance = environment.radiance(r, roughness: roughness)
        }
        return singleScatter * radiance + (multiScatter + diffuse) * irradiance
    }

    /// three.js's DFGApprox (Karis' analytic fit of the split-sum BRDF): scale and bias on F0.
    @inline(__always) static func dfg(nv: Float, roughness: Float) -> (Float, Float) {
        let r = SIMD4<Float>(-1, -0.0275, -0.572, 0.022) * roughness + SIMD4<Float>(1, 0.0425, 1.04, -0.04)
        let a004 = min(r.x * r.x, fastExp2(-9.28 * nv)) * r.x + r.y
        return (-1.04 * a004 + r.z, 1.04 * a004 + r.w)
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
