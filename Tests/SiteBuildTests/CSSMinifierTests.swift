import Foundation
import TestSupport
import XCTest
@testable import SiteBuild

final class CSSMinifierTests: XCTestCase {
    func testCommentsAndNeedlessWhitespaceGo() {
        let css = """
        /* palette */
        :root {
          --accent: #5b2a86;   /* Huế purple */
        }
        .card img, .gallery img { width: 100%; aspect-ratio: 4 / 3; }
        @media (min-width: 40em) {
          .cards > li { margin: 0 auto; }
        }
        """
        XCTAssertEqual(CSSMinifier.minify(css),
                       ":root{--accent:#5b2a86}.card img,.gallery img{width:100%;aspect-ratio:4 / 3}@media (min-width:40em){.cards>li{margin:0 auto}}")
    }

    func testMeaningfulSpacesAndStringsStay() {
        XCTAssertEqual(CSSMinifier.minify("a :hover { width: calc(1rem + 2px); }"), "a :hover{width:calc(1rem + 2px)}")
        XCTAssertEqual(CSSMinifier.minify(#".x::after { content: "a  /* b */  c"; }"#), #".x::after{content:"a  /* b */  c"}"#)
        XCTAssertEqual(CSSMinifier.minify("model-viewer:defined .viewer-fallback,\nmodel-viewer:not(:defined) > button { display: none }"),
                       "model-viewer:defined .viewer-fallback,model-viewer:not(:defined)>button{display:none}")
    }

    func testTheSiteStylesheetShrinksAndKeepsEveryRule() throws {
        let url = PackagePaths.root.appendingPathComponent("site-templates/static/css/site.css")
        let css = try String(contentsOf: url, encoding: .utf8)
        let small = CSSMinifier.minify(css)
        XCTAssertLessThan(small.utf8.count, css.utf8.count * 85 / 100)
        func count(_ s: String, _ c: Character) -> Int { s.filter { $0 == c }.count }
        XCTAssertEqual(count(small, "{"), count(css.replacingOccurrences(of: #"/\*[\s\S]*?\*/"#, with: "", options: .regularExpression), "{"))
        XCTAssertEqual(count(small, "{"), count(small, "}"))
    }
}
