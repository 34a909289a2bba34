#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make dom0-boot: Debian's kernel as PV dom0 to /init on Xeno and on
Debian's Xen 4.17, N boots each, interleaved (benchlib/dom0.py says what
is the same on both). Reports the host seconds from QEMU start to /init's
marker, from the hypervisor's first line to it, and dom0's own uptime at
/init. Outputs build/bench/dom0-boot.json and logs/dom0-SETUP-runN.log;
exit status 1 when a boot did not reach /init."""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (its paths, say(), machine(), ...)
from benchlib import boot, dom0, kernel  # noqa: E402

OUT = os.path.join(bench.OUT, "dom0")
PV = os.path.join(bench.ROOT, "build", "pvlinux")


def prepare(names):
    os.makedirs(OUT, exist_ok=True)
    elf = os.path.join(PV, "vmlinux-pv.elf")
    initrd = os.path.join(PV, "initramfs-dom0.cpio.gz")
    for path in (elf, initrd):
        if not os.path.exists(path):
            raise RuntimeError("%s missing (make -C pvlinux dom0)" % path)
    art = {"root": bench.ROOT, "out": OUT, "initrd": initrd,
           "kernel_gz": dom0.gzip_once(elf, os.path.join(OUT, "vmlinux-pv.elf.gz")),
           "xeno_elf": os.environ.get("BENCH_XENO_ELF") or
           os.path.join(bench.ROOT, "build", "xen", "xen.elf"),
           "xen_gz": kernel.fetch_xen(bench.CACHE)}
    bench.say("ISO", ", ".join("dom0/%s.iso" % n for n in names))
    return dom0.build_setups(art, "tcg", names), elf, initrd, art["xen_gz"]


def git_head():
    def git(*args):
        return subprocess.run(["git", "-C", bench.ROOT] + list(args),
                              capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    return head + ("-dirty" if git("status", "--porcelain", "--", "xen")
                   else "")


def kernel_version():
    cur = os.path.join(bench.ROOT, "cache", "pvlinux", "current")
    try:
        with open(cur) as f:
            return f.read().strip()
    except OSError:
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", help="comma-separated set-ups, of: " +
                    ", ".join(dom0.ORDER))
    a = ap.parse_args()
    names = a.only.split(",") if a.only else list(dom0.ORDER)
    bad = [n for n in names if n not in dom0.HV_CMDLINE]
    if bad:
        ap.error("unknown set-up(s): " + ", ".join(bad))
    runs = max(1, a.runs)
    t0 = time.monotonic()
    load_before = bench.loadavg()
    try:
        all_setups, elf, initrd, xen_gz = prepare(names)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
        print("FAIL setup: %s" % e)
        return 1
    limit, stall = dom0.LIMITS
    results, logs = {}, []
    for run, name in dom0.schedule(names, runs):
        s = all_setups[name]
        log = os.path.join(bench.OUT, "logs", "dom0-%s-run%d.log" % (name, run))
        bench.say("BOOT", "dom0 on %s, run %d/%d" % (name, run, runs))
        dom0.fresh_disks(s.disks)
        res = boot.run_boot(s, run, log, limit, stall,
                            dom0.Dom0Result(name, run, log), dom0.reached_init)
        logs.append(os.path.relpath(log, bench.ROOT))
        dom0.collect(results, res)
        bench.say("", "/init at %s s host, uptime %s s" % (
            "%.1f" % res.boot_s if res.boot_s is not None else "-",
            res.uptime_s if res.uptime_s is not None else "-")
            if res.boot_s is not None else "no /init: " + dom0.why_missing(res))
    summary, ratio = dom0.summarize(results, names)
    meta = {"date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%d %H:%M UTC"),
            "machine": bench.machine(), "qemu_version": bench.qemu_version(),
            "runs": runs, "xeno_commit": git_head(),
            "xen_package": os.path.basename(os.path.dirname(os.path.dirname(xen_gz))),
            "kernel": kernel_version(), "kernel_elf_sha256": bench.sha256(elf),
            "initramfs_sha256": bench.sha256(initrd),
            "hv_cmdline": dom0.HV_CMDLINE, "dom0_cmdline": dom0.DOM0_CMDLINE,
            "qemu_argv": {n: s.qemu_argv() for n, s in all_setups.items()},
            "banner": {n: results.get(n, {}).get("banner") for n in names},
            "logs": logs, "elapsed_s": round(time.monotonic() - t0),
            "load_before": load_before, "load_after": bench.loadavg()}
    print()
    print("%s, %s, %s TCG, %d run(s), %ds, load %.1f/%.1f" % (
        meta["date"], meta["machine"], meta["qemu_version"], runs,
        meta["elapsed_s"], load_before, meta["load_after"]))
    print("Xeno %s; %s; dom0 kernel %s" % (
        meta["xeno_commit"], next((b for n, b in meta["banner"].items()
                                   if n != "xeno" and b), meta["xen_package"]),
        meta["kernel"]))
    print(dom0.markdown(summary, ratio, names))
    missing = [e for n in names for e in results.get(n, {}).get("errors", [])]
    for n in names:
        for e in results.get(n, {}).get("errors", []):
            print("no /init on %s, %s" % (n, e))
    path = os.path.join(bench.OUT, "dom0-boot.json")
    with open(path, "w") as f:
        json.dump({"meta": meta, "summary": summary, "ratios": ratio,
                   "errors": {n: results.get(n, {}).get("errors", [])
                              for n in names}}, f, indent=1,
                  sort_keys=True)
        f.write("\n")
    print("wrote %s; serial logs in build/bench/logs/dom0-*" %
          os.path.relpath(path, bench.ROOT))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
