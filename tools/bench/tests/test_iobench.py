# SPDX-License-Identifier: GPL-2.0-only
"""Host tests of the io mode: the guest's lines as dom0 relays them (with
and without Xeno's "(d0) " prefix) and as HVM prints them, errors and
dom0 failures reported, never numbers; the clock ratio; the summary's
ratios and table; the NEEDED closure on a fake package tree; the guest
script's fio and iperf3 parsing on the host with fake programs."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchlib import iobench, iotools  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def feed(res, lines, prefix=""):
    for now, line in lines:
        res.take(prefix + line, now)
    return res


GOOD = [
    (1.0, "(XEN) Xen version 4.17.7 (Debian 4.17.7-0) debug=n"),
    (80.0, "IO-BENCH disk=128MiB free=599MiB"),
    (100.0, "IOBENCH-T0 name=seq-write up=50.00"),
    (120.0, "IOBENCH name=seq-write mbps=14.86 iops=14.0 kib=156672 ms=10299 up=70.00"),
    (121.0, "IOBENCH-T0 name=seq-read up=71.00"),
    (131.0, "IOBENCH name=seq-read mbps=43.89 iops=43.0 kib=459776 ms=10231 up=76.00"),
    (132.0, "IOBENCH name=rand-read-4k mbps=0.26 iops=66.0 kib=2708 ms=10218 up=104.20"),
    (133.0, "IOBENCH name=tcp-to-peer mbps=0.13 up=123.11"),
    (134.0, "IOBENCH name=tcp-from-peer error=iperf3_rc=1:_refused"),
    (135.0, "IOBENCH-DONE"),
]


class ParseTest(unittest.TestCase):
    def check(self, r):
        self.assertTrue(r.done)
        self.assertEqual(r.rows, {"seq-write": 14.86, "seq-read": 43.89,
                                  "rand-read-4k": 66.0, "tcp-to-peer": 0.13})
        self.assertEqual(r.errors, {"tcp-from-peer": "iperf3_rc=1:_refused"})
        self.assertAlmostEqual(r.clock["seq-write"], 1.0)
        self.assertAlmostEqual(r.clock["seq-read"], 0.5)
        self.assertNotIn("rand-read-4k", r.clock)   # no T0: no ratio

    def test_xen_lines(self):
        r = feed(iobench.IoResult("xen", 1, "log"), GOOD)
        self.check(r)
        self.assertTrue(r.banner.startswith("Xen version 4.17.7"))

    def test_xeno_prefix(self):
        self.check(feed(iobench.IoResult("xeno", 1, "log"), GOOD, "(XEN) (d0) "))

    def test_dom0_failure_and_no_number(self):
        r = feed(iobench.IoResult("xeno", 1, "log"), [
            (5.0, "IO-BENCH error: xl create: libxl: error: disk"),
            (5.1, "IO-BENCH-DONE"),
            (5.2, "IOBENCH name=seq-read mbps=fast up=1")])
        self.assertTrue(r.done)
        self.assertEqual(r.rows, {})
        self.assertIn("unparsed", r.errors["seq-read"])
        self.assertEqual(iobench.why_failed(r), "xl create: libxl: error: disk")

    def test_unfinished_boot_fails(self):
        r = feed(iobench.IoResult("hvm", 1, "log"), GOOD[:4])
        r.killed = "silent for 300s"
        self.assertEqual(iobench.why_failed(r), "killed: silent for 300s")
        r.killed = ""
        self.assertIn("never finished", iobench.why_failed(r))

    def test_collect_keeps_errors_and_values(self):
        results = {}
        r = feed(iobench.IoResult("xen", 1, "log"), GOOD)
        iobench.collect(results, r)
        self.assertEqual(results["xen"]["values"]["seq-read"], [43.89])
        self.assertEqual(results["xen"]["values"]["tcp-from-peer"], [])
        self.assertTrue(any("tcp-from-peer" in e for e in results["xen"]["errors"]))


class SummaryTest(unittest.TestCase):
    def test_ratios_and_table(self):
        res = {n: {"values": {k: [] for k, _, _ in iobench.ROWS}}
               for n in ("xeno", "xen", "hvm")}
        res["xeno"]["values"]["seq-read"] = [40.0, 44.0, 42.0]
        res["xen"]["values"]["seq-read"] = [20.0, 21.0, 22.0]
        res["hvm"]["values"]["seq-read"] = [80.0, 84.0, 88.0]
        summary, ratio = iobench.summarize(res, ["xeno", "xen", "hvm"])
        self.assertEqual(sorted(ratio), ["xen/hvm", "xeno/hvm", "xeno/xen"])
        self.assertAlmostEqual(ratio["xeno/xen"]["seq-read"]["ratio"], 2.0)
        self.assertAlmostEqual(ratio["xeno/hvm"]["seq-read"]["ratio"], 0.5)
        self.assertIsNone(ratio["xeno/xen"]["seq-write"])
        md = iobench.markdown(summary, ratio, ["xeno", "xen", "hvm"])
        self.assertIn("| 42.0 [40.0-44.0] | 21.0 [20.0-22.0] | 84.0 [80.0-88.0] | 2.00 | 0.50 |", md)
        self.assertIn("MISSING", md)

    def test_setups_argv(self):
        art = {"bzimage": "/k", "guest_initrd": "/i", "out": tempfile.mkdtemp()}
        try:
            iobench.DISK_MIB, old = 1, iobench.DISK_MIB
            s = iobench.build_setups(art, "tcg", ["hvm"])["hvm"]
            argv = s.qemu_argv()
            self.assertEqual(os.path.getsize(s.disk), 1 << 20)
        finally:
            iobench.DISK_MIB = old
            shutil.rmtree(art["out"])
        self.assertIn("virtio-blk-pci,drive=d0", argv)
        self.assertEqual(argv.count("virtio-net-pci,netdev=n0"), 1)
        # No user network: both NICs on one hub, QEMU's default NIC off.
        self.assertIn("none", argv[argv.index("-nic") + 1])
        self.assertFalse(any(a.startswith("user") for a in argv))
        self.assertEqual(argv[argv.index("-m") + 1], iobench.QEMU_MEM)


class ConfigTest(unittest.TestCase):
    def test_pv_configs(self):
        with open(os.path.join(HERE, "io", "iobench.cfg")) as f:
            template = f.read()
        one = iobench.pv_configs(template, False)
        self.assertEqual(list(one), ["iobench.cfg"])
        cfgs = iobench.pv_configs(template, True)
        plain, xbk = cfgs["iobench.cfg"], cfgs["iobench-xbk.cfg"]
        self.assertEqual(plain, one["iobench.cfg"])
        self.assertNotIn("qdisk", plain)
        self.assertIn("iobench.disk=/dev/xvdb", plain)
        self.assertNotIn("disk2", plain)
        self.assertIn("vdev=xvdb, access=rw, target=", xbk)
        self.assertIn("vdev=xvdc, access=rw, backendtype=qdisk", xbk)
        self.assertIn('device_model_override = "/usr/lib/xeno/xeno-blkback"', xbk)
        self.assertIn("iobench.disk2=/dev/xvdc", xbk)
        self.assertNotIn("@EXTRA@", xbk)
        with self.assertRaises(RuntimeError):
            iobench.pv_configs("disk = []\n", True)


class ClosureTest(unittest.TestCase):
    def test_missing_soname_named(self):
        with tempfile.TemporaryDirectory() as d:
            pkg = os.path.join(d, "pkg")
            os.makedirs(os.path.join(pkg, "usr", "bin"))
            shutil.copy("/bin/true", os.path.join(pkg, "usr", "bin", "true"))
            with self.assertRaises(RuntimeError) as e:
                iotools.stage([pkg], os.path.join(d, "out"), ["/usr/bin/true"])
            self.assertIn("libc.so.6", str(e.exception))


class GuestScriptTest(unittest.TestCase):
    """iobench-guest on the host, fio/iperf3/ip/ping faked, /proc/cmdline
    and /proc/uptime read through a sed of the script."""

    def run_guest(self, cmdline, fio_rc=0):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        terse = ["3", "fio-3.33", "x", "0", "0", "100", "2048", "2.0", "50"] + \
            ["0"] * 37 + ["300", "1024", "1.0", "300"] + ["0"] * 20
        progs = {
            "fio": "echo '%s'; exit %d" % (";".join(terse), fio_rc),
            "iperf3": "echo '[  5]   0.00-10.00  sec  11 MBytes  9216 Kbits/sec  7  sender';"
                      "echo '[  5]   0.00-10.00  sec  11 MBytes  8000 Kbits/sec  receiver'",
            "ip": "exit 0", "ping": "exit 0"}
        for name, body in progs.items():
            with open(os.path.join(d, name), "w") as f:
                f.write("#!/bin/sh\n%s\n" % body)
            os.chmod(os.path.join(d, name), 0o755)
        with open(os.path.join(d, "cmdline"), "w") as f:
            f.write(cmdline + "\n")
        with open(os.path.join(d, "uptime"), "w") as f:
            f.write("12.5 1.0\n")
        with open(os.path.join(HERE, "io", "iobench-guest")) as f:
            script = f.read().replace("/proc/cmdline", d + "/cmdline") \
                .replace("/proc/uptime", d + "/uptime").replace('[ -b "$1" ]', '[ -e "$1" ]') \
                .replace('[ ! -b "$1" ]', '[ ! -e "$1" ]')   # no 30 s wait for a block device
        out = subprocess.run(["sh", "-c", script], capture_output=True, text=True,
                             env={"PATH": d + ":/usr/bin:/bin"}).stdout
        return out.splitlines()

    def test_fio_and_iperf(self):
        out = self.run_guest("iobench.disk=/dev/null iobench.peer=10.0.0.1 iobench.addr=10.0.0.2/24")
        r = feed(iobench.IoResult("hvm", 1, "log"),
                 [(float(i), l) for i, l in enumerate(out)])
        self.assertTrue(r.done, out)
        self.assertEqual(r.rows, {"seq-write": 1.0, "seq-read": 2.0,
                                  "rand-read-4k": 2.0, "tcp-to-peer": 1.0,
                                  "tcp-from-peer": 1.0}, out)
        self.assertEqual(r.retr, {"tcp-to-peer": 7, "tcp-from-peer": 7})

    def test_fio_failure_is_an_error(self):
        out = self.run_guest("iobench.disk=/dev/null", fio_rc=1)
        r = feed(iobench.IoResult("hvm", 1, "log"),
                 [(float(i), l) for i, l in enumerate(out)])
        self.assertEqual(r.rows, {})
        self.assertEqual(sorted(r.errors), ["rand-read-4k", "seq-read", "seq-write"])


if __name__ == "__main__":
    unittest.main()
