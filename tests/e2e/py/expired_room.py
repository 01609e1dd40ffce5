#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
#   expired_room.py DIRECTOR ADDR PORT OLD NEW SECS
#
# In the client's namespace: two datagrams to ADDR PORT from source port
# OLD, answered (an assured flow, which pressure mode never evicts); then,
# SECS (the UDP timeout) after the last answer, the moment that entry has
# expired, one datagram from source port NEW while the director's table
# (namespace DIRECTOR) still counts the expired entry: before the
# collector, once a second, takes it. A shell is too slow for that moment.
# Prints NEW's answer ("" if none); exits 3 if the collector came first
# (the caller tries again).
import ctypes
import os
import socket
import sys
import time

CLONE_NEWNET = 0x40000000
LIBC = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if LIBC.setns(fd, CLONE_NEWNET):
        raise OSError(ctypes.get_errno(), "setns")


def director_count(name):
    """conn_count of namespace name, readable from this one: a net sysctl
    file belongs to the namespace it was opened in."""
    here = os.open("/proc/self/ns/net", os.O_RDONLY)
    there = os.open("/run/netns/" + name, os.O_RDONLY)
    setns(there)
    fd = os.open("/proc/sys/net/lbvs/conn_count", os.O_RDONLY)
    setns(here)
    os.close(here)
    os.close(there)
    return fd


def read_count(fd):
    return int(os.pread(fd, 32, 0))


def ask(addr, port, sport):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", sport))
        s.connect((addr, port))
        s.settimeout(2.0)
        s.send(b"ping\n")
        try:
            return s.recv(100).decode().strip()
        except (socket.timeout, ConnectionRefusedError):
            return ""


def main():
    name, addr, port, old, new, secs = sys.argv[1:7]
    fd = director_count(name)
    before = read_count(fd)
    for _ in range(2):
        if ask(addr, int(port), int(old)) == "":
            sys.exit("the first flow was not answered")
    time.sleep(float(secs) + 0.02)
    if read_count(fd) <= before:
        sys.exit(3)
    print(ask(addr, int(port), int(new)))


main()
