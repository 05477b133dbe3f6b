import Foundation
import Imaging
import SiteContent
import SiteRender

extension BuildStep {
    /// Converts every referenced model into a .glb, its Scene Viewer copy, a .usdz and a
    /// full-quality poster render, through a pool of warm worker processes (`ModelWorkerPool`,
    /// `--jobs` at once), and names the outputs by their content hash. A model whose
    /// conversion is in the cache (`ModelCache`: same source, companions, settings and tools) is
    /// taken from there without starting a worker.
    static let convertModels = BuildStep(name: "convert models") { state, log throws(SiteBuilder.Failure) in
        let step = "convert models"
        var content = try state.requireContent(step)
        let staging = try state.requireStaging(step)
        let references = content.modelReferences
        let root = state.options.projectRoot
        let pool = ModelWorkerPool(state.options.worker)
        defer { pool.shutDown() }
        let defaults = content.config.models
        let work = staging.url(for: ".work")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let cache = state.options.cacheDirectory.map {
            ModelCache(folder: $0, projectRoot: root, workerExecutable: pool.worker.executable)
        }
        state.imageCache = state.options.cacheDirectory.map { ImageCache(folder: $0) }
        /// One model's conversion: from the cache, or from a worker (and then kept in the cache).
        struct Converted: Sendable {
            var report: ModelConversion.Report
            var files: [ModelCache.Role: URL]
            var key: String?
            var cached: Bool
            var note: String?
        }
        let results = ConcurrentJobs.run(count: references.count, limit: pool.worker.count) { index -> Result<Converted, ModelWorker.Failure> in
            let reference = references[index]
            let source = root.appendingPathComponent(reference.src)
            let settings = ModelSettings(site: defaults, model: reference)
            let key = cache?.key(name: reference.src, source: source, settings: settings)
            var note: String?
            if let cache, let key {
                switch cache.lookup(key) {
                case let .hit(report, files): return .success(Converted(report: report, files: files, key: key, cached: true))
                case let .damaged(why): note = "\(reference.src): the cached conversion was damaged (\(why)); converting it again"
                case .miss: break
                }
            }
            let output = work.appendingPathComponent("model-\(index)")
            let job = ModelJob(input: source, displayName: reference.src, textureRoot: root, settings: settings, outputs: .init(
                glb: output.appendingPathExtension("glb"), arGLB: output.appendingPathExtension("ar.glb"),
                usdz: output.appendingPathExtension("usdz"),
                poster: PosterOutput(url: output.appendingPathExtension("poster.png"), width: PosterImages.posterSize,
                                     height: PosterImages.posterSize, cameraOrbit: reference.cameraOrbit, lossless: true)))
            return Result { () throws(ModelWorker.Failure) in
                let report = try pool.run(job)
                let written = report.written
                var files: [ModelCache.Role: URL] = [:]
                files[.glb] = written.glb
                files[.arGLB] = written.arGLB
                files[.usdz] = written.usdz
                files[.poster] = written.poster?.url
                if let cache, let key {
                    do { try cache.keep(key, report: report, files: files) } catch {
                        note = "\(reference.src): warning: could not keep the conversion in \(cache.store.folder.path) (\(error.localizedDescription))"
                    }
                }
                return Converted(report: report, files: files, key: key, cached: false, note: note)
            }
        }

        var failures: [String] = []
        var placements: [String: [Float]] = [:]
        var usedCacheKeys = Set<String>()
        for (index, reference) in references.enumerated() {
            switch results[index] {
            case .failure(let failure):
                failures.append(failure.description)
            case .success(let converted):
                let report = converted.report
                if let note = converted.note { log(note) }
                if converted.cached { state.summary.cachedModels += 1 }
                if let key = converted.key { usedCacheKeys.insert(key) }
                let base = "assets/models/" + ModelAssetNames.stem(reference.src)
                // Copies a converted file into the site under its content-hashed name.
                func publish(_ role: ModelCache.Role, as name: String) throws(SiteBuilder.Failure) -> String {
                    guard let file = converted.files[role], let data = FileManager.default.contents(atPath: file.path) else {
                        throw SiteBuilder.Failure(step: step, messages: ["\(reference.src): the converted \(role.rawValue) file is missing"])
                    }
                    do { return try staging.publish([UInt8](data), as: name) } catch {
                        throw SiteBuilder.Failure(step: step, messages: ["\(name): cannot write (\(error.localizedDescription))"])
                    }
                }
                let path: String, arPath: String?, usdzPath: String?
                do throws(SiteBuilder.Failure) {
                    path = try publish(.glb, as: base + ".glb")
                    arPath = report.arBytesOut == nil ? nil : try publish(.arGLB, as: base + ".ar.glb")
                    usdzPath = report.usdzBytesOut == nil ? nil : try publish(.usdz, as: base + ".usdz")
                } catch {
                    failures.append(contentsOf: error.messages)
                    continue
                }
                if let master = converted.files[.poster].flatMap({ FileManager.default.contents(atPath: $0.path) }),
                   let image = PosterMaster(png: [UInt8](master)) {
                    state.posterMasters[reference.src] = image
                } else {
                    let warning = "\(reference.src): warning: no poster was rendered; its pages show a photo or a drawn picture instead"
                    state.summary.warnings.append(warning)
                    log(warning)
                }
                state.models[reference.src] = ModelAssets(glb: path, arGLB: arPath, usesMeshopt: report.usesMeshopt,
                                                          usdz: usdzPath, bytes: report.bytesOut, triangles: report.triangles)
                state.summary.models.append(.init(source: reference.src, output: String(path.dropFirst()), bytesIn: report.bytesIn, bytesOut: report.bytesOut,
                                                  arBytesOut: report.arBytesOut, usdzBytesOut: report.usdzBytesOut,
                                                  trianglesBefore: report.trianglesBefore,
                                                  triangles: report.triangles, size: report.size, milliseconds: report.milliseconds,
                                                  cached: converted.cached))
                placements[reference.src] = report.placement
                for note in report.usdzNotes { log("\(reference.src): \(note)") }
                state.summary.warnings.append(contentsOf: report.warnings)
                for warning in report.warnings { log(warning) }
            }
        }
        HotspotPlacement.apply(placements, to: &content)
        state.content = content
        state.modelCache = cache
        state.usedModelKeys = usedCacheKeys
        if cache != nil, state.options.verbose {
            log("models: \(state.summary.cachedModels) of \(references.count) from the cache")
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
