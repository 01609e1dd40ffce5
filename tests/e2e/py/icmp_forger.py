# SPDX-License-Identifier: GPL-2.0
"""A UDP server that answers every datagram with its own ICMP port
unreachable, built by hand: with a correct checksum, or a corrupt one.

Usage: icmp_forger.py RIP PORT good|bad. The quote is the datagram as it
reached RIP (CIP:cport -> RIP:PORT), so the director can match it to its
flow; the director must drop the corrupt one rather than re-checksum it.
"""
import socket
import struct
import sys

from toa_client import csum


def main():
    rip, port, bad = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "bad"
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((rip, port))
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    while True:
        data, (cip, cport) = udp.recvfrom(2048)
        quote = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28 + len(data), 0, 0, 64,
                            socket.IPPROTO_UDP, 0, socket.inet_aton(cip),
                            socket.inet_aton(rip))
        quote += struct.pack("!HHHH", cport, port, 8 + len(data), 0) + data[:8]
        check = csum(struct.pack("!BBHI", 3, 3, 0, 0) + quote)
        if bad:
            check ^= 0x5A5A
        raw.sendto(struct.pack("!BBHI", 3, 3, check, 0) + quote, (cip, 0))


if __name__ == "__main__":
    main()
