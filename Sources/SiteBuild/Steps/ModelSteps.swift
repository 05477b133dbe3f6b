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
        let defaults = content.config.models
        let work = staging.url(for: ".work")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let results = ConcurrentJobs.run(count: references.count) { index -> Result<ModelConversion.Report, ModelWorker.Failure> in
            let reference = references[index]
            let output = work.appendingPathComponent("model-\(index).glb")
            return Result { () throws(ModelWorker.Failure) in
                try worker.convert(input: root.appendingPathComponent(reference.src), output: output,
                                   displayName: reference.src, textureRoot: root,
                                   settings: ModelSettings(site: defaults, model: reference),
                                   usdzOutput: output.deletingPathExtension().appendingPathExtension("usdz"))
            }
        }

        var failures: [String] = []
        var placements: [String: [Float]] = [:]
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
                let stem = Slug.make(URL(fileURLWithPath: reference.src).deletingPathExtension().lastPathComponent)
                let base = stem.isEmpty ? "model" : stem
                let bytes = [UInt8](data)
                let path = ContentHash.hashedPath("assets/models/\(base).glb", bytes: bytes)
                var arPath: String?
                if report.arBytesOut != nil {
                    guard let arData = FileManager.default.contents(atPath: ModelConversion.arOutput(for: produced).path) else {
                        failures.append("\(reference.src): the converted AR model is missing")
                        continue
                    }
                    arPath = ContentHash.hashedPath("assets/models/\(base).ar.glb", bytes: [UInt8](arData))
                    do { try staging.write([UInt8](arData), to: arPath!) } catch {
                        failures.append("\(arPath!): cannot write (\(error.localizedDescription))")
                        continue
                    }
                }
                var usdzPath: String?
                if report.usdzBytesOut != nil {
                    guard let usdzData = FileManager.default.contents(atPath: produced.deletingPathExtension().appendingPathExtension("usdz").path) else {
                        failures.append("\(reference.src): the converted USDZ is missing")
                        continue
                    }
                    usdzPath = ContentHash.hashedPath("assets/models/\(base).usdz", bytes: [UInt8](usdzData))
                    do { try staging.write([UInt8](usdzData), to: usdzPath!) } catch {
                        failures.append("\(usdzPath!): cannot write (\(error.localizedDescription))")
                        continue
                    }
                }
                do { try staging.write(bytes, to: path) } catch {
                    failures.append("\(path): cannot write (\(error.localizedDescription))")
                    continue
                }
                state.models[reference.src] = ModelAssets(glb: "/" + path, arGLB: arPath.map { "/" + $0 }, usesMeshopt: report.usesMeshopt,
                                                          usdz: usdzPath.map { "/" + $0 }, bytes: bytes.count, triangles: report.triangles)
                state.summary.models.append(.init(source: reference.src, output: path, bytesIn: report.bytesIn, bytesOut: report.bytesOut,
                                                  arBytesOut: report.arBytesOut, usdzBytesOut: report.usdzBytesOut,
                                                  trianglesBefore: report.trianglesBefore,
                                                  triangles: report.triangles, size: report.size, milliseconds: report.milliseconds))
                placements[reference.src] = report.placement
                for note in report.usdzNotes { log("\(reference.src): \(note)") }
                state.summary.warnings.append(contentsOf: report.warnings)
                for warning in report.warnings { log(warning) }
            }
        }
        HotspotPlacement.apply(placements, to: &content)
        state.content = content
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

/// Hotspots are written in the source file's coordinates (what staff see in a modelling program);
/// the placement pass moved and scaled the model, so their positions follow it.
enum HotspotPlacement {
    static func apply(_ placements: [String: [Float]], to content: inout SiteContent) {
        func move(_ entries: inout [Entry]) {
            for i in entries.indices {
                guard let src = entries[i].model?.src, let matrix = placements[src], matrix.count == 16 else { continue }
                let columns = (0..<4).map { SIMD4(matrix[$0 * 4], matrix[$0 * 4 + 1], matrix[$0 * 4 + 2], matrix[$0 * 4 + 3]) }
                func apply(_ v: SIMD3<Float>, w: Float) -> SIMD3<Float> {
                    let r = columns[0] * v.x + columns[1] * v.y + columns[2] * v.z + columns[3] * w
                    return SIMD3(r.x, r.y, r.z)
                }
                for h in entries[i].model!.hotspots.indices {
                    let hotspot = entries[i].model!.hotspots[h]
                    entries[i].model!.hotspots[h].position = apply(hotspot.position, w: 1)
                    if let normal = hotspot.normal {
                        let turned = apply(normal, w: 0)
                        let length = (turned * turned).sum().squareRoot()
                        entries[i].model!.hotspots[h].normal = length > 0 ? turned / length : normal
                    }
                }
            }
        }
        move(&content.places); move(&content.products); move(&content.pages)
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
