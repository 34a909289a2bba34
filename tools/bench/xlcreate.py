#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make xl-create: Debian's `xl create` of a PV guest (2 vCPUs, 256 MiB,
the dom0-tools image's /etc/xen/guest.cfg) from dom0 on Xeno and on
Debian's Xen 4.17, N boots each, interleaved, --creates creates per boot
(benchlib/xlcreate.py says what is the same on both). Reports the seconds
from `xl create` to the guest's /init marker and of `xl destroy`, by the
host's clock and by dom0's. Outputs build/bench/xl-create.json and
logs/xl-SETUP-runN.log; exit status 1 when a boot did not give every
create (a hypervisor that cannot create yet is a failed boot, reported)."""
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
from benchlib import boot, dom0, kernel, xlcreate  # noqa: E402
from dom0boot import git_head, kernel_version  # noqa: E402

OUT = os.path.join(bench.OUT, "xl")
PV = os.path.join(bench.ROOT, "build", "pvlinux")


def prepare(names, creates):
    os.makedirs(OUT, exist_ok=True)
    elf = os.path.join(PV, "vmlinux-pv.elf")
    base = os.path.join(PV, "initramfs-dom0-tools.cpio.gz")
    for path in (elf, base):
        if not os.path.exists(path):
            raise RuntimeError("%s missing (make -C pvlinux dom0-tools)" % path)
    initrd = xlcreate.overlay_initrd(base, HERE,
                                     os.path.join(OUT, "initramfs-xl-bench.cpio.gz"))
    art = {"root": bench.ROOT, "out": OUT, "initrd": initrd,
           "kernel_gz": dom0.gzip_once(elf, os.path.join(OUT, "vmlinux-pv.elf.gz")),
           "xeno_elf": os.environ.get("BENCH_XENO_ELF") or
           os.path.join(bench.ROOT, "build", "xen", "xen.elf"),
           "xen_gz": kernel.fetch_xen(bench.CACHE)}
    bench.say("ISO", ", ".join("xl/%s.iso" % n for n in names))
    return (xlcreate.build_setups(art, "tcg", names, creates), elf, base,
            initrd, art["xen_gz"])


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--creates", type=int, default=1,
                    help="creates (each destroyed) per boot")
    ap.add_argument("--only", help="comma-separated set-ups, of: " +
                    ", ".join(xlcreate.ORDER))
    a = ap.parse_args()
    names = a.only.split(",") if a.only else list(xlcreate.ORDER)
    bad = [n for n in names if n not in xlcreate.HV_CMDLINE]
    if bad:
        ap.error("unknown set-up(s): " + ", ".join(bad))
    runs, creates = max(1, a.runs), max(1, a.creates)
    t0 = time.monotonic()
    load_before = bench.loadavg()
    try:
        all_setups, elf, base, initrd, xen_gz = prepare(names, creates)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
        print("FAIL setup: %s" % e)
        return 1
    limit = xlcreate.boot_limit(creates)
    results, logs = {}, []
    for run, name in dom0.schedule(names, runs):
        s = all_setups[name]
        log = os.path.join(bench.OUT, "logs", "xl-%s-run%d.log" % (name, run))
        bench.say("BOOT", "dom0 on %s, run %d/%d, %d create(s)" % (
            name, run, runs, creates))
        res = boot.run_boot(s, run, log, limit, xlcreate.STALL,
                            xlcreate.XlResult(name, run, log),
                            xlcreate.finished)
        logs.append(os.path.relpath(log, bench.ROOT))
        xlcreate.collect(results, res, creates)
        got = res.rows["to_init"]
        why = xlcreate.why_failed(res, creates)
        bench.say("", "create to guest /init: %s s host%s" % (
            ", ".join("%.2f" % v for v in got) or "-",
            ("; FAILED: " + why) if why else ""))
    summary, ratio = xlcreate.summarize(results, names)
    meta = {"date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%d %H:%M UTC"),
            "machine": bench.machine(), "qemu_version": bench.qemu_version(),
            "runs": runs, "creates_per_boot": creates,
            "xeno_commit": git_head(),
            "xen_package": os.path.basename(os.path.dirname(os.path.dirname(xen_gz))),
            "kernel": kernel_version(), "kernel_elf_sha256": bench.sha256(elf),
            "dom0_tools_sha256": bench.sha256(base),
            "initramfs_sha256": bench.sha256(initrd),
            "hv_cmdline": {n: xlcreate.HV_CMDLINE[n] for n in names},
            "dom0_cmdline": xlcreate.dom0_cmdline(creates),
            "qemu_argv": {n: s.qemu_argv() for n, s in all_setups.items()},
            "banner": {n: results.get(n, {}).get("banner") for n in names},
            "logs": logs, "elapsed_s": round(time.monotonic() - t0),
            "load_before": load_before, "load_after": bench.loadavg()}
    print()
    print("%s, %s, %s TCG, %d run(s) x %d create(s), %ds, load %.1f/%.1f" % (
        meta["date"], meta["machine"], meta["qemu_version"], runs, creates,
        meta["elapsed_s"], load_before, meta["load_after"]))
    print("Xeno %s; %s; kernel %s" % (
        meta["xeno_commit"], next((b for n, b in meta["banner"].items()
                                   if n != "xeno" and b), meta["xen_package"]),
        meta["kernel"]))
    print(xlcreate.markdown(summary, ratio, names))
    errors = {n: results.get(n, {}).get("errors", []) for n in names}
    for n in names:
        for e in errors[n]:
            print("FAILED on %s, %s" % (n, e))
    path = os.path.join(bench.OUT, "xl-create.json")
    with open(path, "w") as f:
        json.dump({"meta": meta, "summary": summary, "ratios": ratio,
                   "errors": errors}, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %s; serial logs in build/bench/logs/xl-*" %
          os.path.relpath(path, bench.ROOT))
    return 1 if any(errors.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
