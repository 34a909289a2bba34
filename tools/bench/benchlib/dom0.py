# SPDX-License-Identifier: GPL-2.0-only
"""dom0-boot: Debian's kernel as PV dom0 on Xeno and on Debian's Xen 4.17,
booted to /init in one QEMU machine, the one xen/tests/dom0/run.sh boots
(q35, virtio-blk and AHCI disks, virtio-net and e1000 on user networking
with restrict=on). Both set-ups get the same kernel file, the same dom0
initramfs and the same dom0 command line; only the ISO's hypervisor and
its command line differ. A boot ends (QEMU killed by the harness, not a
failure) once /init's marker is on the serial line."""
import os
import re
import subprocess

from . import boot, report, setups, stats

MACHINE = "q35"
QEMU_MEM = "1536"
QEMU_SMP = "2"
DOM0_CMDLINE = "console=hvc0 loglevel=4 pci=nomsi"
# The same dom0 size on both; Xen also needs its UART's settings spelt out.
DOM0_SIZE = "dom0_mem=512M,max:512M dom0_max_vcpus=1"
XEN_CMDLINE = "console=com1 com1=115200,8n1 loglvl=info " + DOM0_SIZE
# xen-noscrub: Xen without its default background scrub of free RAM
# (bootscrub=idle), which keeps the second CPU busy while dom0 boots and,
# under TCG on a shared host, made dom0's boot ~10x slower. Xeno scrubs
# a frame when it hands it out, not at boot.
HV_CMDLINE = {
    "xeno": "console=com1 loglvl=info " + DOM0_SIZE,
    "xen": XEN_CMDLINE,
    "xen-noscrub": XEN_CMDLINE + " bootscrub=off",
}
ORDER = ["xeno", "xen", "xen-noscrub"]
# (limit per boot, silence before a stalled boot is killed), seconds: with
# loglevel=4 dom0's kernel says nothing between its first line and /init,
# which on Xen took 3 minutes of a busy host.
LIMITS = (900, 600)

MARKER = "XENO-INIT: reached /init"
INIT_RE = re.compile(re.escape(MARKER) + r" \(uptime ([0-9]+(?:\.[0-9]+)?) s\)")
BANNER_RE = re.compile(r"^\(XEN\) (Xeno hypervisor .*|Xen version .*)$")

# (key, label) in table order: host seconds, then the guest's own seconds
ROWS = [
    ("boot", "QEMU start to /init (host s)"),
    ("boot_hv", "hypervisor's first line to /init (host s)"),
    ("uptime", "dom0 uptime at /init (guest s)"),
]


class Dom0Result(boot.BootResult):
    """One boot: host time of the marker, the hypervisor's first line and
    banner, and the uptime dom0 printed with the marker."""

    def __init__(self, setup, run, log):
        super().__init__(setup, run, log)
        self.uptime_s = None
        self.banner = None

    def take(self, line, now):
        if line.startswith("(XEN)"):
            if self.loader_s is None:
                self.loader_s = now
            m = BANNER_RE.match(line)
            if m and self.banner is None:
                self.banner = m.group(1).strip()
        # Xeno prefixes dom0's console lines with "(d0) ", Xen does not.
        if MARKER in line and self.boot_s is None:
            self.boot_s = now
            m = INIT_RE.search(line)
            if m:
                self.uptime_s = float(m.group(1))


def reached_init(res):
    """run_boot's stop: the marker is what this mode measures."""
    return res.boot_s is not None


def qemu_argv(accel, disks, iso):
    """The machine of xen/tests/dom0/run.sh (its q35 arm), serial on
    stdio for the harness."""
    vd, sd = disks
    return [setups.QEMU, "-accel", accel, "-cpu", "qemu64", "-M", MACHINE,
            "-m", QEMU_MEM, "-smp", QEMU_SMP, "-display", "none",
            "-no-reboot", "-serial", "stdio", "-monitor", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-drive", "file=%s,if=none,id=vd,format=raw" % vd,
            "-device", "virtio-blk-pci,drive=vd",
            "-drive", "file=%s,if=none,id=sd,format=raw" % sd,
            "-device", "ide-hd,drive=sd,bus=ide.0",
            "-netdev", "user,id=n1,restrict=on,net=10.0.2.0/24",
            "-device", "virtio-net-pci,netdev=n1",
            "-netdev", "user,id=n2,restrict=on,net=10.0.3.0/24",
            "-device", "e1000,netdev=n2",
            "-cdrom", iso]


def kind(name):
    return "xeno" if name == "xeno" else "xen"


class Dom0Setup(setups.Setup):
    def __init__(self, name, iso, disks, accel):
        super().__init__(name, kind(name), [], accel)
        self.iso, self.disks = iso, disks

    def qemu_argv(self):
        return qemu_argv(self.accel, self.disks, self.iso)


def build_setups(art, accel, names=None):
    """art: root, out, kernel_gz, initrd, xeno_elf, xen_gz. The same
    kernel and initramfs files go into every ISO."""
    disks = (os.path.join(art["out"], "vd.img"),
             os.path.join(art["out"], "sd.img"))
    hv = {"xeno": art["xeno_elf"], "xen": art["xen_gz"]}
    out = {}
    for name in names or ORDER:
        iso = setups._mkiso(art["root"],
                            os.path.join(art["out"], name + ".iso"),
                            HV_CMDLINE[name], hv[kind(name)],
                            [(art["kernel_gz"], DOM0_CMDLINE),
                             (art["initrd"], "")])
        out[name] = Dom0Setup(name, iso, disks, accel)
    return out


def fresh_disks(disks, size=64 << 20):
    """Blank disks before every boot, as run.sh makes them."""
    for path in disks:
        with open(path, "wb") as f:
            f.truncate(size)


def schedule(names, runs):
    """(run, name) pairs, interleaved; the order rotates by one each run
    so that no set-up always boots first."""
    out = []
    for run in range(runs):
        k = run % len(names)
        out += [(run + 1, n) for n in names[k:] + names[:k]]
    return out


def why_missing(res):
    """One line for a boot that did not reach /init."""
    if res.killed:
        return "killed: " + res.killed
    return "QEMU exited after %.0fs without the /init marker" % res.wall_s


def collect(results, res):
    """Add one boot's numbers to results[setup]: lists per row, errors."""
    slot = results.setdefault(res.setup, {"values": {k: [] for k, _ in ROWS},
                                          "errors": [], "banner": None})
    if res.banner and not slot["banner"]:
        slot["banner"] = res.banner
    if res.boot_s is None:
        slot["errors"].append("run %d: %s (%s)" % (res.run, why_missing(res),
                                                  res.log))
        return
    slot["values"]["boot"].append(res.boot_s)
    if res.loader_s is not None:
        slot["values"]["boot_hv"].append(res.boot_s - res.loader_s)
    if res.uptime_s is not None:
        slot["values"]["uptime"].append(res.uptime_s)


def summarize(results, names):
    return stats.summarize_setups(results, names, [k for k, _ in ROWS],
                                  stats.against_xeno(names))


def markdown(summary, ratio, names):
    return report.setup_table(summary, ratio, names, ROWS, 1)


def gzip_once(src, dst):
    """GRUB unzips modules itself; the gzip saves ISO reads under TCG."""
    if not os.path.exists(dst) or os.path.getmtime(dst) < os.path.getmtime(src):
        with open(dst + ".tmp", "wb") as f:
            subprocess.run(["gzip", "-1nc", src], stdout=f, check=True)
        os.replace(dst + ".tmp", dst)
    return dst
