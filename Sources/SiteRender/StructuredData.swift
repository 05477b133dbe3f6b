import Foundation
import SiteContent

/// schema.org JSON-LD for search engines (../shared/reference/seo-structured-data.md): the site
/// owner as an Organization and the site as a WebSite on the home page; on an entry page the place
/// as a TouristAttraction (with `geo` and `address`) or the product as a Product (with `offers`
/// in VND, the producer as `brand`, OCOP and other certifications), plus a 3DModel with the .glb and
/// .usdz as `encoding`.
enum StructuredData {
    /// One `<script type="application/ld+json">` body: sorted keys, so the bytes never change
    /// between builds, and "<" escaped so no text can close the script element.
    static func json(_ graph: [[String: Any]]) -> String {
        let document: [String: Any] = ["@context": "https://schema.org", "@graph": graph]
        return JSONText.encode(document, escapeLessThan: true)
    }
}

extension PageBuilder {
    /// `@id` of the site owner, referenced from every entry.
    var organizationID: String { router.absolute("/") + "#organization" }

    func organizationNode(_ language: Language) -> [String: Any]? {
        guard let organization = config.organization else { return nil }
        var node: [String: Any] = ["@type": "Organization", "@id": organizationID, "name": organization.name,
                                   "url": organization.url ?? router.absolute(.home, defaultLanguage)]
        if let address = organization.address, !address.isEmpty {
            node["address"] = ["@type": "PostalAddress", "streetAddress": address, "addressCountry": "VN"]
        }
        if let phone = organization.phone, !phone.isEmpty { node["telephone"] = phone }
        if let email = organization.email, !email.isEmpty { node["email"] = email }
        return node
    }

    func homeStructuredData(_ language: Language) -> String {
        var website: [String: Any] = ["@type": "WebSite", "@id": router.absolute(.home, language) + "#website",
                                      "name": siteTitle(language), "url": router.absolute(.home, language),
                                      "inLanguage": language]
        let description = siteDescription(language)
        if !description.isEmpty { website["description"] = description }
        let organization = organizationNode(language)
        if organization != nil { website["publisher"] = ["@id": organizationID] }
        return StructuredData.json([website] + (organization.map { [$0] } ?? []))
    }

    func entryStructuredData(_ entry: Entry, _ language: Language, image: SocialImage?) -> String? {
        guard entry.kind != .page, let translation = entry.translations[language] else { return nil }
        let url = router.absolute(.entry(entry.kind, slug: entry.slug), language)
        let id = url + (entry.kind == .place ? "#place" : "#product")
        var node: [String: Any] = ["@id": id, "name": translation.title, "url": url]
        if !translation.summary.isEmpty { node["description"] = translation.summary }
        if let image { node["image"] = image.url }
        var graph: [[String: Any]] = []

        switch entry.kind {
        case .place:
            node["@type"] = "TouristAttraction"
            node["availableLanguage"] = router.languages.filter { entry.translations[$0] != nil }
            if let point = entry.location {
                node["geo"] = ["@type": "GeoCoordinates", "latitude": point.lat, "longitude": point.lon]
                node["hasMap"] = Self.openStreetMapLink(point)
            }
            if let address = translation.address, !address.isEmpty {
                node["address"] = ["@type": "PostalAddress", "streetAddress": address, "addressCountry": "VN"]
            }
        case .product:
            node["@type"] = "Product"
            if let product = entry.product { productFacts(product, url: url, language: language, into: &node) }
        case .page:
            return nil
        }
        if config.organization != nil { node[entry.kind == .place ? "provider" : "manufacturer"] = ["@id": organizationID] }

        if let reference = entry.model, let assets = input.models[reference.src] {
            let modelID = url + "#model"
            node["subjectOf"] = ["@id": modelID]
            var encodings: [[String: Any]] = [["@type": "MediaObject", "contentUrl": assetAbsolute(assets.glb),
                                                "encodingFormat": "model/gltf-binary"]]
            if let usdz = assets.usdz {
                encodings.append(["@type": "MediaObject", "contentUrl": assetAbsolute(usdz), "encodingFormat": "model/vnd.usdz+zip"])
            }
            var model: [String: Any] = ["@type": "3DModel", "@id": modelID, "name": translation.modelAlt ?? translation.title,
                                        "about": ["@id": id], "encoding": encodings,
                                        // AR shows the model at its real size (ar-scale="fixed").
                                        "isResizable": false]
            if let poster = assets.poster { model["image"] = assetAbsolute(poster) }
            graph.append(model)
        }
        return StructuredData.json([node] + graph)
    }

    private func productFacts(_ product: ProductFacts, url: String, language: Language, into node: inout [String: Any]) {
        if let producer = product.producer, !producer.isEmpty { node["brand"] = ["@type": "Brand", "name": producer] }
        if let price = product.price {
            var offer: [String: Any] = ["@type": "Offer", "price": price, "priceCurrency": "VND", "url": url,
                                        "availability": "https://schema.org/InStock"]
            if let unit = product.unit, !unit.isEmpty {
                offer["priceSpecification"] = ["@type": "UnitPriceSpecification", "price": price, "priceCurrency": "VND",
                                               "unitText": unit]
            }
            node["offers"] = offer
        }
        var certifications: [[String: Any]] = []
        if let stars = product.ocop {
            // OCOP stars are a certification, not customer ratings: never aggregateRating.
            certifications.append(["@type": "Certification", "name": "OCOP \(UIStrings.forLanguage(language).ocopStars(stars))",
                                   "certificationRating": ["@type": "Rating", "ratingValue": stars, "bestRating": 5, "worstRating": 1],
                                   "certificationStatus": "https://schema.org/CertificationActive"])
        }
        if let traceability = product.traceability {
            certifications += traceability.certifications.map { ["@type": "Certification", "name": $0] }
            if let harvested = traceability.harvested, splitISODate(harvested) != nil { node["productionDate"] = harvested }
            var properties: [[String: Any]] = []
            if let origin = traceability.origin, !origin.isEmpty {
                properties.append(["@type": "PropertyValue", "name": UIStrings.forLanguage(language).origin, "value": origin])
            }
            if let batch = traceability.batch, !batch.isEmpty {
                properties.append(["@type": "PropertyValue", "name": UIStrings.forLanguage(language).batch, "value": batch])
            }
            if !properties.isEmpty { node["additionalProperty"] = properties }
        }
        if !certifications.isEmpty { node["hasCertification"] = certifications }
        node["countryOfOrigin"] = "VN"
    }

    /// The point on OpenStreetMap, at street level.
    static func openStreetMapLink(_ point: GeoPoint) -> String {
        let lat = formatNumber(point.lat), lon = formatNumber(point.lon)
        return "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=17/\(lat)/\(lon)"
    }
}
