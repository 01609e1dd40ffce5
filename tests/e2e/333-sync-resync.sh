#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# Full-table resync (docs/ha.md): a backup that starts after the master's
# connections were made gets them all by asking, where the sync of changes
# alone would never send these idle flows. A backup with no master to
# answer gives up after its tries, reports "none", and still works.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

N=500
topo_sync_udp
# N idle UDP flows on the director, made before any daemon runs.
answered=$(ip netns exec client python3 "$TALLY" udp "$VIP4" 53 "$N" 40001 | grep -c '^rs1$')
assert_eq "$answered" "$N" "UDP flows answered"
assert_eq "$(conn_count)" "$N" "director's connections"

# No master: the requests go unanswered, then "none"; a plain backup.
lbp --start-daemon backup --mcast-interface eth0 --syncid 5
wait_until 30 resync_is none || fail "no master, resync state after 30 s: $LINE"
log "no master: $LINE"

# The master starts: its idle flows are no change to send (the baseline:
# without a resync this backup never gets them).
lbd --start-daemon master --mcast-interface sync0 --syncid 5
# An absence: nothing to wait for but time (the master's flush is 1 s).
sleep 2
assert_eq "$(peer_conns)" 0 "entries at a backup that did not resync"

# The backup restarts: it asks, and the master sends its whole table.
lbp --stop-daemon backup
lbp --start-daemon backup --mcast-interface eth0 --syncid 5
wait_until 30 resync_is 'done' || fail "resync state after 30 s: $LINE"
log "resync: $LINE"
assert_eq "$(field resync_entries)" "$N" "entries the end marker counted"
assert_eq "$(peer_conns)" "$N" "backup's connections after the resync"
LINE=$(lbd -L --daemon --stats | sed -n '/^master/{n;p}')
assert_eq "$(field resyncs)" 1 "master's resyncs"
assert_eq "$(field resync_entries)" "$N" "master's resync entries"
# The plain listing stays ipvsadm's; JSON carries the state.
plain=$(lbp -L --daemon)
assert_match "$plain" '^backup sync daemon \(mcast=eth0, syncid=5[,)]' "plain listing"
[[ $plain != *resync* ]] || fail "plain listing shows the resync: $plain"
assert_match "$(lbp -L --daemon --json --stats)" '"resync":"done"' "JSON resync state"
# Synced entries are the master's: same client, server and state.
assert_eq "$(lbp -L -c -n | grep -c "${RIP4[1]}:53")" "$N" "synced entries' server"

# A persistent flow's template goes with it each time it is sent (as
# IPVS): a backup that lost it gets it back. Flows are resent while
# packets flow once a slot of half their timeout passes (150 s for UDP),
# or of net.lbvs.sync_refresh_period seconds when set.
for ns in director peer; do
	printf '%s\n' "-A -u $VIP4:54 -s rr -p 300" "-a -u $VIP4:54 -r ${RIP4[1]}:53 -m" |
		nsx "$ns" "$LBADM" -R
done
_peer_has() { [ "$(peer_conns)" -ge "$1" ]; }
lbp --flush-conns
assert_eq "$(udp_ask client "$VIP4" 54 45001)" rs1 "a persistent flow"
wait_until 10 _peer_has 2 || fail "the backup took $(peer_conns) of the flow and its template"
lbp --flush-conns
assert_eq "$(peer_conns)" 0 "the backup's table flushed"
sleep 1.5
assert_eq "$(udp_ask client "$VIP4" 54 45001)" rs1 "the flow, 1.5 s on"
# An absence: nothing to wait for but the master's flush (1 s).
sleep 2
assert_eq "$(peer_conns)" 0 "entries resent within a slot of 150 s"
nsx director sysctl -qw net.lbvs.sync_refresh_period=1
sleep 1.5
assert_eq "$(udp_ask client "$VIP4" 54 45001)" rs1 "the flow, 1.5 s on again"
wait_until 10 _peer_has 2 || fail "sync_refresh_period 1: the backup took $(peer_conns) of 2"
assert_eq "$(lbp -L -c -n | grep -c "$CIP4:45001 ")" 1 "the flow at the backup"
log "refreshed: $(lbp -L -c -n | tail -n +3 | xargs)"
nsx director sysctl -qw net.lbvs.sync_refresh_period=0

# IPVS's sync_threshold "T P": a flow goes at its client's T-th packet,
# then at every P-th (P 0: at the T-th only). topo_sync_udp set "1 50" on
# the director; the peer has IPVS's default. A refresh slot of 199 days
# (the longest) leaves the count alone to send.
assert_eq "$(nsx peer sysctl -n net.lbvs.sync_threshold)" $'3\t50' "the default"
for bad in "50 50" "3 256" "-1 50" "255 0"; do
	expect_fail 'Invalid argument' nsx director sysctl -w "net.lbvs.sync_threshold=$bad"
done
assert_eq "$(nsx director sysctl -n net.lbvs.sync_threshold)" $'1\t50' "after the refusals"
nsx director sysctl -qw "net.lbvs.sync_threshold=3 5" net.lbvs.sync_refresh_period=17179869
sent() { LINE=$(lbd -L --daemon --stats | sed -n '/^master/{n;p}'); field tx_conns; }
_sent_is() { [ "$(sent)" -ge "$1" ]; }
# datagrams N SENT: N more datagrams of one flow, then the master's count
# of entries sent must come to SENT, and stay there past its flush (1 s).
datagrams()
{
	local k
	for k in $(seq "$1"); do
		assert_eq "$(udp_ask client "$VIP4" 53 46001)" rs1 "datagram $k of $1"
	done
	wait_until 10 _sent_is "$2" || fail "entries sent: $(sent), want $2"
	sleep 1.5
	assert_eq "$(sent)" "$2" "entries sent after $1 more datagrams"
}
base=$(sent)
datagrams 2 "$base"		# 1, 2
datagrams 1 $((base + 1))	# 3
datagrams 4 $((base + 1))	# 4 .. 7
datagrams 1 $((base + 2))	# 8
nsx director sysctl -qw "net.lbvs.sync_threshold=2 0"
datagrams 2 $((base + 2))	# 9, 10: at the 2nd only, long past
log "sync_threshold: $(sent) entries sent"
nsx director sysctl -qw "net.lbvs.sync_threshold=1 50" net.lbvs.sync_refresh_period=0

# IPVS's sync_qlen_max bounds the master's queue: with room for one
# message the walk waits for each to leave, and the whole table still
# arrives. sync_sock_size sets the backup's receive buffer (doubled).
expect_fail 'Invalid argument' nsx director sysctl -w net.lbvs.sync_qlen_max=0
nsx director sysctl -qw net.lbvs.sync_qlen_max=1
nsx peer sysctl -qw net.lbvs.sync_sock_size=65536
lbp --stop-daemon backup
lbp --start-daemon backup --mcast-interface eth0 --syncid 5
wait_until 30 resync_is 'done' || fail "resync with sync_qlen_max=1, after 30 s: $LINE"
# Its N flows, the persistent one with its template, and the count's.
assert_eq "$(field resync_entries)" $((N + 3)) "entries of a resync through a one-message queue"
wait_until 10 _peer_has $((N + 3)) || fail "the backup took $(peer_conns) of $((N + 3)) entries"
LINE=$(lbd -L --daemon --stats | sed -n '/^master/{n;p}')
assert_eq "$(field resyncs)" 2 "master's resyncs"
assert_match "$(nsx peer ss -u -a -n -m 'sport = :8848')" 'rb131072,' "backup's receive buffer"

# The namespaces go with both daemons running (they had traffic).
log "ok"
