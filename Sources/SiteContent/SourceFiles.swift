import Foundation

/// The files of one place, product or page: its default-language file and its translations.
struct SourceUnit {
    struct TranslationFile {
        var language: Language
        var url: URL
    }

    /// File stem (`dam-cau-hai` of dam-cau-hai.md) or folder name (places/dam-cau-hai/index.md);
    /// NFC. The slug comes from it when it is ASCII.
    var name: String
    var isFolder: Bool
    /// nil when only translations exist (an error the reader reports).
    var defaultFile: URL?
    /// Sorted by language code.
    var translations: [TranslationFile]
    /// Where the default-language file is or should be, for messages.
    var expectedDefaultFile: URL
}

/// Finds the Markdown files of a section folder (places/, products/, pages/):
/// `x.md`, `x.<lang>.md`, and `x/index.md`, `x/index.<lang>.md` (photos beside them).
enum SourceFiles {
    static func units(in section: URL) -> [SourceUnit] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: section.path) else { return [] }
        var units: [String: SourceUnit] = [:]

        func add(name: String, isFolder: Bool, language: Language?, url: URL, expectedDefault: URL) {
            let key = (isFolder ? "folder:" : "file:") + name
            var unit = units[key] ?? SourceUnit(name: name, isFolder: isFolder, defaultFile: nil, translations: [],
                                                expectedDefaultFile: expectedDefault)
            if let language {
                unit.translations.append(.init(language: language, url: url))
            } else {
                unit.defaultFile = url
            }
            units[key] = unit
        }

        // Sorted so that messages and duplicate resolution never depend on directory order.
        for fileName in names.sorted() where !fileName.hasPrefix(".") {
            let url = section.appendingPathComponent(fileName)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            let name = fileName.precomposedStringWithCanonicalMapping
            if isDirectory.boolValue {
                // Only index files are pages; anything else in the folder is its photos and such.
                guard let inner = try? fm.contentsOfDirectory(atPath: url.path) else { continue }
                for innerName in inner.sorted() where !innerName.hasPrefix(".") {
                    guard let parsed = splitName(innerName), parsed.stem == "index" else { continue }
                    add(name: name, isFolder: true, language: parsed.language, url: url.appendingPathComponent(innerName),
                        expectedDefault: url.appendingPathComponent("index.md"))
                }
            } else if let parsed = splitName(name) {
                add(name: parsed.stem, isFolder: false, language: parsed.language, url: url,
                    expectedDefault: section.appendingPathComponent(parsed.stem + ".md"))
            }
        }
        return units.keys.sorted().compactMap { key in
            guard var unit = units[key] else { return nil }
            unit.translations.sort { $0.language < $1.language }
            return unit
        }
    }

    /// `dam-cau-hai.en.md` → ("dam-cau-hai", "en"); `dam-cau-hai.md` → ("dam-cau-hai", nil);
    /// not Markdown → nil. The extension is matched case-insensitively (`About.MD` from Windows
    /// would otherwise silently not be published); a language part is 2–3 lowercase letters.
    static func splitName(_ fileName: String) -> (stem: String, language: Language?)? {
        let name = fileName.precomposedStringWithCanonicalMapping
        guard name.count > 3, name.lowercased().hasSuffix(".md") else { return nil }
        let stem = String(name.dropLast(3))
        if let dot = stem.lastIndex(of: ".") {
            let language = String(stem[stem.index(after: dot)...])
            let base = String(stem[..<dot])
            if !base.isEmpty, (2...3).contains(language.count),
               language.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) {
                return (base, language)
            }
        }
        return (stem, nil)
    }
}
