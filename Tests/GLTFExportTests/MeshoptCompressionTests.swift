import Foundation
@testable import GLTFExport
import MeshOptimizer
import SceneModel
import TestSupport
import XCTest

/// EXT_meshopt_compression as the writer does it: the compressed views decode, with meshopt's
/// own decoder, to exactly the bytes the uncompressed (quantize-only) file stores.
final class MeshoptCompressionTests: XCTestCase {
    static let quantized = GLTFWriter.Options(quantize: true)
    static let compressed = GLTFWriter.Options(quantize: true, compression: .meshopt)

    func views(_ glb: [UInt8]) -> [[String: Any]] { GLBInspector(glb).json["bufferViews"] as? [[String: Any]] ?? [] }

    func testCompressedViewsDecodeToTheUncompressedLayout() throws {
        let scene = EncodingFixtures.oddCube(textured: true)
        let plainGLB = try GLTFWriter.glb(scene, options: Self.quantized)
        let packedGLB = try GLTFWriter.glb(scene, options: Self.compressed)
        let plain = GLBInspector(plainGLB), packed = GLBInspector(packedGLB)
        XCTAssertEqual(plain.issues, [])
        XCTAssertEqual(packed.issues, [])
        let plainViews = views(plainGLB), packedViews = views(packedGLB)
        XCTAssertEqual(plainViews.count, packedViews.count, "same views, in the same order")

        var modes: [String] = []
        for (i, view) in packedViews.enumerated() {
            let plainBytes = try XCTUnwrap(plain.viewBytes(i))
            guard let ext = (view["extensions"] as? [String: Any])?["EXT_meshopt_compression"] as? [String: Any] else {
                XCTAssertNil(view["target"], "only image views stay uncompressed")
                XCTAssertEqual(packed.viewBytes(i), plainBytes)
                continue
            }
            let mode = try XCTUnwrap(ext["mode"] as? String), filter = ext["filter"] as? String ?? "NONE"
            modes.append(filter == "NONE" ? mode : "\(mode)/\(filter)")
            XCTAssertEqual(view["buffer"] as? Int, 1, "the parent view lives in the fallback buffer")
            XCTAssertEqual(ext["buffer"] as? Int, 0, "compressed bytes live in the BIN chunk")
            let offset = ext["byteOffset"] as? Int ?? 0, length = try XCTUnwrap(ext["byteLength"] as? Int)
            let count = try XCTUnwrap(ext["count"] as? Int), stride = try XCTUnwrap(ext["byteStride"] as? Int)
            let encoded = Array(packed.bin[offset..<offset + length])
            XCTAssertEqual(view["byteLength"] as? Int, count * stride)
            // Decode here with meshoptimizer directly, not through the checker.
            switch mode {
            case "ATTRIBUTES":
                XCTAssertEqual(encoded.first, 0xa0, "version-0 vertex bitstream")
                XCTAssertEqual(view["byteStride"] as? Int, stride)
                var decoded = try MeshoptCodec.decodeVertexBuffer(encoded, count: count, stride: stride)
                if filter == "NONE" {
                    XCTAssertEqual(decoded, plainBytes, "view \(i) decodes byte for byte to the quantize-only layout")
                } else {
                    XCTAssertEqual(filter, "OCTAHEDRAL")
                    try MeshoptCodec.decodeFilterOct(&decoded, count: count, stride: stride)
                    XCTAssertEqual(decoded, packed.viewBytes(i), "the checker decodes the same way")
                    // Octahedral normals are not byte-identical to round(n · 127), but close.
                    for (a, b) in zip(decoded, plainBytes) { XCTAssertLessThanOrEqual(abs(Int(Int8(bitPattern: a)) - Int(Int8(bitPattern: b))), 2) }
                }
            case "TRIANGLES":
                XCTAssertEqual(encoded.first, 0xe1)
                XCTAssertNil(view["byteStride"], "index views have no stride")
                XCTAssertEqual(try MeshoptCodec.decodeIndexBuffer(encoded, count: count, indexSize: stride), plainBytes)
            default:
                XCTFail("unexpected mode \(mode)")
            }
        }
        XCTAssertEqual(modes, ["ATTRIBUTES", "ATTRIBUTES/OCTAHEDRAL", "TRIANGLES"],
                       "position + UV + colour interleaved, normals (filtered) alone, indices")

        let buffers = try XCTUnwrap(packed.json["buffers"] as? [[String: Any]])
        XCTAssertEqual(buffers.count, 2)
        XCTAssertNil(buffers[1]["uri"])
        XCTAssertEqual(((buffers[1]["extensions"] as? [String: Any])?["EXT_meshopt_compression"] as? [String: Any])?["fallback"] as? Bool, true)
        let fallbackEnd = packedViews.filter { $0["buffer"] as? Int == 1 }.map { ($0["byteOffset"] as? Int ?? 0) + ($0["byteLength"] as? Int ?? 0) }.max()
        XCTAssertEqual(buffers[1]["byteLength"] as? Int, fallbackEnd, "the fallback is exactly as large as the decoded views")
    }

    func testLargeMeshesAndFloatStreamsCompressToo() throws {
        // A 300 × 300 grid: 90 000 vertices, 32-bit indices.
        let side = 300
        var positions: [SIMD3<Float>] = [], indices: [UInt32] = []
        for y in 0..<side { for x in 0..<side { positions.append(SIMD3(Float(x) * 0.01, sin(Float(x + y) * 0.05) * 0.2, Float(y) * 0.01)) } }
        for y in 0..<(side - 1) {
            for x in 0..<(side - 1) {
                let a = UInt32(y * side + x), b = a + 1, c = a + UInt32(side), d = c + 1
                indices += [a, c, b, b, c, d]
            }
        }
        let scene = Scene(nodes: [Node(mesh: 0)], roots: [0], meshes: [Mesh(primitives: [Primitive(positions: positions, indices: indices)])])
        let plainSize = try GLTFWriter.glb(scene).count
        for options in [Self.compressed, GLTFWriter.Options(compression: .meshopt)] {
            let glb = try GLTFWriter.glb(scene, options: options)
            let inspector = GLBInspector(glb)
            XCTAssertEqual(inspector.issues, [])
            XCTAssertEqual(inspector.drawnTriangles, indices.count / 3)
            let accessors = try XCTUnwrap(inspector.json["accessors"] as? [[String: Any]])
            XCTAssertEqual(accessors.last?["componentType"] as? Int, 5125, "32-bit indices")
            print("grid 300×300, quantize \(options.quantize), meshopt: \(glb.count) bytes vs \(plainSize) plain")
            XCTAssertLessThan(Double(glb.count), 0.5 * Double(plainSize), "\(glb.count) bytes vs \(plainSize) plain")
        }
    }

    // MARK: - The checker catches broken compressed files

    func compressedCube() throws -> [UInt8] { try GLTFWriter.glb(EncodingFixtures.oddCube(), options: Self.compressed) }

    /// The first view whose EXT_meshopt_compression mode is `mode`.
    func view(_ glb: [UInt8], mode: String) throws -> Int {
        try XCTUnwrap(views(glb).firstIndex { (($0["extensions"] as? [String: Any])?["EXT_meshopt_compression"] as? [String: Any])?["mode"] as? String == mode })
    }

    func meshoptExtension(_ json: inout [String: Any], view: Int, _ edit: (inout [String: Any]) -> Void) {
        var views = json["bufferViews"] as! [[String: Any]]
        var extensions = views[view]["extensions"] as! [String: Any]
        var ext = extensions["EXT_meshopt_compression"] as! [String: Any]
        edit(&ext)
        extensions["EXT_meshopt_compression"] = ext
        views[view]["extensions"] = extensions
        json["bufferViews"] = views
    }

    func testCheckerRejectsAMissingRequiredExtension() throws {
        let glb = try repacked(try compressedCube()) { $0["extensionsRequired"] = ["KHR_mesh_quantization"] }
        let issues = GLBInspector(glb).issues
        XCTAssertTrue(issues.contains { $0.contains("fallback without data") }, "\(issues)")
    }

    func testCheckerRejectsAVersionOneVertexBitstream() throws {
        let original = try compressedCube()
        let json = GLBInspector(original).json
        let ext = try XCTUnwrap((((json["bufferViews"] as? [[String: Any]])?[0]["extensions"] as? [String: Any])?["EXT_meshopt_compression"] as? [String: Any]))
        let at = ext["byteOffset"] as? Int ?? 0
        let glb = try repacked(original, { _ in }, bin: { $0[at] = 0xa1 })
        let issues = GLBInspector(glb).issues
        XCTAssertTrue(issues.contains { $0.contains("header byte 0xa1") }, "\(issues)")
    }

    func testCheckerRejectsCorruptCompressedData() throws {
        let original = try compressedCube()
        let triangles = try view(original, mode: "TRIANGLES")
        let glb = try repacked(original) { json in
            // Claim the index stream is shorter than it is: the decoder then runs out of data.
            self.meshoptExtension(&json, view: triangles) { $0["byteLength"] = 3 }
        }
        let issues = GLBInspector(glb).issues
        XCTAssertTrue(issues.contains { $0.contains("does not decode") }, "\(issues)")
    }

    func testCheckerRejectsStrideRuleBreaks() throws {
        let original = try compressedCube()
        let stride = try repacked(original) { json in self.meshoptExtension(&json, view: 0) { $0["byteStride"] = 12 } }
        XCTAssertTrue(GLBInspector(stride).issues.contains { $0.contains("byteStride 12 != the view's 16") }, "\(GLBInspector(stride).issues)")
        let triangles = try view(original, mode: "TRIANGLES")
        let filter = try repacked(original) { json in self.meshoptExtension(&json, view: triangles) { $0["filter"] = "OCTAHEDRAL" } }
        XCTAssertTrue(GLBInspector(filter).issues.contains { $0.contains("TRIANGLES can't have filter") }, "\(GLBInspector(filter).issues)")
    }

    func testCheckerRejectsAPlainViewInTheFallbackBuffer() throws {
        let glb = try repacked(try compressedCube()) { json in
            var views = json["bufferViews"] as! [[String: Any]]
            views[0]["extensions"] = nil
            json["bufferViews"] = views
        }
        let issues = GLBInspector(glb).issues
        XCTAssertTrue(issues.contains { $0.contains("uses fallback buffer 1 without EXT_meshopt_compression") }, "\(issues)")
    }

    func testCheckerRejectsQuantizedFormatsItDoesNotAllow() throws {
        let original = try GLTFWriter.glb(EncodingFixtures.oddCube(), options: Self.quantized)
        let normalIndex = try XCTUnwrap((DecodedGLB(original).primitive(mesh: 0)?["attributes"] as? [String: Int])?["NORMAL"])
        let positionIndex = try XCTUnwrap((DecodedGLB(original).primitive(mesh: 0)?["attributes"] as? [String: Int])?["POSITION"])
        let unnormalized = try repacked(original) { json in
            var accessors = json["accessors"] as! [[String: Any]]
            accessors[normalIndex]["normalized"] = nil
            json["accessors"] = accessors
        }
        XCTAssertTrue(GLBInspector(unnormalized).issues.contains { $0.contains("NORMAL may not use componentType 5120") },
                      "\(GLBInspector(unnormalized).issues)")
        let notRequired = try repacked(original) { $0["extensionsRequired"] = nil }
        XCTAssertTrue(GLBInspector(notRequired).issues.contains { $0.contains("POSITION uses a KHR_mesh_quantization format") },
                      "\(GLBInspector(notRequired).issues)")
        let badMax = try repacked(original) { json in
            var accessors = json["accessors"] as! [[String: Any]]
            accessors[positionIndex]["max"] = [16384, 16383, 16383]
            json["accessors"] = accessors
        }
        XCTAssertTrue(GLBInspector(badMax).issues.contains { $0.contains("accessors[\(positionIndex)].max[0]") }, "\(GLBInspector(badMax).issues)")
        let unlisted = try repacked(original) { $0["extensionsUsed"] = ["KHR_mesh_quantization", "KHR_texture_transform"] }
        XCTAssertTrue(GLBInspector(unlisted).issues.isEmpty, "listing an unused extension is allowed")
        let undeclared = try repacked(try GLTFWriter.glb(EncodingFixtures.oddCube(), options: Self.compressed)) {
            $0["extensionsUsed"] = ["KHR_mesh_quantization"]
        }
        XCTAssertTrue(GLBInspector(undeclared).issues.contains { $0.contains("EXT_meshopt_compression is used but extensionsUsed") },
                      "\(GLBInspector(undeclared).issues)")
    }
}
