/// Knobs for the look. Defaults are tuned by eye against model-viewer's neutral environment.
public struct PosterStyle: Sendable, Equatable {
    /// Samples per pixel side (2 → 4 samples a pixel); nil picks 3 for small images, 2 otherwise.
    public var supersampling: Int?
    /// Darkness of the contact shadow at its centre; 0 turns it off.
    public var shadowOpacity: Float
    /// Ambient light from straight above and straight below (linear).
    public var skyLight: Float
    public var groundLight: Float
    /// The directional key light's intensity (linear).
    public var keyLight: Float
    /// Strength of the environment reflection term.
    public var reflection: Float
    public var exposure: Float

    public init(supersampling: Int? = nil, shadowOpacity: Float = 0.35, skyLight: Float = 0.75, groundLight: Float = 0.35,
                keyLight: Float = 0.75, reflection: Float = 0.9, exposure: Float = 1) {
        self.supersampling = supersampling
        self.shadowOpacity = shadowOpacity
        self.skyLight = skyLight
        self.groundLight = groundLight
        self.keyLight = keyLight
        self.reflection = reflection
        self.exposure = exposure
    }

    public static let `default` = PosterStyle()
}
