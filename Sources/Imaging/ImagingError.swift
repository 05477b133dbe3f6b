/// The one error type of this module. Decoders throw it for every kind of bad input
/// (truncated, garbage, unsupported variant, too large) so callers can report the file and
/// move on; the description names the format and what was wrong.
public struct ImagingError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Limits applied before allocating pixel memory, so a tiny hostile header cannot make a
/// decoder ask for gigabytes.
enum ImageLimits {
    /// 16384 x 16384: well above any texture a web page should ship, still allocatable (1 GiB).
    static let maxPixels = 1 << 28

    /// Throws unless width x height is a non-empty image within `maxPixels`.
    static func check(width: Int, height: Int, format: String) throws {
        guard width > 0, height > 0 else {
            throw ImagingError("\(format): image has an empty size \(width)x\(height)")
        }
        guard width <= maxPixels / height else {
            throw ImagingError("\(format): image is \(width)x\(height), more than the limit of \(maxPixels) pixels")
        }
    }
}
