import QRCode
import SiteContent

/// sign.mustache: a printable A5 sign for a place or a product, to put up at the place itself
/// or on a stall. A large QR code of the entry's page, its title in every language and, in
/// every language, what scanning it gives.
struct SignBody: Encodable {
    var lines: [SignLine]
    var qrSVG: String
    /// The address the code leads to, printed under it for phones that cannot scan.
    var address: String
    var siteName: String
    var backHref: String
    var printHint: String
}

struct SignLine: Encodable {
    var lang: String
    var title: String
    var scanText: String
    var isFirst: Bool
}

/// A QR code that opens a page on a phone: the AR-viewer page on a desktop shows one.
struct PhoneCode: Encodable {
    var svg: String
    var caption: String
}

extension PageBuilder {
    func sign(_ entry: Entry, _ language: Language) throws -> Page<SignBody> {
        let ui = UIStrings.forLanguage(language)
        let id = PageID.sign(entry.kind, slug: entry.slug)
        let target = router.absolute(.entry(entry.kind, slug: entry.slug), language)
        // Default language first, then the others the entry is translated into.
        let languages = [language] + router.languages.filter { $0 != language && entry.translations[$0] != nil }
        let lines = languages.enumerated().map { index, code in
            SignLine(lang: code, title: entry.translations[code]!.title,
                     scanText: entry.model != nil ? UIStrings.forLanguage(code).scanToSeeIn3D : UIStrings.forLanguage(code).scanToRead,
                     isFirst: index == 0)
        }
        let code = try QRCode(text: target, errorCorrection: .quartile)
        let title = entry.translations[language]!.title
        let body = SignBody(lines: lines, qrSVG: code.svg(title: target), address: target, siteName: siteTitle(language),
                            backHref: router.href(.entry(entry.kind, slug: entry.slug), language), printHint: ui.printHint)
        var page = page(id, language, title: "\(ui.qrSign): \(title)", description: siteDescription(language),
                        ogType: "website", ogImage: nil, showsModel: false, body: body)
        // A sign is for printing, not for search results.
        page.doc.noindex = true
        page.doc.alternates = []
        page.doc.canonical = nil
        return page
    }

    /// The code of `id` for a phone, shown beside the 3D view on desktops.
    func phoneCode(_ id: PageID, _ language: Language) throws -> PhoneCode {
        let url = router.absolute(id, language)
        return PhoneCode(svg: try QRCode(text: url, errorCorrection: .medium).svg(title: url),
                         caption: UIStrings.forLanguage(language).openOnPhone)
    }
}
