#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 300
#
# Every drop is counted by its reason (issue 18): `lbadm -L --drops` lists
# the namespace's counts (with a service, the service's by reason), the
# service's and the server's stats count their own, --prometheus exports both, and net.lbvs.log_drops logs a line per
# drop (rate-limited). Each reason is made to happen once here: a service
# with no server, a server at its -x, a full table (and an entry evicted
# from it), a flow whose server was deleted, a server with no route, a
# FULLNAT service with no local address.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 1
lbvs_load
udp_server rs1 53 rs1

# drop NAME: the namespace's count of reason NAME.
drop() { lbd -L --drops | awk -v r="$1" '$1 == r { print $2 }'; }
# svc_drops PORT [SERVER]: the drops of UDP VIP4:PORT, or of its SERVER.
svc_drops()
{
	lbd -L -n --json -u "$VIP4:$1" | python3 -c '
import json, sys
s = json.load(sys.stdin)["services"][0]
want = sys.argv[1]
if not want:
    print(s["stats"]["drops"])
else:
    print(sum(d["stats"]["drops"] for d in s["servers"] if d["address"] == want))
' "${2:-}"
}
ask() { udp_ask client "$VIP4" "$1" "$2"; }
logged() { dmesg | grep -qF -- "$1"; }

assert_eq "$(lbd -L --drops | awk '{ print $2 }' | sort -u)" 0 "a new namespace has no drops"
assert_eq "$(lbd -L --drops | wc -l)" 17 "a line per reason"

lbd -A -u "$VIP4:53" -s rr
assert_eq "$(udp_refused client "$VIP4" 53)" refused "no server: the client is told"
assert_eq "$(drop no_dest)" 1 "no_dest"
assert_eq "$(svc_drops 53)" 1 "the service counts its no_dest"

lbd -a -u "$VIP4:53" -r "${RIP4[1]}:53" -m -x 1
assert_eq "$(ask 53 41001)" rs1 "the first flow"
assert_eq "$(ask 53 41002)" "" "a second flow past -x 1"
assert_eq "$(drop threshold)" 1 "threshold"
lbd -e -u "$VIP4:53" -r "${RIP4[1]}:53" -m -x 0

# Its second datagram makes the flow assured: pressure mode evicts none.
assert_eq "$(ask 53 41001)" rs1 "the first flow again"
nsx director sysctl -qw net.lbvs.conn_max=1
assert_eq "$(ask 53 41003)" "" "a flow with the table full"
assert_eq "$(drop table_full)" 1 "table_full"
assert_eq "$(nsx director cat /proc/sys/net/lbvs/conn_dropped)" 1 "conn_dropped is table_full"
# Refused before a server is chosen: the service's, not the server's.
assert_eq "$(svc_drops 53) $(svc_drops 53 "${RIP4[1]}")" "3 0" "the service counts its table_full"
# Pressure mode: a flow of one datagram makes room for the next one.
nsx director sysctl -qw net.lbvs.conn_max=2
assert_eq "$(ask 53 41007)" rs1 "a flow of one datagram"
assert_eq "$(ask 53 41008)" rs1 "a new flow with the table full of one assured, one not"
assert_eq "$(drop evicted) $(drop table_full)" "1 1" "evicted"
assert_eq "$(ask 53 41001)" rs1 "the assured flow stays"
nsx director sysctl -qw net.lbvs.conn_max=1000

# 198.51.100.99 has no route from the director.
lbd -A -u "$VIP4:54" -s rr
lbd -a -u "$VIP4:54" -r 198.51.100.99:53 -m
assert_eq "$(ask 54 41004)" "" "a server without a route"
assert_eq "$(drop no_route)" 1 "no_route"
assert_eq "$(svc_drops 54 198.51.100.99)" 1 "the server counts its no_route"

lbd -A -u "$VIP4:55" -s rr
lbd -a -u "$VIP4:55" -r "${RIP4[1]}:53" --fullnat
assert_eq "$(ask 55 41005)" "" "FULLNAT without a local address"
assert_eq "$(drop no_local_port)" 1 "no_local_port"

# The flow of 41001 outlives its server (expire_nodest_conn is 0).
lbd -d -u "$VIP4:53" -r "${RIP4[1]}:53"
assert_eq "$(ask 53 41001)" "" "a flow whose server was deleted"
assert_eq "$(drop dest_gone)" 1 "dest_gone"
assert_eq "$(svc_drops 53)" 4 "the service counts all its drops"

# A service's drops by reason: -L --drops with the service. no_route
# comes from a transmit step, which counts for the flow's service too.
sdrop() { lbd -L --drops -u "$VIP4:$1" | awk -v r="$2" '$1 == r { print $2 }'; }
assert_eq "$(sdrop 53 no_dest) $(sdrop 53 threshold) $(sdrop 53 table_full) $(sdrop 53 dest_gone)" \
	"1 1 1 1" "the service's drops by reason"
assert_eq "$(lbd -L --drops -u "$VIP4:53" | awk '{ s += $2 } END { print s }')" 4 \
	"the service's reasons add up to its drops"
assert_eq "$(sdrop 54 no_route) $(sdrop 55 no_local_port)" "1 1" "drops by reason, more services"
assert_match "$(lbd -L --drops --json -u "$VIP4:54")" '^\{"drops":\{"no_dest":0,.*"no_route":1,' \
	"a service's drops by reason, JSON"
lbd -A -u "$VIP4:56" -s rr
assert_eq "$(lbd -L --drops -u "$VIP4:56" | awk '{ print $2 }' | sort -u) $(lbd -L --drops -u "$VIP4:56" | wc -l)" \
	"0 17" "a service that never dropped: every reason, 0"
expect_lbadm_fail "[Nn]o such service" lbd -L --drops -u "$VIP4:57"

nsx director sysctl -qw net.lbvs.log_drops=1
ask 53 41006 >/dev/null
wait_until 5 logged "lbvs: drop no_dest: proto 17 $CIP4:41006 -> $VIP4:53" ||
	fail "log_drops logged no line"
nsx director sysctl -qw net.lbvs.log_drops=0

prom=$(lbd -L -n --prometheus)
assert_match "$prom" 'lbvs_drops_total\{reason="no_dest"\} 2' "prometheus: the namespace's"
assert_match "$prom" 'lbvs_service_drops_total\{local_address="203.0.113.100",local_port="54",[^}]*\} 1' \
	"prometheus: a service's"
assert_match "$prom" 'lbvs_service_drops_by_reason_total\{local_address="203.0.113.100",local_port="54",[^}]*,reason="no_route"\} 1' \
	"prometheus: a service's by reason"
assert_match "$(lbd -L --drops --json)" '^\{"drops":\{"no_dest":2,"threshold":1,"table_full":1,' "JSON"

lbd -Z
assert_eq "$(svc_drops 54)" 0 "-Z zeroes a service's drops"
assert_eq "$(sdrop 54 no_route)" 0 "-Z zeroes a service's drops by reason"
assert_eq "$(drop no_route)" 1 "-Z leaves the namespace's"
assert_eq "$(ask 54 41009)" "" "a server without a route, after -Z"
assert_eq "$(sdrop 54 no_route)" 1 "counted again after -Z"
expect_lbadm_fail 'stats lists services, not drops \(--drops\)' lbd -L --drops --stats
expect_lbadm_fail '--daemon lists sync daemons, not a service' lbd -L --daemon -u "$VIP4:53"
