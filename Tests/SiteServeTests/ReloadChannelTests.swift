@testable import SiteServe
import XCTest

/// What open pages hear, and what is added to the pages `serve` sends.
final class ReloadChannelTests: XCTestCase {
    func testEventsPutEachLineOfTheirDataOnItsOwnLine() {
        XCTAssertEqual(ReloadChannel.event("reload", "3"), "event: reload\ndata: 3\n\n")
        XCTAssertEqual(ReloadChannel.event("failed", "a.md:2: bad\r\nsecond"), "event: failed\ndata: a.md:2: bad\ndata: second\n\n")
    }

    func testANewListenerHearsTheBuildNumberAndAnyCurrentFailure() async {
        let channel = ReloadChannel()
        channel.siteChanged()
        channel.buildFailed("content/x.md:4: not valid YAML")
        var heard = channel.listen().makeAsyncIterator()
        let first = await heard.next()
        let greeting = String(decoding: first ?? [], as: UTF8.self)
        XCTAssertTrue(greeting.contains("event: hello\ndata: 1\n"), greeting)
        XCTAssertTrue(greeting.contains("event: failed\ndata: content/x.md:4: not valid YAML\n"), greeting)
        channel.siteChanged()
        let second = await heard.next()
        XCTAssertEqual(String(decoding: second ?? [], as: UTF8.self), "event: reload\ndata: 2\n\n")
        XCTAssertEqual(channel.listenerCount, 1)
        channel.closeAll()
        let ended = await heard.next()
        XCTAssertNil(ended)
        XCTAssertEqual(channel.listenerCount, 0)
    }

    func testTheScriptGoesBeforeTheLastBodyEndTag() {
        let page = Array("<html><body><p>a</p><!-- </body> --></body></html>".utf8)
        let injected = String(decoding: ReloadScript.inject(into: page, build: 7), as: UTF8.self)
        XCTAssertEqual(injected, "<html><body><p>a</p><!-- </body> -->" + ReloadScript.tag(build: 7) + "</body></html>")
        let bare = String(decoding: ReloadScript.inject(into: Array("<p>x".utf8), build: 1), as: UTF8.self)
        XCTAssertTrue(bare.hasSuffix(ReloadScript.tag(build: 1)))
    }
}
