import Foundation
@testable import USDZExport

/// A small, independent reader of the Crate files we write (version 0.2.0, uncompressed
/// sections), so tests can check the bytes rather than the model they came from.
/// It follows OpenUSD's crateFile.cpp reading rules, not our writer's code.
struct CrateReader {
    enum Value: Equatable {
        case value(USDValue)
        case tokenVector([String])
        case pathListOp(explicit: [String])
        case tokenListOp(prepended: [String])
        case specifier(Int)
        case variability(Int)
    }

    struct Spec {
        var path: String
        var type: UInt32
        var fields: [String: Value]
    }

    struct ReadError: Error, CustomStringConvertible { var description: String }

    let bytes: [UInt8]
    private(set) var version: [UInt8] = []
    private(set) var sections: [String: (start: Int, size: Int)] = [:]
    private(set) var tokens: [String] = []
    private(set) var strings: [String] = []
    private(set) var paths: [String] = []
    private(set) var specs: [Spec] = []

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 88, Array(bytes[0..<8]) == Array("PXR-USDC".utf8) else { throw ReadError(description: "no PXR-USDC magic") }
        version = Array(bytes[8..<11])
        let toc = Int(try u64(16))
        let sectionCount = Int(try u64(toc))
        for i in 0..<sectionCount {
            let base = toc + 8 + i * 32
            let nameBytes = bytes[base..<base + 16].prefix { $0 != 0 }
            sections[String(decoding: nameBytes, as: UTF8.self)] = (Int(try u64(base + 16)), Int(try u64(base + 24)))
        }
        for name in ["TOKENS", "STRINGS", "FIELDS", "FIELDSETS", "PATHS", "SPECS"] where sections[name] == nil {
            throw ReadError(description: "missing section \(name)")
        }
        try readTokens()
        let s = sections["STRINGS"]!.start
        strings = try (0..<Int(u64(s))).map { tokens[Int(try u32(s + 8 + 4 * $0))] }
        let f = sections["FIELDS"]!.start
        let fields: [(String, UInt64)] = try (0..<Int(u64(f))).map { i in
            (tokens[Int(try u32(f + 8 + 16 * i + 4))], try u64(f + 8 + 16 * i + 8))
        }
        let fs = sections["FIELDSETS"]!.start
        let fieldSets = try (0..<Int(u64(fs))).map { try u32(fs + 8 + 4 * $0) }
        let p = sections["PATHS"]!.start
        paths = [String](repeating: "", count: Int(try u64(p)))
        _ = try readPaths(at: p + 8, parent: nil)
        let sp = sections["SPECS"]!.start
        for i in 0..<Int(try u64(sp)) {
            let base = sp + 8 + 12 * i
            let (pathIndex, setIndex, type) = (Int(try u32(base)), Int(try u32(base + 4)), try u32(base + 8))
            var j = setIndex
            var specFields: [String: Value] = [:]
            while j < fieldSets.count, fieldSets[j] != UInt32.max {
                let (name, rep) = fields[Int(fieldSets[j])]
                specFields[name] = try decode(rep)
                j += 1
            }
            specs.append(Spec(path: paths[pathIndex], type: type, fields: specFields))
        }
    }

    func spec(_ path: String) -> Spec? { specs.first { $0.path == path } }

    // MARK: primitives

    private func check(_ offset: Int, _ n: Int) throws {
        guard offset >= 0, offset + n <= bytes.count else { throw ReadError(description: "read past end at \(offset)") }
    }
    func u32(_ o: Int) throws -> UInt32 {
        try check(o, 4)
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[o + $1]) << (8 * $1) }
    }
    func u64(_ o: Int) throws -> UInt64 {
        try check(o, 8)
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[o + $1]) << (8 * $1) }
    }
    func f32(_ o: Int) throws -> Float { Float(bitPattern: try u32(o)) }
    func f64(_ o: Int) throws -> Double { Double(bitPattern: try u64(o)) }

    private mutating func readTokens() throws {
        let t = sections["TOKENS"]!.start
        let count = Int(try u64(t)), size = Int(try u64(t + 8))
        try check(t + 16, size)
        tokens = bytes[(t + 16)..<(t + 16 + size)].split(separator: 0, omittingEmptySubsequences: false)
            .prefix(count).map { String(decoding: $0, as: UTF8.self) }
        guard tokens.count == count else { throw ReadError(description: "token count") }
    }

    /// Depth-first path items; returns the offset after the last item read at this level.
    private mutating func readPaths(at start: Int, parent: String?) throws -> Int {
        var offset = start
        var parent = parent
        while true {
            let index = Int(try u32(offset)), token = Int(try u32(offset + 4))
            try check(offset + 8, 1)
            let bits = bytes[offset + 8]
            offset += 12
            guard index < paths.count, token < tokens.count else { throw ReadError(description: "bad path item") }
            let path: String
            if let parent {
                path = bits & 4 != 0 ? parent + "." + tokens[token] : (parent == "/" ? "/" : parent + "/") + tokens[token]
            } else {
                path = "/"
            }
            paths[index] = path
            let hasChild = bits & 1 != 0, hasSibling = bits & 2 != 0
            if hasChild && hasSibling {
                let sibling = Int(try u64(offset))
                offset += 8
                _ = try readPaths(at: sibling, parent: parent)
            }
            if hasChild { parent = path }
            if !hasChild && !hasSibling { return offset }
        }
    }

    // MARK: values

    private func decode(_ rep: UInt64) throws -> Value {
        let isArray = rep >> 63 & 1 == 1, inlined = rep >> 62 & 1 == 1, compressed = rep >> 61 & 1 == 1
        let type = Int(rep >> 48 & 0xFF), payload = rep & (1 << 48 - 1)
        guard !compressed else { throw ReadError(description: "compressed value in a 0.2.0 file") }
        let o = Int(payload)
        if isArray {
            if payload == 0 { return .value(try emptyArray(type)) }
            let rank = try u32(o), count = Int(try u32(o + 4))
            guard rank == 1, o % 8 == 0 else { throw ReadError(description: "array header at \(o)") }
            let d = o + 8
            switch type {
            case 3: return .value(.intArray(try (0..<count).map { Int32(bitPattern: try u32(d + 4 * $0)) }))
            case 8: return .value(.floatArray(try (0..<count).map { try f32(d + 4 * $0) }))
            case 11: return .value(.tokenArray(try (0..<count).map { tokens[Int(try u32(d + 4 * $0))] }))
            case 20: return .value(.float2Array(try (0..<count).map { SIMD2(try f32(d + 8 * $0), try f32(d + 8 * $0 + 4)) }))
            case 24: return .value(.float3Array(try (0..<count).map {
                SIMD3(try f32(d + 12 * $0), try f32(d + 12 * $0 + 4), try f32(d + 12 * $0 + 8)) }))
            case 28: return .value(.float4Array(try (0..<count).map {
                SIMD4(try f32(d + 16 * $0), try f32(d + 16 * $0 + 4), try f32(d + 16 * $0 + 8), try f32(d + 16 * $0 + 12)) }))
            default: throw ReadError(description: "array type \(type)")
            }
        }
        switch type {
        case 1: return .value(.bool(payload != 0))
        case 3: return .value(.int(Int32(bitPattern: UInt32(truncatingIfNeeded: payload))))
        case 8: return .value(.float(Float(bitPattern: UInt32(truncatingIfNeeded: payload))))
        case 9: return .value(.double(inlined ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: payload))) : try f64(o)))
        case 10: return .value(.string(strings[o]))
        case 11: return .value(.token(tokens[o]))
        case 12: return .value(.asset(tokens[o]))
        case 15: return .value(.matrix4d(try (0..<16).map { try f64(o + 8 * $0) }))
        case 20: return .value(.float2(SIMD2(try f32(o), try f32(o + 4))))
        case 24: return .value(.float3(SIMD3(try f32(o), try f32(o + 4), try f32(o + 8))))
        case 28: return .value(.float4(SIMD4(try f32(o), try f32(o + 4), try f32(o + 8), try f32(o + 12))))
        case 32, 34:
            let header = bytes[o]
            let count = Int(try u64(o + 1))
            let items = try (0..<count).map { Int(try u32(o + 9 + 4 * $0)) }
            if type == 32 {
                guard header == 0x20 else { throw ReadError(description: "token list op header \(header)") }
                return .tokenListOp(prepended: items.map { tokens[$0] })
            }
            guard header == 0x03 else { throw ReadError(description: "path list op header \(header)") }
            return .pathListOp(explicit: items.map { paths[$0] })
        case 41:
            let count = Int(try u64(o))
            return .tokenVector(try (0..<count).map { tokens[Int(try u32(o + 8 + 4 * $0))] })
        case 42: return .specifier(o)
        case 44: return .variability(o)
        default: throw ReadError(description: "value type \(type)")
        }
    }

    private func emptyArray(_ type: Int) throws -> USDValue {
        switch type {
        case 3: .intArray([])
        case 8: .floatArray([])
        case 11: .tokenArray([])
        case 20: .float2Array([])
        case 24: .float3Array([])
        case 28: .float4Array([])
        default: throw ReadError(description: "array type \(type)")
        }
    }
}

extension CrateReader {
    /// World-space bounds of every Mesh's points, composing each ancestor's `xformOp:transform`
    /// (USD row-vector convention: p' = p · M, translation in the last row).
    func worldPointBounds() -> (min: SIMD3<Double>, max: SIMD3<Double>)? {
        var lo = SIMD3<Double>(repeating: .infinity), hi = SIMD3<Double>(repeating: -.infinity)
        for spec in specs where spec.type == 6 && spec.fields["typeName"] == .value(.token("Mesh")) {
            guard case .value(.float3Array(let points))? = self.spec(spec.path + ".points")?.fields["default"] else { continue }
            var matrices: [[Double]] = []
            var prefix = spec.path
            while !prefix.isEmpty, prefix != "/" {
                if case .value(.matrix4d(let m))? = self.spec(prefix + ".xformOp:transform")?.fields["default"] { matrices.append(m) }
                prefix = String(prefix[..<(prefix.lastIndex(of: "/") ?? prefix.startIndex)])
            }
            for p in points {
                var v = SIMD4<Double>(Double(p.x), Double(p.y), Double(p.z), 1)
                for m in matrices {
                    var r = SIMD4<Double>()
                    for c in 0..<4 { r[c] = (0..<4).reduce(0) { $0 + v[$1] * m[$1 * 4 + c] } }
                    v = r
                }
                let q = SIMD3(v.x, v.y, v.z)
                lo = pointwiseMin(lo, q)
                hi = pointwiseMax(hi, q)
            }
        }
        return lo.x <= hi.x ? (lo, hi) : nil
    }
}
