#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A TCP server that tells who its clients are, two ways (docs/toa.md).

For each accepted connection it prints one line:

    accept=ADDR:PORT peer=ADDR:PORT syn=ADDR:PORT data=TEXT

accept= is the address accept() returned and peer= what getpeername() says
(with lbvs_toa loaded, the client address of the FULLNAT option); syn= is
the client address read from the option (kind 254) in the connection's SYN
as saved by the kernel (TCP_SAVE_SYN / TCP_SAVED_SYN, no module needed), or
"-" when the SYN has none; data= is the last line the client sent.  IPv4
addresses seen by an IPv6 socket (::ffff:a.b.c.d) are printed as a.b.c.d.
The connection is then closed with a reset (SO_LINGER 0), so the socket is
gone at once.

    toa_server.py [--listen ADDR] [--count N] PORT
    toa_server.py --hold [--listen ADDR] PORT    (listen, never accept)

ADDR defaults to "::" (IPv4 and IPv6).  Stdlib only.
"""
import argparse
import ipaddress
import socket
import struct
import sys
import time

TCP_SAVE_SYN = 27       # linux/tcp.h
TCP_SAVED_SYN = 28
TOA_KIND = 254          # LBVS_TOA_KIND, include/uapi/linux/lbvs.h
TOA_LEN4, TOA_LEN6 = 8, 20


def toa_option(opts):
    """The (address, port) of the first well-formed option 254 of length 8
    or 20 in a TCP option list, or None.  Stops at the end of the list or
    at a malformed option, like the kernel module does."""
    i = 0
    while i < len(opts):
        kind = opts[i]
        if kind == 0:                   # end of list
            break
        if kind == 1:                   # no-op
            i += 1
            continue
        if i + 1 >= len(opts):
            break
        size = opts[i + 1]
        if size < 2 or i + size > len(opts):
            break
        if kind == TOA_KIND and size == TOA_LEN4:
            return socket.inet_ntop(socket.AF_INET, opts[i + 4:i + 8]), \
                struct.unpack("!H", opts[i + 2:i + 4])[0]
        if kind == TOA_KIND and size == TOA_LEN6:
            return socket.inet_ntop(socket.AF_INET6, opts[i + 4:i + 20]), \
                struct.unpack("!H", opts[i + 2:i + 4])[0]
        i += size
    return None


def saved_syn_toa(conn):
    """The option's client address in the SYN that TCP_SAVE_SYN kept for
    this accepted connection (IP header + TCP header), or None."""
    syn = conn.getsockopt(socket.IPPROTO_TCP, TCP_SAVED_SYN, 512)
    if not syn:
        return None
    if syn[0] >> 4 == 4:
        off, proto = (syn[0] & 0xf) * 4, syn[9]
    elif syn[0] >> 4 == 6:
        off, proto = 40, syn[6]
        while proto in (0, 43, 60) and off + 2 <= len(syn):     # extension headers
            proto, off = syn[off], off + (syn[off + 1] + 1) * 8
    else:
        return None
    if proto != socket.IPPROTO_TCP or off + 20 > len(syn):
        return None
    doff = (syn[off + 12] >> 4) * 4
    return toa_option(syn[off + 20:off + min(doff, len(syn) - off)])


def fmt(addr):
    if addr is None:
        return "-"
    host, port = addr[0], addr[1]
    ip = ipaddress.ip_address(host)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return f"{ip}:{port}" if ip.version == 4 else f"[{ip}]:{port}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", default="::")
    ap.add_argument("--count", type=int, default=0, help="exit after N connections")
    ap.add_argument("--hold", action="store_true", help="never accept")
    ap.add_argument("port", type=int)
    a = ap.parse_args()

    fam = socket.AF_INET6 if ":" in a.listen else socket.AF_INET
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6:
        ls.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    ls.setsockopt(socket.IPPROTO_TCP, TCP_SAVE_SYN, 1)
    ls.bind((a.listen, a.port))
    ls.listen(64)
    if a.hold:
        while True:
            time.sleep(3600)

    n = 0
    while not a.count or n < a.count:
        conn, accepted = ls.accept()
        n += 1
        conn.settimeout(5)
        peer = conn.getpeername()
        syn = saved_syn_toa(conn)
        data = b""
        try:
            while not data.endswith(b"\n"):
                chunk = conn.recv(4096)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            pass
        last = data.rstrip(b"\n").split(b"\n")[-1].decode("ascii", "replace")
        print(f"accept={fmt(accepted)} peer={fmt(peer)} syn={fmt(syn)} data={last}",
              flush=True)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
