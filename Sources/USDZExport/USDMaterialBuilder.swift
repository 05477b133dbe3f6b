import SceneModel

/// glTF metallic-roughness → a `Material` prim holding a `UsdPreviewSurface` network.
///
/// Factors that glTF multiplies with a texture become the `UsdUVTexture`'s `scale` (and `bias` for
/// occlusion strength), as three.js's USDZExporter does, so one texture read carries both.
/// Only ids ARKit accepts are used: UsdPreviewSurface, UsdUVTexture, UsdPrimvarReader_float2.
struct USDMaterialBuilder {
    /// Package-relative file per scene image (`textures/…`); images missing here are not written.
    let texturePaths: [Int: String]

    func material(_ material: Material, name: String, path: USDPath) -> USDPrim {
        var network = Network(path: path, texturePaths: texturePaths)
        let surfacePath = path.appendingPrim("PreviewSurface")
        var inputs: [USDAttribute] = []

        let base = material.baseColorFactor
        let baseTexture = material.baseColorTexture.flatMap { network.texture($0, role: "BaseColor", colorSpace: "sRGB", scale: base) }
        let hasAlpha = material.alphaMode != .opaque

        if material.unlit {
            // Quick Look has no unlit model; emitting the colour and removing the diffuse term is the
            // closest look for scans with baked lighting.
            inputs.append(colorInput("diffuseColor", .zero, nil))
            inputs.append(colorInput("emissiveColor", SIMD3(base.x, base.y, base.z), baseTexture?.output("rgb")))
            inputs.append(floatInput("metallic", 0, nil))
            inputs.append(floatInput("roughness", 1, nil))
        } else {
            inputs.append(colorInput("diffuseColor", SIMD3(base.x, base.y, base.z), baseTexture?.output("rgb")))

            let mr = material.metallicRoughnessTexture.flatMap {
                network.texture($0, role: "MetallicRoughness", colorSpace: "raw",
                                scale: SIMD4(1, material.roughnessFactor, material.metallicFactor, 1))
            }
            inputs.append(floatInput("metallic", material.metallicFactor, mr?.output("b")))
            inputs.append(floatInput("roughness", material.roughnessFactor, mr?.output("g")))

            let e = material.emissiveFactor
            let emissive = e == .zero ? nil : material.emissiveTexture.flatMap {
                network.texture($0, role: "Emissive", colorSpace: "sRGB", scale: SIMD4(e.x, e.y, e.z, 1))
            }
            if e != .zero { inputs.append(colorInput("emissiveColor", e, emissive?.output("rgb"))) }

            if let ref = material.normalTexture {
                // Tangent-space normals in [0,1] → [-1,1]; normalScale scales x and y only.
                let s = material.normalScale
                if let normal = network.texture(ref, role: "Normal", colorSpace: "raw", scale: SIMD4(2 * s, 2 * s, 2, 1),
                                                bias: SIMD4(-s, -s, -1, 0)) {
                    inputs.append(USDAttribute(name: "inputs:normal", typeName: "normal3f", connections: [normal.output("rgb")]))
                }
            }
            if let ref = material.occlusionTexture {
                // occlusion = 1 + strength · (texel − 1)
                let s = material.occlusionStrength
                if let occlusion = network.texture(ref, role: "Occlusion", colorSpace: "raw", scale: SIMD4(s, s, s, 1),
                                                   bias: SIMD4(1 - s, 1 - s, 1 - s, 0)) {
                    inputs.append(USDAttribute(name: "inputs:occlusion", typeName: "float", connections: [occlusion.output("r")]))
                }
            }
        }
        if hasAlpha {
            inputs.append(floatInput("opacity", base.w, baseTexture?.output("a")))
            if material.alphaMode == .mask {
                inputs.append(floatInput("opacityThreshold", clamp01(material.alphaCutoff), nil))
            }
        }
        inputs.append(USDAttribute(name: "inputs:useSpecularWorkflow", typeName: "int", value: .int(0)))

        let surface = USDPrim(name: "PreviewSurface", typeName: "Shader", properties:
            [.attribute(USDAttribute(name: "info:id", typeName: "token", value: .token("UsdPreviewSurface"), variability: .uniform))]
            + inputs.map { .attribute($0) }
            + [.attribute(USDAttribute(name: "outputs:surface", typeName: "token"))])

        let output = USDAttribute(name: "outputs:surface", typeName: "token",
                                  connections: [surfacePath.appendingProperty("outputs:surface")])
        return USDPrim(name: name, typeName: "Material", properties: [.attribute(output)],
                       children: [surface] + network.shaders)
    }

    private func colorInput(_ name: String, _ value: SIMD3<Float>, _ source: USDPath?) -> USDAttribute {
        if let source { return USDAttribute(name: "inputs:" + name, typeName: "color3f", connections: [source]) }
        return USDAttribute(name: "inputs:" + name, typeName: "color3f", value: .float3(finite(value)))
    }

    private func floatInput(_ name: String, _ value: Float, _ source: USDPath?) -> USDAttribute {
        if let source { return USDAttribute(name: "inputs:" + name, typeName: "float", connections: [source]) }
        return USDAttribute(name: "inputs:" + name, typeName: "float", value: .float(clamp01(value)))
    }
}

/// The texture and primvar-reader shaders of one material, created on first use.
private struct Network {
    struct TextureNode {
        let path: USDPath
        func output(_ channel: String) -> USDPath { path.appendingProperty("outputs:" + channel) }
    }

    let path: USDPath
    let texturePaths: [Int: String]
    var shaders: [USDPrim] = []
    private var readers: [Int: USDPath] = [:]

    init(path: USDPath, texturePaths: [Int: String]) {
        self.path = path
        self.texturePaths = texturePaths
    }

    mutating func texture(_ ref: TextureRef, role: String, colorSpace: String, scale: SIMD4<Float> = SIMD4(1, 1, 1, 1),
                          bias: SIMD4<Float> = .zero) -> TextureNode? {
        guard let file = texturePaths[ref.image] else { return nil }
        let reader = primvarReader(set: ref.texCoord)
        let name = role + "Texture"
        var properties: [USDProperty] = [
            .attribute(USDAttribute(name: "info:id", typeName: "token", value: .token("UsdUVTexture"), variability: .uniform)),
            .attribute(USDAttribute(name: "inputs:file", typeName: "asset", value: .asset(file))),
            .attribute(USDAttribute(name: "inputs:st", typeName: "float2", connections: [reader])),
            .attribute(USDAttribute(name: "inputs:wrapS", typeName: "token", value: .token(wrap(ref.wrapS)))),
            .attribute(USDAttribute(name: "inputs:wrapT", typeName: "token", value: .token(wrap(ref.wrapT)))),
            .attribute(USDAttribute(name: "inputs:sourceColorSpace", typeName: "token", value: .token(colorSpace), variability: .uniform)),
        ]
        if scale != SIMD4(1, 1, 1, 1) {
            properties.append(.attribute(USDAttribute(name: "inputs:scale", typeName: "float4", value: .float4(finite(scale)))))
        }
        if bias != .zero {
            properties.append(.attribute(USDAttribute(name: "inputs:bias", typeName: "float4", value: .float4(finite(bias)))))
        }
        for (channel, type) in [("rgb", "float3"), ("r", "float"), ("g", "float"), ("b", "float"), ("a", "float")] {
            properties.append(.attribute(USDAttribute(name: "outputs:" + channel, typeName: type)))
        }
        shaders.append(USDPrim(name: name, typeName: "Shader", properties: properties))
        return TextureNode(path: path.appendingPrim(name))
    }

    private mutating func primvarReader(set: Int) -> USDPath {
        if let existing = readers[set] { return existing.appendingProperty("outputs:result") }
        let name = set == 0 ? "PrimvarReader_st" : "PrimvarReader_st\(set)"
        let shaderPath = path.appendingPrim(name)
        shaders.append(USDPrim(name: name, typeName: "Shader", properties: [
            .attribute(USDAttribute(name: "info:id", typeName: "token", value: .token("UsdPrimvarReader_float2"), variability: .uniform)),
            .attribute(USDAttribute(name: "inputs:varname", typeName: "string", value: .string(USDMeshBuilder.stName(set: set)))),
            .attribute(USDAttribute(name: "outputs:result", typeName: "float2")),
        ]))
        readers[set] = shaderPath
        return shaderPath.appendingProperty("outputs:result")
    }

    private func wrap(_ w: TextureRef.Wrap) -> String {
        switch w {
        case .repeating: "repeat"
        case .clampToEdge: "clamp"
        case .mirroredRepeat: "mirror"
        }
    }
}

func clamp01(_ x: Float) -> Float { x.isFinite ? min(max(x, 0), 1) : 0 }
func finite<V: SIMD>(_ v: V) -> V where V.Scalar == Float {
    var r = v
    for i in r.indices where !r[i].isFinite { r[i] = 0 }
    return r
}
