import SiteContent

/// What the build produced for one model, as site-absolute URL paths ("/assets/…").
public struct ModelAssets: Sendable, Equatable {
    /// e.g. "/assets/models/thuyen-nan.3f2a9c1d.glb"
    public var glb: String
    /// A plainer .glb for Android's Scene Viewer, which renders natively and cannot be counted on
    /// for EXT_meshopt_compression; the intent points here when present, else at `glb`.
    public var arGLB: String?
    /// `glb` needs model-viewer's meshopt decoder (EXT_meshopt_compression).
    public var usesMeshopt: Bool
    /// AR Quick Look file; `ios-src` and the iOS `rel="ar"` link are rendered only when present.
    public var usdz: String?
    /// Image for `poster=`, the no-JS fallback and cards.
    public var poster: String?
    public var posterWidth: Int?
    public var posterHeight: Int?
    public var bytes: Int
    public var triangles: Int

    public init(glb: String, arGLB: String? = nil, usesMeshopt: Bool = false, usdz: String? = nil, poster: String? = nil,
                posterWidth: Int? = nil, posterHeight: Int? = nil, bytes: Int = 0, triangles: Int = 0) {
        self.glb = glb
        self.arGLB = arGLB
        self.usesMeshopt = usesMeshopt
        self.usdz = usdz
        self.poster = poster
        self.posterWidth = posterWidth
        self.posterHeight = posterHeight
        self.bytes = bytes
        self.triangles = triangles
    }
}

/// Everything a render needs: the content plus the URLs the build gave to its files.
public struct RenderInput: Sendable {
    public var content: SiteContent
    /// Key: `ModelReference.src`. Every model an entry shows must be here.
    public var models: [String: ModelAssets]
    /// Project-relative photo path (as in `Entry.photos`) → site URL path of the copied, hashed file.
    public var photos: [String: String]
    /// File under site-templates/static (e.g. "css/site.css") → hashed URL path ("/assets/site.1a2b3c4d.css").
    /// `SiteRenderer.requiredStaticAssets` must be present.
    public var staticAssets: [String: String]

    public init(content: SiteContent, models: [String: ModelAssets] = [:], photos: [String: String] = [:],
                staticAssets: [String: String] = [:]) {
        self.content = content
        self.models = models
        self.photos = photos
        self.staticAssets = staticAssets
    }
}

/// One file of the site, ready to be written.
public struct OutputFile: Sendable, Equatable {
    /// Relative to `_site`, "/"-separated, e.g. "en/places/dam-cau-hai/index.html".
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
