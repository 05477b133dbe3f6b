import Foundation
import Imaging
import SceneImport
import SceneModel
import ScenePasses
import TestSupport
import XCTest

final class TextureResizeTests: XCTestCase {
    // MARK: - Size and aspect

    func testLandscapeTextureIsDownscaledKeepingAspect() throws {
        var scene = Self.scene(images: [try Self.png(Self.noise(width: 300, height: 150))], materials: [.colour(0)])
        let report = try resizeTextures(&scene, TextureOptions(maxTextureSize: 100))
        let decoded = try ImageDecoder.decode(scene.images[0].data)
        XCTAssertEqual([decoded.width, decoded.height], [100, 50])
        XCTAssertEqual(report.entries.map(\.action), [.resized])
        XCTAssertEqual([report.entries[0].widthAfter, report.entries[0].heightAfter], [100, 50])
    }

    func testPortraitTextureIsDownscaledKeepingAspect() throws {
        var scene = Self.scene(images: [try Self.jpeg(Self.noise(width: 90, height: 300))], materials: [.colour(0)])
        try resizeTextures(&scene, TextureOptions(maxTextureSize: 100))
        let decoded = try ImageDecoder.decode(scene.images[0].data)
        XCTAssertEqual([decoded.width, decoded.height], [30, 100])
    }

    func testSmallTexturesAreNeverUpscaled() throws {
        let jpeg = try Self.jpeg(Self.noise(width: 64, height: 32))
        let normal = try Self.png(Self.noise(width: 40, height: 20))
        var scene = Self.scene(images: [jpeg, normal], materials: [.colour(0), .normal(1)])
        let report = try resizeTextures(&scene, TextureOptions(maxTextureSize: 2048))
        for (index, size) in [(64, 32), (40, 20)].enumerated() {
            let decoded = try ImageDecoder.decode(scene.images[index].data)
            XCTAssertEqual([decoded.width, decoded.height], [size.0, size.1], "image \(index)")
        }
        XCTAssertEqual(report.entries.map(\.action), [.copied, .copied])
    }

    func testLimitOfZeroMeansNoLimit() throws {
        var scene = Self.scene(images: [try Self.jpeg(Self.noise(width: 300, height: 10))], materials: [.colour(0)])
        let before = scene
        try resizeTextures(&scene, TextureOptions(maxTextureSize: 0))
        XCTAssertTrue(scene.images == before.images, "images changed")
    }

    // MARK: - Format choice

    func testOpaqueColourPNGBecomesJPEG() throws {
        var scene = Self.scene(images: [try Self.png(Self.noise(width: 64, height: 64))], materials: [.colour(0)])
        let before = scene.images[0].data.count
        let report = try resizeTextures(&scene, .default)
        XCTAssertEqual(scene.images[0].format, .jpeg)
        XCTAssertEqual(ImageDecoder.sniff(scene.images[0].data), .jpeg, "the bytes must match the declared format")
        XCTAssertLessThan(scene.images[0].data.count, before)
        XCTAssertEqual(report.entries[0].action, .recoded)
    }

    func testBaseColourWithAlphaUsedByBlendMaterialStaysPNG() throws {
        var scene = Self.scene(images: [try Self.png(Self.noise(width: 256, height: 256, alpha: true))],
                               materials: [.colour(0, alpha: .blend)])
        try resizeTextures(&scene, TextureOptions(maxTextureSize: 64))
        XCTAssertEqual(scene.images[0].format, .png)
        XCTAssertEqual(Self.pngColourType(scene.images[0].data), 6, "RGBA PNG")
        XCTAssertFalse(try ImageDecoder.decode(scene.images[0].data).isOpaque)
    }

    func testAlphaOfAnOpaqueMaterialIsNotKept() throws {
        // glTF ignores base-colour alpha in OPAQUE mode, so the texture may lose it.
        var scene = Self.scene(images: [try Self.png(Self.noise(width: 256, height: 256, alpha: true))],
                               materials: [.colour(0, alpha: .opaque)])
        try resizeTextures(&scene, TextureOptions(maxTextureSize: 64))
        XCTAssertEqual(scene.images[0].format, .jpeg)
    }

    func testNormalMapStaysPNGWhenResized() throws {
        var scene = Self.scene(images: [try Self.png(Self.noise(width: 256, height: 128))], materials: [.normal(0)])
        let report = try resizeTextures(&scene, TextureOptions(maxTextureSize: 64))
        XCTAssertEqual(scene.images[0].format, .png)
        XCTAssertEqual(ImageDecoder.sniff(scene.images[0].data), .png)
        XCTAssertEqual(report.entries[0].action, .resized)
        XCTAssertEqual(report.entries[0].formatAfter, .png)
    }

    func testJPEGNormalMapStaysJPEGWhenResized() throws {
        // Its artefacts are already there; as PNG the downscaled noise would cost several times the bytes.
        var scene = Self.scene(images: [try Self.jpeg(Self.noise(width: 256, height: 128))], materials: [.normal(0)])
        let report = try resizeTextures(&scene, TextureOptions(maxTextureSize: 64))
        XCTAssertEqual(scene.images[0].format, .jpeg)
        XCTAssertEqual(report.entries[0].action, .resized)
        XCTAssertEqual(try ImageDecoder.decode(scene.images[0].data).width, 64)
    }

    func testOcclusionAndMetallicRoughnessBecomeJPEG() throws {
        var scene = Self.scene(images: [try Self.png(Self.noise(width: 128, height: 128)), try Self.png(Self.noise(width: 128, height: 128, seed: 9))],
                               materials: [.orm(occlusion: 0, metallicRoughness: 1)])
        try resizeTextures(&scene, TextureOptions(maxTextureSize: 64))
        XCTAssertEqual(scene.images.map(\.format), [.jpeg, .jpeg])
    }

    func testFullyOpaqueAlphaChannelIsDropped() throws {
        // PNGCodec already writes RGB for opaque pixels, so the RGBA input is written by hand.
        let pixels = Self.noise(width: 64, height: 64)
        let rgba = Self.uncompressedRGBAPNG(pixels)
        XCTAssertEqual(Self.pngColourType(rgba), 6)
        var scene = Self.scene(images: [SceneModel.Image(name: "n", format: .png, data: rgba)], materials: [.normal(0)])
        let report = try resizeTextures(&scene, .default)
        XCTAssertEqual(scene.images[0].format, .png)
        XCTAssertEqual(Self.pngColourType(scene.images[0].data), 2, "RGB PNG, alpha channel dropped")
        XCTAssertEqual(try ImageDecoder.decode(scene.images[0].data), pixels, "dropping opaque alpha is lossless")
        XCTAssertEqual(report.entries[0].action, .recoded)
    }

    func testOpaqueAlphaIsDroppedWhenResizingANormalMap() throws {
        let rgba = Self.uncompressedRGBAPNG(Self.noise(width: 128, height: 128))
        var scene = Self.scene(images: [SceneModel.Image(name: "n", format: .png, data: rgba)], materials: [.normal(0)])
        try resizeTextures(&scene, TextureOptions(maxTextureSize: 32))
        XCTAssertEqual(Self.pngColourType(scene.images[0].data), 2)
    }

    // MARK: - Byte-for-byte copies

    func testTexturesNeedingNoChangeAreCopiedByteForByte() throws {
        let jpeg = try Self.jpeg(Self.noise(width: 100, height: 80))
        let alphaPNG = try Self.png(Self.noise(width: 50, height: 50, alpha: true))
        let normalPNG = try Self.png(Self.noise(width: 60, height: 30, seed: 3))
        let images = [jpeg, alphaPNG, normalPNG]
        var scene = Self.scene(images: images, materials: [.colour(0), .colour(1, alpha: .mask), .normal(2)])
        let report = try resizeTextures(&scene, .default)
        XCTAssertTrue(scene.images == images, "images not byte-identical: \(Self.summary(scene.images)) vs \(Self.summary(images))")
        XCTAssertEqual(report.entries.map(\.action), [.copied, .copied, .copied])
        XCTAssertEqual(report.bytesBefore, report.bytesAfter)
    }

    func testRecodingThatWouldGrowTheFileKeepsTheOriginal() throws {
        // A flat 8×8 PNG is ~80 bytes; no JPEG of it is that small.
        let flat = try Self.png(RGBAImage(width: 8, height: 8, fill: SIMD4(200, 30, 30, 255)))
        var scene = Self.scene(images: [flat], materials: [.colour(0)])
        let report = try resizeTextures(&scene, .default)
        XCTAssertTrue(scene.images == [flat], "original not kept: \(Self.summary(scene.images))")
        XCTAssertEqual(report.entries[0].action, .keptOriginal)
    }

    func testUndecodableImageIsKeptWithAWarning() throws {
        let broken = SceneModel.Image(name: "broken", format: .png, data: [0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
        var scene = Self.scene(images: [broken], materials: [.colour(0)])
        let report = try resizeTextures(&scene, .default)
        XCTAssertTrue(scene.images == [broken], "broken image changed")
        XCTAssertEqual(report.entries[0].action, .failed)
        XCTAssertEqual(report.warnings.count, 1)
        XCTAssertTrue(report.warnings[0].contains("'broken'"), report.warnings[0])
    }

    // MARK: - Colour space of the filter

    func testColourIsFilteredInLinearLightAndDataAsStored() throws {
        // Black and white side by side average to 50 % light: sRGB byte 188 for colour, 128 for data.
        var pair = RGBAImage(width: 2, height: 1, fill: SIMD4(0, 0, 0, 255))
        pair[1, 0] = SIMD4(255, 255, 255, 255)
        let options = TextureOptions(maxTextureSize: 1, preferJPEG: false, deduplicate: false)
        let image = try Self.png(pair)

        var colour = Self.scene(images: [image], materials: [.colour(0)])
        try resizeTextures(&colour, options)
        XCTAssertEqual(try ImageDecoder.decode(colour.images[0].data)[0, 0].x, 188)

        var data = Self.scene(images: [image], materials: [.orm(occlusion: 0, metallicRoughness: nil)])
        try resizeTextures(&data, options)
        XCTAssertEqual(try ImageDecoder.decode(data.images[0].data)[0, 0].x, 128)

        // Used as colour by one material and as data by another: data wins.
        var both = Self.scene(images: [image], materials: [.colour(0), .orm(occlusion: 0, metallicRoughness: nil)])
        try resizeTextures(&both, options)
        XCTAssertEqual(try ImageDecoder.decode(both.images[0].data)[0, 0].x, 128)
    }

    // MARK: - Deduplication

    func testIdenticalImagesAreMergedAndMaterialsRepointed() throws {
        let a = try Self.jpeg(Self.noise(width: 32, height: 32, seed: 1))
        let b = try Self.jpeg(Self.noise(width: 32, height: 32, seed: 2))
        var copy = a
        copy.name = "copy of a"
        var scene = Self.scene(images: [a, b, copy, b], materials: [.colour(2), .colour(1), .colour(0), .colour(3)])
        let report = try resizeTextures(&scene, .default)
        XCTAssertTrue(scene.images.map(\.data) == [a.data, b.data], "kept: \(Self.summary(scene.images))")
        XCTAssertEqual(scene.materials.map { $0.baseColorTexture?.image }, [0, 1, 0, 1])
        XCTAssertEqual(report.duplicatesRemoved, 2)
        XCTAssertEqual(report.imagesBefore, 4)
        XCTAssertEqual(report.imagesAfter, 2)
        XCTAssertEqual(report.entries.map(\.mergedDuplicates), [1, 1])
    }

    func testMergedImageUsedAsNormalAndColourStaysPNG() throws {
        let png = try Self.png(Self.noise(width: 64, height: 64))
        var scene = Self.scene(images: [png, png], materials: [.colour(0), .normal(1)])
        try resizeTextures(&scene, .default)
        XCTAssertTrue(scene.images == [png], "a normal map is never turned into JPEG: \(Self.summary(scene.images))")
        XCTAssertEqual(scene.materials[1].normalTexture?.image, 0)
    }

    func testOutputIsDeterministic() throws {
        let images = try (0..<6).map { try Self.png(Self.noise(width: 200, height: 100 + $0, seed: UInt32($0))) }
        let base = Self.scene(images: images, materials: (0..<6).map { $0 % 2 == 0 ? .colour($0) : .normal($0) })
        var first = base, second = base
        let r1 = try resizeTextures(&first, TextureOptions(maxTextureSize: 64))
        let r2 = try resizeTextures(&second, TextureOptions(maxTextureSize: 64))
        XCTAssertTrue(first == second, "two runs differ")
        XCTAssertEqual(r1, r2)
    }

    // MARK: - Budget warnings

    func testBudgetWarningNamesOversizedTexturesOnly() throws {
        let wide = try Self.png(RGBAImage(width: 5000, height: 2, fill: SIMD4(1, 2, 3, 255)))
        let edge = try Self.png(RGBAImage(width: 4096, height: 2, fill: SIMD4(1, 2, 3, 255)))
        var named = wide
        named.name = "facade"
        let scene = Self.scene(images: [edge, named], materials: [.colour(0), .colour(1)])
        let warnings = textureBudgetWarnings(scene)
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].contains("'facade'") && warnings[0].contains("5000×2"), warnings[0])
        XCTAssertEqual(textureBudgetWarnings(scene, limit: 100).count, 2)
    }

    // MARK: - Corpus

    func testCorpusModelWithManyTextures() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let url = corpus.root.appendingPathComponent("glb/AlphaBlendModeTest.glb")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("glb/AlphaBlendModeTest.glb is not in the corpus at \(corpus.root.path)")
        }
        var scene = try SceneImporter.importFile(at: url).scene
        let sizesBefore = try scene.images.map { try ImageDecoder.decode($0.data) }.map { ($0.width, $0.height) }
        XCTAssertGreaterThanOrEqual(scene.images.count, 2, "the model has 9 embedded images")
        let largest = sizesBefore.map { max($0.0, $0.1) }.max() ?? 0
        XCTAssertGreaterThan(largest, 512, "the test needs a texture above the 512 px limit used below")

        let before = scene
        let report = try resizeTextures(&scene, TextureOptions(maxTextureSize: 512))
        XCTAssertLessThan(report.bytesAfter, report.bytesBefore, report.description)
        XCTAssertGreaterThan(report.count(.resized), 0, report.description)
        XCTAssertEqual(report.entries.count, scene.images.count)
        XCTAssertEqual(scene.meshes, before.meshes, "the texture pass leaves geometry alone")

        for (index, image) in scene.images.enumerated() {
            XCTAssertEqual(ImageDecoder.sniff(image.data), image.format == .png ? .png : .jpeg, "image \(index)")
            let decoded = try ImageDecoder.decode(image.data)
            XCTAssertLessThanOrEqual(max(decoded.width, decoded.height), 512, "image \(index)")
        }
        for (material, old) in zip(scene.materials, before.materials) {
            // Every re-pointed texture shows the same picture, at most smaller.
            for (ref, oldRef) in zip(material.textureRefs, old.textureRefs) {
                XCTAssertTrue(scene.images.indices.contains(ref.image))
                let (w, h) = sizesBefore[oldRef.image]
                let now = try ImageDecoder.decode(scene.images[ref.image].data)
                let expected = max(w, h) > 512 ? (w >= h ? (512, Int((Double(h) * 512 / Double(w)).rounded())) : (Int((Double(w) * 512 / Double(h)).rounded()), 512)) : (w, h)
                XCTAssertEqual([now.width, now.height], [expected.0, expected.1], "\(material.name)")
            }
            if material.alphaMode != .opaque, let ref = material.baseColorTexture,
               !(try ImageDecoder.decode(before.images[old.baseColorTexture!.image].data).isOpaque) {
                XCTAssertEqual(scene.images[ref.image].format, .png, "\(material.name) blends or masks by alpha")
            }
            if let ref = material.normalTexture {
                // Normal maps keep their lossless/lossy class: PNG stays PNG, JPEG stays JPEG.
                XCTAssertEqual(scene.images[ref.image].format, before.images[old.normalTexture!.image].format, "\(material.name) normal")
            }
        }
        XCTAssertTrue(textureBudgetWarnings(scene, limit: 512).isEmpty)
    }

    // MARK: - Fixtures

    private enum Use {
        case colour(Int, alpha: Material.AlphaMode = .opaque)
        case normal(Int)
        case orm(occlusion: Int?, metallicRoughness: Int?)
    }

    private static func scene(images: [SceneModel.Image], materials uses: [Use]) -> Scene {
        let materials = uses.enumerated().map { index, use -> Material in
            var material = Material(name: "m\(index)")
            switch use {
            case .colour(let image, let alpha):
                material.baseColorTexture = TextureRef(image: image)
                material.alphaMode = alpha
            case .normal(let image):
                material.normalTexture = TextureRef(image: image)
            case .orm(let occlusion, let metallicRoughness):
                material.occlusionTexture = occlusion.map { TextureRef(image: $0) }
                material.metallicRoughnessTexture = metallicRoughness.map { TextureRef(image: $0) }
            }
            return material
        }
        var scene = SceneFixtures.cubeScene()
        scene.materials = materials
        scene.images = images
        return scene
    }

    /// Deterministic noise: photo-like content that compresses much better as JPEG than PNG.
    private static func noise(width: Int, height: Int, alpha: Bool = false, seed: UInt32 = 7) -> RGBAImage {
        var state = seed &* 2_654_435_761 &+ 1
        var image = RGBAImage(width: width, height: height, fill: SIMD4(0, 0, 0, 255))
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 1_664_525 &+ 1_013_904_223
                let n = UInt8(truncatingIfNeeded: state >> 24) / 4
                image[x, y] = SIMD4(UInt8((x * 255) / max(width, 1)) / 2 + n, UInt8((y * 255) / max(height, 1)) / 2 + n,
                                    128 &+ n, alpha ? UInt8((x + y) % 256) : 255)
            }
        }
        return image
    }

    private static func png(_ image: RGBAImage) throws -> SceneModel.Image {
        SceneModel.Image(name: "", format: .png, data: try PNGCodec.encode(image))
    }

    private static func jpeg(_ image: RGBAImage) throws -> SceneModel.Image {
        SceneModel.Image(name: "", format: .jpeg, data: try JPEGCodec.encode(image, quality: 90))
    }

    /// Format and size of each image: failure messages without megabytes of bytes.
    private static func summary(_ images: [SceneModel.Image]) -> String {
        images.map { "\($0.format.fileExtension) \($0.data.count) B" }.joined(separator: ", ")
    }

    /// IHDR's colour type: 2 = RGB, 6 = RGBA.
    private static func pngColourType(_ bytes: [UInt8]) -> UInt8? { bytes.count > 25 ? bytes[25] : nil }

    /// An 8-bit RGBA PNG with stored (uncompressed) deflate blocks, alpha kept even when opaque.
    private static func uncompressedRGBAPNG(_ image: RGBAImage) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<image.height {
            raw.append(0)  // filter: none
            raw += image.pixels[(y * image.width * 4)..<((y + 1) * image.width * 4)]
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65535, raw.count - offset)
            let last: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        zlib += be32(b << 16 | a)

        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(crc32(body))
        }
        let header = be32(UInt32(image.width)) + be32(UInt32(image.height)) + [8, 6, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    private static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
