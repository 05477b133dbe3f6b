import CMeshOptimizer

/// The optimization half of the one Swift wrapper over meshoptimizer (the encoding half lives in
/// Encoding.swift): index/vertex remapping, cache/overdraw/fetch ordering and simplification.
///
/// meshoptimizer guards its inputs with C `assert`s only, so a bad index would be undefined
/// behaviour in a release build. Every entry point here checks its inputs first and throws
/// `MeshOptimization.Error` instead, which is why callers never need their own range checks.
public enum MeshOptimization {
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case indexCountNotTriangles(Int)
        case indexOutOfRange(index: UInt32, vertexCount: Int)
        case streamLengthMismatch(expected: Int, actual: Int)
        case badStreamElementSize(Int)
        case remapLengthMismatch(expected: Int, actual: Int)

        public var description: String {
            switch self {
            case .indexCountNotTriangles(let count): "index count \(count) is not a multiple of 3"
            case .indexOutOfRange(let index, let count): "index \(index) is out of range for \(count) vertices"
            case .streamLengthMismatch(let expected, let actual): "a vertex stream holds \(actual) vertices, expected \(expected)"
            case .badStreamElementSize(let size): "vertex stream element size \(size) is outside 1…256 bytes"
            case .remapLengthMismatch(let expected, let actual): "remap table has \(actual) entries, expected \(expected)"
            }
        }
    }

    /// Marks a vertex no index refers to in remap tables (meshoptimizer's ~0).
    public static let unused = UInt32.max

    /// One vertex attribute as tightly packed bytes: `elementSize` bytes per vertex.
    /// Packing is explicit (no SIMD3 padding) because meshoptimizer compares raw bytes, and
    /// uninitialised padding would make equal vertices look different.
    public struct VertexStream: Sendable {
        public var bytes: [UInt8]
        public var elementSize: Int

        public init(bytes: [UInt8], elementSize: Int) {
            self.bytes = bytes
            self.elementSize = elementSize
        }

        /// `components` floats per vertex, bit-exact (so -0 and 0 differ, as in any binary weld).
        public init(floats: [Float], components: Int) {
            var bytes = [UInt8]()
            bytes.reserveCapacity(floats.count * 4)
            for value in floats {
                let bits = value.bitPattern
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
            }
            self.init(bytes: bytes, elementSize: components * 4)
        }

        public var vertexCount: Int { elementSize > 0 ? bytes.count / elementSize : 0 }
    }

    // MARK: - Checks

    /// Throws unless `indices` is a list of triangles whose indices are all below `vertexCount`.
    public static func validate(indices: [UInt32], vertexCount: Int) throws(Error) {
        guard indices.count % 3 == 0 else { throw .indexCountNotTriangles(indices.count) }
        for index in indices where Int(index) >= vertexCount {
            throw .indexOutOfRange(index: index, vertexCount: vertexCount)
        }
    }

    // MARK: - Remapping

    /// A table mapping each vertex to the first vertex binary-equal to it in every stream,
    /// numbered densely in order of first use by `indices`; unreferenced vertices map to `unused`.
    public static func vertexRemap(indices: [UInt32], vertexCount: Int, streams: [VertexStream]) throws(Error) -> (remap: [UInt32], uniqueCount: Int) {
        try validate(indices: indices, vertexCount: vertexCount)
        guard vertexCount > 0, !indices.isEmpty else {
            return ([UInt32](repeating: unused, count: vertexCount), 0)
        }
        for stream in streams {
            guard stream.elementSize > 0, stream.elementSize <= 256 else { throw .badStreamElementSize(stream.elementSize) }
            guard stream.bytes.count == stream.elementSize * vertexCount else {
                throw .streamLengthMismatch(expected: vertexCount, actual: stream.vertexCount)
            }
        }
        // meshoptimizer takes at most 16 streams; wider vertices (many morph targets) are
        // compared in Swift instead, with the same first-use numbering.
        guard !streams.isEmpty, streams.count <= 16 else {
            return swiftVertexRemap(indices: indices, vertexCount: vertexCount, streams: streams)
        }
        var remap = [UInt32](repeating: unused, count: vertexCount)
        let unique = withPinnedStreams(streams) { descriptors in
            indices.withUnsafeBufferPointer { indexBuffer in
                remap.withUnsafeMutableBufferPointer { out in
                    meshopt_generateVertexRemapMulti(out.baseAddress, indexBuffer.baseAddress, indices.count, vertexCount,
                                                     descriptors.baseAddress, descriptors.count)
                }
            }
        }
        return (remap, unique)
    }

    private static func swiftVertexRemap(indices: [UInt32], vertexCount: Int, streams: [VertexStream]) -> (remap: [UInt32], uniqueCount: Int) {
        var remap = [UInt32](repeating: unused, count: vertexCount)
        var firstOfKey: [[UInt8]: UInt32] = [:]
        var next: UInt32 = 0
        for index in indices where remap[Int(index)] == unused {
            let v = Int(index)
            var key: [UInt8] = []
            for stream in streams { key += stream.bytes[v * stream.elementSize..<(v + 1) * stream.elementSize] }
            if let existing = firstOfKey[key] {
                remap[v] = existing
            } else {
                firstOfKey[key] = next
                remap[v] = next
                next += 1
            }
        }
        return (remap, Int(next))
    }

    /// Moves every vertex to its remapped slot; `remap` comes from `vertexRemap` or `vertexFetchRemap`.
    /// Works on any plain value (SIMD vectors included): meshoptimizer copies whole strides.
    public static func remapVertices<T: BitwiseCopyable>(_ values: [T], remap: [UInt32], uniqueCount: Int) throws(Error) -> [T] {
        guard remap.count == values.count else { throw .remapLengthMismatch(expected: values.count, actual: remap.count) }
        guard !values.isEmpty, uniqueCount > 0 else { return [] }
        let size = MemoryLayout<T>.stride
        guard size > 0, size <= 256 else { throw .badStreamElementSize(size) }
        for target in remap where target != unused && Int(target) >= uniqueCount {
            throw .indexOutOfRange(index: target, vertexCount: uniqueCount)
        }
        // Start from a copy of the first element so that every slot is initialised even if the
        // table leaves one unfilled (it never does when it came from meshoptimizer).
        var out = [T](repeating: values[0], count: uniqueCount)
        values.withUnsafeBytes { source in
            remap.withUnsafeBufferPointer { table in
                out.withUnsafeMutableBytes { destination in
                    meshopt_remapVertexBuffer(destination.baseAddress, source.baseAddress, values.count, size, table.baseAddress)
                }
            }
        }
        return out
    }

    /// Rewrites indices through a remap table.
    public static func remapIndices(_ indices: [UInt32], remap: [UInt32]) throws(Error) -> [UInt32] {
        for index in indices where Int(index) >= remap.count || remap[Int(index)] == unused {
            throw .indexOutOfRange(index: index, vertexCount: remap.count)
        }
        guard !indices.isEmpty else { return [] }
        var out = [UInt32](repeating: 0, count: indices.count)
        indices.withUnsafeBufferPointer { source in
            remap.withUnsafeBufferPointer { table in
                out.withUnsafeMutableBufferPointer { destination in
                    meshopt_remapIndexBuffer(destination.baseAddress, source.baseAddress, indices.count, table.baseAddress)
                }
            }
        }
        return out
    }

    // MARK: - Ordering

    /// Triangle order that reuses the post-transform vertex cache (Forsyth-style, meshoptimizer's default).
    public static func optimizeVertexCache(indices: [UInt32], vertexCount: Int) throws(Error) -> [UInt32] {
        try validate(indices: indices, vertexCount: vertexCount)
        guard !indices.isEmpty else { return [] }
        var out = [UInt32](repeating: 0, count: indices.count)
        indices.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                meshopt_optimizeVertexCache(destination.baseAddress, source.baseAddress, indices.count, vertexCount)
            }
        }
        return out
    }

    /// Reorders clusters of cache-optimized triangles so outer surfaces tend to draw first;
    /// `threshold` is how much cache efficiency may be traded for it (1.05 = 5 %).
    public static func optimizeOverdraw(indices: [UInt32], positions: [SIMD3<Float>], threshold: Float) throws(Error) -> [UInt32] {
        try validate(indices: indices, vertexCount: positions.count)
        guard !indices.isEmpty else { return [] }
        var out = [UInt32](repeating: 0, count: indices.count)
        indices.withUnsafeBufferPointer { source in
            withPositions(positions) { base, stride in
                out.withUnsafeMutableBufferPointer { destination in
                    meshopt_optimizeOverdraw(destination.baseAddress, source.baseAddress, indices.count, base, positions.count,
                                             stride, threshold)
                }
            }
        }
        return out
    }

    /// A remap table that orders vertices by first use, dropping unreferenced ones; apply it to
    /// every stream with `remapVertices` and to the indices with `remapIndices`.
    public static func vertexFetchRemap(indices: [UInt32], vertexCount: Int) throws(Error) -> (remap: [UInt32], uniqueCount: Int) {
        try validate(indices: indices, vertexCount: vertexCount)
        guard vertexCount > 0, !indices.isEmpty else { return ([UInt32](repeating: unused, count: vertexCount), 0) }
        var remap = [UInt32](repeating: unused, count: vertexCount)
        let unique = indices.withUnsafeBufferPointer { source in
            remap.withUnsafeMutableBufferPointer { destination in
                meshopt_optimizeVertexFetchRemap(destination.baseAddress, source.baseAddress, indices.count, vertexCount)
            }
        }
        return (remap, unique)
    }

    // MARK: - Simplification

    public struct SimplifyResult: Sendable, Equatable {
        /// Triangles over the same vertices (unused ones are not removed).
        public var indices: [UInt32]
        /// The deviation reached, relative to the mesh extents (multiply by `simplifyScale`).
        public var relativeError: Float
    }

    /// Edge-collapse simplification towards `targetIndexCount`, stopping early rather than
    /// exceeding `targetError` (relative to the mesh extents). Attribute seams are detected by
    /// position and kept; `lockBorder` additionally pins open edges so neighbouring parts stay joined.
    public static func simplify(indices: [UInt32], positions: [SIMD3<Float>], targetIndexCount: Int, targetError: Float,
                                lockBorder: Bool) throws(Error) -> SimplifyResult {
        try validate(indices: indices, vertexCount: positions.count)
        guard !indices.isEmpty else { return SimplifyResult(indices: [], relativeError: 0) }
        let target = max(0, min(targetIndexCount, indices.count)) / 3 * 3
        var out = [UInt32](repeating: 0, count: indices.count)
        var error: Float = 0
        let options: UInt32 = lockBorder ? UInt32(meshopt_SimplifyLockBorder) : 0
        let count = indices.withUnsafeBufferPointer { source in
            withPositions(positions) { base, stride in
                out.withUnsafeMutableBufferPointer { destination in
                    meshopt_simplify(destination.baseAddress, source.baseAddress, indices.count, base, positions.count, stride,
                                     target, max(0, targetError), options, &error)
                }
            }
        }
        return SimplifyResult(indices: Array(out.prefix(count)), relativeError: error)
    }

    /// Grid-clustering simplification: reaches small targets that edge collapse cannot, but
    /// ignores topology (holes may close, thin parts may vanish), so it is a fallback only.
    public static func simplifySloppy(indices: [UInt32], positions: [SIMD3<Float>], targetIndexCount: Int,
                                      targetError: Float) throws(Error) -> SimplifyResult {
        try validate(indices: indices, vertexCount: positions.count)
        guard !indices.isEmpty else { return SimplifyResult(indices: [], relativeError: 0) }
        let target = max(0, min(targetIndexCount, indices.count)) / 3 * 3
        var out = [UInt32](repeating: 0, count: indices.count)
        var error: Float = 0
        let count = indices.withUnsafeBufferPointer { source in
            withPositions(positions) { base, stride in
                out.withUnsafeMutableBufferPointer { destination in
                    meshopt_simplifySloppy(destination.baseAddress, source.baseAddress, indices.count, base, positions.count, stride,
                                           target, max(0, targetError), &error)
                }
            }
        }
        return SimplifyResult(indices: Array(out.prefix(count)), relativeError: error)
    }

    /// The factor between the simplifier's relative errors and distances in position units.
    public static func simplifyScale(positions: [SIMD3<Float>]) -> Float {
        guard !positions.isEmpty else { return 0 }
        return withPositions(positions) { base, stride in meshopt_simplifyScale(base, positions.count, stride) }
    }

    // MARK: - Plumbing

    /// SIMD3<Float> is 16 bytes with x, y, z first, which is exactly meshoptimizer's "float3
    /// in the first 12 bytes of a stride" layout, so positions are passed without copying.
    private static func withPositions<R>(_ positions: [SIMD3<Float>], _ body: (UnsafePointer<Float>?, Int) -> R) -> R {
        positions.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: Float.self) { floats in
                body(floats.baseAddress, MemoryLayout<SIMD3<Float>>.stride)
            }
        }
    }

    private static func withPinnedStreams<R>(_ streams: [VertexStream], _ body: (UnsafeBufferPointer<meshopt_Stream>) -> R) -> R {
        // Pin each stream's bytes for the duration of the call by nesting closures.
        func pin(_ index: Int, _ descriptors: inout [meshopt_Stream]) -> R {
            if index == streams.count { return descriptors.withUnsafeBufferPointer(body) }
            return streams[index].bytes.withUnsafeBytes { raw in
                descriptors.append(meshopt_Stream(data: raw.baseAddress, size: streams[index].elementSize,
                                                  stride: streams[index].elementSize))
                return pin(index + 1, &descriptors)
            }
        }
        var descriptors: [meshopt_Stream] = []
        return pin(0, &descriptors)
    }
}
