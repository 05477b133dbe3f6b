import Foundation
import SiteContent

extension BuildStep {
    /// Reads and checks content/ (site.yml, places, products, pages and translations).
    static let loadContent = BuildStep(name: "load content") { state, _ throws(SiteBuilder.Failure) in
        do {
            var content = try ContentLoader.load(projectRoot: state.options.projectRoot, contentDirectory: state.options.contentDirectory)
            if let baseURL = state.options.baseURL {
                content.config.baseURL = baseURL.absoluteString.hasSuffix("/") ? baseURL : baseURL.appendingPathComponent("")
            }
            state.content = content
            state.summary.pages = content.places.count + content.products.count + content.pages.count
        } catch let errors as ContentErrors {
            throw SiteBuilder.Failure(step: "load content", messages: [errors.description])
        } catch {
            throw SiteBuilder.Failure(step: "load content", messages: ["\(error)"])
        }
    }

    /// Opens the staging folder the new site is written into.
    static let prepareOutput = BuildStep(name: "prepare output") { state, _ throws(SiteBuilder.Failure) in
        do {
            state.staging = try StagedOutput(destination: state.options.outputDirectory)
        } catch {
            throw SiteBuilder.Failure(step: "prepare output", messages: ["\(state.options.outputDirectory.path): cannot prepare the output folder (\(error.localizedDescription))"])
        }
    }
}
