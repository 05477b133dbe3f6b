import ArgumentParser
import Foundation
import SceneModel
import SiteBuild
import SiteContent

extension ModelSettings.Compression: ExpressibleByArgument {}
extension ModelSettings.UpAxis: ExpressibleByArgument {}

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Convert one model: build-site model INPUT -o OUTPUT.glb|.usdz|.png|.jpg")

    @Argument(help: "A 3D model in any format assimp reads (OBJ, FBX, DAE, glTF, STL, PLY, 3DS …).")
    var input: String
    @Option(name: .shortAndLong, help: "The output file; its extension chooses the format: .glb, .usdz, or a poster .png (transparent) / .jpg.")
    var output: String
    @Option(help: "Name of the model in messages (the site build passes the project-relative path).")
    var name: String?
    @Option(name: .customLong("texture-root"), help: "Read textures only from inside this folder (default: the model's folder).")
    var textureRoot: String?
    @Option(name: .customLong("ar-output"), help: "Also write a plain .glb for Android's Scene Viewer here, when the .glb output is quantized or compressed (the site build does).")
    var arOutput: String?
    @Option(name: .customLong("usdz-output"), help: "Also write an AR Quick Look .usdz here (with a .glb output).")
    var usdzOutput: String?
    @Option(name: .customLong("poster-output"), help: "Also render a poster (.png or .jpg) here.")
    var posterOutput: String?
    @Option(help: "Poster size in pixels, WIDTHxHEIGHT or one number for a square.")
    var size: PosterSize = PosterSize(width: PosterOutput.defaultSize, height: PosterOutput.defaultSize)
    @Option(name: .customLong("camera-orbit"), help: "Where the poster is taken from, as model-viewer's camera-orbit (\"30deg 68deg 105%\").")
    var cameraOrbit: String?
    @Option(help: "The colour behind the model in a .jpg poster, like #f7f2e8.")
    var background: String = "#f7f2e8"
    @Flag(name: .customLong("poster-lossless"), help: ArgumentHelp("Write a truecolour PNG poster (the site build's master).", visibility: .hidden))
    var posterLossless = false
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
        settings.cameraOrbit = cameraOrbit.flatMap { try? CameraOrbit(parsing: $0) }
        return settings
    }

    func validate() throws {
        guard maxTriangles > 0 else { throw ValidationError("--max-triangles must be a positive whole number") }
        guard maxTextureSize > 0 else { throw ValidationError("--max-texture-size must be a positive whole number") }
        for (flag, value) in [("--height", height), ("--width", width), ("--length", length)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(flag) must be a positive number of metres") }
        }
        if let cameraOrbit {
            do { _ = try CameraOrbit(parsing: cameraOrbit) } catch { throw ValidationError("--camera-orbit: \(error.description)") }
        }
        guard backgroundColour != nil else { throw ValidationError("--background must be a colour like #f7f2e8") }
    }

    var backgroundColour: SIMD3<UInt8>? {
        RGBColor(hex: background).map { SIMD3($0.red, $0.green, $0.blue) }
    }

    /// The poster the flags ask for, written to `url`.
    func poster(at url: URL) -> PosterOutput {
        PosterOutput(url: url, width: size.width, height: size.height, cameraOrbit: settings.cameraOrbit,
                     background: backgroundColour ?? PosterOutput.defaultBackground, lossless: posterLossless)
    }

    func run() throws {
        if let memoryLimitMB { ProcessLimits.limitAddressSpace(megabytes: memoryLimitMB) }
        let inputURL = URL(fileURLWithPath: input).standardizedFileURL
        let options = ModelConversion.Options(displayName: name ?? input,
                                              textureRoot: textureRoot.map { URL(fileURLWithPath: $0).standardizedFileURL })
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let arURL = arOutput.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let usdzURL = usdzOutput.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let posterURL = posterOutput.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let report: ModelConversion.Report
        do {
            if isolate && !inProcess {
                report = try ModelWorker(timeLimit: timeout).convert(
                    input: inputURL, output: outputURL, displayName: name ?? input,
                    textureRoot: options.textureRoot ?? inputURL.deletingLastPathComponent(), settings: settings,
                    arOutput: arURL, usdzOutput: usdzURL, poster: posterURL.map(poster(at:)))
            } else {
                // One model, one process: a crash or hang in the C importer still ends as an
                // error naming the file (the site build uses child processes so others go on).
                if !inProcess { CrashGuard.install(model: name ?? input, timeLimit: timeout) }
                if memoryLimitMB == nil { ProcessLimits.limitAddressSpace(megabytes: 8192) }
                var outputs = try ModelConversion.outputs(for: outputURL, poster: poster(at: outputURL))
                if let arURL { outputs.arGLB = arURL }
                if let usdzURL { outputs.usdz = usdzURL }
                if let posterURL { outputs.poster = poster(at: posterURL) }
                report = try ModelConversion.convert(input: inputURL, outputs: outputs, settings: settings, options: options)
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
        if let poster = report.posterBytesOut { written.append("\(poster) poster (rendered in \(report.posterMilliseconds ?? 0) ms)") }
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

/// `--size 1200x630` or `--size 512`.
struct PosterSize: ExpressibleByArgument, Sendable {
    var width: Int
    var height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), let width = parts[0], let height = parts.last!,
              (1...8192).contains(width), (1...8192).contains(height) else { return nil }
        self.init(width: width, height: height)
    }

    var defaultValueDescription: String { "\(width)x\(height)" }
}

enum ProcessLimits {
    /// Caps this process's address space so a file claiming absurd sizes fails to allocate
    /// instead of pushing the machine into swap.
    static func limitAddressSpace(megabytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(megabytes) << 20, rlim_max: rlim_t(megabytes) << 20)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
    }
}
