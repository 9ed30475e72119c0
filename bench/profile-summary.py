#!/usr/bin/env python3
"""Summarises an async-profiler collapsed-stack file (bench/proxy.sh BENCH_PROFILE=...):
where Sluice's CPU went, as plain text.

    python3 bench/profile-summary.py bench/results/<time>/sluice-c64-0ms-openai.collapsed [top]

Prints: samples by kind of work (JIT compiler, GC, kernel, Java on the event loops, ...), the
hottest frames by self time, and the time attributed to the nearest Sluice frame on each stack
(a frame of dev.sluice.*: it and what it calls, not counting deeper Sluice frames), which says
which part of the path from upstream byte to client write costs what.
"""
import collections
import re
import sys


def kind(frames):
    text = ";".join(frames)
    if re.search(r"C2Compiler|Compile::|PhaseChaitin|PhaseIdealLoop|C1 Compiler|Compilation::|CompileBroker", text):
        return "JIT compiler"
    if re.search(r"G1|GCTaskThread|ParallelGC|WorkerThread::run|ConcurrentGCThread|VMThread", text):
        return "GC / VM thread"
    if any(f.startswith("dev/sluice") or f.startswith("dev.sluice") for f in frames):
        return "Java: Sluice code on the stack"
    if any(f.startswith(("io/netty", "io.netty", "io/vertx", "io.vertx")) for f in frames):
        return "Java: Netty/Vert.x only (I/O, no Sluice frame)"
    if any(f.endswith("_[k]") for f in frames):
        return "kernel / other native"
    return "other"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    total = 0
    kinds = collections.Counter()
    self_time = collections.Counter()
    owner = collections.Counter()
    syscalls = collections.Counter()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            stack, _, count = line.rpartition(" ")
            n = int(count)
            frames = stack.split(";")
            total += n
            kinds[kind(frames)] += n
            self_time[frames[-1]] += n
            sluice = [fr for fr in frames if fr.startswith(("dev/sluice", "dev.sluice"))]
            if sluice:
                owner[sluice[-1].replace("/", ".")] += n
            kernel = [fr for fr in frames if fr.endswith("_[k]")]
            if kernel:
                entry = next((fr for fr in frames if re.search(r"(__x64_sys_|do_syscall)", fr)), None)
                sys_frame = next((fr for fr in frames if fr.startswith("__x64_sys_")), entry or kernel[0])
                syscalls[sys_frame] += n
    if total == 0:
        print("no samples")
        return

    def pct(n):
        return f"{100.0 * n / total:5.1f}%"

    print(f"{total} samples")
    print("\nBy kind of work:")
    for k, n in kinds.most_common():
        print(f"  {pct(n)}  {k}")
    print(f"\nTop {top} frames by self time:")
    for fr, n in self_time.most_common(top):
        print(f"  {pct(n)}  {fr}")
    print(f"\nTop {top} nearest Sluice frames (the frame plus what it calls, deeper Sluice frames excluded):")
    for fr, n in owner.most_common(top):
        print(f"  {pct(n)}  {fr}")
    print("\nKernel time by system call:")
    for fr, n in syscalls.most_common(12):
        print(f"  {pct(n)}  {fr}")


if __name__ == "__main__":
    main()
