#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 300
#
# Connection sync over unicast peers, for networks without multicast: the
# master (director) and its backup (peer) sit on two subnets joined by a
# router (rt), where no multicast goes, as in a cloud VPC.
#
#   client - director (master) sync0 --- rt --- br1: peer (backup)
#            198.51.100.1           .254 | .254  198.18.0.2
#                                        +------ dirc 198.18.0.3
#                                        +------ forger 198.18.0.4
#
# 1. UDP flows through the director reach the peer, listed as its peer;
#    dirc, joined to the group and then a unicast backup the master does
#    not list, receives nothing. A restarted backup's full-table resync
#    goes over unicast too.
# 2. A sync message forged in a third namespace: the peer drops it,
#    counted, and makes no entry; the same message from an address the
#    peer lists does make one (the forgery is a valid message).
# 3. The kernel refuses what lbadm would never send (too many peers, mixed
#    families, peers with a group, a multicast or repeated peer), each with
#    its message, and a master and a backup with peers on one port in one
#    namespace.
# 4. An IPv6 pair with a shared key: its resync and a new flow.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

SYNCID=5 PEER=198.18.0.2 DIRC=198.18.0.3 FORGER=198.18.0.4 MASTER=198.51.100.1
PEER6=2001:db8:18::2 MASTER6=2001:db8:51::1
FORGE=$LBVS_TOP/tests/e2e/py/sync_forge.py
lbvs_load
topo_nat 1
ipq_begin
ns_add rt
ipn rt link add br1 type bridge forward_delay 0
ipn rt link set br1 up
addrs rt br1 198.18.0.254/24 2001:db8:18::254/64
veth director sync0 rt a0
addrs rt a0 198.51.100.254/24 2001:db8:51::254/64
addrs director sync0 $MASTER/24 $MASTER6/64
ipn director route add 198.18.0.0/24 via 198.51.100.254
ipn director route add 2001:db8:18::/64 via 2001:db8:51::254
for ns in peer dirc forger; do
	ns_add $ns
	veth $ns eth0 rt "$ns"
	ipn rt link set "$ns" master br1
done
addrs peer eth0 $PEER/24 $PEER6/64
ipn dirc addr add $DIRC/24 dev eth0
ipn forger addr add $FORGER/24 dev eth0
for ns in peer dirc forger; do ipn $ns route add default via 198.18.0.254; done
ipn peer route add ::/0 via 2001:db8:18::254
ipq_end
_router rt
udp_server rs1 53 rs1

for ns in director peer dirc; do
	printf '%s\n' "-A -u $VIP4:53 -s rr" "-a -u $VIP4:53 -r ${RIP4[1]}:53 -m" |
		nsx $ns "$LBADM" -R
done
# Each flow here is a datagram: sent at its first (IPVS's default: third).
nsx director sysctl -qw "net.lbvs.sync_threshold=1 50"
lbx() { local ns=$1; shift; nsx "$ns" "$LBADM" "$@"; }
# counter NS NAME: NAME=N of NS's -L --daemon --stats.
counter() { lbx "$1" -L --daemon --stats | sed -n "s/.*\\b$2=\\([0-9]*\\).*/\\1/p"; }
# entries NS PATTERN: how many of NS's connections match PATTERN.
entries() { lbx "$1" -L -c -n | grep -c -- "$2" || true; }
_entries_are() { [ "$(entries "$1" "$2")" -ge "$3" ]; }
_counter_is() { [ "$(counter "$1" "$2")" -ge "$3" ]; }

# --- 1. unicast peers ---------------------------------------------------
lbd --start-daemon master --mcast-interface sync0 --syncid $SYNCID --sync-peer $PEER
lbx peer --start-daemon backup --mcast-interface eth0 --syncid $SYNCID --sync-peer $MASTER
lbx dirc --start-daemon backup --mcast-interface eth0 --syncid $SYNCID
assert_eq "$(lbd -L --daemon)" \
	"master sync daemon (mcast=sync0, syncid=$SYNCID, maxlen=1472, port=8848) peers=$PEER" \
	"a master with peers: ipvsadm's fields, then its peers"
assert_match "$(lbx peer -L --daemon --json)" '"group":null,"port":8848,"ttl":0,"peers":\["198.51.100.1"\]' \
	"the peers in --json"
for sp in 40001 40002 40003; do
	assert_eq "$(udp_ask client $VIP4 53 $sp)" rs1 "UDP flow from port $sp through the director"
done
wait_until 15 _entries_are peer "$CIP4:4000[123] " 3 ||
	fail "the peer took $(entries peer "$CIP4:4000[123] ") of 3 entries over unicast"
log "peer: $(lbx peer -L --daemon --stats | xargs)"
log "master: $(lbd -L --daemon --stats | xargs)"
assert_eq "$(counter dirc rx_msgs)" 0 "the group's backup heard nothing: the master sends to its peers only"

# dirc as a unicast backup of the master, which does not list it.
lbx dirc --stop-daemon backup
lbx dirc --start-daemon backup --mcast-interface eth0 --syncid $SYNCID --sync-peer $MASTER
assert_eq "$(udp_ask client $VIP4 53 40004)" rs1 "UDP flow from port 40004"
wait_until 15 _entries_are peer "$CIP4:40004 " 1 || fail "the peer did not take the 4th entry"
assert_eq "$(counter dirc rx_msgs)" 0 "a backup the master does not list heard nothing"
assert_eq "$(entries dirc "$CIP4:")" 0 "dirc made no entry"

# The full-table resync over unicast: a backup restarted with an empty
# table asks its peer, and the master answers it alone.
lbx peer --stop-daemon backup
lbx peer --flush-conns
assert_eq "$(entries peer "$CIP4:")" 0 "the peer's table flushed"
lbx peer --start-daemon backup --mcast-interface eth0 --syncid $SYNCID --sync-peer $MASTER
_resync_done() { lbx peer -L --daemon --stats | grep -q ' resync=done '; }
wait_until 20 _resync_done || fail "no resync over unicast: $(lbx peer -L --daemon --stats | xargs)"
wait_until 10 _entries_are peer "$CIP4:4000[1234] " 4 ||
	fail "the resync brought $(entries peer "$CIP4:4000[1234] ") of 4 entries"
assert_eq "$(counter dirc rx_msgs)" 0 "dirc heard no resync"

# --- 2. a forged message from a third namespace ---------------------------
forge() { nsx forger python3 "$FORGE" $FORGER $SYNCID 203.0.113.77:"$1" "$VIP4:53" "${RIP4[1]}:53" $PEER; }
forge 4444
wait_until 10 _counter_is peer rx_not_peer 1 || fail "the peer did not count the forged message"
assert_eq "$(entries peer 203.0.113.77:)" 0 "a forged message from a non-peer made an entry"
# The proof that the forgery would work: from a listed peer it does.
lbx peer --stop-daemon backup
lbx peer --start-daemon backup --mcast-interface eth0 --syncid $SYNCID \
	--sync-peer $MASTER --sync-peer $FORGER
forge 4444
wait_until 10 _entries_are peer 203.0.113.77:4444 1 ||
	fail "the forged message makes no entry even from a listed peer: the test proves nothing"
log "forged entry from a listed peer: $(lbx peer -L -c -n | grep 203.0.113.77)"

# --- 3. the kernel's own checks -------------------------------------------
got=$(nsx forger python3 "$LBVS_TOP/tests/e2e/py/daemon_nl.py" eth0)
log "$got"
assert_eq "$got" "nine 22: too many sync peers
mixed 22: sync peers must all be of the daemon's family
group 22: a sync daemon with peers has no multicast group nor TTL
ttl 22: a sync daemon with peers has no multicast group nor TTL
multicast 22: a sync peer must be a unicast address
any 22: a sync peer must be a unicast address
twice 22: a sync peer is listed twice
empty 22: no sync peer in the list
stray 22: Unknown attribute type
badlen 22: sync peers must all be of the daemon's family
family 22: sync peers must all be of the daemon's family
ok 0: " "the kernel's checks of the peers, each with its message"
assert_eq "$(lbx forger -L --daemon)" \
	"backup sync daemon (mcast=eth0, syncid=0, maxlen=1472, port=8848) peers=192.0.2.2,192.0.2.3" \
	"the daemon the valid request started"
lbx forger --stop-daemon backup
# Both roles with peers in one namespace: one port each.
expect_lbadm_fail 'the other sync daemon has peers on this port' \
	lbx peer --start-daemon master --mcast-interface eth0 --sync-peer $MASTER
lbx peer --start-daemon master --mcast-interface eth0 --sync-peer $MASTER --mcast-port 8849
lbx peer --stop-daemon master

# --- 4. an IPv6 pair with a shared key -----------------------------------
keys=$(mktemp -d /tmp/lbvs-keys.XXXXXX)
at_exit "rm -rf $keys"
python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())' >"$keys/k"
lbd --stop-daemon master
lbx peer --stop-daemon backup
lbd --start-daemon master --mcast-interface sync0 --syncid $SYNCID --sync-peer $PEER6 --sync-key "$keys/k"
lbx peer --start-daemon backup --mcast-interface eth0 --syncid $SYNCID --sync-peer $MASTER6 \
	--sync-key "$keys/k"
wait_until 20 _resync_done || fail "no keyed resync over IPv6: $(lbx peer -L --daemon --stats | xargs)"
assert_eq "$(udp_ask client $VIP4 53 40005)" rs1 "UDP flow from port 40005"
wait_until 15 _entries_are peer "$CIP4:40005 " 1 || fail "the IPv6 peer did not take a new flow's entry"
stats=$(lbx peer -L --daemon --stats | xargs)
log "IPv6 keyed: $stats"
assert_match "$stats" ' auth=on rx_auth_failed=0 rx_not_peer=0$' "the keyed IPv6 backup refused nothing"
assert_eq "$(lbx peer -L --daemon)" \
	"backup sync daemon (mcast=eth0, syncid=$SYNCID, maxlen=1452, port=8848) peers=$MASTER6" \
	"an IPv6 backup and its peer"
lbd --stop-daemon master
lbx peer --stop-daemon backup
lbx dirc --stop-daemon backup
