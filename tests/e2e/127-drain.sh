#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 300
#
# Draining a real server (-e ... --drain SECONDS): -L shows it draining
# with the time left; it takes no new connection while its own go on;
# when its time is up it is removed (an event by "lbvs-drain"), and a
# connection still open is reset at both ends by its next packet: the
# client and the real server both see the connection reset, where
# without the drain the server's side would stay established. A drain
# whose server's last connection ends removes it before its time.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
servers_begin
for i in 1 2; do echo_server "rs$i" 9000 "rs$i"; done
servers_wait
# A short FIN timeout: a half-closed connection's entry goes within
# seconds (those in TIME_WAIT do not hold a drain up).
lbd -A -t "$VIP4:9000" -s rr --timeout-tcpfin 2
for i in 1 2; do lbd -a -t "$VIP4:9000" -r "${RIP4[i]}:9000" -m; done
mon=$(mktemp /tmp/monitor.XXXXXX)
at_exit "rm -f $mon"
nsx director "$LBADM" --monitor >"$mon" 2>&1 &
_PIDS+=($!)

# rip_of NAME: rsI's address.
rip_of() { echo "${RIP4[${1#rs}]}"; }
# greeting: the server a new connection reaches.
greeting() { nsx client socat -t 2 - "TCP4:$VIP4:9000,connect-timeout=5" </dev/null | head -1; }
# established NS: the server's established connections on port 9000.
established() { nsx "$1" ss -Htn state established '( sport = :9000 )' | grep -c . || true; }
listed() { lbd -L -n | grep -c -- "-> $1:9000" || true; }
gone() { [ "$(listed "$1")" = 0 ]; }
not_established() { [ "$(established "$1")" = 0 ]; }

# Before the held connections: a capture must not inherit their FIFOs.
capture client "tcp port 9000"
capture rs1 "tcp port 9000"
capture rs2 "tcp port 9000"
hold_open a client "$VIP4" 9000
hold_open b client "$VIP4" 9000
na=$(hold_name a) nb=$(hold_name b)
if [ "$na" = "$nb" ] || [ "$na" = - ] || [ "$nb" = - ]; then
	fail "rr did not spread a, b: $na $nb"
fi
ra=$(rip_of "$na") rb=$(rip_of "$nb")

# --- a's server drains, with a open; then its time is cut to 1 s ----------
# (Long enough for the debug kernel's slow commands, then shortened: a
# new --drain sets a new time.)
lbd -e -t "$VIP4:9000" -r "$ra:9000" --drain 60
assert_match "$(lbd -L -n)" "-> $ra:9000 +Masq +1 +1 +0 +draining (5[0-9]|60)s" "-L shows the drain"
for i in 1 2 3 4; do
	assert_eq "$(greeting)" "$nb" "new connection $i goes to $nb, not the draining $na"
done
hold_echo a ping1 || fail "a's connection stopped while its server drains"
assert_eq "$(established "$na")" 1 "$na holds a"

lbd -e -t "$VIP4:9000" -r "$ra:9000" --drain 1
wait_until 15 gone "$ra" || fail "$ra still listed after its drain time"
wait_until 5 grep -q "^\[0 lbvs-drain\] -d -t $VIP4:9000 -r $ra:9000$" "$mon" ||
	fail "no event for the end of the drain: $(cat "$mon")"
assert_eq "$(established "$na")" 1 "a stays open until its next packet"
# Its next packet: both ends reset.
echo ping2 >&"${_HOLD_FD[a]}"
wait_until 10 not_established "$na" || fail "$na's side of a was not reset"
capture_stop
pkts_client=$(tcpdump -r "$LBVS_OUT/client.pcap" -n 2>/dev/null | grep 'Flags \[R' || true)
pkts_server=$(tcpdump -r "$LBVS_OUT/$na.pcap" -n 2>/dev/null | grep 'Flags \[R' || true)
log "client: $pkts_client"
log "$na: $pkts_server"
assert_match "$pkts_client" "IP $VIP4\.9000 > $CIP4\.[0-9]+: Flags \[R\]" "the client got a RST"
assert_match "$pkts_server" "IP $CIP4\.[0-9]+ > $ra\.9000: Flags \[R\.\]" "the server got a RST"
assert_eq "$(nsx client ss -Htn state established "( dport = :9000 )" | grep -c . || true)" 1 \
	"the client's side of a is gone (b stays)"
hold_close a
hold_echo b ping3 || fail "b's connection broke"

# --- b's server drains for 60 s; b's close ends it -------------------------
lbd -e -t "$VIP4:9000" -r "$rb:9000" --drain 60
hold_close b
wait_until 20 gone "$rb" ||
	fail "$rb still listed after its last connection ended"$'\n'"$(lbd -L -n; lbd -L -n -c)"
log "$(cat "$mon")"
assert_match "$(cat "$mon")" "^\[[0-9]+ lbadm\] -e -t $VIP4:9000 -r $rb:9000 --drain 60$" "the drain's start is an event"
assert_match "$(cat "$mon")" "^\[0 lbvs-drain\] -d -t $VIP4:9000 -r $rb:9000$" "and its end"

# --drain 0 ends a drain and leaves the server in. (A connection holds
# the drain open: a server without any is removed at the next second.)
lbd -a -t "$VIP4:9000" -r "$ra:9000" -m
hold_open c client "$VIP4" 9000
assert_eq "$(hold_name c)" "$na" "c on the server added again"
lbd -e -t "$VIP4:9000" -r "$ra:9000" --drain 30
assert_match "$(lbd -L -n)" "draining" "draining again"
[ -z "$(greeting)" ] || fail "a new connection was answered while the only server drains"
lbd -e -t "$VIP4:9000" -r "$ra:9000" --drain 0
[[ $(lbd -L -n) != *draining* ]] || fail "--drain 0 did not end the drain"
assert_eq "$(greeting)" "$na" "the server takes connections again"
hold_close c
