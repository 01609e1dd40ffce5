#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# New flows at a steady pace while something else (a flood) goes on:
#
#   probe.py http ADDR PORT SECONDS    a new TCP connection and GET each
#                                      half second
#   probe.py udp ADDR PORT SECONDS     a datagram from a new source port
#                                      each half second, sent again each
#                                      second unanswered, as resolvers do
#                                      (TCP retransmits its SYN likewise)
#
# Each must be answered within 3 s. Prints "OK TOTAL SLOWEST_MS".
import socket
import sys
import time

PACE = 0.5
LIMIT = 3.0


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def http(addr, port, n):
    with socket.socket(family(addr), socket.SOCK_STREAM) as s:
        s.settimeout(LIMIT)
        s.connect((addr, port))
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        return s.recv(100).startswith(b"HTTP/1.")


def udp(addr, port, n):
    with socket.socket(family(addr), socket.SOCK_DGRAM) as s:
        s.settimeout(1.0)
        s.bind(("::" if ":" in addr else "0.0.0.0", 42000 + n % 20000))
        for _ in range(int(LIMIT)):
            s.sendto(b"ping\n", (addr, port))
            try:
                return bool(s.recv(100))
            except socket.timeout:
                continue
        return False


def main(argv):
    ask = {"http": http, "udp": udp}[argv[1]]
    addr, port, secs = argv[2], int(argv[3]), float(argv[4])
    ok = total = 0
    slowest = 0.0
    end = time.monotonic() + secs
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            good = ask(addr, port, total)
        except OSError:
            good = False
        took = time.monotonic() - start
        total += 1
        if good and took <= LIMIT:
            ok += 1
            slowest = max(slowest, took)
        time.sleep(max(0.0, PACE - took))
    print(ok, total, int(slowest * 1000))


if __name__ == "__main__":
    main(sys.argv)
