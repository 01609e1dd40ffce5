# SPDX-License-Identifier: GPL-2.0
"""The kernel's own checks of a sync daemon's lbvs-only attributes.

Usage: daemon_nl.py IFNAME. Sends LBVS_CMD_NEW_DAEMON requests (backup) that
lbadm would never send, each on IFNAME, and prints one line per request:
"NAME ERRNO: MESSAGE", the kernel's extended ack's message (ERRNO 0:
started; the caller stops it). Attribute numbers are
read from include/uapi/linux/lbvs.h's enum lbvs_daemon_attr.
"""
import os
import re
import socket
import struct
import sys

from nlfuzz import NETLINK_GENERIC, NLA_F_NESTED, NLM_F_ACK, NLM_F_REQUEST, attr, family_id, msg, parse_attrs

CMD_NEW_DAEMON, ATTR_DAEMON = 20, 20
PEER_ADDR = 1
BACKUP = 2
SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
NLMSGERR_ATTR_MSG = 1


def daemon_attrs():
    """LBVS_DAEMON_ATTR_* by name, numbered as the header's enum."""
    uapi = os.path.join(os.path.dirname(__file__), "../../../include/uapi/linux/lbvs.h")
    with open(uapi) as f:
        body = re.search(r"enum lbvs_daemon_attr \{(.*?)\};", f.read(), re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    names = re.findall(r"LBVS_DAEMON_ATTR_(\w+)", body)
    return {n: i for i, n in enumerate(names)}


A = daemon_attrs()
STATE, IFNAME, SYNCID, AF, GROUP, TTL, PEERS = (A[n] for n in (
    "STATE", "IFNAME", "SYNCID", "AF", "GROUP", "TTL", "PEERS"))


def peers(*addrs, typ=PEER_ADDR):
    return attr(PEERS | NLA_F_NESTED, b"".join(attr(typ, a) for a in addrs))


def v4(last):
    return bytes([192, 0, 2, last])


V6 = bytes([0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [2])
CASES = [
    ("nine", peers(*[v4(i) for i in range(1, 10)])),
    ("mixed", peers(v4(2), V6)),
    ("group", peers(v4(2)) + attr(AF, struct.pack("H", 2)) + attr(GROUP, bytes([224, 0, 0, 81]))),
    ("ttl", peers(v4(2)) + attr(TTL, b"\x02")),
    ("multicast", peers(bytes([224, 0, 0, 1]))),
    ("any", peers(bytes(4))),
    ("twice", peers(v4(2), v4(2))),
    ("empty", attr(PEERS | NLA_F_NESTED, b"")),
    ("stray", peers(v4(2), typ=2)),
    ("badlen", peers(bytes(5))),
    ("family", peers(v4(2)) + attr(AF, struct.pack("H", socket.AF_INET6))),
    ("ok", peers(v4(2), v4(3))),
]


def main():
    ifname = sys.argv[1].encode() + b"\0"
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    fam = family_id(sock, "LBVS")
    for seq, (name, extra) in enumerate(CASES, 2):
        daemon = attr(STATE, struct.pack("I", BACKUP)) + attr(IFNAME, ifname)
        daemon += attr(SYNCID, struct.pack("I", 0)) + extra
        sock.send(msg(fam, NLM_F_REQUEST | NLM_F_ACK, seq, CMD_NEW_DAEMON,
                      attr(ATTR_DAEMON | NLA_F_NESTED, daemon)))
        data = sock.recv(65536)
        err = struct.unpack("i", data[16:20])[0]
        # A capped error: its header, the request's header, then the TLVs.
        text = parse_attrs(data[36:]).get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0").decode()
        print("%s %d: %s" % (name, -err, text))


if __name__ == "__main__":
    main()
