/// Why a model could not be imported, phrased for the person who dropped the file into `models/`.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    /// The model as the user named it (project-relative where possible).
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

/// A problem that does not stop the model from being shown (a missing texture, a skipped animation).
public struct ImportWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): warning: \(message)" }
}
