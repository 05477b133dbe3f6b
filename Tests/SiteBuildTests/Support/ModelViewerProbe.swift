import Foundation
import Imaging
import TestSupport
import XCTest

/// The real model-viewer (../shared/vendor, the version the site loads) rendering .glb files in
/// headless Chromium, read back pixel for pixel: `scripts/calibration/probe.html` shows one model
/// at 512×512 with the shadow off and full render scale, and returns `toDataURL()` of its first
/// frame with the camera it used.
struct ModelViewerProbe {
    struct Frame: Decodable {
        var image: String
        var theta: Double
        var phi: Double
        var radius: Double
        var target: [Double]
        var fieldOfView: Double

        func decoded() throws -> RGBAImage { try ModelViewerProbe.image(fromDataURL: image) }
    }

    /// The picture in a `data:image/png;base64,…` URL, as `toDataURL()` returns it.
    static func image(fromDataURL url: String) throws -> RGBAImage {
        guard let comma = url.firstIndex(of: ","), let data = Data(base64Encoded: String(url[url.index(after: comma)...])) else {
            throw HeadlessChromium.Failure.helper("model-viewer returned no PNG data URL")
        }
        return try ImageDecoder.decode([UInt8](data))
    }

    static let missingVendorMessage = "../shared/vendor (model-viewer 4.0.0 and the meshopt decoder) is absent here; "
        + "the tests against the real viewer need the shared folder beside the repository"

    /// ../shared/vendor, or nil.
    static var vendor: URL? {
        let folder = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/vendor")
        let script = folder.appendingPathComponent("model-viewer/model-viewer.min.js")
        return FileManager.default.fileExists(atPath: script.path) ? folder : nil
    }

    /// Copies model-viewer, the meshopt decoder and the probe page into `folder` (which then
    /// also holds the models), for a static server rooted there.
    static func prepare(_ folder: URL) throws {
        guard let vendor else { throw XCTSkip(missingVendorMessage) }
        let files = [vendor.appendingPathComponent("model-viewer/model-viewer.min.js"),
                     vendor.appendingPathComponent("meshopt/meshopt_decoder.js"),
                     PackagePaths.root.appendingPathComponent("scripts/calibration/probe.html")]
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            let target = folder.appendingPathComponent(file.lastPathComponent)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: file, to: target)
        }
    }

    /// Renders each model (a file name inside the served folder) from `orbits[i]`, one tab each.
    static func render(models: [String], orbits: [String], folder: URL, work: URL) throws -> [Result<Frame, Error>] {
        let server = try StaticServer(root: folder, logFile: work.appendingPathComponent("probe-server.log"))
        defer { server.stop() }
        let pages = zip(models, orbits).map { model, orbit in
            HeadlessChromium.PageRequest(url: server.origin + "/probe.html?src=" + percentEncoded(model) + "&orbit=" + percentEncoded(orbit),
                                         evaluate: "probeFrame()", width: 512, height: 512)
        }
        let results = try HeadlessChromium.check(pages, origin: server.origin, workFolder: work.appendingPathComponent("chromium"),
                                                 parallel: 2, pageTimeout: 120, timeLimit: 1800)
        return results.map { result in
            // The probe page has no favicon; Chromium asks for one anyway.
            let problems = result.problems.filter { !$0.contains("favicon.ico") }
            guard problems.isEmpty else {
                return .failure(HeadlessChromium.Failure.helper("\(result.url): \(problems.joined(separator: "; "))"))
            }
            return Result { try JSONDecoder().decode(Frame.self, from: Data((result.evaluated ?? "").utf8)) }
        }
    }

    private static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

/// Two renders of one model compared as a visitor would see them swap: where each covers the
/// frame, and the colour where both do.
struct RenderComparison: CustomStringConvertible {
    var intersectionOverUnion: Double
    /// Mean sRGB colour (0...255) of the pixels both images cover fully, in each image.
    var meanA: SIMD3<Double>
    var meanB: SIMD3<Double>
    var sharedPixels: Int

    /// Per channel, |mean A − mean B|, largest of the three.
    var meanColourDifference: Double {
        let d = meanA - meanB
        return max(abs(d.x), abs(d.y), abs(d.z))
    }

    init(_ a: RGBAImage, _ b: RGBAImage) {
        precondition(a.width == b.width && a.height == b.height, "images of different sizes")
        var both = 0, either = 0
        var sumA = SIMD3<Double>(repeating: 0), sumB = SIMD3<Double>(repeating: 0), shared = 0
        for i in 0..<(a.width * a.height) {
            let alphaA = a.pixels[i * 4 + 3], alphaB = b.pixels[i * 4 + 3]
            let inA = alphaA >= 128, inB = alphaB >= 128
            if inA && inB { both += 1 }
            if inA || inB { either += 1 }
            if alphaA == 255 && alphaB == 255 {
                shared += 1
                sumA += SIMD3(Double(a.pixels[i * 4]), Double(a.pixels[i * 4 + 1]), Double(a.pixels[i * 4 + 2]))
                sumB += SIMD3(Double(b.pixels[i * 4]), Double(b.pixels[i * 4 + 1]), Double(b.pixels[i * 4 + 2]))
            }
        }
        intersectionOverUnion = either == 0 ? 1 : Double(both) / Double(either)
        sharedPixels = shared
        meanA = shared == 0 ? .zero : sumA / Double(shared)
        meanB = shared == 0 ? .zero : sumB / Double(shared)
    }

    var description: String {
        func rgb(_ c: SIMD3<Double>) -> String { String(format: "(%.0f, %.0f, %.0f)", c.x, c.y, c.z) }
        return String(format: "IoU %.3f, mean colour %@ vs %@ (Δ %.1f) over %d px", intersectionOverUnion,
                      rgb(meanA), rgb(meanB), meanColourDifference, sharedPixels)
    }
}
