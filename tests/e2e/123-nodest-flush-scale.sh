#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: a timing bound; 121 covers the rule on debug)
# timeout: 600
#
# Walks over a table of 200,000 connections. --flush-conns of a service
# holding half of them removes every one of its entries and no other (the
# walk pauses every 1,024 entries and must not lose its place in a bucket
# it has just unlinked entries from). Then net.lbvs.expire_nodest_conn=1:
# -C of a service of 1,000 real servers holding the other 100,000 returns
# within 2 s, and the next command is not held up, while one walk removes
# the entries in the background. (Each deleted server used to walk the
# whole table under the configuration lock: servers x connections.)
. "$(dirname "$0")/lib.sh"
. "$LBVS_TOP/tests/bench/pktgen.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 1
lbvs_load
nsx director sysctl -qw net.lbvs.expire_nodest_conn=1
# The flows' sources: reachable through the client (no reverse-path drop).
ip -n director route add 198.18.0.0/15 via "$CIP4"
# 1,000 UDP servers on the real servers' link: 4 addresses x 250 ports.
{
	echo "-A -u $VIP4:9000 -s rr"
	for a in 11 12 13 14; do
		for p in $(seq 1001 1250); do echo "-a -u $VIP4:9000 -r 192.0.2.$a:$p -m"; done
	done
} | lbd -R
assert_eq "$(lbd -L -n | grep -c -- '->  *192')" 1000 "1,000 servers"
# The other half of the flows: a second VIP with four servers.
VIP4B=203.0.113.101
ip -n director addr add $VIP4B/32 dev eth0
lbd -A -u "$VIP4B:9000" -s rr
for p in 2001 2002 2003 2004; do lbd -a -u "$VIP4B:9000" -r "192.0.2.11:$p" -m; done

# 200,099 flows: 401 sources x 499 source ports x 2 VIPs (each triple
# once), one datagram each, from pktgen in the client.
# Not through nsx (a function): $! must be the process in the namespace.
ip netns exec client sleep infinity &
_PIDS+=($!)
sleep 0.5
pg_init $!
pg_flows 198.18.0.1 198.18.1.145 10000 498 "$VIP4" "$VIP4B"
# The director's backlog drops part of a burst when the host is busy (a
# run saw 142,592 entries): each pass sends the same flows again, and
# fills in those whose datagram was dropped.
for pass in 1 2 3 4; do
	pg_start 200099
	pg_wait
	n=$(wait_conns -ge 190000 10)
	log "pass $pass: $n entries"
	[ "$n" -lt 190000 ] || break
done
log "entries: $n"
[ "$n" -ge 190000 ] || fail "only $n entries"

kept=$(lbd -L -n -c -u "$VIP4:9000" | grep -c '^UDP ' || true)
log "$kept entries of $VIP4:9000"
[ "$kept" -gt 90000 ] && [ "$kept" -lt "$n" ] || fail "$kept of $n entries on $VIP4:9000"
lbd --flush-conns -u "$VIP4B:9000"
assert_eq "$(conn_count)" "$kept" "--flush-conns removed all of $VIP4B's entries, and only those"
n=$kept

# Timed inside the namespace by bash's own clock (no exec of date).
timed() { nsx director bash -c 'TIMEFORMAT=%R; { time "$@" >/dev/null; } 2>&1' _ "$@"; }
t_clear=$(timed "$LBADM" -C)
t_next=$(timed "$LBADM" -A -u "$VIP4:9001" -s rr)
log "-C took $t_clear s, the next -A $t_next s, with $n entries"
awk -v t="$t_clear" 'BEGIN { exit !(t < 2) }' || fail "-C took $t_clear s (bound 2 s)"
awk -v t="$t_next" 'BEGIN { exit !(t < 1) }' || fail "the next command took $t_next s (bound 1 s)"
n=$(wait_conns -eq 0 120)
assert_eq "$n" 0 "the walk removed every entry of the deleted servers"
