# SPDX-License-Identifier: GPL-2.0-only
"""The three set-ups, all in the same QEMU machine (accelerator, -cpu,
memory, vCPUs): hvm boots the bzImage directly; xeno and xen boot GRUB
ISOs (multiboot2) with the same kernel, the same initramfs and the same
guest command line."""
import os
import subprocess

QEMU = "qemu-system-x86_64"
QEMU_MEM = "1024"
QEMU_SMP = "2"
GUEST_MEM = "512M"
GUEST_ARGS = "loglevel=3"


def qemu_base(accel):
    return [QEMU, "-accel", accel, "-cpu", "qemu64", "-m", QEMU_MEM,
            "-smp", QEMU_SMP, "-display", "none", "-no-reboot",
            "-serial", "stdio", "-monitor", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]


class Setup:
    def __init__(self, name, kind, argv_tail, accel):
        self.name, self.kind = name, kind
        self.argv_tail, self.accel = argv_tail, accel

    def qemu_argv(self):
        return qemu_base(self.accel) + self.argv_tail

    def twin(self, name):
        """The same set-up under another name: the A/A mode's second arm."""
        return Setup(name, self.kind, self.argv_tail, self.accel)

    @property
    def has_xen(self):
        return self.kind in ("xeno", "xen")


def _mkiso(root, out, hv_cmdline, hv, modules):
    argv = ["sh", os.path.join(root, "xen", "tools", "mkiso.sh"), out,
            hv_cmdline, hv]
    for path, args in modules:
        argv += [path, args]
    subprocess.run(argv, check=True)
    return out


def build_setups(art, scale, accel):
    """art: paths (root, out, bzimage, vmlinux_gz, initrd, xeno_elf,
    xen_gz). Returns {name: Setup} for hvm, xeno, xen."""
    guest = "%s bench_scale=%s" % (GUEST_ARGS, scale)
    hvm = Setup("hvm", "hvm", [
        "-kernel", art["bzimage"], "-initrd", art["initrd"],
        "-append", "console=ttyS0 " + guest], accel)
    xeno_iso = _mkiso(art["root"], os.path.join(art["out"], "xeno.iso"),
                      "console=com1 dom0less domU_mem=%s domU_max_vcpus=%s"
                      % (GUEST_MEM, QEMU_SMP),
                      art["xeno_elf"],
                      [(art["vmlinux_gz"], "console=hvc0 " + guest),
                       (art["initrd"], "")])
    xen_iso = _mkiso(art["root"], os.path.join(art["out"], "xen.iso"),
                     "dom0_mem=%s,max:%s dom0_max_vcpus=%s console=com1 "
                     "com1=115200,8n1 loglvl=all"
                     % (GUEST_MEM, GUEST_MEM, QEMU_SMP),
                     art["xen_gz"],
                     [(art["bzimage"], "console=hvc0 " + guest),
                      (art["initrd"], "")])
    return {
        "hvm": hvm,
        "xeno": Setup("xeno", "xeno", ["-cdrom", xeno_iso], accel),
        "xen": Setup("xen", "xen", ["-cdrom", xen_iso], accel),
    }
