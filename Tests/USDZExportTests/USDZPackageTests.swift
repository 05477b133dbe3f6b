import SceneModel
import TestSupport
import XCTest
@testable import USDZExport

/// The container rules of usdz (Pixar's spec and the checker's ByteAlignment/Compression rules).
final class USDZPackageTests: XCTestCase {
    func testCRCReferenceValue() {
        XCTAssertEqual(ZipReader.crc32(Array("123456789".utf8)), 0xCBF4_3926, "the test's own CRC is the standard one")
        XCTAssertEqual(USDZPackage.crc32Of(Array("123456789".utf8)), 0xCBF4_3926)
    }

    /// Name lengths 1…70 put the unpadded data offset at every residue mod 64, including the 1–3
    /// byte gaps that need a whole extra 64 bytes.
    func testEveryEntryIsStoredAlignedWithMatchingCRC() throws {
        var entries: [USDZPackage.Entry] = [USDZPackage.Entry(name: "model.usdc", data: Array(repeating: 7, count: 100))]
        for length in 1...70 {
            let name = String(repeating: "n", count: length)
            entries.append(USDZPackage.Entry(name: name, data: (0..<(length * 13)).map { UInt8(truncatingIfNeeded: $0 * 31) }))
        }
        entries.append(USDZPackage.Entry(name: "empty.png", data: []))
        let archive = try ZipReader(try USDZPackage.write(entries))
        XCTAssertEqual(archive.entries.map(\.name), entries.map(\.name), "local headers in the given order")
        XCTAssertEqual(archive.centralNames, entries.map(\.name), "central directory in the same order")
        for (i, (entry, source)) in zip(archive.entries, entries).enumerated() {
            XCTAssertEqual(entry.dataOffset % 64, 0, "\(entry.name): data at \(entry.dataOffset)")
            XCTAssertEqual(entry.method, 0, "\(entry.name): stored")
            XCTAssertEqual(entry.flags, 0, "\(entry.name): no encryption, no data descriptor")
            XCTAssertEqual(entry.size, source.data.count)
            XCTAssertEqual(entry.compressedSize, source.data.count)
            XCTAssertEqual(entry.data, source.data)
            XCTAssertEqual(entry.crc, ZipReader.crc32(source.data), "\(entry.name): CRC")
            XCTAssertEqual(archive.centralCRCs[i], entry.crc)
            XCTAssertEqual(archive.centralOffsets[i], entry.headerOffset, "\(entry.name): central offset")
            XCTAssertEqual(archive.centralExtraLengths[i], entry.extraField.count, "\(entry.name): same extra field")
            if !entry.extraField.isEmpty {
                XCTAssertEqual(Array(entry.extraField.prefix(2)), [0x86, 0x19], "padding field ID 0x1986")
                XCTAssertGreaterThanOrEqual(entry.extraField.count, 4)
            }
        }
    }

    func testCubePackageHasRootLayerFirstThenTextures() throws {
        let scene = SceneFixtures.cubeScene(image: Image(name: "Gạch đỏ", format: .png, data: Self.pngBytes))
        let bytes = try USDZWriter.usdz(scene)
        let zip = try ZipReader(bytes)
        XCTAssertEqual(zip.entries.map(\.name), ["model.usdc", "textures/Gach_do.png"])
        XCTAssertEqual(Array(zip.entries[0].data.prefix(8)), Array("PXR-USDC".utf8), "root layer is Crate")
        XCTAssertEqual(zip.entries[1].data, Self.pngBytes)
        for entry in zip.entries {
            XCTAssertEqual(entry.dataOffset % 64, 0)
            XCTAssertEqual(entry.method, 0)
            XCTAssertEqual(entry.crc, ZipReader.crc32(entry.data))
        }
        XCTAssertEqual(bytes, try USDZWriter.usdz(scene), "deterministic")
    }

    func testRejectsNamesAZipReaderCouldMisread() {
        XCTAssertThrowsError(try USDZPackage.write([.init(name: "tết.png", data: [1])]))
        XCTAssertThrowsError(try USDZPackage.write([.init(name: "a.png", data: [1]), .init(name: "a.png", data: [2])]))
    }

    func testImagesThatAreNotWhatTheySayAreLeftOut() throws {
        let scene = SceneFixtures.cubeScene(image: Image(name: "bogus", format: .jpeg, data: [1, 2, 3]))
        let zip = try ZipReader(try USDZWriter.usdz(scene))
        XCTAssertEqual(zip.entries.map(\.name), ["model.usdc"])
        XCTAssertFalse(USDZWriter.usda(scene).contains("inputs:file"), "no texture node for a missing file")
    }

    /// A 1×1 PNG (only the signature matters to the writer).
    static let pngBytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52,
                                    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49,
                                    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0, 0x05, 0x00, 0x01,
                                    0xFF, 0x89, 0x99, 0x3D, 0x1D, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
}
