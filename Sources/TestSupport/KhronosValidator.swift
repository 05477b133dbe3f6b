import Foundation

/// The Khronos glTF-Validator (`../shared/tools/gltf-validate`): the verdict on a .glb that
/// other tools will give, where the shared folder is beside the checkout.
public enum KhronosValidator {
    public static var tool: URL {
        PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/tools/gltf-validate")
    }

    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: tool.path) }

    public static let missingMessage = "../shared/tools/gltf-validate is absent here; the Khronos validator checks need the shared folder"

    /// The validator's one-line summary ("gltf-validate: OK x.glb errors=0 …") and its error
    /// count, for a file on disk.
    public static func validate(_ file: URL) throws -> (errors: Int, summary: String) {
        let result = try CommandRun.run(tool, [file.path], timeLimit: 180)
        let summary = result.stdout.split(separator: "\n").last.map(String.init) ?? result.stderr
        guard let match = summary.firstMatch(of: /errors=(\d+)/), let errors = Int(match.1) else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "gltf-validate gave no verdict: \(summary) \(result.stderr)"])
        }
        return (errors, summary)
    }

    /// The same for bytes, written to a temporary file.
    public static func validate(_ bytes: [UInt8], name: String = "model.glb") throws -> (errors: Int, summary: String) {
        let folder = try TemporaryDirectory("khronos")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return try validate(file)
    }
}
