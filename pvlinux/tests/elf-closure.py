#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that dynamic programs can load inside an unpacked image tree, the
way Debian's ld.so would find their libraries there: the program
interpreter (PT_INTERP) and every DT_NEEDED, transitively, resolved in
the tree only (never the host's libraries), absolute symlinks taken
relative to the tree's root.

usage: elf-closure.py ROOT PROGRAM...

One line per PROGRAM (a path inside ROOT): PASS with the number of
libraries its closure loads, or FAIL naming each missing piece. A last
case covers every other ELF executable and shared object in the tree.
Ends with 'N passed, N failed'."""
import os
import subprocess
import sys

# Debian's ld.so with no /etc/ld.so.cache (the image has none): its
# built-in system directories, in its order (`ld.so --help`).
SYSTEM_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib", "/usr/lib"]
MAX_LINKS = 40


def resolve(root, path):
    """PATH (absolute, inside ROOT) with symlinks followed inside ROOT;
    None when a component is missing or the links loop."""
    parts = [p for p in path.split("/") if p]
    done = []
    hops = 0
    while parts:
        part = parts.pop(0)
        if part == ".":
            continue
        if part == "..":
            if done:
                done.pop()
            continue
        host = os.path.join(root, *done, part)
        if os.path.islink(host):
            hops += 1
            if hops > MAX_LINKS:
                return None
            target = os.readlink(host)
            if target.startswith("/"):
                done = []
            parts = [p for p in target.split("/") if p] + parts
            continue
        if not os.path.lexists(host):
            return None
        done.append(part)
    return "/" + "/".join(done)


def elf_info(host_path):
    """(is_dynamic_elf, interpreter, needed, runpaths) of a file."""
    with open(host_path, "rb") as f:
        head = f.read(18)
    if len(head) < 18 or head[:4] != b"\x7fELF":
        return False, None, [], []
    e_type = int.from_bytes(head[16:18], "little")
    if e_type not in (2, 3):   # ET_EXEC, ET_DYN: not modules (ET_REL)
        return False, None, [], []
    out = subprocess.run(["readelf", "-ldW", host_path], capture_output=True,
                         text=True, check=False).stdout
    interp, needed, runpaths = None, [], []
    for line in out.splitlines():
        if "Requesting program interpreter:" in line:
            interp = line.split(":", 1)[1].strip(" ]")
        elif "(NEEDED)" in line:
            needed.append(line.split("[", 1)[1].rstrip("]"))
        elif "(RUNPATH)" in line or "(RPATH)" in line:
            runpaths += line.split("[", 1)[1].rstrip("]").split(":")
    return True, interp, needed, runpaths


class Tree:
    def __init__(self, root):
        self.root = root
        self.cache = {}

    def info(self, path):
        if path not in self.cache:
            self.cache[path] = elf_info(self.root + path)
        return self.cache[path]

    def find_lib(self, name, origin, runpaths):
        if "/" in name:
            return resolve(self.root, name)
        dirs = [d.replace("$ORIGIN", origin) for d in runpaths] + SYSTEM_DIRS
        for d in dirs:
            found = resolve(self.root, d + "/" + name)
            if found and os.path.isfile(self.root + found):
                return found
        return None

    def closure(self, program):
        """(libraries loaded, problems) for PROGRAM, breadth first as
        ld.so loads them."""
        real = resolve(self.root, program)
        if real is None:
            return [], [f"{program} is not in the image"]
        dynamic, interp, _, _ = self.info(real)
        if not dynamic:
            return [], [f"{program} is not an ELF executable"]
        problems = []
        if interp is not None:
            found = resolve(self.root, interp)
            if found is None or not os.path.isfile(self.root + found):
                problems.append(f"interpreter {interp} missing")
        loaded, queue = {}, [real]
        while queue:
            obj = queue.pop(0)
            _, _, needed, runpaths = self.info(obj)
            for name in needed:
                if name in loaded:
                    continue
                lib = self.find_lib(name, os.path.dirname(obj), runpaths)
                if lib is None:
                    problems.append(f"{name} (needed by {obj}) not found")
                    loaded[name] = None
                    continue
                if not self.info(lib)[0]:
                    problems.append(f"{name} resolves to {lib}, not a shared object")
                loaded[name] = lib
                queue.append(lib)
        return sorted(n for n, p in loaded.items() if p), problems


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root = os.path.abspath(sys.argv[1])
    tree = Tree(root)
    passed = failed = 0

    def verdict(name, problems, detail):
        nonlocal passed, failed
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            passed += 1
            print(f"PASS {name}: {detail}")

    for program in sys.argv[2:]:
        libs, problems = tree.closure(program)
        verdict(f"closure {program}", problems, f"{len(libs)} libraries: {' '.join(libs)}")

    problems, count = [], 0
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            host = os.path.join(dirpath, f)
            if os.path.islink(host) or not os.path.isfile(host):
                continue
            path = "/" + os.path.relpath(host, root)
            if not tree.info(path)[0]:
                continue
            count += 1
            problems += tree.closure(path)[1]
    verdict("closure of every ELF in the image", sorted(set(problems)),
            f"{count} executables and shared objects")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
