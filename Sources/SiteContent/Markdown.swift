import CCmark
import Foundation

/// Markdown → HTML with cmark-gfm. This is the only file that imports CCmark (one wrapper per C library).
public enum Markdown {
    /// The GFM extensions staff may use. `tagfilter` only matters if raw HTML were ever allowed;
    /// it is attached anyway so the output matches what GitHub shows for the same text.
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    /// Registration mutates a global registry inside the C library; a Swift `static let` runs
    /// its initializer exactly once even when pages are rendered concurrently.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// CommonMark + GFM tables, strikethrough and autolinks.
    ///
    /// Raw HTML is *not* passed through: without `CMARK_OPT_UNSAFE` cmark replaces it with
    /// `<!-- raw HTML omitted -->` and blanks `javascript:`-style links. Pages are public and the
    /// authors are not web developers, so a pasted `<script>` must not reach visitors.
    public static func html(_ markdown: String) -> String {
        _ = registered
        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }

        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }

        let utf8 = Array(markdown.utf8)
        utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                cmark_parser_feed(parser, chars, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }

        // The extension list belongs to the parser, so render before the parser is freed (defer order).
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
