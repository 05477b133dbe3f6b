/// Why a render failed. Every case names the file or entry to fix.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    /// A template does not parse. `file` is e.g. "site-templates/place.mustache".
    case templateSyntax(file: String, line: Int, column: Int, reason: String)
    case missingTemplate(name: String, directory: String)
    /// A file the pages link to is not among `RenderInput.staticAssets`.
    case missingStaticAsset(path: String, neededFor: String)
    /// The build did not provide the outputs of a model an entry shows.
    case missingModelAssets(src: String, entry: String)
    case missingPhoto(path: String, entry: String)
    /// Two pages would be written to the same file, or a page would shadow a language or section.
    case pathCollision(path: String, reason: String)
    case noLanguages
    /// site.yml's `payment:` and a product's price do not make a valid VietQR code.
    case invalidPayment(entry: String, reason: String)

    public var description: String {
        switch self {
        case let .templateSyntax(file, line, column, reason):
            return "\(file):\(line):\(column): template syntax error: \(reason)"
        case let .missingTemplate(name, directory):
            return "\(directory)/\(name).mustache: missing, every site needs this template"
        case let .missingStaticAsset(path, neededFor):
            return "site-templates/static/\(path): missing (needed for \(neededFor))"
        case let .missingModelAssets(src, entry):
            return "\(entry): the build produced no outputs for model \(src)"
        case let .missingPhoto(path, entry):
            return "\(entry): the build did not copy photo \(path)"
        case let .pathCollision(path, reason):
            return "\(path): \(reason)"
        case let .invalidPayment(entry, reason):
            return "\(entry): cannot make its VietQR payment code: \(reason)"
        case .noLanguages:
            return "content/site.yml: languages is empty, expected at least one language code"
        }
    }
}
