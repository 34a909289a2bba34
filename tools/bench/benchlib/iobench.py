# SPDX-License-Identifier: GPL-2.0-only
"""I/O rows: one measuring guest (tools/bench/io/iobench-guest, fio and
iperf3 from Debian's packages) on three set-ups with the same kernel file
and the same guest initramfs:
  xeno, xen  dom0 (1 vCPU, 1 GiB) boots the dom0-tools image (QEMU's
             default pc, -m 2048, -smp 2, no disks or NICs) and `xl create`s the guest as a PV
             domU (2 vCPUs, 512 MiB): its xvdb is a raw file on dom0's
             tmpfs through xl's block script (loop) and Linux's blkback,
             its NIC on dom0's bridge xenbr0 through netback; the iperf3
             server is dom0 (10.0.0.1).
  hvm        the same QEMU machine boots the kernel directly: vda is a
             raw file on the host through virtio-blk; two virtio-net NICs
             on one QEMU hub with nothing else on it, the server's in a
             network namespace of the guest (no user network at all).
The guest prints its lines on its console: under PV dom0 relays them
from xenconsoled's log (io/io-bench), under HVM they are on the serial
line. Every line is stamped with the host's time on arrival."""
import os
import re
import shutil
import subprocess

from . import boot, iotools, setups, stats, xlcreate

QEMU_MEM, QEMU_SMP = "2048", "2"
# dom0's initramfs (the dom0-tools image plus ~35 MiB of guest
# initramfs) is held twice while it unpacks, into a rootfs of half its
# memory: 512 MiB failed ("Initramfs unpacking failed: write error").
DOM0_SIZE = "dom0_mem=1024M,max:1024M dom0_max_vcpus=1"
HV_CMDLINE = {
    "xeno": "console=com1 loglvl=info " + DOM0_SIZE,
    "xen": "console=com1 com1=115200,8n1 loglvl=info " + DOM0_SIZE +
           " bootscrub=off",
}
DISK_MIB = 128
SECS = 10
GUEST_MODULES = "xen-blkfront xen-netfront virtio_pci virtio_blk virtio_net"
GUEST_ARGS = "loglevel=4 xeno.test=iobench iobench.secs=%d" % SECS
PV_GUEST_ARGS = GUEST_ARGS + \
    " iobench.disk=/dev/xvdb iobench.addr=10.0.0.2/24 iobench.peer=10.0.0.1"
HVM_GUEST_ARGS = GUEST_ARGS + \
    " iobench.disk=/dev/vda iobench.addr=10.0.0.2/24 iobench.peer=10.0.0.1" \
    " iobench.netns=10.0.0.1/24"
DOM0_CMDLINE = "console=hvc0 loglevel=4 pci=nomsi xeno.test=io-bench"
ORDER = ["xeno", "xen", "hvm"]
# (limit per boot, silence before a stalled boot is killed), seconds:
# dom0 ~30 s, the guest's create ~30 s, five 10 s jobs with fio's start-up
LIMIT, STALL = 900, 300

# (key, label, unit) in table order; bigger is better on every row
ROWS = [
    ("seq-read", "sequential read, 1 MiB, depth 8", "MB/s"),
    ("seq-write", "sequential write, 1 MiB, depth 8", "MB/s"),
    ("rand-read-4k", "random read, 4 KiB, depth 16", "IOPS"),
    ("xbk-seq-read", "xeno-blkback: sequential read", "MB/s"),
    ("xbk-seq-write", "xeno-blkback: sequential write", "MB/s"),
    ("xbk-rand-read-4k", "xeno-blkback: random read 4 KiB", "IOPS"),
    ("tcp-to-peer", "TCP guest -> peer (iperf3)", "MB/s"),
    ("tcp-from-peer", "TCP peer -> guest (iperf3 -R)", "MB/s"),
]
LINE_RE = re.compile(r"IOBENCH name=(\S+) (.*)$")
T0_RE = re.compile(r"IOBENCH-T0 name=(\S+) up=([0-9.]+)")
FIELD_RE = re.compile(r"(\w+)=(\S+)")


class IoResult(boot.BootResult):
    """One boot: per row fio's or iperf3's own number (guest clock), and
    the guest-clock / host-clock ratio over each job (its T0 line to its
    result line), which says whether that number can be believed."""

    def __init__(self, setup, run, log):
        super().__init__(setup, run, log)
        self.rows = {}         # row -> number (MB/s or IOPS)
        self.clock = {}        # row -> guest s / host s over the job
        self.t0 = {}           # row -> (host s, guest uptime)
        self.retr = {}         # TCP row -> the sender's retransmissions
        self.banner = None
        self.failures = []     # dom0's own error lines

    def take(self, line, now):
        if line.startswith("(XEN)") and self.loader_s is None:
            self.loader_s = now
        if self.banner is None:
            m = re.search(r"\(XEN\) (Xeno hypervisor .*|Xen version .*)$", line)
            if m:
                self.banner = m.group(1).strip()
        m = T0_RE.search(line)
        if m:
            self.t0[m.group(1)] = (now, float(m.group(2)))
            return
        m = LINE_RE.search(line)
        if m:
            name, fields = m.group(1), dict(FIELD_RE.findall(m.group(2)))
            if "error" in fields:
                self.errors[name] = fields["error"]
                return
            key = "iops" if "rand-read" in name else "mbps"
            try:
                self.rows[name] = float(fields[key])
            except (KeyError, ValueError):
                self.errors[name] = "unparsed: " + m.group(2)[:100]
                return
            if fields.get("retr", "?").isdigit():
                self.retr[name] = int(fields["retr"])
            if name in self.t0 and "up" in fields and now > self.t0[name][0]:
                self.clock[name] = (float(fields["up"]) - self.t0[name][1]) / \
                    (now - self.t0[name][0])
            return
        m = re.search(r"IO-BENCH error: (.*)$", line)
        if m:
            self.failures.append(m.group(1).strip())
        if "IOBENCH-DONE" in line or "IO-BENCH-DONE" in line:
            self.done = True


def finished(res):
    return res.done


def guest_initrd(root, out, cache, probe):
    """build/bench/io/guest-io.cpio.gz: pvlinux's busybox initramfs with
    the front-end modules of both worlds, fio and iperf3 with their
    closure, the guest script and its list."""
    tree = os.path.join(out, "guest-tree")
    shutil.rmtree(tree, ignore_errors=True)
    iotools.stage(iotools.fetch(root, cache), tree)
    here = os.path.join(root, "tools", "bench", "io")
    os.makedirs(os.path.join(tree, "usr", "local", "bin"))
    os.makedirs(os.path.join(tree, "tests"))
    shutil.copy(os.path.join(here, "iobench-guest"),
                os.path.join(tree, "usr", "local", "bin", "iobench-guest"))
    os.chmod(os.path.join(tree, "usr", "local", "bin", "iobench-guest"), 0o755)
    shutil.copy(os.path.join(here, "list"), os.path.join(tree, "tests", "iobench"))
    moddir = kernel_moddir(root)
    path = os.path.join(out, "guest-io.cpio.gz")
    subprocess.run(["sh", os.path.join(root, "pvlinux", "mkinitramfs.sh"),
                    "-o", path, "-p", probe, "-m", moddir,
                    "-l", GUEST_MODULES, "-t", tree], check=True)
    shutil.rmtree(tree)
    return path


def kernel_moddir(root):
    cache = os.path.join(root, "cache", "pvlinux")
    with open(os.path.join(cache, "current")) as f:
        pkg = "_".join(f.read().split())
    mods = os.path.join(cache, pkg, "lib", "modules")
    return os.path.join(mods, os.listdir(mods)[0])


XBK_DISK = ('         "format=raw, vdev=xvdc, access=rw, backendtype=qdisk, '
            'target=/var/lib/xen/images/iobench-xbk.img"')
XBK_DM = ('device_model_override = "/usr/lib/xeno/xeno-blkback"\n'
          'device_model_version = "qemu-xen"\n')


def pv_configs(template, xbk):
    """The guest's xl configs from io/iobench.cfg: iobench.cfg (xvdb on
    blkback) and, with xbk, iobench-xbk.cfg, the same plus xvdc on
    xeno-blkback (docs/xeno-blkback.md: a qdisk disk, the daemon as the
    device model) and the guest told to measure it too."""
    out = {"iobench.cfg": template.replace("@EXTRA@", PV_GUEST_ARGS)}
    if xbk:
        disk = '"format=raw, vdev=xvdb, access=rw, target=/var/lib/xen/images/iobench.img" ]'
        if disk not in template:
            raise RuntimeError("io/iobench.cfg: no xvdb line to extend")
        out["iobench-xbk.cfg"] = template.replace(
            "@EXTRA@", PV_GUEST_ARGS + " iobench.disk2=/dev/xvdc").replace(
            disk, disk[:-2] + ",\n" + XBK_DISK + " ]") + XBK_DM
    return out


def dom0_overlay(base_gz, root, out, guest_initrd_path, iperf_tree, xbk=None):
    """The dom0-tools image plus io/io-bench, its list, the guest's
    config and initramfs, and iperf3 (dom0 is the server); with xbk (the
    xeno-blkback binary) also the guest's config with a third disk that
    it serves."""
    here = os.path.join(root, "tools", "bench", "io")
    stage = os.path.join(out, "dom0-overlay")
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(iperf_tree, stage)
    for sub in ("tests", "usr/local/bin", "boot", "etc/xen"):
        os.makedirs(os.path.join(stage, sub), exist_ok=True)
    shutil.copy(os.path.join(here, "dom0-list"), os.path.join(stage, "tests", "io-bench"))
    shutil.copy(os.path.join(here, "io-bench"),
                os.path.join(stage, "usr", "local", "bin", "io-bench"))
    os.chmod(os.path.join(stage, "usr", "local", "bin", "io-bench"), 0o755)
    shutil.copy(guest_initrd_path, os.path.join(stage, "boot", "iobench-initrd.gz"))
    with open(os.path.join(here, "iobench.cfg")) as f:
        cfgs = pv_configs(f.read(), bool(xbk))
    for name, text in cfgs.items():
        with open(os.path.join(stage, "etc", "xen", name), "w") as f:
            f.write(text)
    if xbk:
        lib = os.path.join(stage, "usr", "lib", "xeno")
        os.makedirs(lib, exist_ok=True)
        shutil.copy(xbk, os.path.join(lib, "xeno-blkback"))
    path = os.path.join(out, "initramfs-io-bench.cpio.gz")
    files = subprocess.run(["find", "."], cwd=stage, check=True,
                           capture_output=True).stdout
    cpio = subprocess.run(["cpio", "-o", "-H", "newc", "--quiet", "-R", "0:0"],
                          cwd=stage, input=files, check=True,
                          capture_output=True).stdout
    base = subprocess.run(["gzip", "-dc", base_gz], check=True,
                          capture_output=True).stdout
    # One gzip stream: GRUB sizes a module by its last member's trailer.
    with open(path + ".tmp", "wb") as f:
        subprocess.run(["gzip", "-1n"], input=base + cpio, stdout=f, check=True)
    os.replace(path + ".tmp", path)
    shutil.rmtree(stage)
    return path


class PvIoSetup(xlcreate.XlSetup):
    """xl-create's machine with QEMU_MEM."""

    def qemu_argv(self):
        argv = xlcreate.qemu_argv(self.accel, self.iso)
        argv[argv.index("-m") + 1] = QEMU_MEM
        return argv


class HvmIoSetup(setups.Setup):
    def __init__(self, accel, bzimage, initrd, disk):
        super().__init__("hvm", "hvm", [], accel)
        self.bzimage, self.initrd, self.disk = bzimage, initrd, disk

    def qemu_argv(self):
        return [setups.QEMU, "-accel", self.accel, "-cpu", "qemu64",
                "-m", QEMU_MEM, "-smp", QEMU_SMP, "-display", "none",
                "-no-reboot", "-serial", "stdio", "-monitor", "none",
                "-nic", "none",
                "-kernel", self.bzimage, "-initrd", self.initrd,
                "-append", "console=ttyS0 " + HVM_GUEST_ARGS,
                "-drive", "file=%s,format=raw,if=none,id=d0" % self.disk,
                "-device", "virtio-blk-pci,drive=d0",
                "-netdev", "hubport,id=n0,hubid=0",
                "-device", "virtio-net-pci,netdev=n0",
                "-netdev", "hubport,id=n1,hubid=0",
                "-device", "virtio-net-pci,netdev=n1"]


def hvm_disk(out):
    """A raw file of DISK_MIB, written (not sparse), for virtio-blk."""
    path = os.path.join(out, "hvm-disk.img")
    if not os.path.exists(path) or os.path.getsize(path) != DISK_MIB << 20:
        with open(path + ".tmp", "wb") as f:
            for _ in range(DISK_MIB):
                f.write(b"\xa5" * (1 << 20))
        os.replace(path + ".tmp", path)
    return path


def build_setups(art, accel, names):
    """art: root, out, kernel_gz, dom0_initrd, xeno_elf, xen_gz, bzimage,
    guest_initrd."""
    hv = {"xeno": art.get("xeno_elf"), "xen": art.get("xen_gz")}
    out = {}
    for name in names:
        if name == "hvm":
            out[name] = HvmIoSetup(accel, art["bzimage"], art["guest_initrd"],
                                   hvm_disk(art["out"]))
            continue
        iso = setups._mkiso(art["root"], os.path.join(art["out"], name + ".iso"),
                            HV_CMDLINE[name], hv[name],
                            [(art["kernel_gz"], DOM0_CMDLINE),
                             (art["dom0_initrd"], "")])
        out[name] = PvIoSetup(name, iso, accel)
    return out


def why_failed(res):
    if res.failures:
        return res.failures[0]
    if res.killed:
        return "killed: " + res.killed
    if not res.done:
        return "never finished (QEMU ran %.0fs)" % res.wall_s
    return None


def collect(results, res):
    slot = results.setdefault(res.setup, {"values": {k: [] for k, _, _ in ROWS},
                                          "clock": {k: [] for k, _, _ in ROWS},
                                          "retr": {},
                                          "errors": [], "banner": None})
    if res.banner and not slot["banner"]:
        slot["banner"] = res.banner
    for key, v in res.rows.items():
        if key in slot["values"]:
            slot["values"][key].append(v)
    for key, v in res.clock.items():
        if key in slot["clock"]:
            slot["clock"][key].append(round(v, 3))
    for key, v in res.retr.items():
        slot["retr"].setdefault(key, []).append(v)
    for key, e in res.errors.items():
        slot["errors"].append("run %d %s: %s" % (res.run, key, e))
    why = why_failed(res)
    if why:
        slot["errors"].append("run %d: %s (%s)" % (res.run, why, res.log))


def summarize(results, names):
    summary = {n: {k: stats.summarize(results.get(n, {}).get("values", {})
                                      .get(k, []))
                   for k, _, _ in ROWS} for n in names}
    pairs = [("xeno", "xen"), ("xeno", "hvm"), ("xen", "hvm")]
    ratio = {"%s/%s" % (a, b): {k: stats.ratio(summary[a][k], summary[b][k])
                                for k, _, _ in ROWS}
             for a, b in pairs if a in names and b in names}
    return summary, ratio


def _cell(s, unit, absent=False):
    if s is None:
        return "absent" if absent else "MISSING"
    fmt = "%.0f" if unit == "IOPS" else "%.1f"
    return (fmt + " [" + fmt + "-" + fmt + "]") % (s["median"], s["min"], s["max"])


def markdown(summary, ratio, names):
    """Throughput: a ratio above 1.0 means the first set-up is faster."""
    head = ["row"] + ["%s median [min-max]" % n for n in names] + list(ratio)
    out = ["| " + " | ".join(head) + " |",
           "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for key, label, unit in ROWS:
        cells = ["%s (%s)" % (label, unit)] + \
            [_cell(summary[n][key], unit, n == "hvm" and key.startswith("xbk-"))
             for n in names]
        for pair in ratio.values():
            r = pair[key]
            cells.append("n/a" if r is None else
                         ("~%.2f" if r["overlap"] else "%.2f") % r["ratio"])
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)
