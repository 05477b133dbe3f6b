import Foundation
import Imaging
import SiteContent
import SiteRender

/// What the steps hand to each other. Each step reads what earlier steps produced and adds its own.
struct BuildState {
    let options: SiteBuilder.Options
    var summary = SiteBuilder.Summary()
    var content: SiteContent?
    var staging: StagedOutput?
    var models: [String: ModelAssets] = [:]
    /// Full-quality poster renders by model `src`, from which posters, thumbnails and sharing cards are made.
    var posterMasters: [String: PosterMaster] = [:]
    var sharingCards: [SharingCardKey: ImageVariant] = [:]
    var siteCards: [Language: ImageVariant] = [:]
    var photos: [String: PhotoAsset] = [:]
    var staticAssets: [String: String] = [:]
    var rendered: [OutputFile] = []
    /// The caches (nil with --no-cache) and the entries this build used; the rest is pruned.
    var modelCache: ModelCache?
    var imageCache: ImageCache?
    var usedModelKeys = Set<String>()
    var usedImageKeys = Set<String>()
    /// The pages this build rendered, saved for the next one once the output is replaced.
    var pageMemo: PageMemo?
    /// The previous build's memo, when it describes the output on disk.
    var previousPageMemo: PageMemo?
    /// Every file this build would write is already in the output: it is left as it is.
    var outputUnchanged = false

    init(options: SiteBuilder.Options) { self.options = options }

    func requireContent(_ step: String) throws(SiteBuilder.Failure) -> SiteContent {
        guard let content else { throw SiteBuilder.Failure(step: step, messages: ["internal: content was not loaded before '\(step)'"]) }
        return content
    }

    func requireStaging(_ step: String) throws(SiteBuilder.Failure) -> StagedOutput {
        guard let staging else { throw SiteBuilder.Failure(step: step, messages: ["internal: no staging folder before '\(step)'"]) }
        return staging
    }
}

/// One named step of the build.
struct BuildStep: Sendable {
    let name: String
    let run: @Sendable (inout BuildState, @Sendable (String) -> Void) throws(SiteBuilder.Failure) -> Void

    /// The whole build, in order. Adding a capability means adding a step here.
    static let all: [BuildStep] = [
        .loadContent, .prepareOutput, .convertModels, .publishPosters, .makeSharingCards, .copyStaticFiles, .copyPhotos, .pruneCache,
        .renderPages, .writePages, .replaceOutput,
    ]
}
