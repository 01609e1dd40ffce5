#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 120
#
# net.lbvs.conn_reuse_mode: a SYN reusing the tuple of a flow in TIME_WAIT
# is scheduled afresh (mode 1, default); with mode 0 it follows the old flow.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
for i in 1 2; do http_server "rs$i" 80 "rs$i"; done
nsx director "$LBADM" -A -t "$VIP4:80" -s rr
for i in 1 2; do nsx director "$LBADM" -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m; done
get() { nsx client curl -sS -m 5 --local-port "$1" "http://$VIP4/"; }

a=$(get 45000)
b=$(get 45000)
[ "$a" != "$b" ] || fail "mode 1: the reused port was not rescheduled ($a, $b)"

nsx director sysctl -qw net.lbvs.conn_reuse_mode=0
c=$(get 45001)
d=$(get 45001)
assert_eq "$d" "$c" "mode 0: the reused port follows its old flow"
