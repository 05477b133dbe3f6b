import Foundation

/// One file a model generator produces, as a path relative to the output directory.
struct OutputFile {
    var path: String
    var bytes: [UInt8]

    init(_ path: String, _ bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    init(_ path: String, text: String) {
        self.init(path, Array(text.utf8))
    }
}

/// A material as the writers need it: a name, a diffuse colour (sRGB 0…1) and optionally a
/// diffuse texture file (relative to the model file).
struct MaterialSpec {
    var name: String
    var diffuse: Vec3
    var texture: String? = nil
    var specular: Vec3 = Vec3(0.04, 0.04, 0.04)
    var shininess: Float = 20
}

/// A mesh bound to one material.
struct Part {
    var name: String
    var material: Int
    var mesh: Mesh
}

/// Text form of a number, the same on every platform and run: fixed decimals, trailing zeros
/// trimmed, no "-0" and no locale.
func fmt(_ x: Float, decimals: Int = 6) -> String {
    var scale: Double = 1
    for _ in 0..<decimals { scale *= 10 }
    let q = Int64((Double(x) * scale).rounded())
    if q == 0 { return "0" }
    let negative = q < 0
    let mag = q.magnitude
    let whole = mag / UInt64(scale)
    var frac = String(mag % UInt64(scale))
    frac = String(repeating: "0", count: decimals - frac.count) + frac
    while frac.hasSuffix("0") { frac.removeLast() }
    return (negative ? "-" : "") + String(whole) + (frac.isEmpty ? "" : "." + frac)
}

func fmt(_ v: Vec3) -> String { "\(fmt(v.x)) \(fmt(v.y)) \(fmt(v.z))" }

/// Little-endian byte appends for the binary writers.
extension Array where Element == UInt8 {
    mutating func appendLE(_ v: UInt32) {
        append(contentsOf: [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)])
    }
    mutating func appendLE(_ v: Int32) { appendLE(UInt32(bitPattern: v)) }
    mutating func appendLE(_ v: Float) { appendLE(v.bitPattern) }
    mutating func appendLE(_ v: Vec3) { appendLE(v.x); appendLE(v.y); appendLE(v.z) }
    mutating func appendLE(_ v: UInt16) { append(contentsOf: [UInt8(v & 0xFF), UInt8(v >> 8)]) }
}

/// Writes `files` under `directory`, creating folders as needed.
func write(_ files: [OutputFile], under directory: URL) throws {
    for file in files {
        let url = directory.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.bytes).write(to: url)
    }
}
