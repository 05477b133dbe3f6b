import ArgumentParser
import Foundation
import SiteBuild

extension ModelSettings.Compression: ExpressibleByArgument {}
extension ModelSettings.UpAxis: ExpressibleByArgument {}

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
    @Option(name: .customLong("usdz-output"), help: "Also write an AR Quick Look .usdz here (with a .glb output).")
    var usdzOutput: String?
    @Option(name: .customLong("report-json"), help: ArgumentHelp("Write the conversion report as JSON here.", visibility: .hidden))
    var reportJSON: String?
    @Option(name: .customLong("memory-limit-mb"), help: ArgumentHelp("Address-space limit of this process.", visibility: .hidden))
    var memoryLimitMB: Int?
    @Flag(help: ArgumentHelp("Print nothing on success.", visibility: .hidden))
    var quiet = false
    @Flag(name: .customLong("isolate"), help: "Convert in a child process (as the site build does), instead of guarding this one.")
    var isolate = false
    @Flag(name: .customLong("in-process"), help: ArgumentHelp("Convert in this process; set by the site build's worker.", visibility: .hidden))
    var inProcess = false
    @Option(name: .customLong("timeout"), help: "Seconds the conversion may take before it is stopped.")
    var timeout: Double = 300
    @Option(name: .customLong("max-triangles"), help: "Simplify above this many triangles.")
    var maxTriangles: Int = 100_000
    @Option(name: .customLong("max-texture-size"), help: "Downscale textures larger than this many pixels (never upscale).")
    var maxTextureSize: Int = 2048
    @Option(name: .customLong("compress"), help: "meshopt (quantized + EXT_meshopt_compression), quantize (KHR_mesh_quantization only) or none (plain floats).")
    var compression: ModelSettings.Compression = .meshopt
    @Option(help: "Real-world height in metres (scales the model uniformly).")
    var height: Double?
    @Option(help: "Real-world width (X) in metres.")
    var width: Double?
    @Option(help: "Real-world length (Z) in metres.")
    var length: Double?
    @Option(help: "The source's up axis, when the file is wrong: y or z.")
    var up: ModelSettings.UpAxis?

    var settings: ModelSettings {
        var settings = ModelSettings()
        settings.maxTriangles = maxTriangles
        settings.maxTextureSize = maxTextureSize
        settings.compression = compression
        settings.height = height
        settings.width = width
        settings.length = length
        settings.up = up
        return settings
    }

    func validate() throws {
        guard maxTriangles > 0 else { throw ValidationError("--max-triangles must be a positive whole number") }
        guard maxTextureSize > 0 else { throw ValidationError("--max-texture-size must be a positive whole number") }
        for (flag, value) in [("--height", height), ("--width", width), ("--length", length)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(flag) must be a positive number of metres") }
        }
    }

    func run() throws {
        if let memoryLimitMB { ProcessLimits.limitAddressSpace(megabytes: memoryLimitMB) }
        let inputURL = URL(fileURLWithPath: input).standardizedFileURL
        let options = ModelConversion.Options(displayName: name ?? input,
                                              textureRoot: textureRoot.map { URL(fileURLWithPath: $0).standardizedFileURL })
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let usdzURL = usdzOutput.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let report: ModelConversion.Report
        do {
            if isolate && !inProcess {
                report = try ModelWorker(timeLimit: timeout).convert(
                    input: inputURL, output: outputURL, displayName: name ?? input,
                    textureRoot: options.textureRoot ?? inputURL.deletingLastPathComponent(), settings: settings,
                    usdzOutput: usdzURL)
            } else {
                // One model, one process: a crash or hang in the C importer still ends as an
                // error naming the file (the site build uses child processes so others go on).
                if !inProcess { CrashGuard.install(model: name ?? input, timeLimit: timeout) }
                if memoryLimitMB == nil { ProcessLimits.limitAddressSpace(megabytes: 8192) }
                if let usdzURL {
                    report = try ModelConversion.convert(input: inputURL, outputs: .init(glb: outputURL, usdz: usdzURL),
                                                         settings: settings, options: options)
                } else {
                    report = try ModelConversion.convert(input: inputURL, output: outputURL, settings: settings, options: options)
                }
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
        var written: [String] = []
        if report.bytesOut > 0 { written.append("\(report.bytesOut) .glb") }
        if let ar = report.arBytesOut { written.append("\(ar) AR .glb (plain floats for Scene Viewer)") }
        if let usdz = report.usdzBytesOut { written.append("\(usdz) .usdz") }
        for note in report.usdzNotes { FileHandle.standardError.write(Data("\(report.source): \(note)\n".utf8)) }
        print("""
        \(report.source) → \(output)
          triangles  \(report.trianglesBefore) → \(report.triangles)
          vertices   \(report.verticesBefore) → \(report.vertices)
          materials  \(report.materials)
          textures   \(report.textures)
          bytes      \(report.bytesIn) → \(written.joined(separator: " + "))
          size       \(report.size.map { String(format: "%.3f", $0) }.joined(separator: " × ")) m (width × height × length)
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
