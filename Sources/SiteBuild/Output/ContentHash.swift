import Crypto
import Foundation

/// Content-hashed file names: an asset's URL changes exactly when its bytes do, so it can be
/// cached forever (`Cache-Control: immutable`) while pages keep stable URLs.
enum ContentHash {
    static func hex<D: DataProtocol>(_ data: D, length: Int = 10) -> String {
        SHA256.hash(data: data).prefix((length + 1) / 2).map { String(format: "%02x", $0) }.joined().prefix(length).description
    }

    /// "css/site.css" + bytes → "css/site.1a2b3c4d5e.css".
    static func hashedPath(_ path: String, bytes: [UInt8]) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let stem = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
        return ext.isEmpty ? "\(stem).\(hex(bytes))" : "\(stem).\(hex(bytes)).\(ext)"
    }
}
