import Foundation
import SiteContent
import XCTest
@testable import SiteRender

/// The map page: a list of places that a deferred script turns into Leaflet markers.
final class MapPageTests: XCTestCase {
    func testEveryPlaceWithCoordinatesIsListedWithItsLinks() throws {
        let site = try Fixture.render()
        let html = try XCTUnwrap(site["en/map/index.html"])
        let items = tags("li", in: html).filter { $0["data-lat"] != nil }
        XCTAssertEqual(items.map { [$0["data-lat"]!, $0["data-lon"]!] }, [["16.287", "107.879"]], "only the lagoon has coordinates")
        let links = tags("a", in: html).map { $0["href"] ?? "" }
        XCTAssertTrue(links.contains("/en/places/dam-cau-hai/"))
        XCTAssertTrue(links.contains("geo:16.287,107.879"))
        XCTAssertTrue(links.contains { $0.hasPrefix("https://www.openstreetmap.org/?mlat=16.287") })
        let box = try XCTUnwrap(tags("div", in: html).first { $0["id"] == "places-map" })
        XCTAssertEqual(box["data-tiles"], MapConfig.defaultTiles)
        XCTAssertEqual(box["data-attribution"], MapConfig.defaultAttribution)
        XCTAssertFalse(try XCTUnwrap(site["en/places/index.html"]).contains("leaflet"), "Leaflet loads on the map page only")
    }

    func testSelfHostedLeafletAndOwnTiles() throws {
        var content = Fixture.content()
        content.config.map = MapConfig(script: "js/leaflet.js", stylesheet: "css/leaflet.css",
                                       tiles: "https://tiles.example.vn/{z}/{x}/{y}.png", attribution: "© Bản đồ xã")
        var input = Fixture.input(content)
        input.staticAssets["js/leaflet.js"] = "/assets/leaflet.77777777.js"
        input.staticAssets["css/leaflet.css"] = "/assets/leaflet.88888888.css"
        let html = try XCTUnwrap(try Fixture.render(input)["map/index.html"])
        XCTAssertEqual(tags("script", in: html).compactMap { $0["src"] }, ["/assets/leaflet.77777777.js", "/assets/places-map.66666666.js"])
        XCTAssertTrue(tags("link", in: html).contains { $0["href"] == "/assets/leaflet.88888888.css" })
        XCTAssertTrue(html.contains("data-tiles=\"https://tiles.example.vn/{z}/{x}/{y}.png\""))
    }

    func testNoPlaceWithCoordinatesMeansNoMapPage() throws {
        var content = Fixture.content()
        for index in content.places.indices { content.places[index].location = nil }
        let site = try Fixture.render(Fixture.input(content))
        XCTAssertNil(site["map/index.html"])
        XCTAssertFalse(try XCTUnwrap(site["index.html"]).contains("/map/"))
    }
}
