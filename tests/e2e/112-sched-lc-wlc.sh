#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 240
#
# lc and wlc with long-lived connections held open: new connections go to
# the least loaded server (wlc: relative to its weight), and follow the load
# as connections close.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
for i in 1 2; do echo_server "rs$i" 9000 "rs$i"; done

lbd -A -t "$VIP4:9000" -s lc
for i in 1 2; do lbd -a -t "$VIP4:9000" -r "${RIP4[i]}:9000" -m; done

declare -A on=()
for id in a b c d; do
	hold_open "$id" client "$VIP4" 9000
	on[$id]=$(hold_name "$id")
	log "lc: connection $id -> ${on[$id]}"
done
n1=0
for id in a b c d; do [ "${on[$id]}" = rs1 ] && n1=$((n1 + 1)); done
assert_eq "$n1" 2 "lc spreads 4 held connections 2:2"
out=$(lbd -L -n)
assert_match "$out" "${RIP4[1]}:9000 +Masq +1 +2 +0" "ActiveConn counts held connections"

# Close rs1's two: they turn inactive (overhead 2 against rs2's 512), so
# the next connection goes to rs1, and rs2's held ones keep working.
for id in a b c d; do [ "${on[$id]}" = rs1 ] && hold_close "$id"; done
sleep 1
hold_open e client "$VIP4" 9000
assert_eq "$(hold_name e)" rs1 "lc: the next connection goes to the less loaded rs1"
for id in a b c d e; do
	[ "${on[$id]:-rs1}" = rs2 ] || [ "$id" = e ] || continue
	hold_echo "$id" "alive $id" || fail "held connection $id stopped echoing"
done

# wlc, weights 3:1, everything closed (rs1: 3 inactive, rs2: 2). IPVS's
# rule, overhead = 256 * active + inactive, minimise overhead / weight,
# places 8 new held connections 6:2.
hold_close e
for id in a b c d; do [ "${on[$id]}" = rs2 ] && hold_close "$id"; done
sleep 1
lbd -E -t "$VIP4:9000" -s wlc
lbd -e -t "$VIP4:9000" -r "${RIP4[1]}:9000" -m -w 3
n1=0
for id in $(seq 1 8); do
	hold_open "w$id" client "$VIP4" 9000
	[ "$(hold_name "w$id")" = rs1 ] && n1=$((n1 + 1))
done
log "$(lbd -L -n)"
assert_eq "$n1" 6 "wlc 3:1 puts 6 of 8 held connections on rs1"
