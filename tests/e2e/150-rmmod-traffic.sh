#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 600
#
# rmmod while traffic flows (TCP requests, held connections, UDP): no oops,
# no leak (the debug kernel's kmemleak and KASAN watch), and the module
# loads and balances again afterwards. The director runs a sync master
# and a second director (peer) a backup that takes its entries: the
# master is stopped and started again under the load, the module goes
# with both running, and at the end the peer's namespace goes with its
# backup running.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
topo_sync_peer
configure()
{
	local i
	for ns in director peer; do {
		echo "-A -t $VIP4:80 -s wrr"
		echo "-A -u [$VIP6]:53 -s rr"
		echo "-A -t $VIP4:9000 -s lc"
		for i in 1 2; do
			echo "-a -t $VIP4:80 -r ${RIP4[i]}:80 -m -w $i"
			echo "-a -u [$VIP6]:53 -r [${RIP6[i]}]:53 -m"
			echo "-a -t $VIP4:9000 -r ${RIP4[i]}:9000 -m"
		done
	} | nsx "$ns" "$LBADM" -R; done
}
# peer's backup counters: "rx_conns=N" of -L --daemon --stats.
rx_conns() { lbp -L --daemon --stats | sed -n 's/.*rx_conns=\([0-9]*\).*/\1/p'; }
_synced() { [ "$(rx_conns)" -gt 0 ]; }
servers_begin	# the six start at once
for i in 1 2; do
	http_server "rs$i" 80 "rs$i"
	udp_server "rs$i" 53 "rs$i"
	echo_server "rs$i" 9000 "rs$i"
done
servers_wait

# Three rounds; one on the debug kernel (~150 s a round there).
rounds=3
debug_kernel && rounds=1
for round in $(seq "$rounds"); do
	lbvs_load
	configure
	lbd --start-daemon master --mcast-interface sync0
	lbp --start-daemon backup --mcast-interface eth0
	hold_open "h$round" client "$VIP4" 9000
	assert_match "$(hold_name "h$round")" '^rs[12]$' "held connection in round $round"
	# One process per load: a loop of execs would send next to nothing
	# on the debug kernel, where each exec takes seconds.
	ip netns exec client python3 "$TALLY" http "http://$VIP4/" 100000 >/dev/null &
	load=$!
	ip netns exec client python3 "$TALLY" udp "$VIP6" 53 20000 40001 >/dev/null &
	load6=$!
	_PIDS+=("$load" "$load6")
	# Unload only once both loads are balanced (held + >= 4 new flows).
	n=$(wait_conns -ge 5)
	[ "$n" -ge 5 ] || fail "round $round: $n connections after 60 s: the load did not flow"
	log "round $round: $n connections before rmmod"
	wait_until 20 _synced || fail "round $round: the backup took no entry from the master"
	lbd --stop-daemon master
	lbd --start-daemon master --mcast-interface sync0
	log "round $round: sync: $(lbp -L --daemon --stats | xargs)"
	lbvs_unload
	log "round $round: unloaded under load"
	kill $load $load6 2>/dev/null || true
	wait $load $load6 2>/dev/null || true
	hold_close "h$round"
done
lbvs_load
configure
assert_match "$(nsx client curl -sS -m 5 "http://$VIP4/")" '^rs[12]$' "balances after reloads"
lbp --start-daemon backup --mcast-interface eth0
