#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 240
#
# TUN and the path MTU: the director's link is 1400 bytes. A datagram that
# fits it but not with the outer header (20 bytes IPv4, 40 IPv6), sent with
# DF (IPv6: always), is answered with "fragmentation needed" / "packet too
# big" carrying 1380 / 1360, which the client's socket learns; one that
# still fits after encapsulation is answered by the real server.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_tun 1
lbvs_load
udp_server rs1 53 rs1
for vip in "$VIP4" "[$VIP6]"; do
	lbd -A -u "$vip:53" -s rr
done
lbd -a -u "$VIP4:53" -r "${RIP4[1]}" -i
lbd -a -u "[$VIP6]:53" -r "[${RIP6[1]}]" -i
ip -n director link set eth0 mtu 1400
ip -n router link set dir0 mtu 1400

# probe VIP PAYLOAD: send PAYLOAD bytes with DF (three tries), print the
# answer (or "-") and the path MTU the socket learned.
probe()
{
	nsx client python3 - "$1" "$2" <<'PY'
import socket, sys
addr, size = sys.argv[1], int(sys.argv[2])
if ":" in addr:
    fam, lvl, disc, do, mtu = socket.AF_INET6, socket.IPPROTO_IPV6, 23, 2, 24
else:
    fam, lvl, disc, do, mtu = socket.AF_INET, socket.IPPROTO_IP, 10, 2, 14
s = socket.socket(fam, socket.SOCK_DGRAM)
s.setsockopt(lvl, disc, do)
s.settimeout(2)
s.connect((addr, 53))
answer = "-"
for _ in range(3):
    try:
        s.send(b"x" * size)
        answer = s.recv(100).decode().strip()
        break
    except OSError:
        pass
print(answer, s.getsockopt(lvl, mtu))
PY
}

# IPv4: 1372 + 28 = 1400 bytes fit the link, not with 20 more.
assert_eq "$(probe "$VIP4" 1300)" "rs1 1500" "IPv4: 1328 + 20 bytes pass"
assert_eq "$(probe "$VIP4" 1372)" "- 1380" "IPv4: fragmentation needed, MTU 1380"
# IPv6: 1352 + 48 = 1400 bytes fit the link, not with 40 more.
assert_eq "$(probe "$VIP6" 1300)" "rs1 1500" "IPv6: 1348 + 40 bytes pass"
assert_eq "$(probe "$VIP6" 1352)" "- 1360" "IPv6: packet too big, MTU 1360"
