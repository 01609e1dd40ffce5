#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
#   mtu_error.py VIP PORT MTU
#
# In the client's namespace: a TCP connection to VIP PORT, some bytes
# sent, then what a router on the client's side would send when the
# server's next segment is too big for it: "fragmentation needed" (IPv4)
# or "packet too big" (IPv6) with MTU, quoting that segment as the client
# would get it: VIP:PORT -> the client, at the sequence number the client
# expects next (read through TCP_REPAIR). The server believes such an
# error only if the quoted number is in its own sequence space.
import socket
import struct
import sys
import time

from toa_client import csum

SOL_TCP = 6
TCP_REPAIR, TCP_REPAIR_QUEUE, TCP_QUEUE_SEQ = 19, 20, 21
TCP_RECV_QUEUE = 1


def next_seq(s):
    """The client's rcv_nxt: the server's next sequence number, as the
    client sees it. Repair mode leaves the socket silent; it is not used
    again."""
    s.setsockopt(SOL_TCP, TCP_REPAIR, 1)
    s.setsockopt(SOL_TCP, TCP_REPAIR_QUEUE, TCP_RECV_QUEUE)
    return struct.unpack("I", s.getsockopt(SOL_TCP, TCP_QUEUE_SEQ, 4))[0]


def quoted_tcp(vport, cport, seq):
    return struct.pack("!HHIIBBHHH", vport, cport, seq, 0, 5 << 4, 0x10, 1000, 0, 0)


def error4(vip, cip, vport, cport, seq, mtu):
    tcp = quoted_tcp(vport, cport, seq)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + 1400, 0, 0x4000, 63,
                     socket.IPPROTO_TCP, 0, socket.inet_aton(vip), socket.inet_aton(cip))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    body = ip + tcp
    head = struct.pack("!BBHHH", 3, 4, 0, 0, mtu)
    check = csum(head + body)
    return struct.pack("!BBHHH", 3, 4, check, 0, mtu) + body


def error6(vip, cip, vport, cport, seq, mtu):
    tcp = quoted_tcp(vport, cport, seq)
    ip = struct.pack("!IHBB16s16s", 6 << 28, len(tcp) + 1400, socket.IPPROTO_TCP, 63,
                     socket.inet_pton(socket.AF_INET6, vip),
                     socket.inet_pton(socket.AF_INET6, cip))
    # The kernel computes an ICMPv6 raw socket's checksum.
    return struct.pack("!BBHI", 2, 0, 0, mtu) + ip + tcp


def main():
    vip, port, mtu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    v6 = ":" in vip
    fam = socket.AF_INET6 if v6 else socket.AF_INET
    s = socket.create_connection((vip, port), timeout=5)
    s.sendall(b"hello\n")
    time.sleep(1)	# the proxy's handshake with the server is done
    cip, cport = s.getsockname()[:2]
    seq = next_seq(s)
    if v6:
        raw = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        msg = error6(vip, cip, port, cport, seq, mtu)
    else:
        raw = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        msg = error4(vip, cip, port, cport, seq, mtu)
    raw.sendto(msg, (vip, 0))
    time.sleep(0.5)
    print(cport)


if __name__ == "__main__":
    main()
