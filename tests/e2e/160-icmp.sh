#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 360
#
# ICMP errors about NAT flows reach the right peer, translated: a real
# server's port unreachable makes the client's connected UDP socket fail
# with ECONNREFUSED (untranslated, the client could not match it), over
# IPv4 and IPv6; and a datagram too big for the path to the real server,
# sent with DF, gets "fragmentation needed" with the path MTU from the
# director, which the client's socket learns.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 1
lbvs_load
udp_server rs1 53 rs1
for vip in "$VIP4" "[$VIP6]"; do
	lbd -A -u "$vip:5353" -s rr
	lbd -A -u "$vip:53" -s rr
done
lbd -a -u "$VIP4:5353" -r "${RIP4[1]}:5999" -m
lbd -a -u "[$VIP6]:5353" -r "[${RIP6[1]}]:5999" -m
lbd -a -u "$VIP4:53" -r "${RIP4[1]}:53" -m
lbd -a -u "[$VIP6]:53" -r "[${RIP6[1]}]:53" -m

assert_eq "$(udp_refused client "$VIP4" 5353)" refused "IPv4 port unreachable translated back to the client"
assert_eq "$(udp_refused client "$VIP6" 5353)" refused "IPv6 port unreachable translated back to the client"

# A port unreachable with a corrupt checksum is dropped and counted, not
# translated with a valid one; the same error intact goes through.
for kind in good bad; do
	port=$([ $kind = good ] && echo 5997 || echo 5998)
	nsx rs1 python3 "$LBVS_TOP/tests/e2e/py/icmp_forger.py" "${RIP4[1]}" $port $kind \
		>>"$LBVS_OUT/forger-$kind.log" 2>&1 &
	_PIDS+=($!)
	wait_port rs1 $port
	lbd -A -u "$VIP4:$port" -s rr
	lbd -a -u "$VIP4:$port" -r "${RIP4[1]}:$port" -m
done
assert_eq "$(udp_refused client "$VIP4" 5997)" refused "an intact forged error is translated"
assert_eq "$(nsx director sysctl -n net.lbvs.icmp_bad_csum)" 0 "no bad checksum yet"
assert_eq "$(udp_refused client "$VIP4" 5998)" timeout "an error with a corrupt checksum reached the client"
assert_eq "$(nsx director sysctl -n net.lbvs.icmp_bad_csum)" 1 "the corrupt error counted"

# Path MTU: the real servers' segment shrinks to 1280.
ip -n director link set br0 mtu 1280
ip -n rs1 link set eth0 mtu 1280
pmtu=$(nsx client python3 - "$VIP4" <<'PY'
import socket, sys
IP_MTU_DISCOVER, IP_PMTUDISC_DO, IP_MTU = 10, 2, 14
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)
s.settimeout(2)
s.connect((sys.argv[1], 53))
for _ in range(3):
    try:
        s.send(b"x" * 1400)
        s.recv(100)
    except OSError:
        pass
print(s.getsockopt(socket.IPPROTO_IP, IP_MTU))
PY
)
assert_eq "$pmtu" 1280 "the client learned the path MTU from fragmentation-needed"
