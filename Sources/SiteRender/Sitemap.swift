import SiteContent

/// sitemap.xml and robots.txt. Written directly rather than with Mustache: they are XML/text, not
/// part of the site's look, and a commune restyling templates should not be able to break them.
enum Sitemap {
    /// Every page in every language, each `<url>` listing all language versions of the page
    /// (itself included) and x-default, as Google's hreflang-in-sitemap format asks.
    /// No `<lastmod>`: the output must not depend on the clock.
    static func xml(plan: SitePlan, router: Router) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        for page in plan.pages where page.isListed {
            let languages = page.languages
            var alternates = languages.map { ($0, router.absolute(page.id, $0)) }
            if let xDefault = languages.contains(router.defaultLanguage) ? router.defaultLanguage : languages.first {
                alternates.append(("x-default", router.absolute(page.id, xDefault)))
            }
            for language in languages {
                out += "<url>\n<loc>\(Escape.xml(router.absolute(page.id, language)))</loc>\n"
                for (hreflang, href) in alternates {
                    out += "<xhtml:link rel=\"alternate\" hreflang=\"\(Escape.xml(hreflang))\" href=\"\(Escape.xml(href))\"/>\n"
                }
                out += "</url>\n"
            }
        }
        return out + "</urlset>\n"
    }

    static func robots(router: Router) -> String {
        """
        User-agent: *
        Allow: /

        Sitemap: \(router.absolute("/sitemap.xml"))

        """
    }
}
