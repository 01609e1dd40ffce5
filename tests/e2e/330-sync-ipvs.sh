#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 400
#
# Connection sync between the kernel's IPVS and lbvs, both ways, and a
# takeover that keeps every connection: the rolling replacement of IPVS
# by lbvs on a live pair. Two directors (dira runs IPVS with ipvsadm,
# dirb lbvs with lbadm) on the client's LAN and on the servers' LAN, the
# same NAT service on both; the VIP and the servers' gateway address move
# between them as keepalived would move them.
#
# 1. IPVS master -> lbvs backup: 10 connections through dira reach dirb's
#    table as ESTABLISHED entries to the same servers; the addresses move
#    to dirb and all 10 go on exchanging data.
# 2. lbvs master -> IPVS backup: 10 more through dirb reach dira's table;
#    the addresses move back and all 20 go on.
# Between: lbadm -L --daemon prints what ipvsadm -L --daemon prints for
# the same daemon; the daemons stop; a malformed start is refused.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

modprobe ip_vs || skip "no ip_vs module to sync with"
modprobe ip_vs_rr || skip "no ip_vs_rr module"
lbvs_load

N=10 SYNCID=7
lbb() { nsx dirb "$LBADM" "$@"; }
ipa() { nsx dira ipvsadm "$@"; }

topo_pair 2
for i in 1 2; do echo_server "rs$i" 9000 "rs$i"; done

# active NS: the VIP and the servers' gateway on NS.
active() { pair_take "$1" "eth0=$VIP4/32" "eth1=$GWV/24"; }

ipa -A -t $VIP4:9000 -s rr
lbb -A -t $VIP4:9000 -s rr
for i in 1 2; do
	ipa -a -t $VIP4:9000 -r "${RIP4[i]}:9000" -m
	lbb -a -t $VIP4:9000 -r "${RIP4[i]}:9000" -m
done

# --- the daemon commands -------------------------------------------------
ipa --start-daemon master --mcast-interface eth1 --syncid $SYNCID
lbb --start-daemon backup --mcast-interface eth1 --syncid $SYNCID
expect_lbadm_fail 'Daemon has already run' lbb --start-daemon backup --mcast-interface eth1
expect_lbadm_fail 'on nosuch0: no such sync interface' lbb --start-daemon master --mcast-interface nosuch0
masterA=$(ipa -L --daemon)
backupB=$(lbb -L --daemon)
log "ipvsadm: $masterA"
log "lbadm: $backupB"
assert_eq "$backupB" "${masterA/master/backup}" "lbadm -L --daemon as ipvsadm's"

# rows NS CMD...: the listing's ESTABLISHED rows of the VIP.
rows() { conn_rows "$1" "$VIP4:9000" "${@:2}"; }
_rows_are() { [ "$(rows "$1" "$2" | wc -l)" -ge "$3" ]; }

# --- 1. IPVS master, lbvs backup ----------------------------------------
active dira
for i in $(seq $N); do hold_open "a$i" client $VIP4 9000; done
for i in $(seq $N); do
	[ "$(hold_name "a$i")" != - ] || fail "a$i: no greeting through IPVS"
	hold_echo "a$i" hello || fail "a$i: no echo through IPVS"
done
wait_until 20 _rows_are dirb "$LBADM" $N ||
	fail "lbvs took $(rows dirb "$LBADM" | wc -l) of $N connections from IPVS"
assert_eq "$(rows dirb "$LBADM")" "$(rows dira ipvsadm)" \
	"lbvs's synced entries: IPVS's clients on IPVS's servers"
log "dirb: $(lbb -L --daemon --stats 2>&1 | tail -n +2 | xargs)"

active dirb
for i in $(seq $N); do
	hold_echo "a$i" after1 || fail "a$i broke when lbvs took over from IPVS"
done
log "all $N connections went on through lbvs"

# --- 2. lbvs master, IPVS backup ----------------------------------------
ipa --stop-daemon master
lbb --stop-daemon backup
assert_eq "$(lbb -L --daemon)" "" "no daemon after --stop-daemon"
expect_lbadm_fail 'No daemon is running' lbb --stop-daemon backup
lbb --start-daemon master --mcast-interface eth1 --syncid $SYNCID
ipa --start-daemon backup --mcast-interface eth1 --syncid $SYNCID
assert_eq "$(lbb -L --daemon)" "$masterA" "lbvs's master listed as IPVS's"
for i in $(seq $N); do hold_open "b$i" client $VIP4 9000; done
for i in $(seq $N); do
	[ "$(hold_name "b$i")" != - ] || fail "b$i: no greeting through lbvs"
	hold_echo "b$i" hello || fail "b$i: no echo through lbvs"
done
_b_rows() { rows dira ipvsadm | grep -c . || true; }
wait_until 20 _rows_are dira ipvsadm $((2 * N)) ||
	fail "IPVS holds $(_b_rows) of $((2 * N)) connections after lbvs's sync"
assert_eq "$(rows dira ipvsadm)" "$(rows dirb "$LBADM")" \
	"IPVS's entries: lbvs's clients on lbvs's servers"

active dira
for i in $(seq $N); do
	hold_echo "a$i" after2 || fail "a$i broke when IPVS took back over"
	hold_echo "b$i" after2 || fail "b$i broke when IPVS took over from lbvs"
done
log "all $((2 * N)) connections went on through IPVS"
lbb --stop-daemon master
ipa --stop-daemon backup
