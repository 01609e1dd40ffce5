# SPDX-License-Identifier: GPL-2.0
"""Hostile Generic Netlink messages for the LBVS family, or IPVS's.

Usage: nlfuzz.py SEED COUNT [LBVS|IPVS]. Sends COUNT messages built from
SEED to the family (LBVS by default; IPVS: lbvs's IPVS personality): random
commands with random, truncated, oversized, mis-typed and mis-nested
attributes, well-formed requests with hostile values, and malformed headers. Every message must be answered (an error
or an ACK) within a second; prints the tally of answers by errno.
"""
import errno
import os
import random
import socket
import struct
import sys

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLA_F_NESTED = 0x8000


def attr(typ, payload):
    pad = (4 - len(payload) % 4) % 4
    return struct.pack("HH", 4 + len(payload), typ) + payload + b"\0" * pad


def msg(typ, flags, seq, cmd, body, version=1):
    payload = struct.pack("BBH", cmd, version, 0) + body
    return struct.pack("IHHII", 16 + len(payload), typ, flags, seq, 0) + payload


def parse_attrs(data):
    out = {}
    while len(data) >= 4:
        ln, typ = struct.unpack("HH", data[:4])
        if ln < 4:
            break
        out[typ & 0x3FFF] = data[4:ln]
        data = data[(ln + 3) & ~3:]
    return out


def family_id(sock, name):
    sock.send(msg(GENL_ID_CTRL, NLM_F_REQUEST, 1, CTRL_CMD_GETFAMILY,
                  attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0")))
    data = sock.recv(65536)
    ln, typ = struct.unpack("IH", data[:6])
    if typ == NLMSG_ERROR:
        sys.exit("family %s not found" % name)
    return struct.unpack("H", parse_attrs(data[20:ln])[CTRL_ATTR_FAMILY_ID][:2])[0]


def rand_payload(r):
    kind = r.randrange(8)
    if kind == 0:
        return b""
    if kind == 1:
        return struct.pack("B", r.randrange(256))
    if kind == 2:
        return struct.pack("H", r.choice([0, 2, 10, 6, 17, 0xFFFF, r.randrange(65536)]))
    if kind == 3:
        return struct.pack("I", r.choice([0, 1, 65535, 65536, 0x7FFFFFFF, 0xFFFFFFFF,
                                          r.randrange(1 << 32)]))
    if kind == 4:
        return os.urandom(r.choice([3, 4, 5, 15, 16, 17, 64]))
    if kind == 5:
        return r.choice([b"rr\0", b"wrr", b"x" * 40 + b"\0", b"\0", b"wlc\0junk"])
    if kind == 6:
        return nested(r, depth=1)
    return os.urandom(r.randrange(300))


def nested(r, depth=0):
    body = b""
    for _ in range(r.randrange(6)):
        typ = r.randrange(20)
        if depth < 2 and r.random() < 0.3:
            body += attr(typ | NLA_F_NESTED, nested(r, depth + 1))
        else:
            body += attr(typ, rand_payload(r))
    return body


def almost_valid_dest(r, alen):
    dest = attr(2, bytes([192, 0, 2, r.randrange(8)]) + b"\0" * (alen - 4))
    dest += attr(3, struct.pack(">H", r.choice([80, 8080, 0])))
    for typ, vals in ((4, [0, 1, 2, 3, 4, 5, 99]), (5, [0, 1, 3, 65535, 65536, 1 << 31]),
                      (6, [0, 1, 10, 1 << 31]), (7, [0, 1, 5])):
        if r.random() < 0.6:
            dest += attr(typ, struct.pack("I", r.choice(vals)))
    # The tunnel's type (u8), port (be16) and flags (u16), any mix of them.
    if r.random() < 0.3:
        dest += attr(13, struct.pack("B", r.choice([0, 1, 2, 3, 255])))
    if r.random() < 0.3:
        dest += attr(14, struct.pack(">H", r.choice([0, 6080])))
    if r.random() < 0.3:
        dest += attr(15, struct.pack("H", r.choice([0, 1, 2, 3, 4])))
    return dest


def almost_valid(r):
    """A well-formed service (+ real server) request with random values."""
    v6 = r.random() < 0.3
    af = 10 if v6 else 2
    alen = 16 if v6 else 4
    svc = attr(1, struct.pack("H", r.choice([af, af, af, 0, 7])))
    if r.random() < 0.2:
        svc += attr(5, struct.pack("I", r.choice([0, 1, 7, 0xFFFFFFFF])))
    else:
        svc += attr(2, struct.pack("H", r.choice([6, 17, 6, 0, 1, 132])))
        svc += attr(3, bytes([203, 0, 113, r.randrange(4)]) + b"\0" * (alen - 4)
                    if r.random() < 0.9 else os.urandom(r.randrange(20)))
        svc += attr(4, struct.pack(">H", r.choice([80, 80, 0, 65535])))
    if r.random() < 0.7:
        svc += attr(6, r.choice([b"rr\0", b"wrr\0", b"lc\0", b"wlc\0", b"sh\0",
                                 b"dh\0", b"nosuch\0", b"\0"]))
    for typ, vals in ((7, [0, 1, 2, 4, 5, 0xFFFF]), (8, [0, 300, 1 << 31]),):
        if r.random() < 0.3:
            svc += attr(typ, struct.pack("I", r.choice(vals)))
    if r.random() < 0.3:
        svc += attr(9, struct.pack("B", r.choice([0, 24, 32, 64, 128, 129, 255])))
    body = attr(1 | NLA_F_NESTED, svc)
    if r.random() < 0.6:
        body += attr(2 | NLA_F_NESTED, almost_valid_dest(r, alen))
    if r.random() < 0.3:
        # LBVS_ATTR_DEST_LIST: 0-5 servers, duplicates, stray entry types.
        items = b"".join(attr(r.choice([2, 2, 2, 1, 0]) | NLA_F_NESTED,
                              almost_valid_dest(r, alen))
                         for _ in range(r.randrange(6)))
        body += attr(16 | (NLA_F_NESTED if r.random() < 0.9 else 0), items)
    if r.random() < 0.2:
        body += attr(r.choice([4, 5, 6]), struct.pack("I", r.choice([0, 1, 1 << 30])))
    return body


def almost_valid_ipvs(r):
    """The same in IPVS's attributes (include/uapi/linux/ip_vs.h): addresses
    of 16 bytes, flags as {flags, mask}, netmask as u32."""
    v6 = r.random() < 0.3
    af = 10 if v6 else 2
    addr = (bytes([32, 1, 13, 184]) if v6 else bytes([203, 0, 113, r.randrange(4)])) + \
        b"\0" * 12
    svc = attr(1, struct.pack("H", r.choice([af, af, af, 0, 7])))
    if r.random() < 0.2:
        svc += attr(5, struct.pack("I", r.choice([0, 1, 7, 0xFFFFFFFF])))
    else:
        svc += attr(2, struct.pack("H", r.choice([6, 17, 6, 0, 132, 0x106])))
        svc += attr(3, addr if r.random() < 0.9 else os.urandom(r.randrange(20)))
        svc += attr(4, struct.pack(">H", r.choice([80, 80, 0, 65535])))
    if r.random() < 0.7:
        svc += attr(6, r.choice([b"rr\0", b"wlc\0", b"mh\0", b"nosuch\0", b"\0"]))
    if r.random() < 0.6:
        svc += attr(7, struct.pack("II", r.choice([0, 1, 2, 4, 0x38, 0x8000]),
                                   r.choice([0, 0xFFFFFFFF, 1])))
    if r.random() < 0.6:
        svc += attr(8, struct.pack("I", r.choice([0, 300, 1 << 31])))
    if r.random() < 0.6:
        svc += attr(9, struct.pack("I", r.choice([0, 24, 64, 128, 129, 0xFFFFFFFF,
                                                  0x00FFFFFF, 0x00FF00FF])))
    if r.random() < 0.1:
        svc += attr(11, b"sip\0")
    body = attr(1 | NLA_F_NESTED, svc)
    if r.random() < 0.6:
        dest = attr(1, bytes([192, 0, 2, r.randrange(8)]) + b"\0" * 12)
        dest += attr(2, struct.pack(">H", r.choice([80, 8080, 0])))
        for typ, vals in ((3, [0, 1, 2, 3, 4, 7]), (4, [0, 1, 65536, 1 << 31]),
                          (5, [0, 10, 1 << 31]), (6, [0, 5, 20]), (11, [2, 10, 7])):
            if r.random() < 0.7:
                dest += attr(typ, struct.pack("H" if typ == 11 else "I", r.choice(vals)))
        if r.random() < 0.3:
            dest += attr(13, struct.pack("B", r.choice([0, 1, 2, 3, 255])))
        if r.random() < 0.3:
            dest += attr(14, struct.pack(">H", r.choice([0, 6080])))
        if r.random() < 0.3:
            dest += attr(15, struct.pack("H", r.choice([0, 1, 2, 3])))
        body += attr(2 | NLA_F_NESTED, dest)
    if r.random() < 0.2:
        body += attr(r.choice([3, 4, 5, 6]), struct.pack("I", r.choice([0, 1, 1 << 30])))
    return body


def hostile(r, fam, seq, valid):
    """A message, and whether the netlink core answers it at all (it drops
    messages whose header length disagrees with what was sent)."""
    cmd = r.randrange(20)
    body = valid(r) if r.random() < 0.6 else nested(r)
    flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if r.random() < 0.2 else 0)
    m = msg(fam, flags, seq, cmd, body, version=r.choice([1, 1, 0, 255]))
    mangle = r.randrange(6)
    if mangle == 0 and len(m) > 20:
        return m[: r.randrange(16, len(m))], False            # truncated
    if mangle == 1:
        return struct.pack("I", len(m) + r.randrange(1, 64)) + m[4:], False  # length lies
    if mangle == 2 and len(m) > 24:
        i = r.randrange(20, len(m) - 2)                       # a bad attr length
        m = m[:i] + struct.pack("H", r.choice([0, 1, 3, 0xFFFF])) + m[i + 2:]
    return m, True


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    name = sys.argv[3] if len(sys.argv) > 3 else "LBVS"
    valid = almost_valid_ipvs if name == "IPVS" else almost_valid
    r = random.Random(seed)
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.bind((0, 0))
    sock.settimeout(2)
    fam = family_id(sock, name)
    tally = {}
    for seq in range(100, 100 + count):
        m, answered = hostile(r, fam, seq, valid)
        sock.settimeout(2 if answered else 0.02)
        try:
            sock.send(m)
        except OSError as e:                                  # refused at send
            tally["send:" + errno.errorcode.get(e.errno, str(e.errno))] = \
                tally.get("send:" + errno.errorcode.get(e.errno, str(e.errno)), 0) + 1
            continue
        # Drain the answers to this message: data, DONE or an error/ACK.
        while True:
            try:
                data = sock.recv(1 << 16)
            except socket.timeout:
                key = "timeout" if answered else "dropped"
                tally[key] = tally.get(key, 0) + 1
                break
            ln, typ = struct.unpack("IH", data[:6])
            if typ == NLMSG_ERROR:
                err = -struct.unpack("i", data[16:20])[0]
                key = errno.errorcode.get(err, "OK" if err == 0 else str(err))
                tally[key] = tally.get(key, 0) + 1
                break
            if typ == NLMSG_DONE:
                tally["DONE"] = tally.get("DONE", 0) + 1
                break
    print(" ".join("%s=%d" % kv for kv in sorted(tally.items())))
    return 1 if tally.get("timeout") else 0


if __name__ == "__main__":
    sys.exit(main())
