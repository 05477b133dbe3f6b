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
