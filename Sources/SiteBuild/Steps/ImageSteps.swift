import Foundation
import Imaging
import SiteContent
import SiteRender

extension BuildStep {
    /// Encodes each model's poster and thumbnails (AVIF, WebP, PNG) and its AR-button icon from
    /// its full-quality render (both cores), names them by content hash and hands them to the pages.
    static let publishPosters = BuildStep(name: "publish posters") { state, _ throws(SiteBuilder.Failure) in
        let step = "publish posters"
        let staging = try state.requireStaging(step)
        let sources = state.posterMasters.keys.sorted()
        let masters = state.posterMasters
        let cache = state.imageCache
        let encoded = ConcurrentJobs.run(count: sources.count) { index in
            Result { () throws -> (PosterImages.Encoded, Set<String>) in
                var used = Set<String>()
                return (try PosterImages.encode(masters[sources[index]]!, cache: cache, used: &used), used)
            }
        }
        for (index, src) in sources.enumerated() {
            guard var assets = state.models[src] else { continue }
            let stem = ModelAssetNames.stem(src)
            do {
                let (images, keys) = try encoded[index].get()
                state.usedImageKeys.formUnion(keys)
                let publish = { (bytes: [UInt8], rendition: ImageRendition, format: String) throws -> ImageVariant in
                    let width = rendition.width == images.poster.width ? "poster" : String(rendition.width)
                    return ImageVariant(src: try staging.publish(bytes, as: "assets/models/\(stem).\(width).\(format)"),
                                        width: rendition.width, height: rendition.height)
                }
                let poster = try publish(images.poster.bytes, images.poster, "png")
                assets.poster = poster.src
                assets.posterWidth = poster.width
                assets.posterHeight = poster.height
                assets.thumbnails = try images.thumbnails.map { try publish($0.bytes, $0, "png") }
                assets.posterFormats = ModernFormats(
                    avif: try images.renditions.compactMap { rendition in try rendition.avif.map { try publish($0, rendition, "avif") } },
                    webp: try images.renditions.map { try publish($0.webp, $0, "webp") })
                assets.icon = try staging.publish(images.icon, as: "assets/models/\(stem).icon.png")
            } catch {
                throw SiteBuilder.Failure(step: step, messages: ["\(src): cannot write its poster (\(error))"])
            }
            state.models[src] = assets
            if let row = state.summary.models.firstIndex(where: { $0.source == src }) {
                state.summary.models[row].posterBytes = (try? encoded[index].get())?.0.poster.webp.count
            }
        }
    }
}

/// How a model's files are named in the site: after its source file, slugged.
enum ModelAssetNames {
    static func stem(_ src: String) -> String {
        let stem = Slug.make(URL(fileURLWithPath: src).deletingPathExtension().lastPathComponent)
        return stem.isEmpty ? "model" : stem
    }
}

extension BuildStep {
    /// One sharing card per entry with a poster and per language (the title is on it), as JPEG,
    /// and one for the site itself per language (home, lists, map, search), showing the first
    /// entry's model under the site's title.
    static let makeSharingCards = BuildStep(name: "make sharing cards") { state, log throws(SiteBuilder.Failure) in
        let step = "make sharing cards"
        let content = try state.requireContent(step)
        let staging = try state.requireStaging(step)
        let config = content.config
        /// `entry` nil: the site's own card.
        struct Job: Sendable { var entry: Entry?; var language: Language; var title: String; var src: String }
        let entries = content.places + content.products + content.pages
        var jobs = entries.flatMap { entry -> [Job] in
            guard let src = entry.model?.src, state.posterMasters[src] != nil else { return [] }
            return config.languages.compactMap { language in
                entry.translations[language].map { Job(entry: entry, language: language, title: $0.title, src: src) }
            }
        }
        if let first = jobs.first {
            jobs += config.languages.map { Job(entry: nil, language: $0, title: config.title.text($0, fallback: config.defaultLanguage), src: first.src) }
        }
        guard !jobs.isEmpty else { return }
        let root = state.options.projectRoot
        do {
            if try SharingCard.Fonts.load(config.sharing, projectRoot: root) == nil {
                let warning = "warning: no font for the sharing cards' titles (install fonts-dejavu-core or set sharing.font in content/site.yml); the cards show the model only"
                log(warning)
                state.summary.warnings.append(warning)
            }
        } catch {
            throw SiteBuilder.Failure(step: step, messages: ["content/site.yml: sharing.font \(config.sharing.font ?? ""): \(error)"])
        }
        let masters = state.posterMasters
        let allJobs = jobs
        let cache = state.imageCache
        let fontIdentity = SharingCard.Fonts.identity(config.sharing, projectRoot: root)
        let masterHashes = masters.mapValues { Data($0.digest.utf8) }
        // FreeType faces are not shared between threads: each job loads its own.
        let results = ConcurrentJobs.run(count: allJobs.count) { index -> Result<([UInt8], String?), Error> in
            Result {
                let job = allJobs[index]
                // The site's card names who runs the site under its title; an entry's names the site.
                let subtitle = job.entry == nil ? (config.organization?.name ?? config.baseURL.host ?? "")
                    : config.title.text(job.language, fallback: config.defaultLanguage)
                let colours = [config.sharing.background, config.sharing.textColor].map { "\($0.red),\($0.green),\($0.blue)" }
                let key = cache?.key("card", [Data(job.title.utf8), Data(subtitle.utf8), Data(colours.joined(separator: ";").utf8),
                                              fontIdentity, masterHashes[job.src]!])
                if let cache, let key, let card = cache.files(key)?["card.jpg"] { return ([UInt8](card), key) }
                let card = SharingCard(title: job.title, siteName: subtitle,
                                       render: try masters[job.src]!.image(), background: config.sharing.background,
                                       textColor: config.sharing.textColor)
                let bytes = try JPEGCodec.encode(try card.image(fonts: try SharingCard.Fonts.load(config.sharing, projectRoot: root)), quality: 85)
                if let cache, let key { cache.keep(key, ["card.jpg": Data(bytes)]) }
                return (bytes, key)
            }
        }
        state.usedImageKeys.formUnion(results.compactMap { try? $0.get().1 })
        for (job, result) in zip(jobs, results.map { $0.map(\.0) }) {
            let name = job.entry.map { "\($0.kind.rawValue)-\($0.slug)" } ?? "site"
            do {
                let card = ImageVariant(src: try staging.publish(try result.get(), as: "assets/cards/\(name).\(job.language).jpg"),
                                        width: SharingCard.width, height: SharingCard.height)
                if let entry = job.entry {
                    state.sharingCards[SharingCardKey(sourcePath: entry.sourcePath, language: job.language)] = card
                } else {
                    state.siteCards[job.language] = card
                }
            } catch {
                throw SiteBuilder.Failure(step: step, messages: ["\(job.entry?.sourcePath ?? "content/site.yml"): cannot make its sharing card (\(error))"])
            }
        }
    }
}

extension BuildStep {
    /// Removes cache entries this build did not use: models no longer referenced, earlier
    /// versions of changed ones, images of old renders, titles and photos. It runs after every
    /// step that uses the caches.
    static let pruneCache = BuildStep(name: "prune cache") { state, log throws(SiteBuilder.Failure) in
        guard let models = state.modelCache, let images = state.imageCache else { return }
        state.summary.prunedCacheEntries = models.prune(keeping: state.usedModelKeys) + images.store.prune(keeping: state.usedImageKeys)
        if state.options.verbose, state.summary.prunedCacheEntries > 0 {
            log("cache: \(state.summary.prunedCacheEntries) unused entries removed")
        }
    }
}
