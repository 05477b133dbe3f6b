import Foundation
import SiteBuild
import TestSupport
import XCTest

/// `build-site serve` as staff use it, on the starter project: pages and models served right,
/// no way out of the site, a save reloads the page, a bad save shows its error while the last
/// good site stays up, and the fix clears it.
final class ServeEndToEndTests: XCTestCase {
    /// The running `serve` and what it printed so far.
    final class Server: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var printed = ""

        init(project: URL) throws {
            process.executableURL = PackagePaths.buildSiteExecutable
            process.arguments = ["serve", "--project", project.path, "--port", "0", "--verbose"]
            process.standardInput = FileHandle.nullDevice
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            Thread.detachNewThread { [self] in
                let reader = pipe.fileHandleForReading
                while true {
                    let data = reader.availableData
                    if data.isEmpty { break }
                    lock.withLock { printed += String(decoding: data, as: UTF8.self) }
                }
            }
        }

        var output: String { lock.withLock { printed } }

        /// Waits for `pattern` in what the server printed.
        func waitFor(_ pattern: String, seconds: TimeInterval) -> String? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if output.contains(pattern) { return output }
                if !process.isRunning { return nil }
                usleep(50_000)
            }
            return nil
        }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }
    }

    func testServeReloadsShowsErrorsAndKeepsTheLastGoodSite() throws {
        let temp = try TemporaryDirectory("serve-e2e")
        defer { temp.remove() }
        let project = temp.url.appendingPathComponent("project")
        _ = try StarterSite.write(into: project, templates: PackagePaths.root.appendingPathComponent("site-templates"))
        let server = try Server(project: project)
        defer { server.stop() }

        guard let started = server.waitFor("Serving the site at", seconds: 300),
              let match = started.firstMatch(of: /Serving the site at http:\/\/127\.0\.0\.1:(\d+)\//),
              let port = UInt16(match.1) else {
            return XCTFail("serve did not start: \(server.output)")
        }

        // Pages, with the reload script; models with their types and byte ranges.
        let home = try RawHTTP.get("/", port: port)
        XCTAssertEqual(home.status, 200)
        XCTAssertEqual(home.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(home.text.contains("<script src=\"/__build-site/reload.js\""), "reload script injected")
        XCTAssertEqual(try RawHTTP.get("/places/dinh-lang", port: port).status, 301)
        let place = try RawHTTP.get("/places/dinh-lang/", port: port)
        XCTAssertEqual(place.status, 200)
        XCTAssertTrue(place.text.contains("Đình làng"))
        XCTAssertTrue(place.text.contains("http://127.0.0.1:\(port)/"), "absolute URLs follow the address served")
        let byName = try RawHTTP.get("/places/dinh-lang/", port: port, headers: ["Host": "localhost:\(port)"]).text
        XCTAssertTrue(byName.contains("http://localhost:\(port)/places/dinh-lang/"), "… and the address a visitor used")
        XCTAssertFalse(byName.contains("http://127.0.0.1:\(port)/"))

        let product = try RawHTTP.get("/products/hop-qua/", port: port).text
        guard let glbPath = product.firstMatch(of: /src="(\/assets\/models\/[^"]+\.glb)"/).map({ String($0.1) }),
              let usdzPath = product.firstMatch(of: /(\/assets\/models\/[^"#]+\.usdz)/).map({ String($0.1) }) else {
            return XCTFail("no model on the product page: \(product)")
        }
        let whole = try RawHTTP.get(glbPath, port: port)
        XCTAssertEqual(whole.status, 200)
        XCTAssertEqual(whole.headers["content-type"], "model/gltf-binary")
        let part = try RawHTTP.get(glbPath, port: port, headers: ["Range": "bytes=0-11"])
        XCTAssertEqual(part.status, 206)
        XCTAssertEqual(part.body.count, 12)
        XCTAssertEqual(Array(part.body.prefix(4)), Array("glTF".utf8))
        XCTAssertEqual(part.headers["content-range"], "bytes 0-11/\(whole.body.count)")
        XCTAssertEqual(try RawHTTP.get(glbPath, port: port, headers: ["Range": "bytes=\(whole.body.count)-"]).status, 416)
        let usdz = try RawHTTP.get(usdzPath, port: port, headers: ["Range": "bytes=0-1"])
        XCTAssertEqual(usdz.status, 206)
        XCTAssertEqual(usdz.headers["content-type"], "model/vnd.usdz+zip")
        XCTAssertEqual(usdz.body, Array("PK".utf8))

        // The site's own 404 page, with status 404; no listings; nothing outside the site.
        let missing = try RawHTTP.get("/khong-co/", port: port)
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.text.contains("<html"), "the site's 404 page")
        XCTAssertEqual(try RawHTTP.get("/assets/", port: port).status, 404, "a folder without index.html is not listed")
        for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc/passwd",
                     "/assets/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/hostname"] {
            let escape = try RawHTTP.get(path, port: port)
            XCTAssertTrue([403, 404].contains(escape.status), "\(path): \(escape.status)")
            XCTAssertFalse(escape.text.contains("root:"), path)
        }

        // A page listening for reloads.
        let events = try RawHTTP(port: port, timeout: 5)
        events.send("/__build-site/events", port: port, keepOpen: true)
        var offset = 0
        XCTAssertNotNil(events.waitFor("event: hello", after: &offset, seconds: 20), "the event stream greets")

        // Save a change: one reload, and the page has it.
        let placeFile = project.appendingPathComponent("content/places/dinh-lang.md")
        let original = try String(contentsOf: placeFile, encoding: .utf8)
        try Data(original.replacingOccurrences(of: "title: Đình làng", with: "title: Đình làng Thượng").utf8).write(to: placeFile)
        XCTAssertNotNil(events.waitFor("event: reload", after: &offset, seconds: 120), "reload after a save: \(server.output)")
        XCTAssertTrue(try RawHTTP.get("/places/dinh-lang/", port: port).text.contains("Đình làng Thượng"))

        // A bad save: the error reaches the page and the terminal; the last good page stays.
        try Data("---\ntitle: [Đình làng\n---\n".utf8).write(to: placeFile)
        let failure = events.waitFor("event: failed", after: &offset, seconds: 120)
        XCTAssertNotNil(failure, server.output)
        XCTAssertTrue(failure?.contains("data: content/places/dinh-lang.md:2: ") ?? false, failure ?? "")
        XCTAssertNotNil(server.waitFor("content/places/dinh-lang.md:2: ", seconds: 10), "the terminal shows it too")
        let stillThere = try RawHTTP.get("/places/dinh-lang/", port: port)
        XCTAssertEqual(stillThere.status, 200)
        XCTAssertTrue(stillThere.text.contains("Đình làng Thượng"), "the last good page is still served")

        // The fix clears it.
        try Data(original.utf8).write(to: placeFile)
        XCTAssertNotNil(events.waitFor("event: reload", after: &offset, seconds: 120), server.output)

        // A broken template and a missing model are reported the same way.
        let template = project.appendingPathComponent("site-templates/place.mustache")
        let templateText = try String(contentsOf: template, encoding: .utf8)
        try Data(("{{#broken}}\n" + templateText).utf8).write(to: template)
        let templateFailure = events.waitFor("event: failed", after: &offset, seconds: 120) ?? ""
        XCTAssertTrue(templateFailure.contains("place.mustache"), templateFailure)
        try Data(templateText.utf8).write(to: template)
        XCTAssertNotNil(events.waitFor("event: reload", after: &offset, seconds: 120), server.output)
        let model = project.appendingPathComponent("models/hop-qua/hop-qua.obj")
        let aside = project.appendingPathComponent("hop-qua.obj")
        try FileManager.default.moveItem(at: model, to: aside)
        let modelFailure = events.waitFor("event: failed", after: &offset, seconds: 120) ?? ""
        XCTAssertTrue(modelFailure.contains("models/hop-qua/hop-qua.obj"), modelFailure)
        try FileManager.default.moveItem(at: aside, to: model)
        XCTAssertNotNil(events.waitFor("event: reload", after: &offset, seconds: 120), server.output)

        // A model that crashes the importer (a fuzzer's mutant): the server lives on and says so.
        let productFile = project.appendingPathComponent("content/products/hop-qua.md")
        let productText = try String(contentsOf: productFile, encoding: .utf8)
        try FileManager.default.copyItem(at: PackagePaths.root.appendingPathComponent("Tests/Fixtures/fuzz/mutant-0076-byterun.ply"),
                                         to: project.appendingPathComponent("models/hop-qua/crash.ply"))
        try Data(productText.replacingOccurrences(of: "models/hop-qua/hop-qua.obj", with: "models/hop-qua/crash.ply").utf8).write(to: productFile)
        let crashFailure = events.waitFor("event: failed", after: &offset, seconds: 120) ?? ""
        XCTAssertTrue(crashFailure.contains("data: models/hop-qua/crash.ply: "), crashFailure)
        XCTAssertEqual(try RawHTTP.get("/products/hop-qua/", port: port).status, 200, "the last good site is still served")
        try Data(productText.utf8).write(to: productFile)
        XCTAssertNotNil(events.waitFor("event: reload", after: &offset, seconds: 120), server.output)
        let fixed = try RawHTTP.get("/places/dinh-lang/", port: port).text
        XCTAssertTrue(fixed.contains("Đình làng") && !fixed.contains("Đình làng Thượng"))
        XCTAssertNotNil(server.output.firstMatch(of: /reload sent \d+ ms after the save/), "--verbose prints the latency")

        // _site/ was never written; the private copy goes when serve stops.
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.appendingPathComponent("_site").path))
        let pid = server.process.processIdentifier
        server.stop()
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("build-site-serve-\(pid)-") }
        XCTAssertEqual(leftovers, [], "the private copy is removed on exit")

        // A normal build of the same project carries nothing of serve.
        let build = try CommandRun.buildSite(["build", "--project", project.path], timeLimit: 300)
        XCTAssertEqual(build.status, 0, build.stderr)
        let pages = FileManager.default.enumerator(atPath: project.appendingPathComponent("_site").path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
        XCTAssertFalse(pages.isEmpty)
        for page in pages {
            let text = try String(contentsOf: project.appendingPathComponent("_site/" + page), encoding: .utf8)
            XCTAssertFalse(text.contains("__build-site"), page)
        }
    }
}
