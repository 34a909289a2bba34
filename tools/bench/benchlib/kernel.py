# SPDX-License-Identifier: GPL-2.0-only
"""The guest kernel: Debian's package fetched with apt-get download and
unpacked (never installed), and the ELF vmlinux inside its bzImage, which
the PV domain builders load."""
import lzma
import os
import struct
import subprocess

# bzImage boot protocol offsets (Documentation/x86/boot.rst)
SETUP_SECTS = 0x1F1
PAYLOAD_OFFSET = 0x248
PAYLOAD_LENGTH = 0x24C
XZ_MAGIC = b"\xfd7zXZ\x00"


def _apt_field(pkg, field):
    out = subprocess.run(["apt-cache", "show", "--no-all-versions", pkg],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith(field + ": "):
            return line.split(": ", 1)[1]
    return ""


def _resolve_package():
    dep = _apt_field("linux-image-amd64", "Depends")
    if not dep:
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        dep = _apt_field("linux-image-amd64", "Depends")
    if not dep:
        raise RuntimeError("cannot resolve linux-image-amd64 (apt-cache)")
    return dep.split()[0].rstrip(",")


def _fetch_into(cache, pkg):
    """Download and unpack pkg under cache; return the unpacked tree."""
    os.makedirs(cache, exist_ok=True)
    tree = os.path.join(cache, pkg)
    if os.path.exists(os.path.join(tree, ".unpacked")):
        return tree
    debs = [f for f in os.listdir(cache) if f.startswith(pkg + "_")
            and f.endswith(".deb")]
    if not debs:
        os.chmod(cache, 0o777)  # apt's _apt sandbox user writes here
        subprocess.run(["apt-get", "download", "-q", pkg], cwd=cache,
                       check=True, stdout=subprocess.DEVNULL)
        debs = [f for f in os.listdir(cache) if f.startswith(pkg + "_")
                and f.endswith(".deb")]
    subprocess.run(["dpkg-deb", "-x", os.path.join(cache, sorted(debs)[-1]),
                    tree], check=True)
    open(os.path.join(tree, ".unpacked"), "w").close()
    return tree


def fetch_kernel(root, cache):
    """Return (bzImage path, unpacked package tree). Uses pvlinux's fetch
    and cache where they exist, so the kernel is downloaded once."""
    pv = os.path.join(root, "cache", "pvlinux", "vmlinuz")
    fetch = os.path.join(root, "pvlinux", "fetch-kernel.sh")
    if os.path.exists(fetch) and "BENCH_KERNEL_PKG" not in os.environ:
        subprocess.run(["sh", fetch], check=False)
    if os.path.exists(pv):
        real = os.path.realpath(pv)
        return real, os.path.dirname(os.path.dirname(real))
    pkg = os.environ.get("BENCH_KERNEL_PKG") or _resolve_package()
    tree = _fetch_into(cache, pkg)
    boot = os.path.join(tree, "boot")
    vmlinuz = [f for f in sorted(os.listdir(boot)) if f.startswith("vmlinuz-")]
    if not vmlinuz:
        raise RuntimeError(pkg + " holds no boot/vmlinuz-*")
    return os.path.join(boot, vmlinuz[0]), tree


def fetch_xen(cache, pkg="xen-hypervisor-4.17-amd64"):
    """Return the multiboot image of Debian's Xen (GRUB loads the .gz)."""
    tree = _fetch_into(cache, pkg)
    boot = os.path.join(tree, "boot")
    gz = [f for f in sorted(os.listdir(boot))
          if f.startswith("xen-") and f.endswith(".gz")]
    if not gz:
        raise RuntimeError(pkg + " holds no boot/xen-*.gz")
    return os.path.join(boot, gz[0])


def extract_vmlinux(bzimage, out):
    """Write the ELF inside bzImage to out (skipped when up to date)."""
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(bzimage):
        return out
    with open(bzimage, "rb") as f:
        data = f.read()
    sects = data[SETUP_SECTS] or 4
    poff, plen = struct.unpack_from("<II", data, PAYLOAD_OFFSET)
    start = (sects + 1) * 512 + poff
    payload = data[start:start + plen]
    if not payload.startswith(XZ_MAGIC):
        raise RuntimeError(bzimage + ": payload is not xz")
    # The last four bytes are the decompressed size, not part of the stream.
    elf = lzma.decompress(payload[:-4], format=lzma.FORMAT_XZ)
    if elf[:4] != b"\x7fELF":
        raise RuntimeError(bzimage + ": payload is not an ELF")
    with open(out + ".tmp", "wb") as f:
        f.write(elf)
    os.replace(out + ".tmp", out)
    return out
