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
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as bench  # noqa: E402  (its paths, say(), machine(), ...)
from benchlib import boot, campaign, dom0, xlcreate  # noqa: E402

OUT = os.path.join(bench.OUT, "xl")
PV = os.path.join(bench.ROOT, "build", "pvlinux")


def prepare(names, creates):
    elf = os.path.join(PV, "vmlinux-pv.elf")
    base = os.path.join(PV, "initramfs-dom0-tools.cpio.gz")
    campaign.need(OUT, (elf, base), "make -C pvlinux dom0-tools")
    initrd = xlcreate.overlay_initrd(base, HERE,
                                     os.path.join(OUT, "initramfs-xl-bench.cpio.gz"))
    art = {"root": bench.ROOT, "out": OUT, "initrd": initrd,
           "kernel_gz": dom0.gzip_once(elf, os.path.join(OUT, "vmlinux-pv.elf.gz")),
           **campaign.hypervisors(bench)}
    bench.say("ISO", ", ".join("xl/%s.iso" % n for n in names))
    return (xlcreate.build_setups(art, "tcg", names, creates), elf, base,
            initrd, art["xen_gz"])


def main():
    def extra(ap):
        ap.add_argument("--creates", type=int, default=1,
                        help="creates (each destroyed) per boot")
    a, names, runs = campaign.options(__doc__, xlcreate.ORDER,
                                      xlcreate.HV_CMDLINE, extra)
    creates = max(1, a.creates)
    clock = campaign.Clock(bench)
    try:
        all_setups, elf, base, initrd, xen_gz = prepare(names, creates)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
        print("FAIL setup: %s" % e)
        return 1
    limit = xlcreate.boot_limit(creates)
    results = {}

    def boot_one(s, name, run, log):
        bench.say("BOOT", "dom0 on %s, run %d/%d, %d create(s)" % (
            name, run, runs, creates))
        res = boot.run_boot(s, run, log, limit, xlcreate.STALL,
                            xlcreate.XlResult(name, run, log),
                            xlcreate.finished)
        xlcreate.collect(results, res, creates)
        got = res.rows["to_init"]
        why = xlcreate.why_failed(res, creates)
        bench.say("", "create to guest /init: %s s host%s" % (
            ", ".join("%.2f" % v for v in got) or "-",
            ("; FAILED: " + why) if why else ""))

    logs = campaign.boots(bench, all_setups, names, runs, "xl", boot_one)
    summary, ratio = xlcreate.summarize(results, names)
    meta = campaign.meta(bench, clock, runs, names, results, all_setups, logs,
                         xen_gz, elf, creates_per_boot=creates,
                         dom0_tools_sha256=bench.sha256(base),
                         initramfs_sha256=bench.sha256(initrd),
                         hv_cmdline={n: xlcreate.HV_CMDLINE[n] for n in names},
                         dom0_cmdline=xlcreate.dom0_cmdline(creates))
    campaign.print_header(meta, "%d run(s) x %d create(s)" % (runs, creates),
                          "kernel", lambda n: n != "xeno")
    print(xlcreate.markdown(summary, ratio, names))
    _, status = campaign.finish(bench, "xl-create.json", "xl-*", results,
                                names, meta, summary, ratio)
    return status


if __name__ == "__main__":
    sys.exit(main())
