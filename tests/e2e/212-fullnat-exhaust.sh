#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: 210 and 211 cover FULLNAT on the debug kernel)
# timeout: 480
#
# FULLNAT pool exhaustion: with one pool address and two local ports
# (net.lbvs.fullnat_port_range = 40000 40001), two flows per protocol to
# the real server get the two ports; the third is refused and counted in
# net.lbvs.fullnat_no_lport, never given a port in use; the flows in place
# keep working. A second pool address, or an expired flow, makes room.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_fullnat 1
lbvs_load
udp_server rs1 53 rs1
echo_server rs1 9000 rs1
for s in "-u $VIP4:53" "-t $VIP4:9000"; do
	# shellcheck disable=SC2086 # the words are options
	lbd -A $s -s rr
	# shellcheck disable=SC2086
	lbd -a $s -r "${RIP4[1]}" -b
	# shellcheck disable=SC2086
	lbd -P $s -z "${LIP4[0]}"
done
lbd --set 0 0 40
nsx director sysctl -qw net.lbvs.fullnat_port_range="40000 40001"
expect_fail "invalid argument" nsx director sysctl -qw net.lbvs.fullnat_port_range="40001 40000"
assert_eq "$(nsx director sysctl -n net.lbvs.fullnat_port_range | xargs)" "40000 40001" \
	"an empty range is refused"
no_lport() { nsx director cat /proc/sys/net/lbvs/fullnat_no_lport; }
# lports PROTO: the local ports of PROTO's flows in the table, sorted.
lports()
{
	lbd -L -n -c --json | python3 -c '
import json, sys
print(" ".join(sorted(str(c["local"]["port"]) for c in json.load(sys.stdin)["connections"]
                      if c["protocol"] == sys.argv[1] and c["local"])))' "$1"
}
_no_udp_lport() { local p; p=$(lports udp) && [ -z "$p" ]; }

hold_open a client "$VIP4" 9000
hold_open b client "$VIP4" 9000
assert_eq "$(hold_name a) $(hold_name b)" "rs1 rs1" "two TCP connections"
assert_eq "$(lports tcp)" "40000 40001" "the TCP flows hold both ports"
hold_open c client "$VIP4" 9000
assert_eq "$(hold_name c)" - "a third TCP connection is refused"
hold_close c
hold_echo a "still here" || fail "an established connection broke while the pool was full"

# UDP has its own ports; its flows expire after 40 s of silence (long
# enough for the debug kernel to run the steps below).
assert_eq "$(udp_ask client "$VIP4" 53 41001)" rs1 "first UDP flow"
assert_eq "$(udp_ask client "$VIP4" 53 41002)" rs1 "second UDP flow"
assert_eq "$(lports udp)" "40000 40001" "the UDP flows hold both ports"
assert_eq "$(udp_ask client "$VIP4" 53 41003)" "" "a third UDP flow is refused"
assert_eq "$(lports udp)" "40000 40001" "no port handed out twice"
n=$(no_lport)
[ "$n" -ge 2 ] || fail "fullnat_no_lport is $n, want >= 2"
log "fullnat_no_lport: $n"
assert_eq "$(udp_ask client "$VIP4" 53 41001)" rs1 "the established UDP flow keeps working"

lbd -P -u "$VIP4:53" -z "${LIP4[1]}"
assert_eq "$(udp_ask client "$VIP4" 53 41004)" rs1 "a second pool address makes room"
lbd -Q -u "$VIP4:53" -z "${LIP4[1]}"
assert_eq "$(udp_ask client "$VIP4" 53 41004)" rs1 "its flow outlives the address's removal"

# The UDP entries expire after 40 s of silence, then the collector's pass:
# wait until no UDP flow holds a port rather than a fixed 45 s.
wait_until 70 _no_udp_lport || fail "the UDP flows did not expire within 70 s (ports: $(lports udp))"
assert_eq "$(udp_ask client "$VIP4" 53 41005)" rs1 "accepted again once flows expired"
hold_echo b "still here" || fail "a TCP connection broke"
