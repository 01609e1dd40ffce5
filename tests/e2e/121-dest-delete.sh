#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 600
#
# A real server deleted mid-traffic. The rule (docs/connections.md, as IPVS):
# its connections stay in the table; with net.lbvs.expire_nodest_conn=0
# (default) their packets are dropped until they expire; with 1 they are
# removed at once. New connections go to the remaining servers, nothing
# crashes, and the counters stay consistent.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
servers_begin
for i in 1 2; do echo_server "rs$i" 9000 "rs$i"; done
servers_wait
lbd -A -t "$VIP4:9000" -s rr
for i in 1 2; do lbd -a -t "$VIP4:9000" -r "${RIP4[i]}:9000" -m; done

# b opens once a is answered: rr's order is then the order of the tests
# (both at once raced: "rs2 rs1" seen on a loaded host).
hold_open a client "$VIP4" 9000
ra=$(hold_name a)
hold_open b client "$VIP4" 9000
assert_eq "$ra $(hold_name b)" "rs1 rs2" "one held connection each"
before=$(conn_count)

lbd -d -t "$VIP4:9000" -r "${RIP4[1]}:9000"
out=$(lbd -L -n)
assert_match "$out" "${RIP4[2]}:9000" "rs2 still listed"
grep -q "${RIP4[1]}:9000" <<<"$out" && fail "rs1 still listed after -d"
hold_echo a "to a removed server" 5 && fail "packets of a removed server's connection were forwarded"
hold_echo b "to rs2" || fail "rs2's connection broke when rs1 was removed"
assert_eq "$(conn_count)" "$before" "the removed server's entry stays until it expires"

# expire_nodest_conn=1: the next packet of the removed server's connection
# (a's client retransmits its unanswered line) removes its entry, and
# deleting a server removes its entries at once. Set while a's
# retransmissions are still seconds apart (they back off to 120 s).
nsx director sysctl -qw net.lbvs.expire_nodest_conn=1
n=$(wait_conns -eq $((before - 1)) 150)
assert_eq "$n" $((before - 1)) "a's entry goes with its next packet (expire_nodest_conn=1)"
for i in 1 2 3; do
	hold_open "n$i" client "$VIP4" 9000
	assert_eq "$(hold_name "n$i")" rs2 "new connection $i goes to the remaining server"
done
n=$(conn_count)
lbd -a -t "$VIP4:9000" -r "${RIP4[1]}:9000" -m
# Its counters start at zero, though it takes the counter slot the first
# rs1 (1 connection, its packets) left when its grace period ended.
out=$(lbd -L -n --stats --exact)
assert_eq "$(stat_conns "$out" "${RIP4[1]}:9000")" 0 "a re-added server's counters start at zero"
assert_match "$out" "${RIP4[1]}:9000 +0 +0 +0 +0 +0" "and so do its packets and bytes"
hold_open c client "$VIP4" 9000
hold_open d client "$VIP4" 9000
nc=$(hold_name c); nd=$(hold_name d)
assert_match "$nc $nd" rs1 "rs1 is back"
lbd -d -t "$VIP4:9000" -r "${RIP4[1]}:9000"
# Removed by one walk over the table, after the delete has returned.
assert_eq "$(wait_conns -eq $((n + 1)) 10)" "$((n + 1))" "with expire_nodest_conn=1 rs1's entry goes at once"

lbd -D -t "$VIP4:9000"
assert_eq "$(lbd -L -n | wc -l)" 3 "service gone, only the header left"
