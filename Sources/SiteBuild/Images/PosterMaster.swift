import Foundation
import Imaging

/// A model's full-quality poster render, as the worker wrote it (a lossless PNG). The posters,
/// thumbnails and sharing cards drawn from it are cached under its bytes' hash, so a rebuild
/// that finds them all in the cache never decodes it; its pixels are decoded once, on first use.
final class PosterMaster: @unchecked Sendable {
    let png: [UInt8]
    let width: Int
    let height: Int
    /// SHA-256 of the PNG: what the image cache keys on.
    let digest: String
    private let lock = NSLock()
    private var decoded: RGBAImage?

    /// Nil when `png` is not a PNG.
    init?(png: [UInt8]) {
        // Signature, then the IHDR chunk: length, "IHDR", width and height big-endian.
        guard png.count >= 24, png[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              png[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
        func bigEndian(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        self.png = png
        width = bigEndian(16)
        height = bigEndian(20)
        digest = VerifiedStore.sha256(Data(png))
    }

    /// The pixels, decoded on first use.
    func image() throws -> RGBAImage {
        try lock.withLock {
            if let decoded { return decoded }
            let image = try PNGCodec.decode(png)
            decoded = image
            return image
        }
    }
}
