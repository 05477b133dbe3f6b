import Foundation

/// The shared model corpus (../shared/corpus): real files from public sample sets, good and
/// deliberately broken, listed in manifest.tsv.
public struct Corpus {
    public struct Entry: Sendable {
        public var path: String
        public var format: String
        public var expectOK: Bool
        public var notes: String
        public var url: URL
    }

    public let root: URL
    public let entries: [Entry]

    /// nil when ../shared is absent (tests then skip with a message saying so).
    public static func locate() -> Corpus? {
        let candidates = [
            ProcessInfo.processInfo.environment["SMARTVILLAGE_CORPUS"].map { URL(fileURLWithPath: $0) },
            PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/corpus"),
        ].compactMap { $0 }
        for root in candidates {
            let manifest = root.appendingPathComponent("manifest.tsv")
            if let text = try? String(contentsOf: manifest, encoding: .utf8) { return Corpus(root: root, manifest: text) }
        }
        return nil
    }

    public static let missingMessage = "../shared/corpus is absent here; the corpus tests need the shared folder beside the repository"

    init(root: URL, manifest: String) {
        self.root = root
        var entries: [Entry] = []
        for line in manifest.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 7 else { continue }
            entries.append(Entry(path: fields[0], format: fields[1], expectOK: fields[5] == "ok", notes: fields[6],
                                 url: root.appendingPathComponent(fields[0])))
        }
        self.entries = entries
    }

    public var good: [Entry] { entries.filter(\.expectOK) }
    public var broken: [Entry] { entries.filter { !$0.expectOK } }
}
