# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by a test of two guests (tests/qemu/run.sh --pair FILE), after
# tests/e2e/lib.sh. Both guests run FILE; LBVS_ROLE says which one this is
# (a or b), LBVS_SHARED is a directory both write (9p, cache=none).
#
#   signal NAME      tell the peer NAME happened (NAME: a word)
#   await NAME [S]   until the peer signalled NAME (fails after S s, 300,
#                    or at once when the peer's test ended without it)
#   put NAME < DATA  a file for the peer, signalled as NAME; the peer
#                    reads it with take NAME once await NAME returned
#   role_is a        this guest is a
#   nic N            this guest's NIC N (1: front, 2: back; MACs as run.sh
#                    gives them)

: "${LBVS_ROLE:?run this test with tests/qemu/run.sh --pair}" "${LBVS_SHARED:?}"
PEER=a
[ "$LBVS_ROLE" = a ] && PEER=b

role_is() { [ "$LBVS_ROLE" = "$1" ]; }

signal() { : >"$LBVS_SHARED/$LBVS_ROLE.$1"; }

# The peer ends (its EXIT trap, or guest-run.sh's) by signalling "exit".
at_exit signal exit

_peer_did()
{
	[ -e "$LBVS_SHARED/$PEER.$1" ] && return 0
	[ ! -e "$LBVS_SHARED/$PEER.exit" ] || fail "guest $PEER ended before it signalled $1"
	return 1
}

await()
{
	local t0=$SECONDS
	wait_until "${2:-300}" _peer_did "$1" || fail "guest $PEER did not signal $1 within ${2:-300} s"
	log "guest $PEER: $1 (waited $((SECONDS - t0)) s)"
}

put()
{
	cat >"$LBVS_SHARED/$LBVS_ROLE.$1.data"
	signal "$1"
}

take() { cat "$LBVS_SHARED/$PEER.$1.data"; }

nic()
{
	local mac
	mac=52:54:00:00:0$LBVS_ROLE:0$1
	ip -br link | awk -v m="$mac" '$3 == m { print $1 }'
}
