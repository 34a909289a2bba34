# SPDX-License-Identifier: GPL-2.0-only
"""One boot of one set-up: start QEMU, keep its serial log, time the
/init marker on the host, collect the workloads' BENCH lines. A
workload's number is timed on the host (its BENCH-T0 line to its result
line, over the operations in between), so a guest clock that runs fast or
slow cannot bend a ratio; the guest's own median is kept beside it.
Each kept log line starts with the host's seconds since QEMU started. A guest
that stalls (no line for `stall_s`) or overruns `limit_s` is killed; its
missing numbers stay missing, never guessed."""
import os
import re
import subprocess
import threading
import time

BENCH_RE = re.compile(r"BENCH name=(\S+) (.*)$")
FIELD_RE = re.compile(r"(\w+)=(\S+)")


def parse_bench_line(line):
    """Return (name, fields) for a BENCH result line, else None."""
    m = BENCH_RE.search(line)
    if not m:
        return None
    return m.group(1), dict(FIELD_RE.findall(m.group(2)))


class BootResult:
    def __init__(self, setup, run, log):
        self.setup, self.run, self.log = setup, run, log
        self.boot_s = None     # QEMU start to BENCH-INIT, host clock
        self.loader_s = None   # QEMU start to the hypervisor's first line
        self.values = {}       # workload -> ns per op, host clock
        self.guest = {}        # workload -> ns per op, guest clock (median)
        self.t0 = {}           # workload -> host time of its BENCH-T0
        self.absent = {}       # workload -> why the set-up has no such door
        self.errors = {}       # workload -> what failed
        self.done = False      # BENCH-DONE seen
        self.killed = ""       # why the harness stopped QEMU, if it did
        self.stopped = False   # the harness ended QEMU: it had what it wanted
        self.last_run = ""     # the workload running when the log ended
        self.wall_s = 0.0

    def take(self, line, now):
        if self.loader_s is None and line.startswith("(XEN)"):
            self.loader_s = now
        if "BENCH-INIT" in line and self.boot_s is None:
            self.boot_s = now
        elif "BENCH-RUN " in line:
            self.last_run = line.split("BENCH-RUN ", 1)[1].split()[0]
        elif "BENCH-DONE" in line:
            self.done = True
        elif "BENCH-T0 name=" in line:
            self.t0[line.split("BENCH-T0 name=", 1)[1].split()[0]] = now
        parsed = parse_bench_line(line)
        if not parsed:
            return
        name, fields = parsed
        if "ns_per_op" in fields:
            self.guest[name] = float(fields["ns_per_op"])
            ops = int(fields.get("iters", 0)) * int(fields.get("batches", 0))
            if name in self.t0 and ops > 0:
                self.values[name] = (now - self.t0[name]) * 1e9 / ops
        elif "late_p50" in fields:
            # Timer accuracy: lateness on the guest's own clock (the
            # requested wake-up against the actual one), not host time.
            self.values[name] = float(fields["late_p50"])
            self.values[name + "_p99"] = float(fields["late_p99"])
        elif "absent" in fields:
            self.absent[name] = fields["absent"]
        elif "error" in fields:
            self.errors[name] = fields["error"]


def run_boot(setup, run, log_path, limit_s, stall_s, res=None, stop=None):
    """Boot `setup` once, writing the serial log to log_path. `res` is the
    result to fill (a BootResult by default); `stop(res)`, asked after
    each line, ends QEMU early once the boot has shown what is measured
    (not a kill: res.stopped, not res.killed)."""
    if res is None:
        res = BootResult(setup.name, run, log_path)
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    log = open(log_path, "w", encoding="utf-8")
    start = time.monotonic()
    proc = subprocess.Popen(setup.qemu_argv(), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    last = [time.monotonic()]

    def watchdog():
        while proc.poll() is None and not res.stopped:
            now = time.monotonic()
            if now - start > limit_s:
                res.killed = "overran %ds" % limit_s
            elif now - last[0] > stall_s:
                res.killed = "silent for %ds" % stall_s
            if res.killed:
                proc.kill()
                return
            time.sleep(0.5)

    dog = threading.Thread(target=watchdog, daemon=True)
    dog.start()
    with log:
        for raw in proc.stdout:
            now = time.monotonic()
            last[0] = now
            # Xen starts its first line with a carriage return.
            line = raw.decode("utf-8", "replace").strip("\r\n")
            log.write("%8.3f| %s\n" % (now - start, line))
            res.take(line, now - start)
            if stop is not None and not res.stopped and stop(res):
                res.stopped = True
                proc.kill()
        rc = proc.wait()
        res.wall_s = time.monotonic() - start
        log.write("BENCH-HOST setup=%s run=%d qemu_exit=%d wall_s=%.1f%s\n" % (
            setup.name, run, rc, res.wall_s,
            (" killed=" + res.killed.replace(" ", "-")) if res.killed else
            (" stopped=measured" if res.stopped else "")))
    dog.join(timeout=1)
    return res
