#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# Raw-protocol client cases the command-line tools cannot express:
# transactions that conflict and retry, special watches, quotas on watches
# and transactions, and hostile clients (oversized, unknown, unterminated,
# truncated, never reading) that must not disturb anyone else.
# Usage: wire-cases.py DOM0_SOCKET GUEST5_SOCKET GUEST6_SOCKET
import os
import socket
import struct
import sys
import time

XS_CONTROL, XS_DIRECTORY, XS_READ, XS_GET_PERMS, XS_WATCH, XS_UNWATCH = range(6)
XS_TRANSACTION_START, XS_TRANSACTION_END, XS_INTRODUCE, XS_RELEASE = range(6, 10)
XS_GET_DOMAIN_PATH, XS_WRITE, XS_MKDIR, XS_RM, XS_SET_PERMS = range(10, 15)
XS_WATCH_EVENT, XS_ERROR, XS_IS_DOMAIN_INTRODUCED, XS_RESUME = range(15, 19)
XS_SET_TARGET, XS_RESET_WATCHES, XS_DIRECTORY_PART = 19, 21, 22

results = []


class Conn:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(5)
        self.s.connect(path)
        self.events = []
        self.req_id = 0

    def send_raw(self, data):
        self.s.sendall(data)

    def recv_msg(self):
        hdr = self._recv_exact(16)
        typ, rid, tx, ln = struct.unpack('<IIII', hdr)
        return typ, rid, tx, self._recv_exact(ln)

    def _recv_exact(self, n):
        buf = b''
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise EOFError('connection closed')
            buf += chunk
        return buf

    def request(self, typ, payload, tx=0):
        """Returns (ok, body): body is the reply or the error name."""
        self.req_id += 1
        self.send_raw(struct.pack('<IIII', typ, self.req_id, tx,
                                  len(payload)) + payload)
        while True:
            rtyp, rid, _, body = self.recv_msg()
            if rtyp == XS_WATCH_EVENT:
                self.events.append(body.split(b'\0')[:2])
                continue
            if rid != self.req_id:
                raise AssertionError('reply id %d, want %d' % (rid, self.req_id))
            if rtyp == XS_ERROR:
                return False, body.rstrip(b'\0').decode()
            return True, body

    def next_event(self):
        if self.events:
            return self.events.pop(0)
        rtyp, _, _, body = self.recv_msg()
        assert rtyp == XS_WATCH_EVENT, 'got type %d, want an event' % rtyp
        return body.split(b'\0')[:2]

    def close(self):
        self.s.close()


def args(*strings):
    return b''.join(s.encode() + b'\0' for s in strings)


def ok(c, typ, payload, tx=0):
    good, body = c.request(typ, payload, tx)
    assert good, 'request %d failed: %s' % (typ, body)
    return body


def err(c, typ, payload, want, tx=0):
    good, body = c.request(typ, payload, tx)
    assert not good, 'request %d succeeded, want %s' % (typ, want)
    assert body == want, 'got %s, want %s' % (body, want)


def case(fn):
    try:
        fn()
        results.append('PASS client/wire/%s' % fn.__name__)
    except Exception as e:     # any failure is this case's, not the run's
        results.append('FAIL client/wire/%s: %s' % (fn.__name__, e))
    return fn


def txn_start(c):
    return int(ok(c, XS_TRANSACTION_START, b'\0').rstrip(b'\0'))


def run(dom0_path, g5_path, g6_path):
    d0 = Conn(dom0_path)

    @case
    def transaction_conflict_then_retry():
        ok(d0, XS_WRITE, args('/txc/k') + b'0')
        other = Conn(dom0_path)
        for attempt in range(3):
            tx = txn_start(d0)
            val = ok(d0, XS_READ, args('/txc/k'), tx)
            ok(d0, XS_WRITE, args('/txc/k') + str(int(val) + 1).encode(), tx)
            if attempt == 0:       # someone else changes it meanwhile
                ok(other, XS_WRITE, args('/txc/k') + b'100')
            good, body = d0.request(XS_TRANSACTION_END, args('T'), tx)
            if attempt == 0:
                assert not good and body == 'EAGAIN', 'no conflict: %s' % body
                continue
            assert good, 'retry failed: %s' % body
            break
        assert ok(d0, XS_READ, args('/txc/k')) == b'101'
        other.close()

    @case
    def transaction_isolation_and_abort():
        tx = txn_start(d0)
        ok(d0, XS_WRITE, args('/txi/new') + b'x', tx)
        err(d0, XS_READ, args('/txi/new'), 'ENOENT')
        ok(d0, XS_TRANSACTION_END, args('F'), tx)
        err(d0, XS_READ, args('/txi/new'), 'ENOENT')
        err(d0, XS_READ, args('/txi/new'), 'ENOENT', tx)   # tx is gone

    @case
    def watch_fires_on_commit_only():
        w = Conn(dom0_path)
        ok(w, XS_WATCH, args('/txw', 'tok'))
        assert w.next_event() == [b'/txw', b'tok']
        tx = txn_start(d0)
        ok(d0, XS_WRITE, args('/txw/a') + b'1', tx)
        ok(w, XS_READ, args('/'))            # round trip: nothing queued
        assert not w.events, 'event before commit: %s' % w.events
        ok(d0, XS_TRANSACTION_END, args('T'), tx)
        assert w.next_event() == [b'/txw/a', b'tok']
        w.close()

    @case
    def introduce_fires_special_watch():
        w = Conn(dom0_path)
        ok(w, XS_WATCH, args('@introduceDomain', 'intro'))
        ok(w, XS_WATCH, args('@releaseDomain', 'rel'))
        w.next_event()
        w.next_event()
        ok(d0, XS_INTRODUCE, args('9', '1234', '7'))
        assert w.next_event() == [b'@introduceDomain', b'intro']
        assert ok(d0, XS_IS_DOMAIN_INTRODUCED, args('9')) == b'T\0'
        assert ok(d0, XS_GET_DOMAIN_PATH, args('9')) == b'/local/domain/9\0'
        ok(d0, XS_RELEASE, args('9'))
        assert w.next_event() == [b'@releaseDomain', b'rel']
        assert ok(d0, XS_IS_DOMAIN_INTRODUCED, args('9')) == b'F\0'
        err(d0, XS_RELEASE, args('9'), 'ENOENT')
        w.close()

    @case
    def guest_cannot_manage_domains():
        g = Conn(g5_path)
        err(g, XS_INTRODUCE, args('11', '1', '1'), 'EACCES')
        err(g, XS_RELEASE, args('5'), 'EACCES')
        err(g, XS_SET_TARGET, args('5', '6'), 'EACCES')
        err(g, XS_CONTROL, args('help'), 'EACCES')
        err(g, XS_IS_DOMAIN_INTRODUCED, args('5'), 'EACCES')
        g.close()

    @case
    def watch_quota():
        g = Conn(g5_path)
        quota = 4                     # run.sh starts the daemon with it
        for i in range(quota):
            ok(g, XS_WATCH, args('/wq%d' % i, 't'))
        err(g, XS_WATCH, args('/wq-over', 't'), 'E2BIG')
        ok(g, XS_RESET_WATCHES, b'\0')
        ok(g, XS_WATCH, args('/wq-again', 't'))
        g.close()

    @case
    def transaction_quota():
        g = Conn(g5_path)
        txs = [txn_start(g) for _ in range(2)]
        err(g, XS_TRANSACTION_START, b'\0', 'ENOSPC')
        ok(g, XS_TRANSACTION_END, args('F'), txs[0])
        txn_start(g)
        g.close()

    @case
    def set_target_grants_access():
        ok(d0, XS_WRITE, args('/local/domain/6/dev') + b'v')
        ok(d0, XS_SET_PERMS, args('/local/domain/6/dev', 'n6'))
        g5 = Conn(g5_path)
        g6 = Conn(g6_path)            # connecting introduces domain 6
        ok(g6, XS_READ, args('dev'))
        err(g5, XS_READ, args('/local/domain/6/dev'), 'EACCES')
        ok(d0, XS_SET_TARGET, args('5', '6'))
        assert ok(g5, XS_READ, args('/local/domain/6/dev')) == b'v'
        g5.close()
        g6.close()

    @case
    def unknown_type_and_bad_payloads():
        c = Conn(dom0_path)
        err(c, 20, b'', 'ENOSYS')            # withdrawn XS_RESTRICT
        err(c, 999, b'', 'ENOSYS')
        err(c, XS_WATCH_EVENT, b'', 'ENOSYS')
        err(c, XS_READ, b'/no-nul', 'EINVAL')
        err(c, XS_READ, b'/a\0extra\0', 'EINVAL')
        err(c, XS_READ, b'', 'EINVAL')
        err(c, XS_WRITE, b'/a/', 'EINVAL')
        err(c, XS_READ, args('bad path'), 'EINVAL')
        err(c, XS_TRANSACTION_END, args('T'), 'ENOENT')
        err(c, XS_READ, args('/'), 'ENOENT', tx=12345)
        assert ok(c, XS_READ, args('/txc/k')) == b'101'   # still served
        c.close()

    @case
    def oversized_message_drops_only_offender():
        bad = Conn(dom0_path)
        bad.send_raw(struct.pack('<IIII', XS_WRITE, 1, 0, 4097))
        try:
            bad.recv_msg()
            raise AssertionError('oversized client was answered')
        except (EOFError, ConnectionResetError):
            pass
        assert ok(d0, XS_READ, args('/txc/k')) == b'101'

    @case
    def disconnect_mid_message():
        bad = Conn(dom0_path)
        bad.send_raw(struct.pack('<IIII', XS_WRITE, 1, 0, 100) + b'/half')
        bad.close()
        bad = Conn(dom0_path)
        bad.send_raw(b'\x0b\x00\x00')         # not even a header
        bad.close()
        err(d0, XS_READ, args('/half'), 'ENOENT')
        assert ok(d0, XS_READ, args('/txc/k')) == b'101'

    @case
    def client_that_never_reads_is_dropped():
        lazy = Conn(dom0_path)
        ok(lazy, XS_WATCH, args('/flood', 'f' * 1000))
        lazy.next_event()
        # ~1 KiB events pile up for a watcher that reads nothing; past
        # the daemon's 1 MiB queue limit it is dropped.
        for i in range(1600):
            ok(d0, XS_WRITE, args('/flood/n') + b'x')
        assert ok(d0, XS_READ, args('/txc/k')) == b'101'
        time.sleep(0.2)
        try:
            while True:
                lazy.recv_msg()
        except (EOFError, ConnectionResetError):
            pass
        except socket.timeout:
            raise AssertionError('lazy client still connected')

    @case
    def pipelined_requests_answered_in_order():
        c = Conn(dom0_path)
        msgs = b''
        for i in range(50):
            p = args('/pipe/%d' % i) + b'v'
            msgs += struct.pack('<IIII', XS_WRITE, 1000 + i, 0, len(p)) + p
        c.send_raw(msgs)
        for i in range(50):
            typ, rid, _, _ = c.recv_msg()
            assert typ == XS_WRITE and rid == 1000 + i, (typ, rid)
        c.close()

    @case
    def garbage_from_many_clients():
        import random
        rnd = random.Random(8)
        for path in (dom0_path, g5_path) * 15:
            c = Conn(path)
            for _ in range(20):
                typ = rnd.choice([rnd.randrange(25), rnd.randrange(1 << 32)])
                body = bytes(rnd.randrange(256)
                             for _ in range(rnd.randrange(60)))
                ln = len(body) if rnd.randrange(8) else rnd.randrange(5000)
                try:
                    c.send_raw(struct.pack('<IIII', typ, 1, 0, ln) + body)
                except OSError:
                    break              # dropped: fine
            c.close()
        assert ok(d0, XS_READ, args('/txc/k')) == b'101'
        assert ok(d0, XS_CONTROL, args('check')) == b'OK\0'

    @case
    def control_check_and_quota():
        assert ok(d0, XS_CONTROL, args('check')) == b'OK\0'
        assert b'watches 4' in ok(d0, XS_CONTROL, args('quota', 'watches'))

    d0.close()


def main():
    run(*sys.argv[1:4])
    for line in results:
        print(line)
    return 0 if all(r.startswith('PASS') for r in results) else 1


if __name__ == '__main__':
    sys.exit(main())
