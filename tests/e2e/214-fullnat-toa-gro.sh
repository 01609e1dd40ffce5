#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# The client-address option on a GRO packet near 64 KiB. The client's
# first data, 57 segments of 1149 bytes, reaches the director in one burst
# (netem releases them in one slot) and its GRO merges them into one IPv4
# packet of 65533 bytes, which leaves toward the server whole. The
# option's 8 bytes would wrap its 16-bit total length, and the next router
# would drop it as malformed. The director must leave the option off that
# packet (it goes on a later one): the server acknowledges all 65,493
# bytes. IPv6 cannot wrap this way (its GRO stops at a 64 KiB payload, 20
# bytes short of the field).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

PY=$LBVS_TOP/tests/e2e/py
SEGS=57 SIZE=1149	# 20 + 20 + 57 * 1149 = 65533, and 1150 more would not fit

topo_fullnat 1
lbvs_load
# A receive window for all of it in the SYN-ACK (65535; 64240 by default),
# set before the server's socket takes its buffer size.
nsx rs1 sysctl -qw net.ipv4.tcp_rmem="4096 262144 6291456"
sink_server rs1 8000
{
	echo "-A -t $VIP4:80 -s rr"
	echo "-a -t $VIP4:80 -r ${RIP4[1]}:8000 -b"
	echo "-P -t $VIP4:80 -z ${LIP4[0]}"
} | lbd -R
assert_eq "$(nsx director sysctl -n net.lbvs.fullnat_toa)" 1 "the option is on"
raw_client client
# veth runs its peer's GRO only for packets from a sender without TSO.
nsx director ethtool -K eth0 gro on >/dev/null || fail "cannot turn GRO on"
nsx router ethtool -K dir0 tso off >/dev/null || fail "cannot turn TSO off"
# Toward the server, a device that takes GSO packets above 64 KiB (as a
# NIC set up for IPv6's BIG TCP does on 6.1): the packet leaves whole, with
# the IP length the director wrote. At 64 KiB the kernel would segment it
# in software and write each segment's length itself.
ip -n director link set dev eth1 gso_max_size 80000 || fail "cannot raise gso_max_size"
nsx client tc qdisc add dev eth0 root netem slot 300ms packets 100 ||
	fail "cannot add netem's slots"

capture director "tcp dst port 80"
out=$(nsx client python3 "$PY/toa_client.py" --src "$CIP4" --dst "$VIP4" --port 80 \
	--segments $SEGS --size $SIZE 2>&1) || true
capture_stop
log "client: $out"
lens=$(tcpdump -r "$LBVS_OUT/director.pcap" -n 2>/dev/null | sed -n 's/.* length //p' | xargs)
log "lengths of the client's packets on the director: $lens"
big=$(grep -ow "$((SEGS * SIZE))" <<<"$lens" | wc -l)
assert_eq "$big" 1 "GRO merged the $SEGS segments into one packet on the director"
assert_eq "$out" acknowledged "the real server acknowledged all $((SEGS * SIZE)) bytes"
