import Foundation

/// Reads and checks a site project's `content/` folder (../shared/design/CONTENT.md).
public enum ContentLoader {
    /// The sections of content/, the kind of entry each holds.
    private static let sections: [(folder: String, kind: Entry.Kind)] = [
        ("places", .place), ("products", .product), ("pages", .page),
    ]

    /// Everything in `content/`, checked.
    ///
    /// - Parameters:
    ///   - projectRoot: the site project; model paths are relative to it and must stay inside it.
    ///   - contentDirectory: defaults to `projectRoot/content`.
    /// - Throws: `ContentErrors` with every mistake found (not just the first), each as
    ///   `path:line: what is wrong, what was expected`, paths relative to `projectRoot`.
    public static func load(projectRoot: URL, contentDirectory: URL? = nil) throws -> SiteContent {
        let content = contentDirectory ?? projectRoot.appendingPathComponent("content")
        let files = ProjectFiles(root: projectRoot, contentDirectory: content)
        var problems: [ContentError] = []

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: files.contentDirectory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw ContentErrors([ContentError(path: files.displayPath(files.contentDirectory), message:
                "folder not found; expected the site's content folder with site.yml, places/, products/ and pages/")])
        }

        let site = SiteConfigReader.read(files.contentDirectory.appendingPathComponent("site.yml"), files: files,
                                         problems: &problems)

        var entries: [Entry.Kind: [Entry]] = [:]
        for (folder, kind) in sections {
            let reader = EntryReader(kind: kind, files: files, languages: site.languages)
            let units = SourceFiles.units(in: files.contentDirectory.appendingPathComponent(folder))
            // Each file parses on its own; in file order afterwards, so messages keep their order.
            let results = ConcurrentJobs.run(count: units.count) { index -> (Entry?, [ContentError]) in
                var found: [ContentError] = []
                let entry = reader.read(units[index], problems: &found)
                return (entry, found)
            }
            let read = results.compactMap { $0.0 }
            problems += results.flatMap { $0.1 }
            entries[kind] = uniqueSlugs(read, folder: folder, problems: &problems)
        }

        guard problems.isEmpty, let config = site.config else {
            throw ContentErrors(problems)
        }
        return SiteContent(config: config, places: entries[.place] ?? [], products: entries[.product] ?? [],
                           pages: entries[.page] ?? [])
    }

    /// Sorted by slug; two files that would share one web address are an error naming both,
    /// rather than a silent `-2` suffix, so links staff already shared keep meaning one page.
    private static func uniqueSlugs(_ entries: [Entry], folder: String, problems: inout [ContentError]) -> [Entry] {
        // Ties sorted by path so the "first" file is the same on every machine.
        let sorted = entries.sorted { ($0.slug, $0.sourcePath) < ($1.slug, $1.sourcePath) }
        var result: [Entry] = []
        for entry in sorted {
            if let first = result.last, first.slug == entry.slug {
                problems.append(ContentError(path: entry.sourcePath, message:
                    "\(first.sourcePath) and this file would both get the web name '\(entry.slug)' in \(folder)/; rename one of the files"))
                continue
            }
            result.append(entry)
        }
        return result
    }
}
