import Foundation
import SiteContent
import SiteRender

extension BuildStep {
    /// Converts every referenced model into a .glb, each in a child process (see `ModelWorker`),
    /// as many at once as there are cores, and names the outputs by their content hash.
    static let convertModels = BuildStep(name: "convert models") { state, log throws(SiteBuilder.Failure) in
        let step = "convert models"
        var content = try state.requireContent(step)
        let staging = try state.requireStaging(step)
        let references = content.modelReferences
        let root = state.options.projectRoot
        let worker = state.options.worker
        let work = staging.url(for: ".work")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let results = ConcurrentJobs.run(count: references.count) { index -> Result<ModelConversion.Report, ModelWorker.Failure> in
            let reference = references[index]
            let output = work.appendingPathComponent("model-\(index).glb")
            return Result { () throws(ModelWorker.Failure) in
                try worker.convert(input: root.appendingPathComponent(reference.src), output: output,
                                                 displayName: reference.src, textureRoot: root)
            }
        }

        var failures: [String] = []
        for (index, reference) in references.enumerated() {
            switch results[index] {
            case .failure(let failure):
                failures.append(failure.description)
            case .success(let report):
                let produced = work.appendingPathComponent("model-\(index).glb")
                guard let data = FileManager.default.contents(atPath: produced.path) else {
                    failures.append("\(reference.src): the converted model is missing")
                    continue
                }
                let bytes = [UInt8](data)
                let stem = Slug.make(URL(fileURLWithPath: reference.src).deletingPathExtension().lastPathComponent)
                let path = ContentHash.hashedPath("assets/models/\(stem.isEmpty ? "model" : stem).glb", bytes: bytes)
                do { try staging.write(bytes, to: path) } catch {
                    failures.append("\(path): cannot write (\(error.localizedDescription))")
                    continue
                }
                state.models[reference.src] = ModelAssets(glb: "/" + path, bytes: bytes.count, triangles: report.triangles)
                state.summary.models.append(.init(source: reference.src, output: path, bytesIn: report.bytesIn, bytesOut: report.bytesOut,
                                                  triangles: report.triangles, milliseconds: report.milliseconds))
                state.summary.warnings.append(contentsOf: report.warnings)
                for warning in report.warnings { log(warning) }
            }
        }
        guard !failures.isEmpty else { return }
        guard state.options.keepGoing else { throw SiteBuilder.Failure(step: step, messages: failures) }
        // --keep-going: show the pages of failed models without 3D, and say so.
        for failure in failures { log("error: \(failure)") }
        state.summary.failedModels = failures
        let converted = Set(state.models.keys)
        func drop(_ entries: inout [Entry]) {
            for i in entries.indices where entries[i].model.map({ !converted.contains($0.src) }) ?? false { entries[i].model = nil }
        }
        drop(&content.places); drop(&content.products); drop(&content.pages)
        state.content = content
    }
}

/// Runs `count` independent jobs on all cores and returns their results in job order.
enum ConcurrentJobs {
    static func run<T: Sendable>(count: Int, _ job: @Sendable @escaping (Int) -> T) -> [T] {
        let results = ResultBox<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in results.set(index, job(index)) }
        return results.values()
    }

    private final class ResultBox<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: T) { lock.lock(); storage[index] = value; lock.unlock() }
        func values() -> [T] { lock.lock(); defer { lock.unlock() }; return storage.map { $0! } }
    }
}
