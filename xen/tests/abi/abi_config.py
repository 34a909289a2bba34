# SPDX-License-Identifier: MIT
"""abi-check.py's configuration files: one header set's headers.txt,
skip.txt, required.txt, extras.txt and facts.txt (docs/abi-headers.md)."""
import fnmatch
import os
import sys

def read_lines(path):
    """Non-empty lines of a config file, '#' comments removed."""
    out = []
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                out.append(line)
    return out


class Skip(dict):
    """skip.txt: 'KIND NAME reason...'. KIND is struct, union, enum,
    typedef, const or macro (skipped), or text (a macro compared by its
    replacement text because it does not evaluate to a value). NAME may
    be a shell pattern (RING_*): one reason for a family of names."""

    def get(self, key, default=None):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        for (kind, pat), reason in self.items():
            if kind == key[0] and any(c in pat for c in '*?[') and \
                    fnmatch.fnmatchcase(key[1], pat):
                return reason
        return default

    def __contains__(self, key):
        return self.get(key) is not None

    def __getitem__(self, key):
        return self.get(key)


def read_skip(path):
    skip = Skip()
    for line in read_lines(path):
        parts = line.split(None, 2)
        if len(parts) < 3:
            sys.exit(f'{path}: "{line}": a skip needs a reason')
        skip[(parts[0], parts[1])] = parts[2]
    return skip


def read_headers(path):
    """headers.txt: a header per line, the same path on both sides, or
    'OURS = REF' where ours has another name. 'OURS =' or '= REF' is
    included on that side only (a header the others need first).
    Returns (pairs, {ours path: label}, {ref path: label}); a header's
    label is its reference path."""
    pairs, ours, ref = [], {}, {}
    for line in read_lines(path):
        if '=' in line:
            o, r = (x.strip() or None for x in line.split('=', 1))
        else:
            o = r = line
        pairs.append((o, r))
        if o and r:
            ours[o] = r
            ref[r] = r
    return pairs, ours, ref


def read_facts(path):
    """facts.txt: 'GROUP | OURS-EXPR | REF-EXPR' (REF-EXPR empty: the
    same text); each side's program prints its expression's value."""
    facts = []
    if not path or not os.path.exists(path):
        return facts
    for line in read_lines(path):
        parts = [x.strip() for x in line.split('|')]
        if len(parts) != 3 or not parts[0] or not parts[1]:
            sys.exit(f'{path}: "{line}": want GROUP | OURS-EXPR | REF-EXPR')
        facts.append((parts[0], parts[1], parts[2] or parts[1]))
    return facts


def read_pairs(path):
    """required.txt: 'KIND NAME' per line."""
    return [tuple(line.split()[:2]) for line in read_lines(path)]


def read_extras(path):
    """extras.txt: what ours defines beyond the reference, with the layout
    it must have: 'struct NAME sizeof=N field=OFFSET:SIZE ...'; or
    'KIND NAME reason...' for a name only ours has and nothing on the
    wire depends on (a typed-end macro, a typedef Xen spells as a
    macro): allowed, and said in a NOTE line."""
    extras = {}
    if not path or not os.path.exists(path):
        return extras
    for line in read_lines(path):
        parts = line.split()
        if len(parts) > 2 and '=' not in parts[2]:
            extras[(parts[0], parts[1])] = {'reason': line.split(None, 2)[2]}
            continue
        spec = {'size': None, 'fields': {}}
        for p in parts[2:]:
            k, v = p.split('=', 1)
            if k == 'sizeof':
                spec['size'] = int(v, 0)
            else:
                off, size = v.split(':')
                spec['fields'][k] = (int(off, 0), int(size, 0))
        extras[(parts[0], parts[1])] = spec
    return extras
