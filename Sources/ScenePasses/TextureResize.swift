import Dispatch
import Foundation
import Imaging
import SceneModel

// Texture pass: dedupe, downscale and re-encode the scene's images for the web.
//
// Notes on what was chosen and why:
// - Most model textures need nothing, so the pass first reads only the header (size, alpha
//   channel present or not) and copies such images byte for byte, as gltfpack does: no quality
//   lost to a second lossy encode and no time spent decoding.
// - Format follows use: base colour whose alpha a MASK/BLEND material reads keeps PNG, normal
//   maps stay PNG (JPEG blocks bend normals visibly, and gltfpack keeps them lossless; only a
//   normal map that already was a JPEG stays JPEG, at quality ≥ 90), everything else whose alpha
//   is unused (opaque colour, metallic-roughness, occlusion, emissive) becomes JPEG, usually
//   3–10× smaller than PNG for photographic content.
// - A re-encode that grows the file without a resize is thrown away: a small flat-colour PNG
//   beats any JPEG, and the original is always at least as faithful.
// - Filtering is the area-weighted box of `ImageResize` in linear light for colour, as stored
//   for data (an image used both ways counts as data).

/// What `resizeTextures` may do.
public struct TextureOptions: Sendable, Equatable {
    /// The longest side a texture may have, in pixels; larger ones are downscaled keeping their
    /// aspect ratio, smaller ones are never upscaled. 0 or less means no limit.
    public var maxTextureSize: Int
    /// JPEG quality (1…100) for textures re-encoded as JPEG.
    public var jpegQuality: Int
    /// Re-encode textures whose alpha is unused as JPEG; false keeps everything PNG/as is.
    public var preferJPEG: Bool
    /// Merge byte-identical images and re-point the materials that use them.
    public var deduplicate: Bool

    public init(maxTextureSize: Int = 2048, jpegQuality: Int = 85, preferJPEG: Bool = true, deduplicate: Bool = true) {
        self.maxTextureSize = maxTextureSize
        self.jpegQuality = jpegQuality
        self.preferJPEG = preferJPEG
        self.deduplicate = deduplicate
    }

    public static let `default` = TextureOptions()
}

/// What the texture pass did, image by image and in total.
public struct TextureReport: Sendable, Equatable, CustomStringConvertible {
    public struct Entry: Sendable, Equatable {
        public enum Action: String, Sendable, Equatable {
            /// Bytes kept as they were, without decoding or because nothing would improve.
            case copied
            /// Downscaled (and encoded in `formatAfter`).
            case resized
            /// Same size, re-encoded (alpha dropped or PNG → JPEG) because that was smaller.
            case recoded
            /// Re-encoded for nothing: the result was not smaller, so the original was kept.
            case keptOriginal = "kept original"
            /// Not decodable; kept as it was (see `TextureReport.warnings`).
            case failed
        }

        public var name: String
        public var usage: TextureUsage
        public var action: Action
        public var formatBefore: SceneModel.Image.Format
        public var formatAfter: SceneModel.Image.Format
        /// 0 × 0 when the image could not be read.
        public var widthBefore: Int, heightBefore: Int
        public var widthAfter: Int, heightAfter: Int
        public var bytesBefore: Int
        public var bytesAfter: Int
        /// How many byte-identical copies were merged into this image.
        public var mergedDuplicates: Int
    }

    public var imagesBefore = 0
    public var imagesAfter = 0
    public var bytesBefore = 0
    public var bytesAfter = 0
    public var duplicatesRemoved = 0
    /// One per image of the result, in `Scene.images` order.
    public var entries: [Entry] = []
    public var warnings: [String] = []

    public init() {}

    public func count(_ action: Entry.Action) -> Int { entries.filter { $0.action == action }.count }

    public var description: String {
        "textures: \(imagesBefore) → \(imagesAfter) images, \(bytesBefore) → \(bytesAfter) bytes "
            + "(\(count(.resized)) resized, \(count(.recoded)) re-encoded, "
            + "\(count(.copied) + count(.keptOriginal)) unchanged, \(duplicatesRemoved) duplicates merged)"
    }
}

/// Dedupes, downscales to `options.maxTextureSize` and re-encodes the scene's images, choosing
/// JPEG or PNG by how materials use each image; see the note at the top of this file.
///
/// Images are processed concurrently; the result depends only on the input, never on timing.
/// An image that cannot be decoded is kept as it was and reported in `warnings`.
@discardableResult
public func resizeTextures(_ scene: inout Scene, _ options: TextureOptions = .default) throws -> TextureReport {
    var report = TextureReport()
    report.imagesBefore = scene.images.count
    report.bytesBefore = scene.images.reduce(0) { $0 + $1.data.count }

    var first = MergeResult(survivors: Array(scene.images.indices), merged: Array(repeating: 0, count: scene.images.count))
    if options.deduplicate { first = mergeIdenticalImages(&scene) }

    let usages = textureUsages(of: scene)
    let images = scene.images
    let results = ResultSlots<TextureJob.Outcome>(count: images.count)
    DispatchQueue.concurrentPerform(iterations: images.count) { index in
        results.set(index, TextureJob(image: images[index], usage: usages[index], options: options).run())
    }

    var entries: [TextureReport.Entry] = []
    for (index, outcome) in results.values.enumerated() {
        guard let outcome else { continue }  // every slot is filled; concurrentPerform returns after all iterations
        scene.images[index] = outcome.image
        var entry = outcome.entry
        entry.mergedDuplicates = first.merged[index]
        entries.append(entry)
        if let warning = outcome.warning { report.warnings.append(warning) }
    }

    // Two different sources can come out identical (the same picture at two resolutions, both
    // above the limit); merge those too, and their entries with them.
    if options.deduplicate {
        let second = mergeIdenticalImages(&scene)
        var survivors: [TextureReport.Entry] = []
        for (position, old) in second.survivors.enumerated() {
            var entry = entries[old]
            entry.mergedDuplicates += second.merged[position]
            survivors.append(entry)
        }
        for (old, new) in second.remap.enumerated() where second.survivors[new] != old {
            survivors[new].usage.formUnion(entries[old].usage)
            survivors[new].mergedDuplicates += entries[old].mergedDuplicates
        }
        entries = survivors
    }
    report.entries = entries

    report.imagesAfter = scene.images.count
    report.bytesAfter = scene.images.reduce(0) { $0 + $1.data.count }
    report.duplicatesRemoved = report.imagesBefore - report.imagesAfter
    return report
}

/// One warning per texture whose longest side exceeds `limit` pixels (4096 by default: the
/// largest texture many phones, and so model-viewer's AR, can upload).
public func textureBudgetWarnings(_ scene: Scene, limit: Int = 4096) -> [String] {
    var warnings: [String] = []
    for (index, image) in scene.images.enumerated() {
        let size: (Int, Int)
        if let info = EncodedImageInfo(image.data) {
            size = (info.width, info.height)
        } else if let decoded = try? ImageDecoder.decode(image.data) {
            size = (decoded.width, decoded.height)
        } else {
            continue
        }
        guard max(size.0, size.1) > limit else { continue }
        let name = image.name.isEmpty ? "image \(index)" : "'\(image.name)' (image \(index))"
        warnings.append("texture \(name) is \(size.0)×\(size.1) px, over the \(limit) px many phones can load; "
            + "lower the texture size limit or resize the source")
    }
    return warnings
}

// MARK: - Usage and deduplication

/// How each image is used, by slot and by alpha mode, over every material.
func textureUsages(of scene: Scene) -> [TextureUsage] {
    var usages = [TextureUsage](repeating: [], count: scene.images.count)
    func mark(_ ref: TextureRef?, _ usage: TextureUsage) {
        guard let ref, usages.indices.contains(ref.image) else { return }
        usages[ref.image].formUnion(usage)
    }
    for material in scene.materials {
        mark(material.baseColorTexture, material.alphaMode == .opaque ? .baseColor : [.baseColor, .alphaSource])
        mark(material.emissiveTexture, .emissive)
        mark(material.metallicRoughnessTexture, .metallicRoughness)
        mark(material.occlusionTexture, .occlusion)
        mark(material.normalTexture, .normal)
    }
    return usages
}

struct MergeResult {
    /// For each surviving image, its index before the merge.
    var survivors: [Int]
    /// For each surviving image, how many copies were merged into it.
    var merged: [Int]
    /// For each image before the merge, the index of the image that now stands for it.
    var remap: [Int] = []
}

/// Keeps the first of each group of byte-identical images and re-points materials to it.
@discardableResult
func mergeIdenticalImages(_ scene: inout Scene) -> MergeResult {
    let (keptIndices, remap) = firstEqual(scene.images, bucket: { Int(truncatingIfNeeded: byteDigest($0.data)) }) {
        $0.data == $1.data
    }
    var result = MergeResult(survivors: keptIndices, merged: Array(repeating: 0, count: keptIndices.count), remap: remap)
    for (index, target) in remap.enumerated() where keptIndices[target] != index { result.merged[target] += 1 }
    guard keptIndices.count < scene.images.count else { return result }
    for m in scene.materials.indices {
        scene.materials[m].remapImages { remap.indices.contains($0) ? remap[$0] : $0 }
    }
    scene.images = keptIndices.map { scene.images[$0] }
    return result
}

// MARK: - One image

/// The decision and work for one image; pure, so images can run concurrently.
struct TextureJob {
    struct Outcome: Sendable {
        var image: SceneModel.Image
        var entry: TextureReport.Entry
        var warning: String?
    }

    let image: SceneModel.Image
    let usage: TextureUsage
    let options: TextureOptions

    func run() -> Outcome {
        let header = EncodedImageInfo(image.data)
        // Unused images are another pass's business (pruning); leave them as they are.
        guard !usage.isEmpty else {
            return keep(.copied, width: header?.width ?? 0, height: header?.height ?? 0)
        }
        let limit = options.maxTextureSize > 0 ? options.maxTextureSize : Int.max

        // Fast path: decide from the header alone.
        if let header, max(header.width, header.height) <= limit {
            // A JPEG is already the small choice for every slot; for a normal map, PNG would only
            // preserve the existing artefacts at several times the size.
            if header.container == .jpeg { return keep(.copied, width: header.width, height: header.height) }
            // A PNG without an alpha channel that should stay PNG has nothing to drop.
            if !header.mayHaveAlpha && (usage.contains(.normal) || !options.preferJPEG) {
                return keep(.copied, width: header.width, height: header.height)
            }
        }

        let pixels: RGBAImage
        do {
            pixels = try ImageDecoder.decode(image.data)
        } catch {
            return keep(.failed, width: header?.width ?? 0, height: header?.height ?? 0,
                        warning: "texture \(label) could not be decoded (\(error)); kept as it was")
        }
        let needsResize = max(pixels.width, pixels.height) > limit
        let opaque = pixels.isOpaque
        let target = targetFormat(opaque: opaque)

        if !needsResize && target == .png && image.format == .png {
            // Alpha in use, or no alpha channel to drop: the file is already what we would write.
            if !opaque || header?.mayHaveAlpha == false {
                return keep(.copied, width: pixels.width, height: pixels.height)
            }
        }

        let output = needsResize
            ? ImageResize.downscale(pixels, maxDimension: limit, srgb: usage.isColour)
            : pixels
        let encoded: [UInt8]
        do {
            encoded = target == .png ? try PNGCodec.encode(output) : try JPEGCodec.encode(output, quality: jpegQuality)
        } catch {
            return keep(.failed, width: pixels.width, height: pixels.height,
                        warning: "texture \(label) could not be re-encoded (\(error)); kept as it was")
        }
        if !needsResize && encoded.count >= image.data.count {
            return keep(.keptOriginal, width: pixels.width, height: pixels.height)
        }
        var result = image
        result.format = target
        result.data = encoded
        let entry = TextureReport.Entry(
            name: image.name, usage: usage, action: needsResize ? .resized : .recoded,
            formatBefore: image.format, formatAfter: target,
            widthBefore: pixels.width, heightBefore: pixels.height, widthAfter: output.width, heightAfter: output.height,
            bytesBefore: image.data.count, bytesAfter: encoded.count, mergedDuplicates: 0)
        return Outcome(image: result, entry: entry, warning: nil)
    }

    /// PNG where alpha is read or where lossless normals are still possible; JPEG otherwise.
    ///
    /// A normal map that arrived as JPEG stays JPEG: its artefacts are already baked in, the
    /// downscale averages them away, and as PNG the noise they leave costs 5–7× the bytes
    /// (AlphaBlendModeTest's 2048² JPEG normal map became a 339 KB PNG at 512², ~60 KB as JPEG).
    private func targetFormat(opaque: Bool) -> SceneModel.Image.Format {
        if usage.contains(.normal) { return image.format == .jpeg && options.preferJPEG ? .jpeg : .png }
        if usage.contains(.alphaSource) && !opaque { return .png }
        return options.preferJPEG ? .jpeg : .png
    }

    /// Normals bend visibly under coarse quantization, so they never go below quality 90.
    private var jpegQuality: Int { usage.contains(.normal) ? max(options.jpegQuality, 90) : options.jpegQuality }

    private var label: String { image.name.isEmpty ? "(unnamed \(image.format.fileExtension))" : "'\(image.name)'" }

    private func keep(_ action: TextureReport.Entry.Action, width: Int, height: Int, warning: String? = nil) -> Outcome {
        let entry = TextureReport.Entry(
            name: image.name, usage: usage, action: action, formatBefore: image.format, formatAfter: image.format,
            widthBefore: width, heightBefore: height, widthAfter: width, heightAfter: height,
            bytesBefore: image.data.count, bytesAfter: image.data.count, mergedDuplicates: 0)
        return Outcome(image: image, entry: entry, warning: warning)
    }
}

/// Write-once result slots filled from `concurrentPerform`; the lock makes the writes safe,
/// and each index is written by exactly one iteration.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
