#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 180
#
# Weight 0 mid-traffic (quiescing a server): its established connections
# keep working, new connections go elsewhere; weight back, it takes new ones.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
for i in 1 2; do echo_server "rs$i" 9000 "rs$i"; done
lbd -A -t "$VIP4:9000" -s rr
for i in 1 2; do lbd -a -t "$VIP4:9000" -r "${RIP4[i]}:9000" -m -w 1; done

# b opens once a is answered: rr's order is then the order of the tests.
hold_open a client "$VIP4" 9000
ra=$(hold_name a)
hold_open b client "$VIP4" 9000
rb=$(hold_name b)
assert_eq "$ra $rb" "rs1 rs2" "rr placed one held connection on each"

lbd -e -t "$VIP4:9000" -r "${RIP4[1]}:9000" -m -w 0
for i in 1 2 3 4; do
	hold_open "n$i" client "$VIP4" 9000
	assert_eq "$(hold_name "n$i")" rs2 "new connection $i avoids the quiesced rs1"
done
hold_echo a "after quiesce" || fail "rs1's established connection broke when its weight went to 0"
hold_close a
assert_match "$(lbd -L -n)" "${RIP4[1]}:9000 +Masq +0 " "listing shows weight 0"

lbd -e -t "$VIP4:9000" -r "${RIP4[1]}:9000" -m -w 1
hold_open z client "$VIP4" 9000
hold_open y client "$VIP4" 9000
assert_match "$(hold_name z) $(hold_name y)" "rs1" "rs1 takes new connections again"

# ipvsadm's -e without -g/-i/-m/-b sets -g: lbadm keeps that rule, and says
# so when it changes the server's method, and only then.
err=$(lbd -e -t "$VIP4:9000" -r "${RIP4[1]}:9000" -w 1 2>&1 >/dev/null)
assert_match "$err" "^lbadm: warning: edit real server ${RIP4[1]}:9000 of TCP $VIP4:9000: forwarding changed from Masq to Route" \
	"-e without -m warns that a NAT server becomes DR"
assert_match "$(lbd -L -n)" "${RIP4[1]}:9000 +Route +1 " "the server is DR, as ipvsadm makes it"
err=$(lbd -e -t "$VIP4:9000" -r "${RIP4[1]}:9000" -w 2 2>&1 >/dev/null)
assert_eq "$err" "" "no warning when the method stays"
err=$(lbd -e -t "$VIP4:9000" -r "${RIP4[1]}:9000" -m -w 1 2>&1 >/dev/null)
assert_eq "$err" "" "no warning when the method is given"
