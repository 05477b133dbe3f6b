import Foundation
import SiteContent
import SiteRender

extension BuildStep {
    /// Copies site-templates/static/ into assets/ with content-hashed names (stylesheets minified).
    static let copyStaticFiles = BuildStep(name: "copy static files") { state, _ throws(SiteBuilder.Failure) in
        let step = "copy static files"
        let staging = try state.requireStaging(step)
        let root = state.options.templatesDirectory.appendingPathComponent("static")
        for relative in FileTree.files(under: root) {
            guard var bytes = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path).map({ [UInt8]($0) }) else {
                throw SiteBuilder.Failure(step: step, messages: ["site-templates/static/\(relative): cannot be read"])
            }
            if relative.lowercased().hasSuffix(".css") {
                bytes = Array(CSSMinifier.minify(String(decoding: bytes, as: UTF8.self)).utf8)
            }
            let path = ContentHash.hashedPath("assets/\(relative)", bytes: bytes)
            do { try staging.write(bytes, to: path) } catch {
                throw SiteBuilder.Failure(step: step, messages: ["\(path): cannot write (\(error.localizedDescription))"])
            }
            state.staticAssets[relative] = "/" + path
        }
    }

    /// Resizes the photos named in front matter (both cores, see `PhotoRenditions`) and publishes
    /// each rendition as assets/photos/<slug>-<width>.<hash>.jpg (or .png when it has
    /// transparency), with .avif and .webp beside it. Renditions are kept in the image cache
    /// under the photo's bytes, so only new or changed photos are encoded again.
    static let copyPhotos = BuildStep(name: "copy photos") { state, _ throws(SiteBuilder.Failure) in
        let step = "copy photos"
        let content = try state.requireContent(step)
        let staging = try state.requireStaging(step)
        let photos = Set((content.places + content.products + content.pages).flatMap(\.photos)).sorted()
        let root = state.options.projectRoot
        let cache = state.imageCache
        let results = ConcurrentJobs.run(count: photos.count) { index -> Result<([PhotoRenditions.Rendition], String?), PhotoRenditions.Failure> in
            let photo = photos[index]
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(photo).path) else {
                return .failure(PhotoRenditions.Failure(description: "\(photo): cannot be read"))
            }
            // The extension is part of the key: it is the format hint for files without a magic number.
            let key = cache?.key("photo", [Data(URL(fileURLWithPath: photo).pathExtension.lowercased().utf8), data])
            if let cache, let key, let files = cache.files(key), let renditions = ImageRendition.fromCacheFiles(files) {
                return .success((renditions, key))
            }
            return Result { () throws(PhotoRenditions.Failure) in
                let renditions = try PhotoRenditions.make([UInt8](data), path: photo)
                if let cache, let key { cache.keep(key, ImageRendition.cacheFiles(renditions)) }
                return (renditions, key)
            }
        }
        var failures: [String] = []
        for (photo, result) in zip(photos, results) {
            let renditions: [PhotoRenditions.Rendition]
            switch result {
            case .failure(let failure): failures.append(failure.description); continue
            case .success(let (value, key)):
                renditions = value
                if let key { state.usedImageKeys.insert(key) }
            }
            let slug = Slug.make(URL(fileURLWithPath: photo).deletingPathExtension().lastPathComponent)
            let stem = "assets/photos/\(slug.isEmpty ? "photo" : slug)"
            var variants: [ImageVariant] = [], formats = ModernFormats()
            for rendition in renditions {
                let publish = { (bytes: [UInt8], format: String) throws(SiteBuilder.Failure) -> ImageVariant in
                    let name = "\(stem)-\(rendition.width).\(format)"
                    do {
                        return ImageVariant(src: try staging.publish(bytes, as: name), width: rendition.width, height: rendition.height)
                    } catch {
                        throw SiteBuilder.Failure(step: step, messages: ["\(name): cannot write (\(error.localizedDescription))"])
                    }
                }
                variants.append(try publish(rendition.bytes, rendition.fileExtension))
                formats.webp.append(try publish(rendition.webp, "webp"))
                if let avif = rendition.avif { formats.avif.append(try publish(avif, "avif")) }
            }
            state.photos[photo] = PhotoAsset(variants: variants, formats: formats)
        }
        guard failures.isEmpty else { throw SiteBuilder.Failure(step: step, messages: failures) }
    }

    /// Renders every page, the sitemap, robots.txt and 404 from the Mustache templates.
    static let renderPages = BuildStep(name: "render pages") { state, log throws(SiteBuilder.Failure) in
        let step = "render pages"
        let content = try state.requireContent(step)
        // With the cache on, every page gets a key, and pages whose key did not change since the
        // previous build come from its output.
        let output = state.options.outputDirectory
        let salt = state.imageCache?.programHash
        let previous = salt == nil ? nil : state.options.cacheDirectory.flatMap { PageMemo.load(cache: $0, output: output) }
        let reuse = salt.map { salt in previous?.reuse(salt: salt) ?? PageReuse(salt: salt) { _, _ in nil } }
        do {
            let renderer = try SiteRenderer(templatesDirectory: state.options.templatesDirectory)
            state.rendered = try renderer.render(RenderInput(content: content, models: state.models, photos: state.photos,
                                                             staticAssets: state.staticAssets, sharingCards: state.sharingCards,
                                                             siteCards: state.siteCards),
                                                 reuse: reuse)
        } catch {
            throw SiteBuilder.Failure(step: step, messages: ["\(error)"])
        }
        if reuse != nil {
            state.pageMemo = PageMemo(output: output, files: state.rendered, previous: previous)
        }
        state.previousPageMemo = previous
        let reused = state.rendered.filter(\.isReused).count
        state.summary.reusedPages = reused
        if state.options.verbose, previous != nil {
            log("pages: \(reused) of \(state.rendered.filter { $0.reuseKey != nil }.count) unchanged since the previous build, not rendered")
        }
    }

    static let writePages = BuildStep(name: "write pages") { state, _ throws(SiteBuilder.Failure) in
        let step = "write pages"
        let staging = try state.requireStaging(step)
        let files = state.rendered
        // Nothing to write when every asset so far was linked from the previous output, every
        // page is the previous one (reused, or the same bytes: 404, sitemap, drawn pictures),
        // and together they are all the files that output has.
        if let previous = state.previousPageMemo, staging.filesWritten == 0,
           staging.filesPlaced + files.count == previous.totalFiles,
           ConcurrentJobs.run(count: files.count, { files[$0].isReused || staging.previousHolds(files[$0].bytes, at: files[$0].path) })
               .allSatisfy({ $0 }) {
            state.outputUnchanged = true
            state.summary.files = previous.totalFiles
            return
        }
        // Folders first, each once, parents before children (sorted), with plain mkdir: a
        // page per folder makes this thousands of calls; then the files, on all cores.
        // (String work, not `URL(fileURLWithPath:)`: that asks the disk and the working folder.)
        let folders = Set(files.map { file in file.path.lastIndex(of: "/").map { String(file.path[..<$0]) } ?? "." }).sorted()
        for folder in folders where folder != "." {
            guard mkdir(staging.stagedPath(folder), 0o755) != 0, errno != EEXIST else { continue }
            do { try FileManager.default.createDirectory(at: staging.url(for: folder), withIntermediateDirectories: true) } catch {
                throw SiteBuilder.Failure(step: step, messages: ["\(folder): cannot create (\(error.localizedDescription))"])
            }
        }
        let failures = ConcurrentJobs.run(count: files.count) { index -> String? in
            do { try staging.place(files[index].bytes, at: files[index].path, sameNameSameBytes: files[index].isReused) } catch {
                return "\(files[index].path): cannot write (\(error.localizedDescription))"
            }
            return nil
        }.compactMap { $0 }
        if !failures.isEmpty { throw SiteBuilder.Failure(step: step, messages: failures) }
        state.summary.files = staging.filesPlaced
    }

    /// Swaps the finished site into place; until here the previous output is untouched.
    static let replaceOutput = BuildStep(name: "replace output") { state, log throws(SiteBuilder.Failure) in
        let step = "replace output"
        let staging = try state.requireStaging(step)
        if state.outputUnchanged {
            // The output on disk is this build's already; the memo still gets this build's keys.
            staging.discard()
            state.summary.outputUnchanged = true
        } else {
            do { try staging.commit() } catch {
                throw SiteBuilder.Failure(step: step, messages: ["\(state.options.outputDirectory.path): cannot replace (\(error.localizedDescription))"])
            }
        }
        state.staging = nil
        // Only now does the memo describe the output on disk.
        if var memo = state.pageMemo, let cache = state.options.cacheDirectory {
            memo.totalFiles = state.summary.files
            do { try memo.save(in: cache) } catch {
                log("warning: could not keep the page memo in \(cache.path) (\(error.localizedDescription)); the next build renders every page")
            }
        }
    }
}

/// Relative paths of the regular files below a folder, sorted (deterministic output).
enum FileTree {
    static func files(under root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        var out: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(base + "/") else { continue }
            let relative = String(path.dropFirst(base.count + 1))
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            out.append(relative)
        }
        return out.sorted()
    }
}
