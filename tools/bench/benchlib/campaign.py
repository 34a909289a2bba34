# SPDX-License-Identifier: GPL-2.0-only
"""What the boot benchmarks (dom0boot.py, xlcreate.py, iobench.py) share:
their options, the set-ups' interleaved boots, the report's common meta
fields and header lines, and writing the JSON report. `bench` is run.py
(its paths, say(), machine(), ...); each script keeps what it measures."""
import argparse
import datetime
import json
import os
import subprocess
import time

from benchlib import dom0, kernel


def options(doc, order, known, extra=None):
    """--runs and --only (set-ups of order; each must be in known), and
    what extra(ap) adds. Returns (args, names, runs)."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--runs", type=int, default=3)
    if extra:
        extra(ap)
    ap.add_argument("--only", help="comma-separated set-ups, of: " +
                    ", ".join(order))
    a = ap.parse_args()
    names = a.only.split(",") if a.only else list(order)
    bad = [n for n in names if n not in known]
    if bad:
        ap.error("unknown set-up(s): " + ", ".join(bad))
    return a, names, max(1, a.runs)


def need(out, paths, make):
    """Create out; each of paths must exist (make says how to build it)."""
    os.makedirs(out, exist_ok=True)
    for path in paths:
        if not os.path.exists(path):
            raise RuntimeError("%s missing (%s)" % (path, make))


def hypervisors(bench):
    """The two hypervisors' images: ours (BENCH_XENO_ELF or the build's)
    and Debian's Xen 4.17 (fetched once into the cache)."""
    return {"xeno_elf": os.environ.get("BENCH_XENO_ELF") or
            os.path.join(bench.ROOT, "build", "xen", "xen.elf"),
            "xen_gz": kernel.fetch_xen(bench.CACHE)}


class Clock:
    """The campaign's wall time and the host's load around it."""

    def __init__(self, bench):
        self.t0 = time.monotonic()
        self.load_before = bench.loadavg()


def boots(bench, all_setups, names, runs, prefix, boot_one):
    """Each set-up boots runs times, interleaved (dom0.schedule);
    boot_one(setup, name, run, log) boots one. Returns the logs' paths."""
    logs = []
    for run, name in dom0.schedule(names, runs):
        log = os.path.join(bench.OUT, "logs",
                           "%s-%s-run%d.log" % (prefix, name, run))
        boot_one(all_setups[name], name, run, log)
        logs.append(os.path.relpath(log, bench.ROOT))
    return logs


def git_head(root):
    """HEAD, with -dirty when xen/ has changes."""
    def git(*args):
        return subprocess.run(["git", "-C", root] + list(args),
                              capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    return head + ("-dirty" if git("status", "--porcelain", "--", "xen")
                   else "")


def kernel_version(root):
    cur = os.path.join(root, "cache", "pvlinux", "current")
    try:
        with open(cur) as f:
            return f.read().strip()
    except OSError:
        return "unknown"


def meta(bench, clock, runs, names, results, all_setups, logs, xen_gz, elf,
         **extra):
    """The meta fields every report has, and extra's."""
    m = {"date": datetime.datetime.now(datetime.timezone.utc)
         .strftime("%Y-%m-%d %H:%M UTC"),
         "machine": bench.machine(), "qemu_version": bench.qemu_version(),
         "runs": runs, "xeno_commit": git_head(bench.ROOT),
         "xen_package": os.path.basename(os.path.dirname(
             os.path.dirname(xen_gz))),
         "kernel": kernel_version(bench.ROOT),
         "kernel_elf_sha256": bench.sha256(elf),
         "qemu_argv": {n: s.qemu_argv() for n, s in all_setups.items()},
         "banner": {n: results.get(n, {}).get("banner") for n in names},
         "logs": logs, "elapsed_s": round(time.monotonic() - clock.t0),
         "load_before": clock.load_before, "load_after": bench.loadavg()}
    m.update(extra)
    return m


def print_header(m, runs_text, kernel_label, xen_banner):
    """Two lines: when, where, how long; what ran. xen_banner(name) picks
    the set-up whose banner names the Xen build."""
    print()
    print("%s, %s, %s TCG, %s, %ds, load %.1f/%.1f" % (
        m["date"], m["machine"], m["qemu_version"], runs_text,
        m["elapsed_s"], m["load_before"], m["load_after"]))
    print("Xeno %s; %s; %s %s" % (
        m["xeno_commit"], next((b for n, b in m["banner"].items()
                                if xen_banner(n) and b), m["xen_package"]),
        kernel_label, m["kernel"]))


def finish(bench, name, logs_glob, results, names, meta, summary, ratio,
           failed="FAILED on"):
    """Say each set-up's errors ("FAILED on NAME, ..."), write
    build/bench/NAME. Returns the report and the exit status."""
    errors = {n: results.get(n, {}).get("errors", []) for n in names}
    for n in names:
        for e in errors[n]:
            print("%s %s, %s" % (failed, n, e))
    rep = {"meta": meta, "summary": summary, "ratios": ratio, "errors": errors}
    path = os.path.join(bench.OUT, name)
    with open(path, "w") as f:
        json.dump(rep, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %s; serial logs in build/bench/logs/%s" %
          (os.path.relpath(path, bench.ROOT), logs_glob))
    return rep, 1 if any(errors.values()) else 0
