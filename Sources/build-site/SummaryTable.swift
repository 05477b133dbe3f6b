import Foundation
import SiteBuild

/// The end-of-build table: each model's source → .glb, .usdz and poster bytes and triangles, then totals.
enum SummaryTable {
    static func render(_ summary: SiteBuilder.Summary, verbose: Bool) -> String {
        var lines: [String] = []
        if !summary.models.isEmpty {
            let width = max(6, summary.models.map(\.source.count).max() ?? 0)
            lines.append(pad("model", width) + "  " + left("source", 10) + "  " + left(".glb", 10) + "  " + left("AR .glb", 10) + "  " + left(".usdz", 10)
                         + "  " + left("poster", 10) + "  " + left("triangles", 17) + "  " + left("size (m)", 20) + "  " + left("ms", 6))
            for row in summary.models {
                let triangles = row.trianglesBefore == row.triangles ? "\(row.triangles)" : "\(row.trianglesBefore) → \(row.triangles)"
                lines.append(pad(row.source, width) + "  " + left(bytes(row.bytesIn), 10) + "  " + left(bytes(row.bytesOut), 10)
                             + "  " + left(row.arBytesOut.map(bytes) ?? "same", 10) + "  " + left(row.usdzBytesOut.map(bytes) ?? "-", 10)
                             + "  " + left(row.posterBytes.map(bytes) ?? "-", 10) + "  " + left(triangles, 17)
                             + "  " + left(metres(row.size), 20) + "  " + left(row.cached ? "cached" : String(row.milliseconds), 6))
            }
        }
        let warnings = summary.warnings.count
        lines.append("\(summary.pages) entries, \(summary.models.count) models, "
                     + (summary.outputUnchanged ? "\(summary.files) files, none changed: the output was left as it was" : "\(summary.files) files written")
                     + (warnings > 0 && !verbose ? ", \(warnings) warning(s) (--verbose lists them)" : ""))
        if !summary.failedModels.isEmpty {
            lines.append("\(summary.failedModels.count) model(s) failed and are shown without 3D:")
            lines.append(contentsOf: summary.failedModels.map { "  " + $0 })
        }
        return lines.joined(separator: "\n")
    }

    static func metres(_ size: [Float]) -> String {
        size.map { String(format: "%.2f", $0) }.joined(separator: " × ")
    }

    static func bytes(_ n: Int) -> String {
        n >= 1_048_576 ? String(format: "%.1f MB", Double(n) / 1_048_576) : n >= 1024 ? String(format: "%.1f KB", Double(n) / 1024) : "\(n) B"
    }

    private static func pad(_ s: String, _ width: Int) -> String { s.padding(toLength: max(width, s.count), withPad: " ", startingAt: 0) }
    private static func left(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
}
