#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: 124 covers the connection table on debug)
# timeout: 240
#
# A service's own timeouts (--timeout-tcp, --timeout-tcpfin, --timeout-udp)
# instead of the namespace's (--set): its entries live that long without
# a packet, those of other services as --set says; -L --timeout lists
# them, -S saves them, -E without them puts --set's back.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
for i in 1 2; do udp_server "rs$i" 53 "rs$i"; udp_server "rs$i" 54 "rs$i"; done
lbd --set 0 0 300
lbd -A -u "$VIP4:53" -s rr --timeout-udp 3
lbd -A -u "$VIP4:54" -s rr
for i in 1 2; do
	lbd -a -u "$VIP4:53" -r "${RIP4[i]}:53" -m
	lbd -a -u "$VIP4:54" -r "${RIP4[i]}:54" -m
done
assert_match "$(lbd -L --timeout)" "UDP +$VIP4:53 \\(tcp tcpfin udp\\): 900 120 3" "-L --timeout lists the service's own"
assert_match "$(lbd -S -n)" "-A -u $VIP4:53 -s rr --timeout-udp 3" "-S saves it"
[[ $(lbd -L --timeout) != *"$VIP4:54"* ]] || fail "-L --timeout lists a service without timeouts of its own"

# expire_of PORT: the expiry column of the entry from client port 40100.
expire_of() { lbd -L -n -c -u "$VIP4:$1" | awk '$4 ~ /:40100$/ { print $2 }'; }
a=$(udp_ask client "$VIP4" 53 40100)
b=$(udp_ask client "$VIP4" 54 40100)
e53=$(expire_of 53) e54=$(expire_of 54)
log "entries expire in $e53 (own 3 s) and $e54 (--set's 300 s)"
[[ $e53 == 00:0[0-3] ]] || fail "the service's entry expires in $e53, not within 3 s"
[[ $e54 == 0[45]:* ]] || fail "the other service's entry expires in $e54, not in about 300 s"
gone53() { [ -z "$(expire_of 53)" ]; }
wait_until 10 gone53 || fail "the entry outlived its 3 s"
[ -n "$(expire_of 54)" ] || fail "the other service's entry went too"
# Gone, so rescheduled: rr sends the same client port to the other server.
[ "$(udp_ask client "$VIP4" 53 40100)" != "$a" ] || fail "the expired flow kept its server"
assert_eq "$(udp_ask client "$VIP4" 54 40100)" "$b" "the live flow keeps its server"

# -E without them: --set's again.
lbd -E -u "$VIP4:53" -s rr
[[ $(lbd -L --timeout) != *"$VIP4:53"* ]] || fail "-E kept the service's own timeout"
assert_match "$(lbd -L -n --json -u "$VIP4:53")" '"timeouts":\{"tcp":0,"tcp_fin":0,"udp":0\}' "JSON: none"
expect_lbadm_fail "service timeout 2592001 out of range" lbd -E -u "$VIP4:53" --timeout-udp 2592001
