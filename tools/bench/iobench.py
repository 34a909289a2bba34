#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make io: fio (sequential read and write MB/s, 4 KiB random-read IOPS,
direct I/O on the raw disk) and iperf3 (TCP both ways) inside one guest,
as a PV domU on Xeno and on Debian's Xen 4.17 (Linux's blkback and
netback in dom0) and as an HVM guest with virtio-blk and virtio-net;
benchlib/iobench.py says what is the same on all three. N boots each,
interleaved. Outputs build/bench/io.json and logs/io-SETUP-runN.log;
exit status 1 when a boot did not give every number."""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as bench  # noqa: E402  (its paths, say(), machine(), ...)
from benchlib import boot, dom0, iobench, iotools, kernel  # noqa: E402
from dom0boot import git_head, kernel_version  # noqa: E402

OUT = os.path.join(bench.OUT, "io")
PV = os.path.join(bench.ROOT, "build", "pvlinux")


def prepare(names):
    os.makedirs(OUT, exist_ok=True)
    elf = os.path.join(PV, "vmlinux-pv.elf")
    base = os.path.join(PV, "initramfs-dom0-tools.cpio.gz")
    probe = os.path.join(PV, "bin", "xeno-probe")
    for path in (elf, base, probe):
        if not os.path.exists(path):
            raise RuntimeError("%s missing (make -C pvlinux dom0-tools)" % path)
    bz, _ = kernel.fetch_kernel(bench.ROOT, bench.CACHE)
    cache = os.path.join(bench.ROOT, "cache", "bench-io")
    guest = iobench.guest_initrd(bench.ROOT, OUT, cache, probe)
    art = {"root": bench.ROOT, "out": OUT, "bzimage": bz, "guest_initrd": guest,
           "xeno_elf": os.environ.get("BENCH_XENO_ELF") or
           os.path.join(bench.ROOT, "build", "xen", "xen.elf"),
           "xen_gz": kernel.fetch_xen(bench.CACHE)}
    if any(n != "hvm" for n in names):
        iperf = os.path.join(OUT, "iperf-tree")
        subprocess.run(["rm", "-rf", iperf], check=True)
        iotools.stage(iotools.fetch(bench.ROOT, cache), iperf,
                      ["/usr/bin/iperf3"])
        xbk = None
        if os.path.exists(os.path.join(bench.ROOT, "ring-io", "dom0", "main.c")):
            subprocess.run(["make", "-s", "-C", os.path.join(bench.ROOT, "ring-io"),
                            "build/xeno-blkback"], check=True)
            xbk = os.path.join(bench.ROOT, "ring-io", "build", "xeno-blkback")
        art["dom0_initrd"] = iobench.dom0_overlay(base, bench.ROOT, OUT,
                                                  guest, iperf, xbk)
        subprocess.run(["rm", "-rf", iperf], check=True)
        art["kernel_gz"] = dom0.gzip_once(elf, os.path.join(OUT, "vmlinux-pv.elf.gz"))
        bench.say("ISO", ", ".join("io/%s.iso" % n for n in names if n != "hvm"))
    return iobench.build_setups(art, "tcg", names), art, bz, elf


def merge(path, io):
    """Put io into the JSON report at path (created if absent)."""
    try:
        with open(path) as f:
            rep = json.load(f)
    except (OSError, ValueError):
        rep = {}
    rep["io"] = io
    with open(path + ".tmp", "w") as f:
        json.dump(rep, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(path + ".tmp", path)
    print("added the io rows to %s" % os.path.relpath(path, bench.ROOT))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", help="comma-separated set-ups, of: " +
                    ", ".join(iobench.ORDER))
    ap.add_argument("--into", metavar="JSON",
                    help="also add the summary to this report (make bench's "
                    "results.json) as its 'io' member")
    a = ap.parse_args()
    names = a.only.split(",") if a.only else list(iobench.ORDER)
    bad = [n for n in names if n not in iobench.ORDER]
    if bad:
        ap.error("unknown set-up(s): " + ", ".join(bad))
    runs = max(1, a.runs)
    t0 = time.monotonic()
    load_before = bench.loadavg()
    try:
        all_setups, art, bz, elf = prepare(names)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
        print("FAIL setup: %s" % e)
        return 1
    results, logs = {}, []
    for run, name in dom0.schedule(names, runs):
        s = all_setups[name]
        log = os.path.join(bench.OUT, "logs", "io-%s-run%d.log" % (name, run))
        bench.say("BOOT", "%s, run %d/%d" % (name, run, runs))
        res = boot.run_boot(s, run, log, iobench.LIMIT, iobench.STALL,
                            iobench.IoResult(name, run, log), iobench.finished)
        logs.append(os.path.relpath(log, bench.ROOT))
        iobench.collect(results, res)
        why = iobench.why_failed(res)
        bench.say("", "%.0fs: %s%s%s" % (
            res.wall_s, ", ".join("%s %.1f" % kv for kv in res.rows.items()) or "-",
            ("; errors: %s" % res.errors) if res.errors else "",
            ("; FAILED: " + why) if why else ""))
    summary, ratio = iobench.summarize(results, names)
    meta = {"date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%d %H:%M UTC"),
            "machine": bench.machine(), "qemu_version": bench.qemu_version(),
            "runs": runs, "secs_per_job": iobench.SECS,
            "disk_mib": iobench.DISK_MIB, "xeno_commit": git_head(),
            "xen_package": os.path.basename(os.path.dirname(os.path.dirname(
                art["xen_gz"]))),
            "kernel": kernel_version(), "kernel_sha256": bench.sha256(bz),
            "kernel_elf_sha256": bench.sha256(elf),
            "guest_initramfs_sha256": bench.sha256(art["guest_initrd"]),
            "guest_cmdline": {"pv": iobench.PV_GUEST_ARGS,
                              "hvm": iobench.HVM_GUEST_ARGS},
            "qemu_argv": {n: s.qemu_argv() for n, s in all_setups.items()},
            "banner": {n: results.get(n, {}).get("banner") for n in names},
            "clock_ratio": {n: results.get(n, {}).get("clock") for n in names},
            "tcp_retransmits": {n: results.get(n, {}).get("retr") for n in names},
            "logs": logs, "elapsed_s": round(time.monotonic() - t0),
            "load_before": load_before, "load_after": bench.loadavg()}
    print()
    print("%s, %s, %s TCG, %d run(s), %ds, load %.1f/%.1f" % (
        meta["date"], meta["machine"], meta["qemu_version"], runs,
        meta["elapsed_s"], load_before, meta["load_after"]))
    print("Xeno %s; %s; kernel %s" % (
        meta["xeno_commit"], next((b for n, b in meta["banner"].items()
                                   if n == "xen" and b), meta["xen_package"]),
        meta["kernel"]))
    print(iobench.markdown(summary, ratio, names))
    print("Guest clock / host clock over the jobs: " + "; ".join(
        "%s %s" % (n, ",".join("%.2f" % v for vs in (meta["clock_ratio"][n] or {})
                               .values() for v in vs) or "-") for n in names))
    print("TCP retransmissions (sender): " + "; ".join(
        "%s %s" % (n, meta["tcp_retransmits"][n]) for n in names))
    errors = {n: results.get(n, {}).get("errors", []) for n in names}
    for n in names:
        for e in errors[n]:
            print("FAILED on %s, %s" % (n, e))
    path = os.path.join(bench.OUT, "io.json")
    with open(path, "w") as f:
        json.dump({"meta": meta, "summary": summary, "ratios": ratio,
                   "errors": errors}, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %s; serial logs in build/bench/logs/io-*" %
          os.path.relpath(path, bench.ROOT))
    if a.into:
        merge(a.into, {"meta": meta, "summary": summary, "ratios": ratio,
                       "errors": errors})
    return 1 if any(errors.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
