#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 300
#
# The connection table by service and real server: -L -c SERVICE [-r
# SERVER] lists only those entries, and --flush-conns SERVICE [-r SERVER]
# removes them (persistence templates too), the operator's way out of UDP
# flows stuck on a removed server: before the flush their datagrams are
# dropped, after it they go to a server that is there. Entries of other
# services and servers stay.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
nat_udp 2 53
lbd -A -t "$VIP4:9000" -s rr -p 600
servers_begin
for i in 1 2; do
	echo_server "rs$i" 9000 "rs$i"
	lbd -a -t "$VIP4:9000" -r "${RIP4[i]}:9000" -m
done
servers_wait

# entries ARGS...: the number of connection lines -L -c ARGS lists.
entries() { lbd -L -n -c "$@" | grep -cE '^(TCP|UDP|IP) ' || true; }

# Four UDP flows (client ports 40001..40004), rr: two to each server.
t=$(udp_tally client "$VIP4" 53 4)
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "2 2" "four UDP flows, two each"
first=$(udp_ask client "$VIP4" 53 40001)
hold_open a client "$VIP4" 9000
hold_open b client "$VIP4" 9000
assert_eq "$(hold_name a)" "$(hold_name b)" "persistence: one server for both"

out=$(lbd -L -n -c)
log "$out"
assert_eq "$(entries -u "$VIP4:53")" 4 "-L -c -u lists the UDP service's four"
assert_eq "$(entries -u "$VIP4:53" -r "${RIP4[1]}:53")" 2 "-L -c -r lists one server's two"
assert_match "$(lbd -L -n -c -u "$VIP4:53" -r "${RIP4[1]}:53")" "UDP .* ${RIP4[1]}:53" "and they are rs1's"
[[ $(lbd -L -n -c -u "$VIP4:53" -r "${RIP4[1]}:53") != *"${RIP4[2]}"* ]] ||
	fail "-L -c -r lists another server's entries"
assert_eq "$(entries -t "$VIP4:9000")" 3 "-L -c -t: two connections and their template"
assert_eq "$(entries -u "$VIP4:54")" 0 "no entry for a service that does not exist"
assert_eq "$(lbd -L -n -c --json -t "$VIP4:9000" | grep -o '"virtual":{[^}]*}' | sort -u)" "\"virtual\":{\"address\":\"$VIP4\",\"port\":9000}" "JSON takes the selection too"

# rs1 leaves the UDP service; its flows stay (expire_nodest_conn 0) and
# their datagrams are dropped, as IPVS does.
lbd -d -u "$VIP4:53" -r "${RIP4[1]}:53"
stuck=$(udp_ask client "$VIP4" 53 40001)
log "before the flush, port 40001 (was $first): '${stuck:-no answer}'"
[ "$first" != rs1 ] || [ -z "$stuck" ] || fail "a flow on a removed server was answered: $stuck"
lbd --flush-conns -u "$VIP4:53" -r "${RIP4[1]}:53"
assert_eq "$(entries -u "$VIP4:53" -r "${RIP4[1]}:53")" 0 "--flush-conns -r removed rs1's entries"
assert_eq "$(entries -u "$VIP4:53")" 2 "rs2's stay"
assert_eq "$(entries -t "$VIP4:9000")" 3 "the TCP service's stay"
for p in 40001 40002 40003 40004; do
	assert_eq "$(udp_ask client "$VIP4" 53 $p)" rs2 "client port $p answered by rs2 after the flush"
done

# A service's flush takes its template: a new connection is scheduled
# afresh (rr: the other server), while the held ones are gone from the table.
held=$(hold_name a)
lbd --flush-conns -t "$VIP4:9000"
assert_eq "$(entries -t "$VIP4:9000")" 0 "--flush-conns -t removed connections and template"
hold_open c client "$VIP4" 9000
[ "$(hold_name c)" != "$held" ] || fail "the template survived the flush ($held again)"
assert_eq "$(entries -u "$VIP4:53")" 4 "the UDP service's entries stay"

lbd --flush-conns
assert_eq "$(entries)" 0 "--flush-conns alone empties the table"
assert_eq "$(conn_count)" 0 "conn_count follows"

# The kernel log's trail of changes: one line per change that was made,
# naming it and who asked; none for a refused request.
trail() { dmesg | grep -c "lbvs: $1 by pid [0-9]* (lbadm) in netns [0-9]*$" || true; }
what="add real server ${RIP4[1]}:53 of UDP $VIP4:53"
n=$(trail "$what")
lbd -a -u "$VIP4:53" -r "${RIP4[1]}:53" -m
assert_eq "$(trail "$what")" $((n + 1)) "the kernel log says: $what"
expect_lbadm_fail "already exists" lbd -a -u "$VIP4:53" -r "${RIP4[1]}:53" -m
assert_eq "$(trail "$what")" $((n + 1)) "a refused request leaves no line"
n=$(trail "flush connections")
lbd --flush-conns
assert_eq "$(trail "flush connections")" $((n + 1)) "the kernel log says: flush connections"
