import Foundation

/// model-viewer's `camera-orbit` attribute ("30deg 75deg 105%"), parsed so a poster can be
/// taken from exactly where the 3D view starts.
///
/// theta turns around +Y starting from +Z (positive toward +X), phi is measured down from +Y,
/// and the radius is either absolute ("2.5m", "250cm", "2500mm") or a percentage of the ideal
/// framing distance ("105%"). "auto" or a missing term means model-viewer's default for it.
public struct CameraOrbit: Sendable, Equatable, Codable {
    public enum Radius: Sendable, Equatable, Codable {
        /// A fraction of the framing distance (1.05 for "105%").
        case relative(Float)
        /// Metres (scene units).
        case absolute(Float)
    }

    /// Radians.
    public var theta: Float
    /// Radians.
    public var phi: Float
    public var radius: Radius

    public init(theta: Float, phi: Float, radius: Radius) {
        self.theta = theta
        self.phi = phi
        self.radius = radius
    }

    /// model-viewer's default, "0deg 75deg 105%".
    public static let modelViewerDefault = CameraOrbit(theta: 0, phi: 75 * .pi / 180, radius: .relative(1.05))

    /// A three-quarter view from the front-right and a little above: shows two sides and the top,
    /// which reads better as a still image than model-viewer's straight-on default.
    public static let threeQuarter = CameraOrbit(theta: 30 * .pi / 180, phi: 68 * .pi / 180, radius: .relative(1.05))

    /// The orbit as a `camera-orbit` attribute value, in degrees and percent or metres, so the
    /// page's first 3D frame starts where the poster was taken.
    public var attributeValue: String {
        func number(_ v: Float) -> String {
            let rounded = (v * 1000).rounded() / 1000
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        let distance: String
        switch radius {
        case .relative(let f): distance = number(f * 100) + "%"
        case .absolute(let m): distance = number(m) + "m"
        }
        return "\(number(theta * 180 / .pi))deg \(number(phi * 180 / .pi))deg \(distance)"
    }

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Parses "THETA PHI RADIUS" the way model-viewer does; units: deg, rad (default), m, cm, mm, %.
    public init(parsing text: String) throws(ParseError) {
        let terms = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," }).map(String.init)
        guard terms.count <= 3 else {
            throw ParseError(description: "camera-orbit \"\(text)\" has \(terms.count) terms, expected theta phi radius")
        }
        let d = CameraOrbit.modelViewerDefault
        theta = try terms.count > 0 ? CameraOrbit.angle(terms[0], default: d.theta, whole: text) : d.theta
        phi = try terms.count > 1 ? CameraOrbit.angle(terms[1], default: d.phi, whole: text) : d.phi
        radius = try terms.count > 2 ? CameraOrbit.distance(terms[2], whole: text) : d.radius
    }

    private static func split(_ term: String) -> (Float?, String) {
        let lower = term.lowercased()
        let unitStart = lower.firstIndex(where: { $0.isLetter || $0 == "%" }) ?? lower.endIndex
        return (Float(lower[..<unitStart]), String(lower[unitStart...]))
    }

    private static func angle(_ term: String, default value: Float, whole: String) throws(ParseError) -> Float {
        if term.lowercased() == "auto" { return value }
        let (number, unit) = split(term)
        guard let number, number.isFinite else {
            throw ParseError(description: "camera-orbit \"\(whole)\": \"\(term)\" is not an angle (like 30deg)")
        }
        switch unit {
        case "deg": return number * .pi / 180
        case "rad", "": return number
        default: throw ParseError(description: "camera-orbit \"\(whole)\": unknown angle unit in \"\(term)\"")
        }
    }

    private static func distance(_ term: String, whole: String) throws(ParseError) -> Radius {
        if term.lowercased() == "auto" { return modelViewerDefault.radius }
        let (number, unit) = split(term)
        guard let number, number.isFinite, number > 0 else {
            throw ParseError(description: "camera-orbit \"\(whole)\": \"\(term)\" is not a positive distance (like 105% or 2m)")
        }
        switch unit {
        case "%": return .relative(number / 100)
        case "m", "": return .absolute(number)
        case "cm": return .absolute(number / 100)
        case "mm": return .absolute(number / 1000)
        default: throw ParseError(description: "camera-orbit \"\(whole)\": unknown distance unit in \"\(term)\"")
        }
    }
}
