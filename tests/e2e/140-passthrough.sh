#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 120
#
# What is not ours passes untouched: the VIP on a port with no service
# reaches the director's own stack, and routed traffic between client and
# real servers is forwarded as by any router, with lbvs loaded and a
# service configured.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 1
lbvs_load
http_server rs1 80 rs1
http_server director 8081 director "$VIP4"
lbd -A -t "$VIP4:80" -s rr
lbd -a -t "$VIP4:80" -r "${RIP4[1]}:80" -m

assert_eq "$(nsx client curl -sS -m 5 "http://$VIP4:8081/")" director \
	"VIP on a port without a service reaches the director itself"
assert_eq "$(nsx client curl -sS -m 5 "http://${RIP4[1]}/")" rs1 "routed TCP passes"
assert_eq "$(nsx client curl -sS -m 5 "http://[${RIP6[1]}]/")" rs1 "routed TCP/IPv6 passes"
nsx client ping -c 2 -W 3 "${RIP4[1]}" >/dev/null || fail "routed ping"
nsx client ping -c 2 -W 3 "$VIP4" >/dev/null || fail "ping to the VIP"
assert_eq "$(nsx client curl -sS -m 5 "http://$VIP4/")" rs1 "the service itself works"
assert_eq "$(conn_count)" 1 "only the balanced connection is in the table"
