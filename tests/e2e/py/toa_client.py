#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A TCP client that does the handshake by hand over a raw socket, so it
can put what a FULLNAT director would (or a broken one might) in the TCP
options of its SYN, of the ACK completing the handshake and of its first
data packet: the test of the real-server side without a director.

    toa_client.py --src ADDR --dst ADDR --port N [--sport N]
                  [--toa ADDR:PORT | --opt HEX] [--prefix HEX] [--data TEXT]
    toa_client.py ... --segments N --size BYTES   (instead of --data)
    toa_client.py --batch    (one line of the options above per connection
                              on stdin, made one after the other)

--toa: the client-address option (kind 254, length 8 for an IPv4 ADDR, 20
for IPv6; "[v6addr]:port").  --opt: raw option bytes (hex), put before it;
the whole is padded with end-of-list bytes to a multiple of 4.  --prefix: raw bytes (hex) put
before the data line.  The SYN also carries an MSS option.  The local
kernel answers the server's SYN-ACK with a reset: the caller must drop
that (nft).  Prints "connected" once the SYN-ACK came and the ACK and data
were sent; exits non-zero if no SYN-ACK came.  --segments: N data
segments of BYTES each, back to back, PSH on the last; then waits until
the server has acknowledged them all ("acknowledged"), and fails if it
does not within 5 s.  Stdlib only.
"""
import argparse
import random
import select
import shlex
import socket
import struct
import sys
import time

TOA_KIND = 254
SYN, RST, PSH, ACK = 0x02, 0x04, 0x08, 0x10


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def toa_option(spec):
    host, _, port = spec.rpartition(":")
    host = host.strip("[]")
    if ":" in host:
        return bytes([TOA_KIND, 20]) + struct.pack("!H", int(port)) + \
            socket.inet_pton(socket.AF_INET6, host)
    return bytes([TOA_KIND, 8]) + struct.pack("!H", int(port)) + \
        socket.inet_pton(socket.AF_INET, host)


class Conn:
    def __init__(self, a):
        self.fam = socket.AF_INET6 if ":" in a.dst else socket.AF_INET
        self.src, self.dst, self.dport = a.src, a.dst, a.port
        self.sport = a.sport or random.randint(40000, 59999)
        self.s = socket.socket(self.fam, socket.SOCK_RAW, socket.IPPROTO_TCP)
        self.s.bind((a.src, 0))

    def pseudo(self, length):
        src = socket.inet_pton(self.fam, self.src)
        dst = socket.inet_pton(self.fam, self.dst)
        if self.fam == socket.AF_INET:
            return src + dst + struct.pack("!BBH", 0, socket.IPPROTO_TCP, length)
        return src + dst + struct.pack("!I3xB", length, socket.IPPROTO_TCP)

    def send(self, seq, ack, flags, opts=b"", data=b""):
        self.put(self.segment(seq, ack, flags, opts, data))

    def segment(self, seq, ack, flags, opts=b"", data=b""):
        opts += b"\0" * (-len(opts) % 4)
        assert len(opts) <= 40
        doff = (20 + len(opts)) // 4
        hdr = struct.pack("!HHIIBBHHH", self.sport, self.dport, seq, ack,
                          doff << 4, flags, 65535, 0, 0) + opts
        c = csum(self.pseudo(len(hdr) + len(data)) + hdr + data)
        return hdr[:16] + struct.pack("!H", c) + hdr[18:] + data

    def put(self, seg):
        dst = (self.dst, 0) if self.fam == socket.AF_INET else (self.dst, 0, 0, 0)
        self.s.sendto(seg, dst)

    def recv(self, timeout):
        """The next segment of this connection from the server: (seq, ack,
        flags, data)."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self.s], [], [], left)[0]:
                return None
            pkt, addr = self.s.recvfrom(65535)
            if self.fam == socket.AF_INET:
                if pkt[9] != socket.IPPROTO_TCP:
                    continue
                pkt = pkt[(pkt[0] & 0xf) * 4:]
            if socket.inet_pton(self.fam, addr[0]) != socket.inet_pton(self.fam, self.dst) \
                    or len(pkt) < 20:
                continue
            sport, dport, seq, ack, doff, flags = struct.unpack("!HHIIBB", pkt[:14])
            if (sport, dport) == (self.dport, self.sport):
                return seq, ack, flags, pkt[(doff >> 4) * 4:]


def parser():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", action="store_true")
    ap.add_argument("--src")
    ap.add_argument("--dst")
    ap.add_argument("--port", type=int)
    ap.add_argument("--sport", type=int, default=0)
    ap.add_argument("--toa")
    ap.add_argument("--opt", default="")
    ap.add_argument("--prefix", default="")
    ap.add_argument("--data", default="hello")
    ap.add_argument("--segments", type=int, default=0)
    ap.add_argument("--size", type=int, default=1000)
    return ap


def connect(a):
    """One connection as the options in a ask; an error message or None."""
    if not (a.src and a.dst and a.port):
        return "--src, --dst and --port are required"
    c = Conn(a)
    try:
        return handshake(c, a)
    finally:
        c.s.close()


def handshake(c, a):
    opt = bytes.fromhex(a.opt) + (toa_option(a.toa) if a.toa else b"")
    isn = random.getrandbits(32)
    mss = struct.pack("!BBH", 2, 4, 1220)
    for _ in range(3):
        c.send(isn, 0, SYN, mss + opt)
        r = c.recv(3)
        while r and (r[2] & (SYN | ACK)) != SYN | ACK:
            r = c.recv(3)
        if r:
            break
    else:
        return "no SYN-ACK"
    if r[1] != (isn + 1) & 0xffffffff:
        return f"SYN-ACK acknowledges {r[1]}, not {isn + 1}"
    seq, ack = (isn + 1) & 0xffffffff, (r[0] + 1) & 0xffffffff
    c.send(seq, ack, ACK, opt)
    if a.segments:
        return burst(c, seq, ack, a.segments, a.size)
    data = bytes.fromhex(a.prefix) + a.data.encode() + b"\n"
    c.send(seq, ack, PSH | ACK, opt, data)
    print("connected", flush=True)
    return None


def burst(c, seq, ack, n, size):
    """n segments of size bytes, then the server's ACK of all of them.
    Built before the first is sent, so that they leave back to back: under
    TCG, building each as it is sent spread them over more than a netem
    slot."""
    segs = [c.segment((seq + i * size) & 0xffffffff, ack, ACK | (PSH if i == n - 1 else 0),
                      data=b"x" * size) for i in range(n)]
    for seg in segs:
        c.put(seg)
    end, got = (seq + n * size) & 0xffffffff, seq
    deadline = time.monotonic() + 5
    while got != end and time.monotonic() < deadline:
        r = c.recv(deadline - time.monotonic())
        if r and r[2] & ACK:
            got = r[1]
    if got != end:
        return f"{(got - seq) & 0xffffffff} of {n * size} bytes acknowledged"
    print("acknowledged", flush=True)
    return None


def main():
    ap = parser()
    a = ap.parse_args()
    if not a.batch:
        err = connect(a)
        if err:
            print(err, file=sys.stderr)
        return 1 if err else 0
    for line in sys.stdin:
        if not line.strip():
            continue
        err = connect(ap.parse_args(shlex.split(line)))
        if err:
            print(f"{err}: {line.strip()}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
