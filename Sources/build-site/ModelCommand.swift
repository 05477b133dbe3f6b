import ArgumentParser
import Foundation
import SiteBuild

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Convert one model: build-site model INPUT -o OUTPUT.glb")

    @Argument(help: "A 3D model in any format assimp reads (OBJ, FBX, DAE, glTF, STL, PLY, 3DS …).")
    var input: String
    @Option(name: .shortAndLong, help: "The output file; its extension chooses the format (.glb).")
    var output: String
    @Option(help: "Name of the model in messages (the site build passes the project-relative path).")
    var name: String?
    @Option(name: .customLong("texture-root"), help: "Read textures only from inside this folder (default: the model's folder).")
    var textureRoot: String?
    @Option(name: .customLong("report-json"), help: ArgumentHelp("Write the conversion report as JSON here.", visibility: .hidden))
    var reportJSON: String?
    @Option(name: .customLong("memory-limit-mb"), help: ArgumentHelp("Address-space limit of this process.", visibility: .hidden))
    var memoryLimitMB: Int?
    @Flag(help: ArgumentHelp("Print nothing on success.", visibility: .hidden))
    var quiet = false
    @Flag(name: .customLong("in-process"), help: ArgumentHelp("Convert in this process (the worker side of crash isolation).", visibility: .hidden))
    var inProcess = false
    @Option(name: .customLong("timeout"), help: "Seconds the conversion may take before it is stopped.")
    var timeout: Double = 300

    func run() throws {
        if let memoryLimitMB { ProcessLimits.limitAddressSpace(megabytes: memoryLimitMB) }
        let inputURL = URL(fileURLWithPath: input).standardizedFileURL
        let options = ModelConversion.Options(displayName: name ?? input,
                                              textureRoot: textureRoot.map { URL(fileURLWithPath: $0).standardizedFileURL })
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let report: ModelConversion.Report
        do {
            if inProcess {
                report = try ModelConversion.convert(input: inputURL, output: outputURL, options: options)
            } else {
                // Even a single conversion runs in a child: assimp may crash on a damaged file,
                // and that must read as an error naming the file, not as a crash of this tool.
                report = try ModelWorker(timeLimit: timeout).convert(
                    input: inputURL, output: outputURL, displayName: name ?? input,
                    textureRoot: options.textureRoot ?? inputURL.deletingLastPathComponent())
            }
        } catch let error as CustomStringConvertible {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        if let reportJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: reportJSON))
        }
        guard !quiet else { return }
        for warning in report.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        print("""
        \(report.source) → \(output)
          triangles  \(report.triangles)
          vertices   \(report.vertices)
          materials  \(report.materials)
          textures   \(report.textures)
          bytes      \(report.bytesIn) in → \(report.bytesOut) out
          size       \(report.size.map { String(format: "%.3f", $0) }.joined(separator: " × ")) (source units; glTF reads them as metres)
          time       \(report.milliseconds) ms
        """)
    }
}

enum ProcessLimits {
    /// Caps this process's address space so a file claiming absurd sizes fails to allocate
    /// instead of pushing the machine into swap.
    static func limitAddressSpace(megabytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(megabytes) << 20, rlim_max: rlim_t(megabytes) << 20)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
    }
}
