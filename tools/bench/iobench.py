#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make io: fio (sequential read and write MB/s, 4 KiB random-read IOPS,
direct I/O on the raw disk) and iperf3 (TCP both ways) inside one guest,
as a PV domU on Xeno and on Debian's Xen 4.17 (Linux's blkback and
netback in dom0) and as an HVM guest with virtio-blk and virtio-net;
benchlib/iobench.py says what is the same on all three. N boots each,
interleaved. Outputs build/bench/io.json and logs/io-SETUP-runN.log;
exit status 1 when a boot did not give every number."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as bench  # noqa: E402  (its paths, say(), machine(), ...)
from benchlib import boot, campaign, dom0, iobench, iotools, kernel  # noqa: E402

OUT = os.path.join(bench.OUT, "io")
PV = os.path.join(bench.ROOT, "build", "pvlinux")


def prepare(names):
    elf = os.path.join(PV, "vmlinux-pv.elf")
    base = os.path.join(PV, "initramfs-dom0-tools.cpio.gz")
    probe = os.path.join(PV, "bin", "xeno-probe")
    campaign.need(OUT, (elf, base, probe), "make -C pvlinux dom0-tools")
    bz, _ = kernel.fetch_kernel(bench.ROOT, bench.CACHE)
    cache = os.path.join(bench.ROOT, "cache", "bench-io")
    guest = iobench.guest_initrd(bench.ROOT, OUT, cache, probe)
    art = {"root": bench.ROOT, "out": OUT, "bzimage": bz, "guest_initrd": guest,
           **campaign.hypervisors(bench)}
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
    def extra(ap):
        ap.add_argument("--into", metavar="JSON",
                        help="also add the summary to this report (make "
                        "bench's results.json) as its 'io' member")
    a, names, runs = campaign.options(__doc__, iobench.ORDER, iobench.ORDER,
                                      extra)
    clock = campaign.Clock(bench)
    try:
        all_setups, art, bz, elf = prepare(names)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
        print("FAIL setup: %s" % e)
        return 1
    results = {}

    def boot_one(s, name, run, log):
        bench.say("BOOT", "%s, run %d/%d" % (name, run, runs))
        res = boot.run_boot(s, run, log, iobench.LIMIT, iobench.STALL,
                            iobench.IoResult(name, run, log), iobench.finished)
        iobench.collect(results, res)
        why = iobench.why_failed(res)
        bench.say("", "%.0fs: %s%s%s" % (
            res.wall_s, ", ".join("%s %.1f" % kv for kv in res.rows.items()) or "-",
            ("; errors: %s" % res.errors) if res.errors else "",
            ("; FAILED: " + why) if why else ""))

    logs = campaign.boots(bench, all_setups, names, runs, "io", boot_one)
    summary, ratio = iobench.summarize(results, names)
    meta = campaign.meta(
        bench, clock, runs, names, results, all_setups, logs, art["xen_gz"],
        elf, secs_per_job=iobench.SECS, disk_mib=iobench.DISK_MIB,
        kernel_sha256=bench.sha256(bz),
        guest_initramfs_sha256=bench.sha256(art["guest_initrd"]),
        guest_cmdline={"pv": iobench.PV_GUEST_ARGS,
                       "hvm": iobench.HVM_GUEST_ARGS},
        clock_ratio={n: results.get(n, {}).get("clock") for n in names},
        tcp_retransmits={n: results.get(n, {}).get("retr") for n in names})
    campaign.print_header(meta, "%d run(s)" % runs, "kernel",
                          lambda n: n == "xen")
    print(iobench.markdown(summary, ratio, names))
    print("Guest clock / host clock over the jobs: " + "; ".join(
        "%s %s" % (n, ",".join("%.2f" % v for vs in (meta["clock_ratio"][n] or {})
                               .values() for v in vs) or "-") for n in names))
    print("TCP retransmissions (sender): " + "; ".join(
        "%s %s" % (n, meta["tcp_retransmits"][n]) for n in names))
    rep, status = campaign.finish(bench, "io.json", "io-*", results, names,
                                  meta, summary, ratio)
    if a.into:
        merge(a.into, rep)
    return status


if __name__ == "__main__":
    sys.exit(main())
