#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make dom0-boot: Debian's kernel as PV dom0 to /init on Xeno and on
Debian's Xen 4.17, N boots each, interleaved (benchlib/dom0.py says what
is the same on both). Reports the host seconds from QEMU start to /init's
marker, from the hypervisor's first line to it, and dom0's own uptime at
/init. Outputs build/bench/dom0-boot.json and logs/dom0-SETUP-runN.log;
exit status 1 when a boot did not reach /init."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (its paths, say(), machine(), ...)
from benchlib import boot, campaign, dom0  # noqa: E402

OUT = os.path.join(bench.OUT, "dom0")
PV = os.path.join(bench.ROOT, "build", "pvlinux")


def prepare(names):
    elf = os.path.join(PV, "vmlinux-pv.elf")
    initrd = os.path.join(PV, "initramfs-dom0.cpio.gz")
    campaign.need(OUT, (elf, initrd), "make -C pvlinux dom0")
    art = {"root": bench.ROOT, "out": OUT, "initrd": initrd,
           "kernel_gz": dom0.gzip_once(elf, os.path.join(OUT, "vmlinux-pv.elf.gz")),
           **campaign.hypervisors(bench)}
    bench.say("ISO", ", ".join("dom0/%s.iso" % n for n in names))
    return dom0.build_setups(art, "tcg", names), elf, initrd, art["xen_gz"]


def main():
    _, names, runs = campaign.options(__doc__, dom0.ORDER, dom0.HV_CMDLINE)
    clock = campaign.Clock(bench)
    try:
        all_setups, elf, initrd, xen_gz = prepare(names)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
        print("FAIL setup: %s" % e)
        return 1
    limit, stall = dom0.LIMITS
    results = {}

    def boot_one(s, name, run, log):
        bench.say("BOOT", "dom0 on %s, run %d/%d" % (name, run, runs))
        dom0.fresh_disks(s.disks)
        res = boot.run_boot(s, run, log, limit, stall,
                            dom0.Dom0Result(name, run, log), dom0.reached_init)
        dom0.collect(results, res)
        bench.say("", "/init at %s s host, uptime %s s" % (
            "%.1f" % res.boot_s if res.boot_s is not None else "-",
            res.uptime_s if res.uptime_s is not None else "-")
            if res.boot_s is not None else "no /init: " + dom0.why_missing(res))

    logs = campaign.boots(bench, all_setups, names, runs, "dom0", boot_one)
    summary, ratio = dom0.summarize(results, names)
    meta = campaign.meta(bench, clock, runs, names, results, all_setups, logs,
                         xen_gz, elf, initramfs_sha256=bench.sha256(initrd),
                         hv_cmdline=dom0.HV_CMDLINE,
                         dom0_cmdline=dom0.DOM0_CMDLINE)
    campaign.print_header(meta, "%d run(s)" % runs, "dom0 kernel",
                          lambda n: n != "xeno")
    print(dom0.markdown(summary, ratio, names))
    _, status = campaign.finish(bench, "dom0-boot.json", "dom0-*", results,
                                names, meta, summary, ratio, "no /init on")
    return status


if __name__ == "__main__":
    sys.exit(main())
