/// An axis-aligned pixel rectangle, y growing downwards like `RGBAImage` rows.
/// Used for layout boxes and for the pixels a draw touched.
public struct TextRect: Sendable, Equatable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The empty rectangle at the origin; the union identity.
    public static let zero = TextRect(x: 0, y: 0, width: 0, height: 0)

    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// True when every pixel of `other` lies inside this rectangle (an empty one always does).
    public func contains(_ other: TextRect) -> Bool {
        other.isEmpty || (other.x >= x && other.y >= y && other.maxX <= maxX && other.maxY <= maxY)
    }

    /// The smallest rectangle holding both; an empty side is ignored.
    public func union(_ other: TextRect) -> TextRect {
        if other.isEmpty { return self }
        if isEmpty { return other }
        let left = min(x, other.x), top = min(y, other.y)
        return TextRect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }

    /// The overlap of both, or an empty rectangle.
    public func intersection(_ other: TextRect) -> TextRect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return .zero }
        return TextRect(x: left, y: top, width: right - left, height: bottom - top)
    }

    public func offsetBy(x dx: Int, y dy: Int) -> TextRect {
        TextRect(x: x + dx, y: y + dy, width: width, height: height)
    }

    public var description: String { "(\(x), \(y)) \(width)x\(height)" }
}
