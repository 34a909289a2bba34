#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make bench / make smoke: boot hvm, xeno and xen N times each,
interleaved run by run (the order rotates each run), and report medians,
ranges, 95% CIs and the ratios. --aa SETUP measures one set-up twice as
if two, to show the noise floor. Outputs under build/bench/."""
import argparse
import datetime
import hashlib
import os
import platform
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import boot, kernel, report, setups  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "build", "bench")
CACHE = os.path.join(ROOT, "cache", "bench")

# (limit per boot, silence before a stalled guest is killed), seconds
LIMITS = {"full": (300, 60), "smoke": (180, 40)}


def say(tag, msg):
    print("  %-7s %s" % (tag, msg), flush=True)


def prepare(scale, accel):
    os.makedirs(OUT, exist_ok=True)
    bz, tree = kernel.fetch_kernel(ROOT, CACHE)
    vmlinux = kernel.extract_vmlinux(bz, os.path.join(OUT, "vmlinux"))
    vgz = vmlinux + ".gz"
    # GRUB unzips modules itself; the gzip saves ISO reads under TCG.
    if not os.path.exists(vgz) or os.path.getmtime(vgz) < os.path.getmtime(vmlinux):
        with open(vgz, "wb") as f:
            subprocess.run(["gzip", "-1nc", vmlinux], stdout=f, check=True)
    initrd = os.path.join(OUT, "initrd.gz")
    subprocess.run(["sh", os.path.join(HERE, "mkinitramfs.sh"), initrd,
                    os.path.join(OUT, "bin"), tree], check=True)
    art = {"root": ROOT, "out": OUT, "bzimage": bz, "vmlinux_gz": vgz,
           "initrd": initrd,
           "xeno_elf": os.environ.get("BENCH_XENO_ELF") or
           os.path.join(ROOT, "build", "xen", "xen.elf"),
           "xen_gz": kernel.fetch_xen(CACHE)}
    say("ISO", "xeno.iso, xen.iso")
    return setups.build_setups(art, scale, accel), bz


def kvm_runs_guests(hvm):
    """True only if KVM really boots the guest to /init."""
    if not os.path.exists("/dev/kvm"):
        return False
    probe = hvm.twin("kvm-probe")
    probe.accel = "kvm"
    res = boot.run_boot(probe, 0, os.path.join(OUT, "kvm-probe.log"), 60, 30)
    return res.boot_s is not None


def record(slot, r, has_xen):
    """Add one boot's numbers to its set-up's lists."""
    if r.boot_s is not None:
        slot["values"].setdefault("boot", []).append(r.boot_s)
    if r.loader_s is not None:
        slot.setdefault("loader", []).append(r.loader_s)
        if r.boot_s is not None:
            slot["values"].setdefault("boot_hv", []).append(
                r.boot_s - r.loader_s)
    if not has_xen:
        slot["absent"]["boot_hv"] = "no-hypervisor"
    for name, v in r.values.items():
        slot["values"].setdefault(name, []).append(v)
    for name, v in r.guest.items():
        slot["guest"].setdefault(name, []).append(v)
    slot["absent"].update(r.absent)
    slot["errors"].update(r.errors)
    if r.killed:
        where = r.last_run.replace("-", "_") or "boot"
        slot["errors"].setdefault(where, "killed: %s during %s" % (
            r.killed, r.last_run or "boot"))


def run_all(order, runs, scale):
    """Boot every set-up `runs` times, interleaved; the order rotates by
    one each run so that no set-up always follows the same one."""
    limit, stall = LIMITS[scale]
    results = {s.name: {"values": {}, "guest": {}, "absent": {}, "errors": {}}
               for s in order}
    logs = []
    for run in range(runs):
        k = run % len(order)
        for s in order[k:] + order[:k]:
            log = os.path.join(OUT, "logs", "%s-run%d.log" % (s.name, run + 1))
            say("BOOT", "%s run %d/%d" % (s.name, run + 1, runs))
            r = boot.run_boot(s, run + 1, log, limit, stall)
            logs.append(os.path.relpath(log, ROOT))
            record(results[s.name], r, s.has_xen)
            n = len(r.values) + (r.boot_s is not None)
            say("", "%.0fs, %d numbers%s" % (r.wall_s, n, (
                ", killed: %s during %s" % (r.killed, r.last_run or "boot"))
                if r.killed else ""))
    return results, logs


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def qemu_version():
    out = subprocess.run([setups.QEMU, "--version"], capture_output=True,
                         text=True).stdout
    return out.splitlines()[0] if out else "unknown"


def machine():
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return "%s, %d CPUs, %s" % (model, os.cpu_count(), platform.release())


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--aa", metavar="SETUP", help="A/A: SETUP twice")
    ap.add_argument("--only", help="comma-separated set-ups (debugging)")
    ap.add_argument("--accel", default=os.environ.get("BENCH_ACCEL", "tcg"),
                    choices=["tcg", "kvm", "auto"])
    return ap.parse_args()


def choose_accel(want, all_setups):
    """TCG unless KVM is asked for and really boots the guest."""
    if want == "tcg":
        return "tcg", ""
    ok = kvm_runs_guests(all_setups["hvm"])
    accel = "kvm" if ok else "tcg"
    for s in all_setups.values():
        s.accel = accel
    return accel, ("KVM boots guests" if ok
                   else "KVM present but boots no guest; TCG")


def pick_order(a, all_setups):
    if a.aa:
        base = all_setups[a.aa]
        return [base.twin(a.aa + "-A"), base.twin(a.aa + "-B")]
    names = a.only.split(",") if a.only else ["hvm", "xeno", "xen"]
    return [all_setups[n] for n in names]


def print_report(rep, stem):
    meta = rep["meta"]
    print()
    print("%s, %s, %s %s, %d run(s), %s scale, %ds" % (
        meta["date"], meta["machine"], meta["qemu_version"],
        meta["accel"].upper(), meta["runs"], meta["scale"],
        meta["elapsed_s"]))
    print(report.markdown(rep))
    busy = max(meta["load_before"], meta["load_after"])
    if busy > 1.5 * (os.cpu_count() or 1):
        print("WARNING: the machine was busy (load average %.1f on %d CPUs): "
              "other work shares the cores, so absolute times and ratios are "
              "noisy; compare with an A/A run." % (busy, os.cpu_count()))
    print()
    print("~ = the min-max ranges overlap: no difference these runs can show.")
    print("Host-clock times. Guest clock / host clock (CPU loop): " +
          ", ".join("%s %s" % (n, "%.2f" % c if c else "-")
                    for n, c in rep["clock_rate"].items()))
    wrote = [os.path.join("build", "bench", stem + ".json")]
    report.write_json(rep, os.path.join(OUT, stem + ".json"))
    if report.write_png(rep, os.path.join(OUT, stem + ".png")):
        wrote.append(os.path.join("build", "bench", stem + ".png"))
    grub = ", ".join("%s %.1fs" % (n, v["median"])
                     for n, v in rep["loader"].items() if v)
    if grub:
        print("Of boot to /init, SeaBIOS and GRUB loading the ISO's modules "
              "(QEMU start to the hypervisor's first line): " + grub)
    print("wrote " + ", ".join(wrote) + "; serial logs in build/bench/logs/")


def main():
    a = parse_args()
    scale = "smoke" if a.smoke else "full"
    runs = 1 if a.smoke else max(1, a.runs)
    t0 = time.monotonic()
    load_before = loadavg()
    try:
        all_setups, bz = prepare(scale, "tcg")
    except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
        # A set-up that cannot be built is a failure that says so.
        print("FAIL setup: %s" % e)
        if a.smoke:
            print("0 passed, 1 failed")
        return 1
    accel, note = choose_accel(a.accel, all_setups)
    order = pick_order(a, all_setups)
    say("ACCEL", accel + (" (%s)" % note if note else ""))
    results, logs = run_all(order, runs, scale)
    meta = {"date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(), "accel": accel, "accel_note": note,
            "runs": runs, "scale": scale, "mode": "aa" if a.aa else "abc",
            "kernel": os.path.basename(bz), "kernel_sha256": sha256(bz),
            "qemu": " ".join(setups.qemu_base(accel)[1:11]),
            "qemu_version": qemu_version(),
            "has_xen": {s.name: s.has_xen for s in order},
            "kind": {s.name: s.kind for s in order},
            "logs": logs, "elapsed_s": round(time.monotonic() - t0),
            "load_before": load_before, "load_after": loadavg()}
    rep = report.build(results, [s.name for s in order], meta)
    print_report(rep, "smoke" if a.smoke else ("aa" if a.aa else "results"))
    if a.smoke:
        passed, failed = report.smoke_check(rep)
        print("%d passed, %d failed" % (passed, failed))
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
