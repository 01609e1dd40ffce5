#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# One process for a whole tally: on the debug kernel under TCG every exec
# costs seconds (curl ~7 s), so N requests from one interpreter beat N curls.
#
#   tally.py http URL N             N GETs, one TCP connection each
#   tally.py udp ADDR PORT N FIRST  N datagrams from source ports FIRST..
#   tally.py tcp ADDR PORT N        N TCP connections, each read for a
#                                   greeting (an echo server's name)
#
# Prints one line per request: the answer's first line, or "-".
import socket
import sys
import urllib.parse


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def http_get(host, port, path):
    with socket.socket(family(host), socket.SOCK_STREAM) as s:
        s.settimeout(5)
        s.connect((host, port))
        s.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(4096):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = head.split(b"\r\n")[0].split()
    if len(status) < 2 or not status[0].startswith(b"HTTP/1.") or status[1] != b"200":
        raise ValueError("bad answer")
    return body.decode().splitlines()[0]


def udp_ask(host, port, sport):
    with socket.socket(family(host), socket.SOCK_DGRAM) as s:
        s.settimeout(2)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("::" if ":" in host else "0.0.0.0", sport))
        s.sendto(b"ping\n", (host, port))
        return s.recv(65535).decode().splitlines()[0]


def tcp_greeting(host, port):
    with socket.create_connection((host, port), timeout=5) as s:
        return s.makefile().readline().split()[0]


def answer(ask, *args):
    try:
        return ask(*args)
    except (OSError, ValueError, IndexError, UnicodeError):
        return "-"


def main(argv):
    if argv[1] == "http":
        u = urllib.parse.urlsplit(argv[2])
        for _ in range(int(argv[3])):
            print(answer(http_get, u.hostname, u.port or 80, u.path or "/"))
    elif argv[1] == "tcp":
        for _ in range(int(argv[4])):
            print(answer(tcp_greeting, argv[2], int(argv[3])))
    else:
        host, port, n, first = argv[2], int(argv[3]), int(argv[4]), int(argv[5])
        for sport in range(first, first + n):
            print(answer(udp_ask, host, port, sport))


main(sys.argv)
