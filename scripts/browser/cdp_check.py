"""Headless Chromium over the DevTools protocol, for the browser tests and the poster calibration.

Usage: python3 cdp_check.py CONFIG.json OUTPUT.json (the Swift tests write CONFIG; see
Tests/SiteBuildTests/Support/HeadlessChromium.swift), or import Browser and check_page.

Each page opens in a fresh tab; the record keeps Runtime.exceptionThrown, console.error/assert,
error-level Log entries ("Failed to load resource: ..."), network failures and HTTP >= 400 of the
page's own origin, and requests to any other origin. Every other host is unresolvable, so nothing
leaves the machine. A page may ask for a screenshot, its DOM, or a JavaScript expression's value;
an expression that returns a Promise is awaited (up to the page's time limit). With "tabs": N the
page is then walked with the Tab key N times, and "focusOrder" says what had focus after each press.
"""
import base64
import fcntl
import json
import os
import select
import subprocess
import sys
import time


class Browser:
    def __init__(self, config):
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()
        # The child's ends move above 10 first so the dup2 calls onto 3 and 4 cannot clobber them.
        child_r = fcntl.fcntl(cmd_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_w = fcntl.fcntl(res_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(cmd_r)
        os.close(res_w)

        def place_pipes():
            os.dup2(child_r, 3)  # Chromium reads commands from fd 3
            os.dup2(child_w, 4)  # and writes replies and events to fd 4

        args = [config["chromium"], "--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader", "--remote-debugging-pipe", "--user-data-dir=" + config["profile"],
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--mute-audio", "--hide-scrollbars",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "about:blank"]
        self.log = open(config.get("log") or os.devnull, "wb")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                     preexec_fn=place_pipes, close_fds=False)
        os.close(child_r)
        os.close(child_w)
        self.buffer = b""
        self.next_id = 0
        self.replies = {}
        self.sessions = {}

    def close(self):
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=5)
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.cmd_w, self.res_r):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self.cmd_w, data):]
        return self.next_id

    def call(self, method, params=None, session=None, timeout=30):
        ident = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while ident not in self.replies:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("no reply to %s within %ss" % (method, timeout))
            self.pump(left)
        reply = self.replies.pop(ident)
        if "error" in reply:
            raise RuntimeError("%s failed: %s" % (method, reply["error"].get("message")))
        return reply.get("result", {})

    def pump(self, timeout):
        ready, _, _ = select.select([self.res_r], [], [], max(0, timeout))
        if not ready:
            return
        chunk = os.read(self.res_r, 1 << 20)
        if not chunk:
            raise RuntimeError("Chromium closed the DevTools pipe (exit status %s)" % self.proc.poll())
        self.buffer += chunk
        while b"\0" in self.buffer:
            raw, self.buffer = self.buffer.split(b"\0", 1)
            message = json.loads(raw)
            if "id" in message:
                self.replies[message["id"]] = message
            else:
                record = self.sessions.get(message.get("sessionId"))
                if record:
                    record.event(message["method"], message.get("params", {}))


class PageRecord:
    def __init__(self, url, origin):
        self.url = url
        self.origin = origin
        self.errors = []
        self.failed = []
        self.external = []
        self.requests = {}
        self.inflight = set()
        self.loaded = False
        self.last_activity = time.monotonic()

    def same_origin(self, url):
        return url == self.origin or url.startswith(self.origin + "/")

    def event(self, method, p):
        self.last_activity = time.monotonic()
        if method == "Page.loadEventFired":
            self.loaded = True
        elif method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            description = (d.get("exception") or {}).get("description") or d.get("text", "")
            text = description.split("\n")[0]
            if not text.startswith("Uncaught"):
                text = "Uncaught " + text
            self.errors.append("%s (%s:%s)" % (text, d.get("url", ""), d.get("lineNumber", 0) + 1))
        elif method == "Runtime.consoleAPICalled":
            if p.get("type") in ("error", "assert"):
                args = [str(a.get("value", a.get("description", a.get("type")))) for a in p.get("args", [])]
                self.errors.append("console.%s: %s" % (p.get("type"), " ".join(args)))
        elif method == "Log.entryAdded":
            entry = p.get("entry", {})
            if entry.get("level") == "error":
                self.errors.append("%s: %s (%s)" % (entry.get("source", "log"), entry.get("text", ""), entry.get("url", "")))
        elif method == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            self.requests[p["requestId"]] = url
            if url.startswith("data:") or url.startswith("blob:"):
                return
            self.inflight.add(p["requestId"])
            if not self.same_origin(url) and url not in self.external:
                self.external.append(url)
        elif method == "Network.responseReceived":
            response = p.get("response", {})
            url = response.get("url", "")
            if self.same_origin(url) and response.get("status", 0) >= 400:
                self.failed.append("%s -> HTTP %s" % (url, response.get("status")))
        elif method == "Network.loadingFinished":
            self.inflight.discard(p.get("requestId"))
        elif method == "Network.loadingFailed":
            self.inflight.discard(p.get("requestId"))
            url = self.requests.get(p.get("requestId"), "")
            if self.same_origin(url):
                blocked = " (blocked: %s)" % p["blockedReason"] if p.get("blockedReason") else ""
                self.failed.append("%s -> %s%s" % (url, p.get("errorText", "failed"), blocked))
        elif method == "Inspector.targetCrashed":
            self.errors.append("the page crashed")
            self.loaded = True


def check_page(browser, page, config):
    record = PageRecord(page["url"], config["origin"])
    started = time.monotonic()
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.sessions[session] = record
    try:
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable", "Inspector.enable"):
            browser.call(method, session=session)
        browser.call("Network.setCacheDisabled", {"cacheDisabled": True}, session)
        width, height = page.get("width") or config["width"], page.get("height") or config["height"]
        browser.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                            "mobile": width < 800}, session)
        navigation = browser.call("Page.navigate", {"url": page["url"]}, session)
        if navigation.get("errorText"):
            record.failed.append("%s -> %s" % (page["url"], navigation["errorText"]))
            record.loaded = True
        deadline = started + config["pageTimeout"]
        # Done when loaded, nothing in flight and no event for 0.4 s (deferred work has settled).
        while time.monotonic() < deadline:
            if record.loaded and not record.inflight and time.monotonic() - record.last_activity >= 0.4:
                break
            browser.pump(0.05)
        else:
            pending = ", ".join(sorted(record.requests.get(i, "?") for i in record.inflight))
            record.errors.append("timed out after %ss (load event %s; in flight: %s)" % (
                config["pageTimeout"], "fired" if record.loaded else "not fired", pending or "nothing"))
        result = {"url": page["url"], "errors": record.errors, "failedRequests": record.failed,
                  "externalRequests": record.external}
        if page.get("screenshot"):
            shot = browser.call("Page.captureScreenshot", {"format": "png"}, session)
            with open(page["screenshot"], "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            result["screenshot"] = page["screenshot"]
        if page.get("dom"):
            value = browser.call("Runtime.evaluate", {"expression": "document.documentElement.outerHTML",
                                                      "returnByValue": True}, session)
            result["dom"] = value.get("result", {}).get("value", "")
        if page.get("evaluate"):
            value = browser.call("Runtime.evaluate", {"expression": page["evaluate"], "returnByValue": True,
                                                      "awaitPromise": True}, session, timeout=config["pageTimeout"])
            if value.get("exceptionDetails"):
                details = value["exceptionDetails"]
                record.errors.append("evaluate: %s" % ((details.get("exception") or {}).get("description") or details.get("text")))
            result["evaluated"] = str(value.get("result", {}).get("value", ""))
            result["errors"] = record.errors
        if page.get("tabs"):
            result["focusOrder"] = tab_walk(browser, session, page["tabs"])
        result["seconds"] = round(time.monotonic() - started, 3)
        return result
    finally:
        browser.sessions.pop(session, None)
        try:
            browser.call("Target.closeTarget", {"targetId": target}, timeout=10)
        except Exception:
            pass


# What has keyboard focus: the host element for focus inside a shadow root (model-viewer's own
# canvas), as "tag|slot|href|text".
DESCRIBE_FOCUS = """(() => { const e = document.activeElement; if (!e || e === document.body) return 'body';
  return [e.tagName.toLowerCase(), e.getAttribute('slot') || '', e.getAttribute('href') || '',
          (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60)].join('|'); })()"""


def tab_walk(browser, session, presses):
    order = []
    for _ in range(presses):
        for kind in ("keyDown", "keyUp"):
            browser.call("Input.dispatchKeyEvent", {"type": kind, "key": "Tab", "code": "Tab",
                                                    "windowsVirtualKeyCode": 9, "nativeVirtualKeyCode": 9}, session)
        value = browser.call("Runtime.evaluate", {"expression": DESCRIBE_FOCUS, "returnByValue": True}, session)
        order.append(str(value.get("result", {}).get("value", "")))
    return order


def main():
    with open(sys.argv[1]) as f:
        config = json.load(f)
    output = {"pages": []}
    browser = None
    try:
        browser = Browser(config)
        browser.call("Browser.getVersion", timeout=60)
        timeouts_in_a_row = 0
        for page in config["pages"]:
            if timeouts_in_a_row >= 2:
                # The browser is stuck (or far too slow here): waiting out every page's timeout
                # would only stall the test run; the remaining pages fail at once, saying why.
                output["pages"].append({"url": page["url"], "errors": ["not checked: the two pages before it timed out"],
                                        "failedRequests": [], "externalRequests": []})
                continue
            try:
                result = check_page(browser, page, config)
            except Exception as error:  # one bad page must not hide the others
                result = {"url": page["url"], "errors": ["checker: %s" % error], "failedRequests": [], "externalRequests": []}
            output["pages"].append(result)
            timed_out = any("timed out" in error or "no reply" in error for error in result["errors"])
            timeouts_in_a_row = timeouts_in_a_row + 1 if timed_out else 0
    except Exception as error:
        output["fatal"] = str(error)
    finally:
        if browser:
            browser.close()
    with open(sys.argv[2], "w") as f:
        json.dump(output, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
