#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Resolve kernel modules and their dependencies in an unpacked Debian
kernel package (it ships no depmod output): each .ko's .modinfo section
names what it depends on. Prints module paths, dependencies first.

usage: module-deps.py MODDIR NAME...   (MODDIR = .../lib/modules/KVER)"""
import os
import subprocess
import sys


def index(moddir):
    found = {}
    for root, _, files in os.walk(os.path.join(moddir, "kernel")):
        for f in files:
            if f.endswith(".ko"):
                found[f[:-3].replace("-", "_")] = os.path.join(root, f)
    return found


def depends(path):
    info = subprocess.run(["objcopy", "-O", "binary", "--only-section=.modinfo",
                           path, "/dev/stdout"], capture_output=True, check=True).stdout
    for field in info.split(b"\0"):
        if field.startswith(b"depends="):
            return [d for d in field[8:].decode().split(",") if d]
    return []


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mods = index(sys.argv[1])
    order, seen = [], set()

    def visit(name):
        name = name.replace("-", "_")
        if name in seen:
            return
        seen.add(name)   # before the dependencies: a cycle stops here
        if name not in mods:
            sys.exit(f"module-deps: no module {name} in {sys.argv[1]}")
        for d in depends(mods[name]):
            visit(d)
        order.append(mods[name])

    for m in sys.argv[2:]:
        visit(m)
    print("\n".join(order))


main()
