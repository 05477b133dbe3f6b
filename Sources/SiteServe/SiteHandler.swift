import FlyingFox
import FlyingSocks
import Foundation

/// Answers every request of `serve`: the site's files (GET and HEAD, byte ranges, `index.html`
/// for folders, the site's own 404 page with status 404, no listings, nothing outside the
/// folder), the reload script and its event stream. HTML gets the reload script; text files get
/// the build's base URL replaced by the address the visitor actually used (the phone on the
/// LAN, `localhost` …), so absolute links, canonical URLs and sharing tags lead back here.
struct SiteHandler: HTTPHandler {
    let folder: ServedFolder
    let channel: ReloadChannel
    /// The base URL the site was built with, without its final slash ("http://127.0.0.1:1313").
    let builtOrigin: String

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.target.path(percentEncoded: true)
        if path == ReloadScript.eventsPath { return events() }
        guard request.method == .GET || request.method == .HEAD else {
            let allow: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: allow)
        }
        if path == ReloadScript.path {
            return respond(request, bytes: Array(ReloadScript.source.utf8), type: "text/javascript; charset=utf-8", status: .ok)
        }
        switch folder.lookup(path) {
        case .file(let file):
            return serve(request, file: file, status: .ok)
        case .redirect(let location):
            let query = request.target.query(percentEncoded: true)
            let headers: HTTPHeaders = [.location: query.isEmpty ? location : location + "?" + query]
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        case .forbidden:
            return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("403 Forbidden\n".utf8))
        case .notFound:
            if case .file(let page) = folder.lookup("/404.html") { return serve(request, file: page, status: .notFound) }
            // No site yet (the first build failed): a page that still hears the reload channel,
            // so the error shows over it and the fix brings the site.
            let page = ReloadScript.inject(into: Array(Self.notBuiltPage.utf8), build: channel.generation)
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                                body: Data(page))
        }
    }

    private func serve(_ request: HTTPRequest, file: String, status: HTTPStatusCode) -> HTTPResponse {
        guard let data = FileManager.default.contents(atPath: file) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("404 Not Found\n".utf8))
        }
        let type = ContentTypes.forPath(file)
        var bytes = [UInt8](data)
        if ContentTypes.isText(type), let host = Self.safeHost(request.headers[.host]) {
            bytes = rewriteOrigin(bytes, to: "http://" + host)
        }
        if type.hasPrefix("text/html") { bytes = ReloadScript.inject(into: bytes, build: channel.generation) }
        return respond(request, bytes: bytes, type: type, status: status)
    }

    /// The body, or the part a `Range` header asks for (206, or 416 when it asks past the end).
    private func respond(_ request: HTTPRequest, bytes: [UInt8], type: String, status: HTTPStatusCode) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: type, .acceptRanges: "bytes", .cacheControl: "no-store"]
        var body = bytes
        var code = status
        if status == .ok {
            switch ByteRange(header: request.headers[.range], length: bytes.count) {
            case .whole:
                break
            case .part(let range):
                code = .partialContent
                headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(bytes.count)"
                body = Array(bytes[range])
            case .unsatisfiable:
                headers[.contentRange] = "bytes */\(bytes.count)"
                return HTTPResponse(statusCode: .rangeNotSatisfiable, headers: headers)
            }
        }
        if request.method == .HEAD {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: code, headers: headers)
        }
        return HTTPResponse(statusCode: code, headers: headers, body: Data(body))
    }

    private func events() -> HTTPResponse {
        HTTPResponse(statusCode: .ok,
                     headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                     body: HTTPBodySequence(from: EventStreamBytes(chunks: channel.listen()), suggestedBufferSize: 16_384))
    }

    private func rewriteOrigin(_ bytes: [UInt8], to origin: String) -> [UInt8] {
        guard origin != builtOrigin else { return bytes }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains(builtOrigin) else { return bytes }
        return Array(text.replacingOccurrences(of: builtOrigin, with: origin).utf8)
    }

    static let notBuiltPage = """
        <!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">\
        <title>build-site serve</title><body style="font:16px/1.5 system-ui,sans-serif;margin:2rem">\
        <h1>Not found</h1><p>Nothing is at this address yet. If the site has not built, the reason is shown below; \
        this page reloads by itself once it builds.</p></body></html>
        """

    /// The `Host` header when it is a plain host[:port] (it is written into pages).
    static func safeHost(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.count <= 255 else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        return value.allSatisfy(allowed.contains) ? value : nil
    }
}
