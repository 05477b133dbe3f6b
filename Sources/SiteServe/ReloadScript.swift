/// What `serve` adds to every HTML page it sends (never to a normal build's files): a script
/// that listens to `ReloadChannel` and reloads the page, or shows the build's error over it.
enum ReloadScript {
    static let path = "/__build-site/reload.js"
    static let eventsPath = "/__build-site/events"
    /// The tag carries the number of the build the page came from (see `ReloadChannel`).
    static func tag(build generation: Int) -> String {
        "<script src=\"\(path)\" data-build=\"\(generation)\" defer></script>"
    }

    /// `html` with the script tag before its last `</body>` (or at the end).
    static func inject(into html: [UInt8], build generation: Int) -> [UInt8] {
        let tag = tag(build: generation)
        let marker = Array("</body>".utf8)
        var index = html.count - marker.count
        while index >= 0 {
            if html[index] == UInt8(ascii: "<"), html[index ..< index + marker.count].elementsEqual(marker) {
                return Array(html[..<index]) + Array(tag.utf8) + Array(html[index...])
            }
            index -= 1
        }
        return html + Array(tag.utf8)
    }

    static let source = """
        (() => {
          "use strict";
          const events = new EventSource("\(eventsPath)");
          const loadedWith = document.currentScript ? document.currentScript.dataset.build : null;
          let box = null;
          const show = (text) => {
            if (!box) {
              box = document.createElement("pre");
              box.id = "build-site-error";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;" +
                "margin:0;padding:14px 16px;background:#2a0e0e;color:#ffe1e1;border-top:4px solid #e5484d;" +
                "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;";
              document.body.appendChild(box);
            }
            box.textContent = "build-site: this change did not build. The page shows the last good build.\\n\\n" + text;
          };
          events.addEventListener("hello", (event) => {
            if (loadedWith !== null && event.data !== loadedWith) location.reload();
          });
          events.addEventListener("reload", () => location.reload());
          events.addEventListener("failed", (event) => show(event.data));
        })();

        """
}
