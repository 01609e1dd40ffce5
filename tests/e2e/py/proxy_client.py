#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A client of a SYN-proxied HTTP service that does its handshake by hand
(a raw socket: the caller drops its kernel's resets, lib.sh raw_client),
to send what a kernel's client sends only when packets are lost:

    proxy_client.py --src ADDR --dst ADDR --port N --third ack|data

ack: the handshake's ACK, the same ACK again, then the request. data: no
bare ACK; the request rides on the third packet, sent twice back to back.
Either way the request goes once more after the answer began. Prints
"answered" if the answer (HTTP) came at the sequence number the proxy's
SYN-ACK announced and the server acknowledged the request, each time, at
the client's numbers; else what went wrong, exit 1. Stdlib only.
"""
import argparse
import random
import sys
import time

from toa_client import ACK, PSH, SYN, Conn

REQUEST = b"GET / HTTP/1.0\r\n\r\n"


def wait(c, want, secs=5):
    """The first segment from the server for which want() is true."""
    end = time.monotonic() + secs
    while time.monotonic() < end:
        r = c.recv(end - time.monotonic())
        if r and want(r):
            return r
    return None


def run(c, third):
    isn = random.getrandbits(32)
    c.send(isn, 0, SYN, bytes([2, 4, 0x04, 0xc4]))	# MSS 1220
    r = wait(c, lambda r: r[2] & (SYN | ACK) == SYN | ACK)
    if not r:
        return "no SYN-ACK"
    seq, ack = (isn + 1) & 0xffffffff, (r[0] + 1) & 0xffffffff
    if third == "ack":
        c.send(seq, ack, ACK)
        c.send(seq, ack, ACK)
        c.send(seq, ack, ACK | PSH, data=REQUEST)
    else:
        c.send(seq, ack, ACK | PSH, data=REQUEST)
        c.send(seq, ack, ACK | PSH, data=REQUEST)
    end = (seq + len(REQUEST)) & 0xffffffff
    r = wait(c, lambda r: r[3])
    if not r:
        return "no answer"
    if r[0] != ack or not r[3].startswith(b"HTTP/1."):
        return f"the answer came at {r[0]}, not {ack}: {r[3][:20]!r}"
    if r[1] != end:
        return f"the answer acknowledges {r[1]}, not {end}"
    # The request again, as a client whose ACKs were lost would send it:
    # the server acknowledges it once more, at the client's numbers.
    c.send(seq, ack, ACK | PSH, data=REQUEST)
    r = wait(c, lambda r: r[2] & ACK and not r[3] and r[1] == end)
    if not r:
        return "the request sent again was not acknowledged"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--dst", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--third", choices=("ack", "data"), required=True)
    a = ap.parse_args()
    a.sport = 0
    c = Conn(a)
    try:
        err = run(c, a.third)
    finally:
        c.s.close()
    if err:
        print(err, file=sys.stderr)
        return 1
    print("answered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
