import Foundation
import SiteContent
import XCTest
@testable import SiteRender

/// JSON-LD: valid JSON, the expected schema.org types per page, and values from the content.
final class StructuredDataTests: XCTestCase {
    var site: [String: String] = [:]

    override func setUpWithError() throws {
        site = try Fixture.render()
    }

    /// The page's JSON-LD graph, by `@type`.
    func graph(_ path: String) throws -> [String: [String: Any]] {
        let html = try XCTUnwrap(site[path], path)
        let bodies = html.matches(of: try Regex(#"<script type="application/ld\+json">([^<]*)</script>"#)).map { String($0.output[1].substring!) }
        XCTAssertEqual(bodies.count, 1, path)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(bodies.first).utf8)) as? [String: Any])
        XCTAssertEqual(json["@context"] as? String, "https://schema.org")
        let nodes = try XCTUnwrap(json["@graph"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: nodes.map { ($0["@type"] as! String, $0) })
    }

    func testHomeHasTheWebSiteAndItsOwner() throws {
        let nodes = try graph("index.html")
        XCTAssertEqual(Set(nodes.keys), ["WebSite", "Organization"])
        XCTAssertEqual(nodes["Organization"]?["name"] as? String, "UBND xã Vinh Hưng")
        XCTAssertEqual((nodes["WebSite"]?["publisher"] as? [String: Any])?["@id"] as? String, nodes["Organization"]?["@id"] as? String)
        XCTAssertEqual(try graph("en/index.html")["WebSite"]?["inLanguage"] as? String, "en")
    }

    func testPlaceIsATouristAttractionWithGeoAddressAndItsModel() throws {
        let nodes = try graph("en/places/dam-cau-hai/index.html")
        XCTAssertEqual(Set(nodes.keys), ["TouristAttraction", "3DModel"])
        let place = try XCTUnwrap(nodes["TouristAttraction"])
        XCTAssertEqual(place["name"] as? String, "Cau Hai Lagoon")
        let geo = try XCTUnwrap(place["geo"] as? [String: Any])
        XCTAssertEqual(geo["latitude"] as? Double, 16.287)
        XCTAssertEqual(geo["longitude"] as? Double, 107.879)
        XCTAssertEqual((place["address"] as? [String: Any])?["streetAddress"] as? String, "Phung Chanh 1 hamlet")
        XCTAssertEqual(place["availableLanguage"] as? [String], ["vi", "en"])
        let model = try XCTUnwrap(nodes["3DModel"])
        XCTAssertEqual((place["subjectOf"] as? [String: Any])?["@id"] as? String, model["@id"] as? String)
        let encodings = try XCTUnwrap(model["encoding"] as? [[String: Any]])
        XCTAssertEqual(encodings.map { $0["encodingFormat"] as? String }, ["model/gltf-binary"], "this model has no USDZ in the fixture")
        XCTAssertEqual(encodings.first?["contentUrl"] as? String, "https://vinhhung.example.vn/assets/models/thuyen.3f2a9c1d.glb")
        XCTAssertEqual(model["isResizable"] as? Bool, false)
    }

    func testProductHasOfferBrandAndCertifications() throws {
        let nodes = try graph("products/dua-luoi/index.html")
        let product = try XCTUnwrap(nodes["Product"])
        let offer = try XCTUnwrap(product["offers"] as? [String: Any])
        XCTAssertEqual(offer["price"] as? Int, 65000)
        XCTAssertEqual(offer["priceCurrency"] as? String, "VND")
        XCTAssertEqual((offer["priceSpecification"] as? [String: Any])?["unitText"] as? String, "kg")
        XCTAssertEqual((product["brand"] as? [String: Any])?["name"] as? String, "HTX Nông nghiệp Vinh Hưng")
        let certifications = try XCTUnwrap(product["hasCertification"] as? [[String: Any]])
        XCTAssertEqual(certifications.map { $0["name"] as? String }, ["OCOP 4 sao", "VietGAP"])
        XCTAssertEqual((certifications[0]["certificationRating"] as? [String: Any])?["ratingValue"] as? Int, 4)
        XCTAssertNil(product["aggregateRating"], "OCOP stars are not customer reviews")
        XCTAssertEqual(product["productionDate"] as? String, "2026-05-12")
        let usdz = (nodes["3DModel"]?["encoding"] as? [[String: Any]])?.first { $0["encodingFormat"] as? String == "model/vnd.usdz+zip" }
        XCTAssertEqual(usdz?["contentUrl"] as? String, "https://vinhhung.example.vn/assets/models/dua-luoi.0badcafe.usdz")
    }

    func testTextCannotCloseTheScriptElement() throws {
        var content = Fixture.content()
        content.places[0].translations["vi"]!.title = "</script><script>alert(1)</script>"
        let html = try XCTUnwrap(try Fixture.render(Fixture.input(content))["places/dam-cau-hai/index.html"])
        let json = try XCTUnwrap(html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?
            .components(separatedBy: "</script>").first)
        XCTAssertTrue(json.contains("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"))
        let decoded = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let name = (decoded["@graph"] as? [[String: Any]])?.first?["name"] as? String
        XCTAssertEqual(name, "</script><script>alert(1)</script>", "the JSON still says what was written")
    }

    func testEveryPageCarriesOpenGraphBasicsAndItsOtherLocales() throws {
        for (path, html) in site where path.hasSuffix("index.html") && !path.contains("/qr/") {
            let metas = tags("meta", in: html)
            for property in ["og:title", "og:description", "og:url", "og:type", "og:locale", "og:site_name"] {
                XCTAssertTrue(metas.contains { $0["property"] == property }, "\(path) lacks \(property)")
            }
            XCTAssertTrue(metas.contains { $0["name"] == "twitter:card" }, path)
        }
        let metas = tags("meta", in: try XCTUnwrap(site["places/dam-cau-hai/index.html"]))
        XCTAssertEqual(metas.filter { $0["property"] == "og:locale:alternate" }.map { $0["content"] }, ["en_US"])
        XCTAssertEqual(metas.first { $0["property"] == "og:type" }?["content"], "article")
        XCTAssertEqual(tags("meta", in: try XCTUnwrap(site["products/dua-luoi/index.html"])).first { $0["property"] == "og:type" }?["content"],
                       "product")
        let product = tags("meta", in: try XCTUnwrap(site["products/dua-luoi/index.html"]))
        XCTAssertEqual(product.first { $0["property"] == "product:price:amount" }?["content"], "65000")
        XCTAssertEqual(product.first { $0["property"] == "product:price:currency" }?["content"], "VND")
    }
}
