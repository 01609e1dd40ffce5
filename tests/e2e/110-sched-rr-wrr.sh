#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 240
#
# rr and wrr over real connections. Both are deterministic, so the counts
# must be exact: rr 20/20/20, wrr 3:2:1 -> 30/20/10 over 60 connections
# (tolerance 0). Then -E switches the scheduler live and -e a weight.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 3
lbvs_load
for i in 1 2 3; do http_server "rs$i" 80 "rs$i"; done

lbd -A -t "$VIP4:80" -s rr
for i in 1 2 3; do lbd -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m; done
t=$(tally client 60 "http://$VIP4/")
log "rr: $(echo $t)"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t") $(count_of rs3 "$t")" "20 20 20" "rr"

lbd -E -t "$VIP4:80" -s wrr
for i in 1 2 3; do lbd -e -t "$VIP4:80" -r "${RIP4[i]}:80" -m -w $((4 - i)); done
assert_match "$(lbd -L -n)" "TCP +$VIP4:80 wrr" "-E changed the scheduler"
t=$(tally client 60 "http://$VIP4/")
log "wrr 3:2:1: $(echo $t)"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t") $(count_of rs3 "$t")" "30 20 10" "wrr 3:2:1"

lbd -e -t "$VIP4:80" -r "${RIP4[3]}:80" -m -w 4
t=$(tally client 90 "http://$VIP4/")
log "wrr 3:2:4: $(echo $t)"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t") $(count_of rs3 "$t")" "30 20 40" "wrr after -e"
