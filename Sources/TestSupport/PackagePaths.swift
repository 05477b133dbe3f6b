import Foundation

/// Where things are when tests run from a checkout.
public enum PackagePaths {
    /// The repository root (the folder with Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder SwiftPM put the built products in (the test bundle sits there too).
    public static var products: URL {
        let bundle = Bundle.main.bundleURL
        return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
    }

    /// The `build-site` executable built alongside the tests.
    public static var buildSiteExecutable: URL { products.appendingPathComponent("build-site") }
}

/// A fresh folder under the system temp dir, removed when the test ends (call `remove()`).
public struct TemporaryDirectory {
    public let url: URL

    public init(_ label: String = "smartvillage") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
