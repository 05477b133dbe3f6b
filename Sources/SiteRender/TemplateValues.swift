import Mustache

/// The page contexts as swift-mustache reads them fastest: every struct turned into a
/// `[String: Any]` once, before rendering. The library otherwise reflects (`Mirror`) the whole
/// struct again at every `{{name}}` it looks up — measured as most of a page's render time.
/// Lookup semantics are unchanged: a nil optional is left out, so the name still resolves in the
/// enclosing sections, exactly as the library treats a nil field.
enum TemplateValues {
    static func box(_ value: Any) -> Any? {
        switch value {
        case is String, is Bool, is Int, is Double, is Float, is MustacheParent:
            return value
        case let ui as UIStrings:
            if let shared = UIStrings.templateValues[ui.code] { return shared }
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { box($0.value) }
        case .struct, .class:
            return boxFields(mirror)
        case .collection:
            return mirror.children.compactMap { box($0.value) }
        default:
            return value
        }
    }

    /// A struct's fields by name, each boxed; nil optionals left out.
    static func boxFields(of value: Any) -> [String: Any] { boxFields(Mirror(reflecting: value)) }

    private static func boxFields(_ mirror: Mirror) -> [String: Any] {
        var fields: [String: Any] = [:]
        fields.reserveCapacity(Int(mirror.children.count))
        for child in mirror.children {
            if let label = child.label, let boxed = box(child.value) { fields[label] = boxed }
        }
        return fields
    }
}
