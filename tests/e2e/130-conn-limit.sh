#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 180
#
# net.lbvs.conn_max: with the table full of assured flows (pressure mode
# has none to evict), new connections are refused and
# counted in net.lbvs.conn_dropped, established ones keep working, and once
# entries expire new connections are accepted again. An entry past its
# timeout that the collector has not reached yet gives its place up at once.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 1
lbvs_load
udp_server rs1 53 rs1
echo_server rs1 9000 rs1
lbd -A -u "$VIP4:53" -s rr
lbd -a -u "$VIP4:53" -r "${RIP4[1]}:53" -m
lbd -A -t "$VIP4:9000" -s rr
lbd -a -t "$VIP4:9000" -r "${RIP4[1]}:9000" -m
lbd --set 0 0 15
nsx director sysctl -qw net.lbvs.conn_max=2

hold_open a client "$VIP4" 9000
assert_eq "$(hold_name a)" rs1 "first TCP connection"
assert_eq "$(udp_ask client "$VIP4" 53 41001)" rs1 "first UDP flow"
# A second datagram: the flow is assured, pressure mode (180) evicts none.
assert_eq "$(udp_ask client "$VIP4" 53 41001)" rs1 "first UDP flow, assured"
assert_eq "$(conn_count)" 2 "table holds 2 entries"

assert_eq "$(udp_ask client "$VIP4" 53 41002)" "" "a third flow is refused when the table is full"
assert_eq "$(udp_ask client "$VIP4" 53 41001)" rs1 "the established UDP flow keeps working"
hold_open b client "$VIP4" 9000
assert_eq "$(hold_name b)" - "a new TCP connection is refused when the table is full"
dropped=$(nsx director cat /proc/sys/net/lbvs/conn_dropped)
[ "$dropped" -ge 2 ] || fail "conn_dropped is $dropped, want >= 2"
hold_echo a "still here" || fail "an established connection broke while the table was full"

# An entry past its timeout is no flow, but it stays in the table (and
# counted) until the collector, once a second, reaches it. A full table
# gives such an entry up to a new flow at once, not counted as evicted;
# before, the new flow was refused in that second (py/expired_room.py).
lbd --set 0 0 1
for try in 1 2 3 4 5 6; do
	wait_until 20 _conns -le 1 || fail "the UDP entries did not expire (conn_count $(conn_count))"
	got=$(nsx client python3 "$LBVS_TOP/tests/e2e/py/expired_room.py" \
		director "$VIP4" 53 41001 41004 1) && break
	[ $? = 3 ] || fail "expired_room.py: $got"
	[ "$try" -lt 6 ] || fail "the collector took the expired entry first, 6 times"
done
assert_eq "$got" rs1 "a new flow takes the place of an expired entry not yet collected"
assert_eq "$(lbd -L --drops | awk '$1 == "evicted" { print $2 }')" 0 \
	"an expired entry given up is not counted as evicted"

# Once the entries expire and the collector has passed, the table is
# back to the TCP connection alone and takes new flows.
wait_until 20 _conns -le 1 || fail "the UDP entries did not expire (conn_count $(conn_count))"
assert_eq "$(udp_ask client "$VIP4" 53 41003)" rs1 "accepted again after expiry"
