/// Knobs for the look. The lighting itself is model-viewer's (see `Shader`), so what is left is
/// quality, the contact shadow and exposure (model-viewer's `exposure` attribute, default 1).
public struct PosterStyle: Sendable, Equatable {
    /// Samples per pixel side (2 → 4 samples a pixel); nil picks 3 for small images, 2 otherwise.
    public var supersampling: Int?
    /// Darkness of the contact shadow at its centre; 0 turns it off.
    public var shadowOpacity: Float
    public var exposure: Float

    public init(supersampling: Int? = nil, shadowOpacity: Float = 0.35, exposure: Float = 1) {
        self.supersampling = supersampling
        self.shadowOpacity = shadowOpacity
        self.exposure = exposure
    }

    public static let `default` = PosterStyle()
}
