import Foundation
@testable import SceneImport
import TestSupport
import XCTest

/// Zip containers are judged by the sizes their directory declares, before anything is inflated.
final class ZipBombGuardTests: XCTestCase {
    /// A one-member zip whose directory declares `inflated` bytes for `stored` bytes (the data
    /// itself is never read by the guard, so it is left as zeros).
    static func zip(member: String, stored: UInt32, inflated: UInt32) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
        let name = Array(member.utf8)
        var local: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(8) + le16(0) + le16(0) + le32(0)
        local += le32(stored) + le32(inflated) + le16(name.count) + le16(0) + name
        local += [UInt8](repeating: 0, count: Int(stored))
        var central: [UInt8] = [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0) + le16(8) + le16(0) + le16(0) + le32(0)
        central += le32(stored) + le32(inflated) + le16(name.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + name
        let end: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(1) + le16(1)
            + le32(UInt32(central.count)) + le32(UInt32(local.count)) + le16(0)
        return local + central + end
    }

    func check(_ bytes: [UInt8], named name: String = "model.zae") throws -> String? {
        let temp = try TemporaryDirectory("zip-guard")
        defer { temp.remove() }
        let file = temp.url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return ZipBombGuard.problem(at: file.path)
    }

    func testABombIsRefusedFromItsDirectory() throws {
        let problem = try check(Self.zip(member: "model.dae", stored: 10_000, inflated: 3_000_000_000))
        XCTAssertTrue(problem?.contains("'model.dae', 10000 bytes that unpack to 3000000000") ?? false, problem ?? "accepted")
        // The importer says so, naming the file, without opening it.
        let temp = try TemporaryDirectory("zip-guard-import")
        defer { temp.remove() }
        let file = temp.url.appendingPathComponent("bomb.zae")
        try Data(Self.zip(member: "model.dae", stored: 10_000, inflated: 3_000_000_000)).write(to: file)
        XCTAssertThrowsError(try SceneImporter.importFile(at: file)) { error in
            XCTAssertTrue("\(error)".contains("is a zip container that holds 'model.dae'"), "\(error)")
        }
    }

    func testTooMuchInAllIsRefusedAndOrdinaryZipsPass() throws {
        let large = try check(Self.zip(member: "scene.dae", stored: 4_000_000, inflated: 1_500_000_000))
        XCTAssertTrue(large?.contains("unpacks to more than 1024 MB") ?? false, large ?? "accepted")
        XCTAssertNil(try check(Self.zip(member: "scene.dae", stored: 2_000, inflated: 40_000)))
        XCTAssertNil(try check(Array("not a zip".utf8)))
        XCTAssertNil(try check(Array("PK\u{3}\u{4} cut short".utf8)), "a damaged zip is left to the importer")
    }
}
