import MeshOptimizer
import XCTest

/// The meshoptimizer wrapper: what EXT_meshopt_compression needs from it, and no traps.
final class MeshoptCodecTests: XCTestCase {
    /// A small grid of triangles with 8-byte vertices (what quantized positions look like).
    func gridMesh() -> (vertices: [UInt8], indices: [UInt32], count: Int) {
        var vertices: [UInt8] = [], indices: [UInt32] = []
        let side = 9
        for y in 0..<side {
            for x in 0..<side {
                for v in [UInt16(x * 100), UInt16(y * 100), UInt16((x * y) % 37), 0] { vertices += [UInt8(v & 0xff), UInt8(v >> 8)] }
            }
        }
        for y in 0..<(side - 1) {
            for x in 0..<(side - 1) {
                let a = UInt32(y * side + x), b = a + 1, c = a + UInt32(side), d = c + 1
                indices += [a, c, b, b, c, d]
            }
        }
        return (vertices, indices, side * side)
    }

    func testVersionsArePinnedForEXTMeshoptCompression() throws {
        XCTAssertGreaterThanOrEqual(MeshoptCodec.libraryVersion, 180)
        let mesh = gridMesh()
        XCTAssertEqual(try MeshoptCodec.encodeVertexBuffer(mesh.vertices, count: mesh.count, stride: 8).first, 0xa0,
                       "EXT_meshopt_compression accepts the version-0 vertex bitstream only")
        XCTAssertEqual(try MeshoptCodec.encodeIndexBuffer(mesh.indices, vertexCount: mesh.count).first, 0xe1)
        XCTAssertEqual(try MeshoptCodec.encodeIndexSequence(mesh.indices, vertexCount: mesh.count).first, 0xd1)
    }

    func testVertexAndIndexStreamsRoundTripExactly() throws {
        let mesh = gridMesh()
        let encoded = try MeshoptCodec.encodeVertexBuffer(mesh.vertices, count: mesh.count, stride: 8)
        XCTAssertLessThan(encoded.count, mesh.vertices.count, "a regular grid compresses")
        XCTAssertLessThanOrEqual(encoded.count, MeshoptCodec.vertexBufferBound(count: mesh.count, stride: 8))
        XCTAssertEqual(try MeshoptCodec.decodeVertexBuffer(encoded, count: mesh.count, stride: 8), mesh.vertices)

        let little16 = mesh.indices.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] }
        let triangles = try MeshoptCodec.encodeIndexBuffer(mesh.indices, vertexCount: mesh.count)
        XCTAssertEqual(try MeshoptCodec.decodeIndexBuffer(triangles, count: mesh.indices.count, indexSize: 2), little16)
        let sequence = try MeshoptCodec.encodeIndexSequence(mesh.indices, vertexCount: mesh.count)
        XCTAssertEqual(try MeshoptCodec.decodeIndexSequence(sequence, count: mesh.indices.count, indexSize: 2), little16)
        let little32 = try MeshoptCodec.decodeIndexBuffer(triangles, count: mesh.indices.count, indexSize: 4)
        XCTAssertEqual(stride(from: 0, to: little32.count, by: 4).map { UInt32(little32[$0]) | UInt32(little32[$0 + 1]) << 8 }, mesh.indices)
    }

    func testFiltersDecodeToTheirInputWithinPrecision() throws {
        let normals: [SIMD4<Float>] = [SIMD4(0, 0, 1, 0), SIMD4(0.6, 0.8, 0, 0), SIMD4(-0.577, 0.577, -0.577, 0), SIMD4(0, -1, 0, 0)]
        var oct = try MeshoptCodec.encodeFilterOct(normals, stride: 4, bits: 8)
        try MeshoptCodec.decodeFilterOct(&oct, count: normals.count, stride: 4)
        for (i, n) in normals.enumerated() {
            let decoded = (0..<3).map { Float(Int8(bitPattern: oct[i * 4 + $0])) / 127 }
            let expected = [n.x, n.y, n.z].map { $0 / (n.x * n.x + n.y * n.y + n.z * n.z).squareRoot() }
            for c in 0..<3 { XCTAssertEqual(decoded[c], expected[c], accuracy: 0.02, "normal \(i)") }
        }

        let quaternions: [SIMD4<Float>] = [SIMD4(0, 0, 0, 1), SIMD4(0.5, 0.5, 0.5, 0.5), SIMD4(0, 0.7071068, 0, 0.7071068)]
        var quat = try MeshoptCodec.encodeFilterQuat(quaternions, bits: 12)
        try MeshoptCodec.decodeFilterQuat(&quat, count: quaternions.count)
        for (i, q) in quaternions.enumerated() {
            let decoded = (0..<4).map { Float(Int16(bitPattern: UInt16(quat[i * 8 + $0 * 2]) | UInt16(quat[i * 8 + $0 * 2 + 1]) << 8)) / 32767 }
            let sign: Float = (decoded[3] * q.w + decoded[0] * q.x + decoded[1] * q.y + decoded[2] * q.z) < 0 ? -1 : 1
            for c in 0..<4 { XCTAssertEqual(decoded[c] * sign, [q.x, q.y, q.z, q.w][c], accuracy: 0.002, "quaternion \(i)") }
        }

        let values: [Float] = [0, 1.5, -2.25, 1000.125, 0.001, 3]
        var exp = try MeshoptCodec.encodeFilterExp(values, components: 3, bits: 24)
        try MeshoptCodec.decodeFilterExp(&exp, count: 2, stride: 12)
        let decoded = stride(from: 0, to: exp.count, by: 4).map {
            Float(bitPattern: UInt32(exp[$0]) | UInt32(exp[$0 + 1]) << 8 | UInt32(exp[$0 + 2]) << 16 | UInt32(exp[$0 + 3]) << 24)
        }
        for (a, b) in zip(decoded, values) { XCTAssertEqual(a, b, accuracy: abs(b) * 1e-6 + 1e-4) }
    }

    func testBadInputThrowsInsteadOfTrapping() {
        XCTAssertThrowsError(try MeshoptCodec.encodeVertexBuffer([1, 2, 3], count: 1, stride: 3))
        XCTAssertThrowsError(try MeshoptCodec.encodeVertexBuffer([1, 2, 3, 4], count: 2, stride: 4))
        XCTAssertThrowsError(try MeshoptCodec.encodeVertexBuffer([UInt8](repeating: 0, count: 260), count: 1, stride: 260))
        XCTAssertThrowsError(try MeshoptCodec.encodeIndexBuffer([0, 1], vertexCount: 2))
        XCTAssertThrowsError(try MeshoptCodec.encodeIndexBuffer([0, 1, 5], vertexCount: 3))
        XCTAssertThrowsError(try MeshoptCodec.encodeFilterOct([SIMD4(0, 0, 1, 0)], stride: 6, bits: 8))
        XCTAssertThrowsError(try MeshoptCodec.encodeFilterOct([SIMD4(0, 0, 1, 0)], stride: 4, bits: 12))
        XCTAssertThrowsError(try MeshoptCodec.encodeFilterQuat([SIMD4(0, 0, 0, 1)], bits: 3))
        XCTAssertThrowsError(try MeshoptCodec.encodeFilterExp([1, 2], components: 3, bits: 16))
        XCTAssertThrowsError(try MeshoptCodec.decodeVertexBuffer([0xa0, 1, 2], count: 100, stride: 8), "truncated stream")
        XCTAssertThrowsError(try MeshoptCodec.decodeVertexBuffer([0x00, 0, 0, 0], count: 1, stride: 4), "bad header")
        XCTAssertThrowsError(try MeshoptCodec.decodeIndexBuffer([0xe1], count: 4, indexSize: 2))
        XCTAssertThrowsError(try MeshoptCodec.decodeIndexBuffer([0xe1], count: 3, indexSize: 3))
        var short: [UInt8] = [1, 2, 3]
        XCTAssertThrowsError(try MeshoptCodec.decodeFilterOct(&short, count: 1, stride: 4))
        // Non-finite or zero vectors are sanitized rather than handed to C as NaN.
        XCTAssertNoThrow(try MeshoptCodec.encodeFilterOct([SIMD4(.nan, 0, 0, 0), .zero], stride: 4, bits: 8))
        XCTAssertNoThrow(try MeshoptCodec.encodeFilterQuat([.zero], bits: 12))
        XCTAssertNoThrow(try MeshoptCodec.encodeFilterExp([.infinity], components: 1, bits: 12))
    }

    func testEmptyStreams() throws {
        let encoded = try MeshoptCodec.encodeVertexBuffer([], count: 0, stride: 4)
        XCTAssertEqual(try MeshoptCodec.decodeVertexBuffer(encoded, count: 0, stride: 4), [])
        XCTAssertEqual(try MeshoptCodec.encodeFilterOct([], stride: 4, bits: 8), [])
    }
}
