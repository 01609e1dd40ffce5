#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# Sync messages authenticated with a shared key (issue 16): the director's
# master and the peer's backup share a key (--sync-key, a base64 file as
# `wg genkey` writes), and the peer takes the director's flows, its
# resync included. A message forged on the sync segment (IPVS's format,
# no MAC) is dropped and counted and makes no entry; a backup with
# another key takes nothing from the master; and the same forged message
# makes an entry at a backup without a key, as at IPVS's.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

FORGE=$LBVS_TOP/tests/e2e/py/sync_forge.py
N=50 FAKE=198.51.100.77
topo_sync_udp

keys=$(mktemp -d /tmp/lbvs-keys.XXXXXX)
at_exit "rm -rf $keys"
for k in k1 k2; do python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())' >"$keys/$k"; done
echo "not a key" >"$keys/bad"

_peer_has() { [ "$(peer_conns)" -ge "$1" ]; }
forge() { nsx director python3 "$FORGE" 198.18.200.1 5 "$FAKE:5555" "$VIP4:53" "${RIP4[1]}:53"; }
fake_entries() { lbp -L -c -n | grep -c "$FAKE:5555" || true; }
backup() { lbp --stop-daemon backup 2>/dev/null || true; lbp --start-daemon backup --mcast-interface eth0 --syncid 5 "$@"; }

expect_lbadm_fail 'key file ".*/bad" does not hold a base64 key of 32 bytes' \
	lbd --start-daemon master --mcast-interface sync0 --sync-key "$keys/bad"
expect_lbadm_fail 'cannot read key file "/nonexistent"' \
	lbd --start-daemon master --mcast-interface sync0 --sync-key /nonexistent

# --- the same key: the flows and the resync go through ---------------------
lbd --start-daemon master --mcast-interface sync0 --syncid 5 --sync-key "$keys/k1"
backup --sync-key "$keys/k1"
wait_until 20 resync_is 'done' || fail "keyed resync: $LINE"
answered=$(ip netns exec client python3 "$TALLY" udp "$VIP4" 53 "$N" 40001 | grep -c '^rs1$')
assert_eq "$answered" "$N" "UDP flows answered"
wait_until 20 _peer_has $N || fail "peer took $(peer_conns) of $N keyed entries"
backup_stats
log "keyed: $LINE"
assert_eq "$(field auth) $(field rx_auth_failed)" "on 0" "keyed backup: auth on, nothing refused"
assert_match "$(lbd -L --daemon --stats --json)" '"auth":true' "master's JSON says auth"
[[ $(lbp -L --daemon) != *auth* ]] || fail "the plain listing shows auth"

# --- a forged message: dropped, counted, no entry ----------------------------
before=$(field rx_auth_failed)
forge
_forged_counted() { backup_stats; [ "$(field rx_auth_failed)" -gt "$before" ]; }
wait_until 10 _forged_counted || fail "forged message not counted: $LINE"
assert_eq "$(fake_entries)" 0 "a forged entry at a keyed backup"

# --- another key: nothing from the master ------------------------------------
backup --sync-key "$keys/k2"
wait_until 20 resync_is none || fail "resync with the wrong key: $LINE"
count=$(peer_conns)
answered=$(ip netns exec client python3 "$TALLY" udp "$VIP4" 53 10 41001 | grep -c '^rs1$')
assert_eq "$answered" 10 "more UDP flows answered"
_refused() { backup_stats; [ "$(field rx_auth_failed)" -gt 0 ]; }
wait_until 10 _refused || fail "wrong key: master's messages not refused: $LINE"
assert_eq "$(peer_conns)" "$count" "entries taken with the wrong key"

# --- no key at the backup: the forgery works, as at IPVS ---------------------
backup
forge
_fake_in() { [ "$(fake_entries)" = 1 ]; }
wait_until 10 _fake_in || fail "the forged entry was not taken without a key"
log "without a key, the forged entry: $(lbp -L -c -n | grep "$FAKE")"
lbp --stop-daemon backup
lbd --stop-daemon master
