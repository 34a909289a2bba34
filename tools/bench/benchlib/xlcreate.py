# SPDX-License-Identifier: GPL-2.0-only
"""xl-create: Debian's `xl create` of a PV guest from dom0, on Xeno and on
Debian's Xen 4.17, in the machine of pvlinux/tests/xl-boot.sh (QEMU's
default pc, -m 1536, -smp 2, no disks or NICs). Both set-ups boot the same
dom0 kernel, the same dom0-tools image with the same overlay (the
script xl/xl-bench and its list) and the same dom0 command line; only the
ISO's hypervisor and its command line differ. dom0 creates the guest,
waits for its /init marker in xenconsoled's log and destroys it; the
harness times each step's lines on the host, dom0 by its own clock."""
import os
import re
import shutil
import subprocess
import tempfile

from . import boot, report, setups, stats

QEMU_MEM = "1536"
QEMU_SMP = "2"
DOM0_CMDLINE = "console=hvc0 loglevel=4 pci=nomsi xeno.test=xl-bench"
DOM0_SIZE = "dom0_mem=512M,max:512M dom0_max_vcpus=1"
# xl-boot.sh's lines: Xen also needs its UART's settings, and bootscrub=off
# (its background scrub made dom0 ~10x slower under TCG, see dom0.py).
HV_CMDLINE = {
    "xeno": "console=com1 loglvl=info " + DOM0_SIZE,
    "xen": "console=com1 com1=115200,8n1 loglvl=info " + DOM0_SIZE +
           " bootscrub=off",
}
ORDER = ["xeno", "xen"]
# (limit per boot, silence before a stalled boot is killed), seconds. One
# create is ~20 s on Xen under TCG; a create that hangs says nothing.
LIMIT_BASE, LIMIT_PER_CREATE, STALL = 420, 240, 300

DOM0_MARKER = "XENO-INIT: reached /init"
RESULT_RE = re.compile(r"XL-BENCH result=(\d+) (.*)$")
FIELD_RE = re.compile(r"(\w+)=(\S+)")
STEP_RE = re.compile(r"XL-BENCH-(T0 create|INIT|T0 destroy|DESTROYED) (\d+)")
ERROR_RE = re.compile(r"XL-BENCH error (\d+): (.*)$")

# (key, label) in table order: host seconds, then dom0's and the guest's
ROWS = [
    ("to_init", "xl create to the guest's /init (host s)"),
    ("to_init_dom0", "xl create to the guest's /init (dom0 s)"),
    ("create_dom0", "xl create command (dom0 s)"),
    ("domu_uptime", "guest uptime at its /init (guest s)"),
    ("destroy", "xl destroy (host s)"),
    ("destroy_dom0", "xl destroy (dom0 s)"),
    ("dom0_boot", "QEMU start to dom0's /init (host s)"),
]
DOM0_FIELDS = {"to_init_s": "to_init_dom0", "create_s": "create_dom0",
               "destroy_s": "destroy_dom0", "domu_uptime": "domu_uptime"}


class XlResult(boot.BootResult):
    """One boot: dom0's /init, then per create the host times of its
    step lines and dom0's own result line. Values stay per row, in
    create order; a failed create is an error, never a number."""

    def __init__(self, setup, run, log):
        super().__init__(setup, run, log)
        self.rows = {k: [] for k, _ in ROWS}
        self.steps = {}        # (step, create) -> host s
        self.failures = []     # dom0's error lines
        self.banner = None

    def take(self, line, now):
        if line.startswith("(XEN)") and self.loader_s is None:
            self.loader_s = now
        if self.banner is None and line.startswith("(XEN) X"):
            m = re.match(r"\(XEN\) (Xeno hypervisor .*|Xen version .*)$", line)
            if m:
                self.banner = m.group(1).strip()
        # Xeno prefixes dom0's console lines with "(d0) ", Xen does not;
        # only dom0's marker counts (it comes before any XL-BENCH line).
        if DOM0_MARKER in line and self.boot_s is None and not self.steps:
            self.boot_s = now
            self.rows["dom0_boot"].append(now)
        m = STEP_RE.search(line)
        if m:
            step, i = m.group(1), int(m.group(2))
            self.steps[(step, i)] = now
            if step == "INIT" and ("T0 create", i) in self.steps:
                self.rows["to_init"].append(now - self.steps[("T0 create", i)])
            if step == "DESTROYED" and ("T0 destroy", i) in self.steps \
                    and line.rstrip().endswith("rc=0"):
                self.rows["destroy"].append(now - self.steps[("T0 destroy", i)])
            return
        m = RESULT_RE.search(line)
        if m:
            fields = dict(FIELD_RE.findall(m.group(2)))
            for name, key in DOM0_FIELDS.items():
                try:
                    self.rows[key].append(float(fields[name]))
                except (KeyError, ValueError):
                    pass
            return
        m = ERROR_RE.search(line)
        if m:
            self.failures.append("create %s: %s" % (m.group(1),
                                                    m.group(2).strip()))
            return
        if "XL-BENCH-DONE" in line:
            self.done = True


def finished(res):
    """run_boot's stop: dom0 said it is done (after its last create or
    its first failure)."""
    return res.done


def qemu_argv(accel, iso):
    """lib.sh's boot(): the default pc machine, serial on stdio."""
    return [setups.QEMU, "-accel", accel, "-cpu", "qemu64",
            "-m", QEMU_MEM, "-smp", QEMU_SMP, "-display", "none",
            "-no-reboot", "-serial", "stdio", "-monitor", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-cdrom", iso]


class XlSetup(setups.Setup):
    def __init__(self, name, iso, accel):
        super().__init__(name, name, [], accel)
        self.iso = iso

    def qemu_argv(self):
        return qemu_argv(self.accel, self.iso)


def dom0_cmdline(creates):
    return "%s XL_BENCH_CREATES=%d" % (DOM0_CMDLINE, creates)


def build_setups(art, accel, names, creates):
    """art: root, out, kernel_gz, initrd, xeno_elf, xen_gz."""
    hv = {"xeno": art["xeno_elf"], "xen": art["xen_gz"]}
    out = {}
    for name in names:
        iso = setups._mkiso(art["root"],
                            os.path.join(art["out"], name + ".iso"),
                            HV_CMDLINE[name], hv[name],
                            [(art["kernel_gz"], dom0_cmdline(creates)),
                             (art["initrd"], "")])
        out[name] = XlSetup(name, iso, accel)
    return out


def overlay_initrd(base_gz, here, out):
    """The dom0-tools image with /tests/xl-bench and
    /usr/local/bin/xl-bench appended, as one gzip stream: GRUB unzips a
    module whole and sizes it by the gzip trailer's length, which for
    concatenated members is the last member's only."""
    stage = tempfile.mkdtemp()
    try:
        os.makedirs(os.path.join(stage, "tests"))
        os.makedirs(os.path.join(stage, "usr", "local", "bin"))
        shutil.copy(os.path.join(here, "xl", "list"),
                    os.path.join(stage, "tests", "xl-bench"))
        script = os.path.join(stage, "usr", "local", "bin", "xl-bench")
        shutil.copy(os.path.join(here, "xl", "xl-bench"), script)
        os.chmod(script, 0o755)
        files = subprocess.run(["find", "."], cwd=stage, check=True,
                               capture_output=True).stdout
        cpio = subprocess.run(["cpio", "-o", "-H", "newc", "--quiet",
                               "-R", "0:0"], cwd=stage, input=files,
                              check=True, capture_output=True).stdout
        base = subprocess.run(["gzip", "-dc", base_gz], check=True,
                              capture_output=True).stdout
        with open(out + ".tmp", "wb") as f:
            subprocess.run(["gzip", "-1n"], input=base + cpio, stdout=f,
                           check=True)
        os.replace(out + ".tmp", out)
    finally:
        shutil.rmtree(stage)
    return out


def boot_limit(creates):
    return LIMIT_BASE + LIMIT_PER_CREATE * creates


def why_failed(res, creates):
    """One line for a boot that gave fewer than `creates` creates, else
    None."""
    if res.failures:
        return res.failures[0]
    if res.killed:
        return "killed: " + res.killed
    if res.boot_s is None:
        return "dom0 never reached /init (QEMU ran %.0fs)" % res.wall_s
    got = len(res.rows["to_init"])
    if got < creates:
        return "%d of %d creates reached the guest's /init%s" % (
            got, creates, "" if res.done else " and dom0 never finished")
    return None


def collect(results, res, creates):
    slot = results.setdefault(res.setup, {"values": {k: [] for k, _ in ROWS},
                                          "errors": [], "banner": None})
    if res.banner and not slot["banner"]:
        slot["banner"] = res.banner
    for key, vals in res.rows.items():
        slot["values"][key].extend(vals)
    why = why_failed(res, creates)
    if why:
        slot["errors"].append("run %d: %s (%s)" % (res.run, why, res.log))


def summarize(results, names):
    return stats.summarize_setups(results, names, [k for k, _ in ROWS],
                                  stats.against_xeno(names))


def markdown(summary, ratio, names):
    return report.setup_table(summary, ratio, names, ROWS, 2)
