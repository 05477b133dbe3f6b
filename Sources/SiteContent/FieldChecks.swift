import Foundation
import SceneModel

/// Collects complaints about the values of one YAML document, each on its key's line and
/// worded from the document's `FieldGuide`, so a value of the wrong type and a value out of
/// range read the same: "'ocop' must be a whole number from 3 to 5, got 7".
struct FieldChecks {
    let doc: YAMLDocument
    let guide: FieldGuide
    private(set) var errors: [ContentError] = []

    init(doc: YAMLDocument, guide: FieldGuide) {
        self.doc = doc
        self.guide = guide
    }

    /// Reports `'key' must be <guide>, got <value as written>` unless `ok`.
    mutating func expect(_ ok: Bool, _ path: YAMLPath) {
        guard !ok else { return }
        errors.append(doc.mismatch(at: path, expected: guide.expectation(for: path.dottedName) ?? "valid"))
    }

    /// A complaint in its own words, on the line of `path`.
    mutating func report(_ path: YAMLPath, _ message: String) {
        errors.append(doc.error(at: path, message))
    }

    // MARK: Shared by site.yml `models:` and each `model:`

    mutating func modelOptions(maxTextureSize: Int?, compression: String?, maxTriangles: Int?, textureFormat: String?,
                               at prefix: YAMLPath) -> ModelDefaults {
        var options = ModelDefaults()
        if let maxTextureSize {
            expect(maxTextureSize > 0, prefix + ["maxTextureSize"])
            options.maxTextureSize = maxTextureSize
        }
        if let compression {
            let value = GeometryCompression(rawValue: compression.lowercased())
            expect(value != nil, prefix + ["compression"])
            options.compression = value
        }
        if let maxTriangles {
            expect(maxTriangles > 0, prefix + ["maxTriangles"])
            options.maxTriangles = maxTriangles
        }
        if let textureFormat {
            let value = TextureFormat(rawValue: textureFormat.lowercased())
            expect(value != nil, prefix + ["textureFormat"])
            options.textureFormat = value
        }
        return options
    }

    // MARK: Value shapes

    /// YYYY-MM-DD and a day that exists (2026-02-30 is refused).
    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// An absolute http(s) address with a host.
    static func isWebAddress(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return false }
        return true
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
