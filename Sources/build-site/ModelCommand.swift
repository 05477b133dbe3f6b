import ArgumentParser
import Foundation
import SceneModel
import SiteBuild
import SiteContent

extension GeometryCompression: ExpressibleByArgument {}
extension UpAxis: ExpressibleByArgument {}
extension TextureFormat: ExpressibleByArgument {}

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Convert models: build-site model INPUT -o OUTPUT.glb|.usdz|.png|.jpg, or INPUT… -o FOLDER/",
        discussion: """
        With one input and an output file, the file's extension chooses what is written. With \
        several inputs, or an output ending in / (or an existing folder), each input becomes \
        FOLDER/NAME.glb (plus NAME.usdz with --usdz and NAME.png with --poster), keeping the \
        inputs' sub-folders below the folder they share (a/x.obj b/x.obj → a/x.glb b/x.glb), converted by \
        --jobs worker processes at once: a model that crashes or hangs the importer is reported \
        and the others go on.
        """)

    @Argument(help: "3D models in any format assimp reads (OBJ, FBX, DAE, glTF, STL, PLY, 3DS …).")
    var inputs: [String]
    @Option(name: .shortAndLong, help: "The output file (its extension chooses the format: .glb, .usdz, or a poster .png, .webp, .avif (transparent) or .jpg), or a folder.")
    var output: String
    @Option(name: .shortAndLong, help: "Models converted at once when converting into a folder.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Into a folder: also write NAME.usdz for AR Quick Look.")
    var usdz = false
    @Flag(help: "Into a folder: also render NAME.png, a poster.")
    var poster = false
    @Option(help: "Name of the model in messages (one input only).")
    var name: String?
    @Option(name: .customLong("texture-root"), help: "Read textures only from inside this folder (default: each model's folder).")
    var textureRoot: String?
    @Option(name: .customLong("ar-output"), help: "Also write a plain .glb for Android's Scene Viewer here, when the .glb output is quantized or compressed (one input only).")
    var arOutput: String?
    @Option(name: .customLong("usdz-output"), help: "Also write an AR Quick Look .usdz here (one input, with a .glb output).")
    var usdzOutput: String?
    @Option(name: .customLong("poster-output"), help: "Also render a poster (.png, .webp, .avif or .jpg) here (one input only).")
    var posterOutput: String?
    @Option(help: "Poster size in pixels, WIDTHxHEIGHT or one number for a square.")
    var size: PosterSize = PosterSize(width: PosterOutput.defaultSize, height: PosterOutput.defaultSize)
    @Option(name: .customLong("camera-orbit"), help: "Where the poster is taken from, as model-viewer's camera-orbit (\"30deg 68deg 105%\").")
    var cameraOrbit: String?
    @Option(help: "The colour behind the model in a .jpg poster, like #f7f2e8.")
    var background: String = "#f7f2e8"
    @Flag(name: .customLong("poster-lossless"), help: ArgumentHelp("Write a truecolour PNG poster (the site build's master).", visibility: .hidden))
    var posterLossless = false
    @Option(name: .customLong("report-json"), help: ArgumentHelp("Write the conversion report (one input) or the list of reports as JSON here.", visibility: .hidden))
    var reportJSON: String?
    @Flag(help: ArgumentHelp("Print nothing on success.", visibility: .hidden))
    var quiet = false
    @Flag(name: .customLong("isolate"), help: "Convert one input in a worker process (as the site build does), instead of guarding this one.")
    var isolate = false
    @Option(name: .customLong("model-memory"), help: "Memory limit of each conversion in MB (default: its share of three quarters of this machine's memory, 2048–8192).")
    var modelMemory: Int?
    @Option(name: .customLong("timeout"), help: "Seconds one model may take before it is stopped.")
    var timeout: Double = 300
    @Option(name: .customLong("max-triangles"), help: "Simplify above this many triangles.")
    var maxTriangles: Int = 100_000
    @Option(name: .customLong("max-texture-size"), help: "Downscale textures larger than this many pixels (never upscale).")
    var maxTextureSize: Int = 2048
    @Option(name: .customLong("compress"), help: "meshopt (quantized + EXT_meshopt_compression), quantize (KHR_mesh_quantization only) or none (plain floats).")
    var compression: GeometryCompression = .meshopt
    @Option(name: .customLong("texture-format"), help: "The .glb's textures: webp (EXT_texture_webp; the AR copy and .usdz keep JPEG/PNG) or jpeg (JPEG and PNG).")
    var textureFormat: TextureFormat = .webp
    @Option(help: "Real-world height in metres (scales the model uniformly).")
    var height: Double?
    @Option(help: "Real-world width (X) in metres.")
    var width: Double?
    @Option(help: "Real-world length (Z) in metres.")
    var length: Double?
    @Option(help: "The source's up axis, when the file is wrong: y or z.")
    var up: UpAxis?

    var settings: ModelSettings {
        var settings = ModelSettings()
        settings.maxTriangles = maxTriangles
        settings.maxTextureSize = maxTextureSize
        settings.compression = compression
        settings.textureFormat = textureFormat
        settings.height = height
        settings.width = width
        settings.length = length
        settings.up = up
        settings.cameraOrbit = cameraOrbit.flatMap { try? CameraOrbit(parsing: $0) }
        return settings
    }

    /// Converting into a folder rather than to one file.
    var intoFolder: Bool {
        var isFolder: ObjCBool = false
        return inputs.count > 1 || output.hasSuffix("/")
            || (FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) && isFolder.boolValue)
    }

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one model to convert") }
        guard maxTriangles > 0 else { throw ValidationError("--max-triangles must be a positive whole number") }
        guard maxTextureSize > 0 else { throw ValidationError("--max-texture-size must be a positive whole number") }
        guard jobs > 0 else { throw ValidationError("--jobs must be a positive whole number") }
        for (flag, value) in [("--height", height), ("--width", width), ("--length", length)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(flag) must be a positive number of metres") }
        }
        if let cameraOrbit {
            do { _ = try CameraOrbit(parsing: cameraOrbit) } catch { throw ValidationError("--camera-orbit: \(error.description)") }
        }
        guard backgroundColour != nil else { throw ValidationError("--background must be a colour like #f7f2e8") }
        if intoFolder {
            for (flag, value) in [("--name", name), ("--ar-output", arOutput), ("--usdz-output", usdzOutput), ("--poster-output", posterOutput)]
            where value != nil {
                throw ValidationError("\(flag) names one model's output; into a folder use --usdz and --poster")
            }
        } else if usdz || poster {
            throw ValidationError("--usdz and --poster are for converting into a folder; for one file use --usdz-output and --poster-output")
        }
    }

    var backgroundColour: SIMD3<UInt8>? {
        RGBColor(hex: background).map { SIMD3($0.red, $0.green, $0.blue) }
    }

    /// The poster the flags ask for, written to `url`.
    func poster(at url: URL) -> PosterOutput {
        PosterOutput(url: url, width: size.width, height: size.height, cameraOrbit: settings.cameraOrbit,
                     background: backgroundColour ?? PosterOutput.defaultBackground, lossless: posterLossless)
    }

    static func fileURL(_ path: String) -> URL { URL(fileURLWithPath: path).standardizedFileURL }

    /// The job the flags describe for `input`, writing `outputs`.
    func job(_ input: String, outputs: ModelConversion.Outputs, name: String? = nil) -> ModelJob {
        ModelJob(input: Self.fileURL(input), displayName: name ?? input, textureRoot: textureRoot.map(Self.fileURL),
                 settings: settings, outputs: outputs)
    }

    func run() throws {
        if intoFolder { try convertIntoFolder() } else { try convertOne() }
    }

    /// One input, one output file (and the extra outputs its flags name).
    private func convertOne() throws {
        let input = inputs[0]
        let report: ModelConversion.Report
        do {
            let outputURL = Self.fileURL(output)
            var outputs = try ModelConversion.outputs(for: outputURL, poster: poster(at: outputURL))
            if let arOutput { outputs.arGLB = Self.fileURL(arOutput) }
            if let usdzOutput { outputs.usdz = Self.fileURL(usdzOutput) }
            if let posterOutput { outputs.poster = poster(at: Self.fileURL(posterOutput)) }
            let job = job(input, outputs: outputs, name: name)
            if isolate {
                let pool = ModelWorkerPool(ModelWorker(timeLimit: timeout, memoryLimitMB: modelMemory, count: 1))
                defer { pool.shutDown() }
                report = try pool.run(job)
            } else {
                // One model, one process: a crash or hang in the C importer still ends as an
                // error naming the file (a folder conversion uses workers so the others go on).
                CrashGuard.install(model: job.displayName, timeLimit: timeout)
                ProcessLimits.limitAddressSpace(megabytes: modelMemory ?? ModelWorker.defaultMemoryLimitMB(workers: 1))
                report = try job.run()
            }
        } catch let error as CustomStringConvertible {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        if let reportJSON { try Self.encoded(report).write(to: URL(fileURLWithPath: reportJSON)) }
        guard !quiet else { return }
        printWarnings(report)
        print(Self.describe(report, output: output))
    }

    /// Every input into `output/NAME.glb` (and .usdz, .png), through a pool of warm workers.
    private func convertIntoFolder() throws {
        let folder = Self.fileURL(output)
        var inputByName: [String: String] = [:]
        var jobs: [ModelJob] = []
        let shared = Self.sharedFolder(of: inputs.map(Self.fileURL))
        for input in inputs {
            let name = String(Self.fileURL(input).deletingPathExtension().path.dropFirst(shared.count))
            if let earlier = inputByName[name] {
                FileHandle.standardError.write(Data("error: \(input) and \(earlier) would both be written as \(name).glb; convert them into different folders\n".utf8))
                throw ExitCode(1)
            }
            inputByName[name] = input
            let base = folder.appendingPathComponent(name)
            jobs.append(job(input, outputs: ModelConversion.Outputs(
                glb: base.appendingPathExtension("glb"),
                usdz: usdz ? base.appendingPathExtension("usdz") : nil,
                poster: poster ? poster(at: base.appendingPathExtension("png")) : nil)))
        }
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            FileHandle.standardError.write(Data("error: \(output): cannot create the folder (\(error.localizedDescription))\n".utf8))
            throw ExitCode(1)
        }
        let started = DispatchTime.now()
        let pool = ModelWorkerPool(ModelWorker(timeLimit: timeout, memoryLimitMB: modelMemory, count: min(self.jobs, jobs.count)))
        let queued = jobs
        let results = ConcurrentJobs.run(count: queued.count, limit: pool.worker.count) { index in
            Result { () throws(ModelWorker.Failure) in try pool.run(queued[index]) }
        }
        pool.shutDown()
        var reports: [ModelConversion.Report] = []
        var failed = 0
        for (job, result) in zip(jobs, results) {
            switch result {
            case .success(let report):
                reports.append(report)
                guard !quiet else { continue }
                printWarnings(report)
                print(Self.describe(report, output: job.outputs.glb!.path))
            case .failure(let failure):
                failed += 1
                FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
            }
        }
        if let reportJSON { try Self.encoded(reports).write(to: URL(fileURLWithPath: reportJSON)) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        if !quiet || failed > 0 {
            let bytesIn = reports.reduce(0) { $0 + $1.bytesIn }, bytesOut = reports.reduce(0) { $0 + $1.bytesOut }
            print(String(format: "%d of %d models converted (%d failed) in %.2f s by %d workers: %d → %d bytes",
                         reports.count, jobs.count, failed, seconds, pool.worker.count, bytesIn, bytesOut))
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// The deepest folder holding every input, ending in "/".
    static func sharedFolder(of inputs: [URL]) -> String {
        var shared = inputs[0].deletingLastPathComponent().pathComponents
        for input in inputs.dropFirst() {
            let folder = input.deletingLastPathComponent().pathComponents
            shared = Array(zip(shared, folder).prefix { $0 == $1 }.map(\.0))
        }
        let path = NSString.path(withComponents: shared)
        return path.hasSuffix("/") ? path : path + "/"
    }

    private static func encoded<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    private func printWarnings(_ report: ModelConversion.Report) {
        for warning in report.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        for note in report.usdzNotes { FileHandle.standardError.write(Data("\(report.source): \(note)\n".utf8)) }
    }

    static func describe(_ report: ModelConversion.Report, output: String) -> String {
        var written: [String] = []
        if report.bytesOut > 0 { written.append("\(report.bytesOut) .glb") }
        if let ar = report.arBytesOut { written.append("\(ar) AR .glb (plain floats for Scene Viewer)") }
        if let usdz = report.usdzBytesOut { written.append("\(usdz) .usdz") }
        if let poster = report.posterBytesOut { written.append("\(poster) poster (rendered in \(report.posterMilliseconds ?? 0) ms)") }
        return """
        \(report.source) → \(output)
          triangles  \(report.trianglesBefore) → \(report.triangles)
          vertices   \(report.verticesBefore) → \(report.vertices)
          materials  \(report.materials)
          textures   \(report.textures)
          bytes      \(report.bytesIn) → \(written.joined(separator: " + "))
          size       \(report.size.map { String(format: "%.3f", $0) }.joined(separator: " × ")) m (width × height × length)
          time       \(report.milliseconds) ms
        """
    }
}

/// `build-site worker`: the other end of `ModelWorkerPool` (not for people to run).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ModelWorker.subcommand, abstract: "Convert model jobs read as JSON lines from standard input.",
        shouldDisplay: false)

    @Option(name: .customLong("memory-limit-mb"), help: "Address-space limit of this process.")
    var memoryLimitMB: Int = ModelWorker.defaultMemoryLimitMB(workers: 1)

    func run() throws {
        ProcessLimits.limitAddressSpace(megabytes: memoryLimitMB)
        // Answers get a descriptor of their own; whatever a C library prints to standard output
        // goes to standard error instead of into the protocol.
        let answers = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        ModelWorker.serve(input: FileHandle.standardInput, output: FileHandle(fileDescriptor: answers, closeOnDealloc: true))
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
