/// The one error type of this module. Font loading, layout and drawing all throw it, so a
/// caller building many cards can report the font file or the text that failed and move on;
/// the description names the file (or the operation) and what was expected.
public struct TypesettingError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
