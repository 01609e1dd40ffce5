#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 180
#
# Connection thresholds (-x upper, -y lower): a server at its upper
# threshold gets no new connections until it falls to its lower one.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
for i in 1 2; do udp_server "rs$i" 53 "rs$i"; done
lbd --set 0 0 10
lbd -A -u "$VIP4:53" -s rr
lbd -a -u "$VIP4:53" -r "${RIP4[1]}:53" -m -x 2 -y 1
lbd -a -u "$VIP4:53" -r "${RIP4[2]}:53" -m
assert_match "$(lbd -L -n --thresholds)" "${RIP4[1]}:53 +2 +1 +0 +0" "thresholds listed"

got=""
for sp in 42001 42002 42003 42004 42005 42006; do got+="$(udp_ask client "$VIP4" 53 $sp) "; done
log "flows: $got"
assert_eq "$got" "rs1 rs2 rs1 rs2 rs2 rs2 " "rs1 takes no flow at its upper threshold (2)"

# All flows expire (10 s): rs1 falls under its lower threshold and is back.
# Wait for the table to empty rather than a fixed 15 s.
wait_until 40 _conns -eq 0 || fail "the UDP flows did not expire within 40 s (conn_count $(conn_count))"
got=""
for sp in 42011 42012 42013; do got+="$(udp_ask client "$VIP4" 53 $sp) "; done
log "after expiry: $got"
assert_match "$got" "rs1" "rs1 takes flows again under its lower threshold"
