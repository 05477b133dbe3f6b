import Foundation
import Imaging
import SiteBuild
import TestSupport
import XCTest

/// The example site as a visitor's phone and laptop show it, with the real model-viewer 4.0.0:
/// a copy of the project whose site.yml points `viewer:` at copies of ../shared/vendor (served
/// from site-templates/static/, as a self-hosting commune would), built and served on 127.0.0.1.
/// Every page with a 3D view is opened at 1280×800 and 390×844; the model must load with no
/// console error, the view must keep its shape, and the WebGL frame must show the model.
/// (BrowserTests keeps the offline checks with model-viewer swapped for an empty script.)
final class RealViewerTests: XCTestCase {
    static let viewports = [(width: 1280, height: 800), (width: 390, height: 844)]
    static let minimumHeightToWidth = 0.4

    struct ViewerState: Decodable {
        var missing: Bool?
        var loaded: Bool?
        var width: Double?
        var height: Double?
        var image: String?
    }

    /// Waits for the model (scrolled into view, since entry pages load it lazily), then reports
    /// the element's box and its first frame.
    static let probe = """
        (async () => {
          const viewer = document.querySelector('model-viewer');
          if (!viewer) return JSON.stringify({ missing: true });
          await customElements.whenDefined('model-viewer');
          viewer.scrollIntoView({ block: 'center' });
          if (!viewer.loaded) await new Promise(resolve => {
            viewer.addEventListener('load', resolve, { once: true });
            viewer.addEventListener('error', resolve, { once: true });
            setTimeout(resolve, 60000);
          });
          for (let i = 0; i < 10; i++) await new Promise(resolve => requestAnimationFrame(resolve));
          const box = viewer.getBoundingClientRect();
          return JSON.stringify({ loaded: viewer.loaded, width: box.width, height: box.height,
                                  image: viewer.loaded ? viewer.toDataURL('image/png') : '' });
        })()
        """

    nonisolated(unsafe) static var built: (site: URL, temp: TemporaryDirectory)?

    override class func tearDown() {
        built?.temp.remove()
        super.tearDown()
    }

    /// The example project with `viewer:` pointing at the vendored model-viewer and decoder.
    func siteWithRealViewer() throws -> URL {
        if let built = Self.built { return built.site }
        guard HeadlessChromium.executable != nil else { throw XCTSkip(HeadlessChromium.missingMessage) }
        guard let vendor = ModelViewerProbe.vendor else { throw XCTSkip(ModelViewerProbe.missingVendorMessage) }
        let temp = try TemporaryDirectory("real-viewer")
        let project = temp.url.appendingPathComponent("project")
        let files = FileManager.default
        try files.createDirectory(at: project, withIntermediateDirectories: true)
        for folder in ["content", "models", "site-templates"] {
            try files.copyItem(at: PackagePaths.root.appendingPathComponent(folder), to: project.appendingPathComponent(folder))
        }
        let static_ = project.appendingPathComponent("site-templates/static/vendor")
        try files.createDirectory(at: static_, withIntermediateDirectories: true)
        try files.copyItem(at: vendor.appendingPathComponent("model-viewer/model-viewer.min.js"), to: static_.appendingPathComponent("model-viewer.min.js"))
        try files.copyItem(at: vendor.appendingPathComponent("meshopt/meshopt_decoder.js"), to: static_.appendingPathComponent("meshopt_decoder.js"))
        let siteYAML = project.appendingPathComponent("content/site.yml")
        var yaml = try String(contentsOf: siteYAML, encoding: .utf8)
        XCTAssertFalse(yaml.contains("\nviewer:"), "the example sets viewer: already; this test would hide it")
        yaml += "\nviewer:\n  script: vendor/model-viewer.min.js\n  meshoptDecoder: vendor/meshopt_decoder.js\n"
        try yaml.write(to: siteYAML, atomically: true, encoding: .utf8)

        let output = temp.url.appendingPathComponent("_site")
        let options = SiteBuilder.Options(projectRoot: project, outputDirectory: output,
                                          worker: ModelWorker(executable: PackagePaths.buildSiteExecutable, timeLimit: 300))
        _ = try SiteBuilder(options: options, log: { _ in }).build()
        Self.built = (output, temp)
        return output
    }

    /// Site paths ("/products/ca-kho/") of every page with a `<model-viewer>`.
    func viewerPages(_ site: URL) throws -> [String] {
        try SiteFiles.files(under: site).filter { $0.hasSuffix(".html") }.filter { file in
            try String(contentsOf: site.appendingPathComponent(file), encoding: .utf8).contains("<model-viewer")
        }.map(SiteFiles.sitePath(ofFile:)).sorted()
    }

    func testEveryThreeDViewLoadsKeepsItsShapeAndShowsTheModel() throws {
        let site = try siteWithRealViewer()
        let paths = try viewerPages(site)
        XCTAssertGreaterThanOrEqual(paths.count, 16, "entry and AR pages with a model in both languages")
        let work = site.deletingLastPathComponent().appendingPathComponent("chromium")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let server = try StaticServer(root: site, logFile: work.appendingPathComponent("server.log"))
        defer { server.stop() }

        var checked = 0, worstRatio = Double.infinity, errors = 0
        var table = ""
        for viewport in Self.viewports {
            let requests = paths.map {
                HeadlessChromium.PageRequest(url: server.origin + $0, evaluate: Self.probe, width: viewport.width, height: viewport.height)
            }
            let results = try HeadlessChromium.check(requests, origin: server.origin, workFolder: work, parallel: 2,
                                                     pageTimeout: 120, timeLimit: 2400)
            for (path, result) in zip(paths, results) {
                let label = "\(path) at \(viewport.width)×\(viewport.height)"
                XCTAssertEqual(result.problems, [], "\(label): console errors or failed requests")
                XCTAssertEqual(result.externalRequests, [], "\(label): requests leaving the machine")
                errors += result.problems.count
                guard let state = try? JSONDecoder().decode(ViewerState.self, from: Data((result.evaluated ?? "").utf8)) else {
                    XCTFail("\(label): the probe returned nothing readable: \(result.evaluated ?? "nil")")
                    continue
                }
                XCTAssertEqual(state.loaded, true, "\(label): model-viewer never fired load")
                let width = state.width ?? 0, height = state.height ?? 0
                XCTAssertGreaterThan(width, 0, label)
                XCTAssertGreaterThanOrEqual(height, Self.minimumHeightToWidth * width, "\(label): the 3D view is \(width)×\(height)")
                if width > 0 { worstRatio = min(worstRatio, height / width) }
                if path.hasSuffix("/ar/") {
                    // The AR page is the 3D view: it fills the screen between its bar and its hint.
                    XCTAssertGreaterThanOrEqual(height, 0.7 * Double(viewport.height), "\(label): the full-screen view is only \(height) px tall")
                }
                table += String(format: "%@ %.0f×%.0f loaded=%@\n", label, width, height, String(describing: state.loaded))
                guard let frame = try? ModelViewerProbe.image(fromDataURL: state.image ?? "") else {
                    XCTFail("\(label): no frame could be read from the WebGL canvas")
                    continue
                }
                let drawn = Self.drawnBox(frame, minimumAlpha: 9)
                XCTAssertGreaterThan(drawn.pixels, frame.width * frame.height / 200, "\(label): the WebGL canvas is blank")
                // The AR page is the whole-model view: the model (its opaque pixels; the soft
                // contact shadow may fade out at the frame) touches none of the frame's sides.
                let model = Self.drawnBox(frame, minimumAlpha: 255)
                if path.hasSuffix("/ar/"), model.pixels > 0 {
                    XCTAssertGreaterThan(model.minX, 0, "\(label): the model runs off the left edge")
                    XCTAssertLessThan(model.maxX, frame.width - 1, "\(label): the model runs off the right edge")
                    XCTAssertGreaterThan(model.minY, 0, "\(label): the model runs off the top")
                    XCTAssertLessThan(model.maxY, frame.height - 1, "\(label): the model runs off the bottom")
                }
                checked += 1
            }
        }
        let artefacts = PackagePaths.root.appendingPathComponent(".build/test-artefacts")
        try? FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        try? table.write(to: artefacts.appendingPathComponent("real-viewer-pages.txt"), atomically: true, encoding: .utf8)
        print(String(format: "real model-viewer: %d page views (%d pages × %d viewports), %d console errors, "
                     + "smallest height/width %.2f (target ≥ %.1f)", checked, paths.count, Self.viewports.count, errors,
                     worstRatio, Self.minimumHeightToWidth))
    }

    /// The box of the pixels the renderer drew with at least this alpha, and how many there are.
    static func drawnBox(_ image: RGBAImage, minimumAlpha: UInt8) -> (pixels: Int, minX: Int, maxX: Int, minY: Int, maxY: Int) {
        var count = 0, minX = Int.max, maxX = -1, minY = Int.max, maxY = -1
        for y in 0..<image.height {
            for x in 0..<image.width where image.pixels[(y * image.width + x) * 4 + 3] >= minimumAlpha {
                count += 1
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        return (count, minX, maxX, minY, maxY)
    }
}

extension RealViewerTests {
    /// With model-viewer running, Tab reaches the 3D view itself (its canvas takes focus and then
    /// answers the arrow keys). The "View in AR" button is a native <button>, so it is in the Tab
    /// order wherever model-viewer shows it (not in headless Chromium, which has no AR).
    func testTheThreeDViewIsReachableByKeyboard() throws {
        let site = try siteWithRealViewer()
        let work = site.deletingLastPathComponent().appendingPathComponent("chromium-keyboard")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let server = try StaticServer(root: site, logFile: work.appendingPathComponent("server.log"))
        defer { server.stop() }
        let pages = ["/products/non-la/", "/en/places/dinh-lang/", "/products/non-la/ar/"]
        let requests = pages.map {
            HeadlessChromium.PageRequest(url: server.origin + $0, evaluate: Self.probe, width: 1280, height: 800, tabs: 40)
        }
        let results = try HeadlessChromium.check(requests, origin: server.origin, workFolder: work, parallel: 1, pageTimeout: 120)
        for (path, result) in zip(pages, results) {
            let order = result.focusOrder ?? []
            let reached = order.firstIndex { $0.hasPrefix("model-viewer|") }
            XCTAssertNotNil(reached, "\(path): Tab never reaches the 3D view; focus went \(order)")
            print("keyboard (model-viewer) \(path): the 3D view after \((reached ?? -2) + 1) Tabs")
        }
        for page in pages {
            let file = site.appendingPathComponent(String(page.dropFirst())).appendingPathComponent("index.html")
            let html = try String(contentsOf: file, encoding: .utf8)
            let arButtons = HTMLScanner.tags(html).filter { !$0.isEnd && $0.attribute("slot") == "ar-button" }
            XCTAssertEqual(arButtons.count, 1, page)
            for button in arButtons {
                XCTAssertEqual(button.name, "button", "\(page): the AR control must be a native button")
                XCTAssertNotEqual(button.attribute("tabindex"), "-1", "\(page): the AR button is taken out of the Tab order")
            }
        }
    }
}
