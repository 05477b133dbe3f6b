import Foundation
import Imaging
import TestSupport
import XCTest

/// `build-site model INPUT -o OUT.png|.jpg|.webp|.avif [--size WxH]`: one poster, from the command line.
final class PosterCommandTests: XCTestCase {
    let model = PackagePaths.root.appendingPathComponent("models/mam-ruoc/hu-mam-ruoc.obj")

    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = PackagePaths.buildSiteExecutable
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testTransparentPNGOfTheAskedSize() throws {
        let temp = try TemporaryDirectory("poster-cli")
        defer { temp.remove() }
        let output = temp.url.appendingPathComponent("jar.png")
        let result = try run(["model", model.path, "-o", output.path, "--size", "96x64", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let image = try PNGCodec.decode([UInt8](try Data(contentsOf: output)))
        XCTAssertEqual(image.width, 96)
        XCTAssertEqual(image.height, 64)
        let alphas = stride(from: 3, to: image.pixels.count, by: 4).map { image.pixels[$0] }
        XCTAssertEqual(alphas.first, 0, "the corner is background, left transparent")
        XCTAssertGreaterThan(alphas.filter { $0 == 255 }.count, 96 * 64 / 20, "the jar covers part of the picture")
    }

    func testJPEGIsOpaqueOnTheBackgroundColour() throws {
        let temp = try TemporaryDirectory("poster-cli")
        defer { temp.remove() }
        let output = temp.url.appendingPathComponent("jar.jpg")
        let result = try run(["model", model.path, "-o", output.path, "--size", "80", "--background", "#204080", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let image = try JPEGCodec.decode([UInt8](try Data(contentsOf: output)))
        XCTAssertEqual(image.width, 80)
        XCTAssertEqual(image.height, 80)
        let corner = Array(image.pixels[0..<3]).map(Int.init)
        for (got, want) in zip(corner, [0x20, 0x40, 0x80]) { XCTAssertEqual(Double(got), Double(want), accuracy: 6, "\(corner)") }
    }

    func testMistakesAreClearErrors() throws {
        let temp = try TemporaryDirectory("poster-cli")
        defer { temp.remove() }
        let cases: [([String], String)] = [
            (["--size", "0x10"], "--size"),
            (["--camera-orbit", "30deg up"], "--camera-orbit"),
            (["--background", "blue"], "--background"),
        ]
        for (flags, mentioned) in cases {
            let result = try run(["model", model.path, "-o", temp.url.appendingPathComponent("x.png").path] + flags)
            XCTAssertNotEqual(result.status, 0, flags.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(mentioned), result.stderr)
        }
        let gif = try run(["model", model.path, "-o", temp.url.appendingPathComponent("x.gif").path])
        XCTAssertEqual(gif.status, 1)
        XCTAssertTrue(gif.stderr.contains("x.gif: unsupported output type '.gif', expected .glb, .usdz, .png, .jpg, .webp or .avif"), gif.stderr)
    }

    func testWebPAndAVIFPostersAreTransparentAndKeepTheQualityPromise() throws {
        let temp = try TemporaryDirectory("poster-cli")
        defer { temp.remove() }
        let png = temp.url.appendingPathComponent("jar.png")
        XCTAssertEqual(try run(["model", model.path, "-o", png.path, "--size", "128", "--poster-lossless", "--quiet"]).status, 0)
        let master = ImageQuality.premultiplied(try PNGCodec.decode([UInt8](try Data(contentsOf: png))))
        for (format, decode) in [("webp", WebPCodec.decode), ("avif", AVIFCodec.decode)] as [(String, ([UInt8]) throws -> RGBAImage)] {
            let output = temp.url.appendingPathComponent("jar." + format)
            let result = try run(["model", model.path, "-o", output.path, "--size", "128", "--quiet"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let image = try decode([UInt8](try Data(contentsOf: output)))
            XCTAssertEqual([image.width, image.height], [128, 128], format)
            XCTAssertEqual(image.pixels[3], 0, "\(format): the corner is transparent")
            // The same render as the lossless PNG, within the promise every re-encoding keeps.
            XCTAssertGreaterThanOrEqual(ImageQuality.psnr(master, ImageQuality.premultiplied(image)), 38, format)
        }
    }
}
