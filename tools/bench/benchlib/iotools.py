# SPDX-License-Identifier: GPL-2.0-only
"""fio and iperf3 for the I/O rows: Debian's packages fetched with
`apt-get download` and unpacked (pvlinux/fetch-xen-utils.sh; never
installed), and a tree holding the two programs with their ELF NEEDED
closure (glibc's loader included), copied from the unpacked packages
only, never from the host. fio links every engine's library (rados,
rbd, gluster, rdma, pmem, nbd), so its closure is ~70 packages even
though the bench uses only libaio and psync."""
import os
import shutil
import subprocess

# fio's and iperf3's NEEDED entries lead into these (stage() fails naming
# a soname none of them has).
PACKAGES = (
    "fio iperf3 libiperf0 libc6 libgcc-s1 libstdc++6 zlib1g libaio1 libacl1 "
    "libargon2-1 libblkid1 libboost-iostreams1.74.0 libboost-thread1.74.0 "
    "libcap-ng0 libcom-err2 libcrypt1 libcryptsetup12 libdaxctl1 "
    "libdevmapper1.02.1 libfmt9 libgfapi0 libgfrpc0 libgfxdr0 libglusterfs0 "
    "libgmp10 libgnutls30 libgssapi-krb5-2 libhogweed6 libibverbs1 libicu72 "
    "libidn2-0 libjson-c5 libk5crypto3 libkeyutils1 libkmod2 libkrb5-3 "
    "libkrb5support0 liblzma5 libnbd0 libndctl6 libnettle8 libnl-3-200 "
    "libnl-route-3-200 libnsl2 libnuma1 libp11-kit0 libpcre2-8-0 libpmem1 "
    "libpmemblk1 librados2 librbd1 librdmacm1 libsctp1 libselinux1 libssl3 "
    "libtasn1-6 libtirpc3 libudev1 libunistring2 libxml2 libzstd1 "
    "libbz2-1.0 libffi8 libsystemd0 liblz4-1 libgcrypt20 libgpg-error0 "
    "libcap2 liburcu8 libsnappy1v5 libuuid1").split()
PROGRAMS = ["/usr/bin/fio", "/usr/bin/iperf3"]
# Debian's ld.so without an ld.so.cache searches these, in this order.
LIB_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib", "/usr/lib"]
LOADER = "/lib64/ld-linux-x86-64.so.2"


def fetch(root, cache):
    """Download and unpack PACKAGES into cache; return the unpacked
    trees, in PACKAGES order."""
    subprocess.run(["sh", os.path.join(root, "pvlinux", "fetch-xen-utils.sh"),
                    "-c", cache] + PACKAGES, check=True)
    trees = []
    with open(os.path.join(cache, "current")) as f:
        for line in f:
            pkg, ver = line.split()
            trees.append(os.path.join(cache, "%s_%s" % (pkg, ver.replace(":", "_"))))
    return trees


def needed(path):
    """(DT_NEEDED sonames, DT_RUNPATH/RPATH directories) of an ELF file
    (librados's RUNPATH leads to libceph-common)."""
    out = subprocess.run(["readelf", "-dW", path], capture_output=True,
                         text=True, check=True).stdout
    sonames, dirs = [], []
    for line in out.splitlines():
        if "[" not in line:
            continue
        val = line.split("[", 1)[1].split("]", 1)[0]
        if "(NEEDED)" in line:
            sonames.append(val)
        elif "(RUNPATH)" in line or "(RPATH)" in line:
            dirs += [d for d in val.split(":") if d.startswith("/")]
    return sonames, dirs


def _find(trees, path):
    """The host file of an image path in the first tree that has it
    (symlinks followed inside that tree, or across trees when absolute)."""
    for t in trees:
        host = os.path.join(t, path.lstrip("/"))
        for _ in range(20):
            if not os.path.islink(host):
                break
            target = os.readlink(host)
            if target.startswith("/"):
                return _find(trees, target)
            host = os.path.normpath(os.path.join(os.path.dirname(host), target))
        if os.path.isfile(host):
            return host
    return None


def stage(trees, out, programs=PROGRAMS):
    """Copy programs, the loader and every library their NEEDED entries
    reach (transitively) into out, at their image paths. Returns the
    image paths copied; raises RuntimeError naming missing sonames."""
    todo = [(p, _find(trees, p)) for p in programs + [LOADER]]
    done, missing = {}, []
    while todo:
        path, host = todo.pop()
        if path in done:
            continue
        if host is None:
            missing.append(path)
            continue
        done[path] = host
        sonames, runpath = needed(host)
        for so in sonames:
            for d in runpath + LIB_DIRS:
                h = _find(trees, d + "/" + so)
                if h:
                    todo.append((d + "/" + so, h))
                    break
            else:
                missing.append("%s (of %s)" % (so, path))
    if missing:
        raise RuntimeError("not in the packages: " + ", ".join(sorted(set(missing))))
    for path, host in done.items():
        dst = os.path.join(out, path.lstrip("/"))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy(host, dst)
        os.chmod(dst, 0o755)
    return sorted(done)
