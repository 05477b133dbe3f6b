"""Shared pieces of the benchmarks: the statically linked release build they measure, and a
timed run that reports wall time and the peak resident memory of the process it started."""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRATCH = os.path.join(ROOT, ".build-bench")  # the benches' own release build, apart from .build
TOOL = os.environ.get("BUILD_SITE") or os.path.join(SCRATCH, "release", "build-site")


def build_release():
    """swift build -c release --static-swift-stdlib into .build-bench (as a deployment would)."""
    if os.environ.get("BUILD_SITE"):
        return True
    print("building: swift build -c release --static-swift-stdlib --product build-site --scratch-path .build-bench", flush=True)
    start = time.perf_counter()
    done = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "build-site",
                           "--scratch-path", SCRATCH], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = "\n".join(done.stdout.decode("utf-8", "replace").strip().splitlines()[-15:])
        print("release build failed (exit %d):\n%s" % (done.returncode, tail), file=sys.stderr)
        return False
    print("built in %.0fs" % (time.perf_counter() - start), flush=True)
    return True


def timed(command, cwd=None):
    """Runs command; returns (seconds, peak RSS in MiB of that process, exit status, output tail)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    tail = "\n".join(output.decode("utf-8", "replace").strip().splitlines()[-8:])
    return seconds, usage.ru_maxrss / 1024, process.returncode, tail


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if len(ordered) % 2 else (ordered[len(ordered) // 2 - 1] + ordered[len(ordered) // 2]) / 2


# --- build-site serve, for the serve benches -------------------------------------------------

DEBUG_TOOL = os.path.join(ROOT, ".build", "debug", "build-site")


def copy_example(target):
    """The example project (content, models, templates) copied into target."""
    import shutil
    for folder in ("content", "models", "site-templates"):
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(target, folder))


class Serve:
    """`build-site serve --port 0 --verbose` on a project, its printed lines, and an event-stream
    listener that timestamps every event as it arrives (time.time(), comparable to file mtimes)."""

    def __init__(self, tool, project, extra=()):
        import re
        import socket
        import threading
        self.lines = []
        self.events = []  # (arrival time, name, data)
        self.lock = threading.Condition()
        self.process = subprocess.Popen([tool, "serve", "--project", project, "--port", "0", "--verbose", *extra],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        threading.Thread(target=self._read_output, daemon=True).start()
        deadline = time.time() + 600
        self.port = None
        while self.port is None:
            with self.lock:
                for line in self.lines:
                    found = re.search(r"Serving the site at http://127\.0\.0\.1:(\d+)/", line)
                    if found:
                        self.port = int(found.group(1))
                if self.port is None:
                    if time.time() > deadline or self.process.poll() is not None:
                        raise RuntimeError("serve did not start:\n" + "\n".join(self.lines[-20:]))
                    self.lock.wait(0.2)
        self.sock = socket.create_connection(("127.0.0.1", self.port))
        self.sock.sendall(b"GET /__build-site/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        threading.Thread(target=self._read_events, daemon=True).start()
        self.wait_event("hello", 0)

    def _read_output(self):
        for raw in self.process.stdout:
            with self.lock:
                self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                self.lock.notify_all()

    def _read_events(self):
        buffer = b""
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                return
            now = time.time()
            buffer += chunk
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                name = data = None
                for line in block.decode("utf-8", "replace").splitlines():
                    # Chunked transfer encoding puts size lines between events; skip them.
                    if line.startswith("event: "):
                        name = line[7:]
                    elif line.startswith("data: "):
                        data = line[6:] if data is None else data + "\n" + line[6:]
                if name:
                    with self.lock:
                        self.events.append((now, name, data))
                        self.lock.notify_all()

    def wait_event(self, name, after_count, timeout=120):
        """The first event called `name` among those after the first after_count; (time, data)."""
        deadline = time.time() + timeout
        with self.lock:
            while True:
                for arrival, event, data in self.events[after_count:]:
                    if event == name:
                        return arrival, data
                if time.time() > deadline:
                    raise RuntimeError("no %s event within %ss:\n%s" % (name, timeout, "\n".join(self.lines[-15:])))
                self.lock.wait(0.5)

    def event_count(self):
        with self.lock:
            return len(self.events)

    def rss_mib(self):
        with open("/proc/%d/status" % self.process.pid) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
