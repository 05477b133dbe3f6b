import Foundation

/// Encoded images kept between builds: a model's published poster and thumbnails (AVIF, WebP and
/// palette PNG, the slow part of publishing), the sharing cards and the photos' renditions, in
/// `<cache>/images/`, keyed by SHA-256 of everything that goes into them (the master render's
/// bytes, the card's words, colours and font, the photo's bytes) and of the program that draws them.
struct ImageCache: Sendable {
    let store: VerifiedStore
    let programHash: String

    init(folder: URL, program: URL = ModelWorkerProgram.current) {
        store = VerifiedStore(folder: folder.appendingPathComponent("images"))
        programHash = VerifiedStore.programHash(program, memoFolder: folder)
    }

    func key(_ kind: String, _ parts: [Data]) -> String {
        VerifiedStore.key([Data("smartvillage-image-cache 1 \(kind)".utf8), Data(programHash.utf8)] + parts)
    }

    /// The files of `key`, or nil (a damaged entry is removed and reported through `damaged`).
    func files(_ key: String, damaged: (String) -> Void = { _ in }) -> [String: Data]? {
        switch store.read(key) {
        case .miss: return nil
        case .damaged(let why):
            damaged(why)
            return nil
        case .hit(let urls):
            var files: [String: Data] = [:]
            for (name, url) in urls {
                guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
                files[name] = data
            }
            return files
        }
    }

    func keep(_ key: String, _ files: [String: Data]) { try? store.write(key, files: files) }
}

/// The running program, whose code draws the images.
enum ModelWorkerProgram {
    static var current: URL { ModelWorker.currentExecutable }
}
