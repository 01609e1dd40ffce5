#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 600
#
# Failover of a director pair run by Debian's keepalived, unchanged, on
# lbvs with ipvs_api=1 (issue 16; ip_vs is never loaded). Two directors
# (topo_pair) run keepalived on the keepalived.conf of docs/ha.md: one
# vrrp_instance moves the VIP and the servers' gateway, lvs_sync_daemon
# starts lbvs's sync daemons, and four virtual_server blocks program lbvs
# with HTTP_GET and TCP_CHECK checkers: NAT TCP :9000 and NAT UDP :9002 to
# rs1 and rs2 (servers' LAN), DR TCP :9001 and DR UDP :9003 to rs3 and rs4
# (client's LAN).
#
# 25 TCP connections through NAT, 25 through DR and a UDP flow through each
# open through dira; once dirb's table holds them all, dira dies (links
# down, keepalived stopped). dirb takes the VIP, and all 52 exchange new
# data, each UDP flow with its first server. Then rs1's HTTP server stops:
# keepalived on dirb takes rs1 out of lbvs within its check's time, and no
# new connection goes to it.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"
. "$(dirname "$0")/hc.sh"

KEEPALIVED=/usr/sbin/keepalived
[ -x "$KEEPALIVED" ] || skip "no $KEEPALIVED"
ipvs_unload || fail "cannot unload ip_vs: $(grep '^ip_vs' /proc/modules)"
lbvs_load ipvs_api=1
N=25
lba() { nsx dira "$LBADM" "$@"; }
lbb() { nsx dirb "$LBADM" "$@"; }

# --- topology: the pair; rs1, rs2 behind it (NAT); rs3, rs4 beside it (DR)
topo_pair 2
ipq_begin
for i in 3 4; do
	RIP4[i]=203.0.113.2$i
	ns_add "rs$i"
	pair_port "rs$i" eth0 front "${RIP4[i]}/24"
done
ipq_end
for i in 3 4; do dr_real_server "rs$i"; done
# Every checker asks the HTTP server (a Python thread a check): one
# aimed at an echo server would fork a shell a check.
servers_begin
for i in 1 2 3 4; do
	http_server "rs$i" 8080 "rs$i"
	HTTP_PID[i]=$!	# rs1's, to stop it alone
done
for i in 1 2; do
	echo_server "rs$i" 9000 "rs$i"
	echo_server "rs$i" 9002 "rs$i" UDP
done
for i in 3 4; do
	echo_server "rs$i" 9001 "rs$i"
	# Answers each datagram with its name, from the VIP it was sent to.
	udp_server "rs$i" 9003 "rs$i"
done
servers_wait

# --- keepalived, as docs/ha.md gives it ------------------------------------
# dr PORT PROTO: a DR virtual_server to rs3 and rs4, TCP_CHECK.
dr()
{
	cat <<CONF
virtual_server 203.0.113.100 $1 {
    delay_loop 1
    lb_algo rr
    lb_kind DR
    protocol $2
$(ka_rs_tcp 203.0.113.23 "$1")
$(ka_rs_tcp 203.0.113.24 "$1")
}
CONF
}
# conf NAME STATE PRIORITY: the pair's file, and DR TCP :9001, UDP :9003.
conf() { ka_pair_conf "$@" "$(dr 9001 TCP; dr 9003 UDP)"; }
keepalived_on dira conf MASTER 150
keepalived_on dirb conf BACKUP 100

wait_until 30 has_vip dira || fail "dira did not take the VIP"
for d in dira dirb; do
	wait_rule "$d" "-t $VIP4:9000" "${RIP4[1]}:9000" "-m -w 1" 30
	wait_rule "$d" "-t $VIP4:9000" "${RIP4[2]}:9000" "-m -w 1" 30
	wait_rule "$d" "-t $VIP4:9001" "${RIP4[3]}:9001" "-g -w 1" 30
	wait_rule "$d" "-t $VIP4:9001" "${RIP4[4]}:9001" "-g -w 1" 30
	wait_rule "$d" "-u $VIP4:9002" "${RIP4[1]}:9002" "-m -w 1" 30
	wait_rule "$d" "-u $VIP4:9002" "${RIP4[2]}:9002" "-m -w 1" 30
	wait_rule "$d" "-u $VIP4:9003" "${RIP4[3]}:9003" "-g -w 1" 30
	wait_rule "$d" "-u $VIP4:9003" "${RIP4[4]}:9003" "-g -w 1" 30
done
wait_until 20 daemons_are dira master || fail "dira's daemons: $(lba -L --daemon)"
wait_until 20 daemons_are dirb backup || fail "dirb's daemons: $(lbb -L --daemon)"
log "dira, as keepalived made it:"$'\n'"$(lba -L -n)"$'\n'"$(lba -L --daemon)"
log "dirb: $(lbb -L --daemon)"
has_vip dirb && fail "both directors hold the VIP"

# --- 50 TCP connections and two UDP flows through dira ----------------------
IDS=()
for i in $(seq $N); do
	hold_open "nat$i" client $VIP4 9000
	hold_open "dr$i" client $VIP4 9001
	IDS+=("nat$i" "dr$i")
done
# A datagram first, so that rr sends the flow to the server a fresh choice
# (dirb's, without sync) would not give it.
first=$(udp_ask client $VIP4 9002 | head -n 1)
hold_open udp client $VIP4 9002 UDP
IDS+=(udp)
bad=$(holds_echo hello "${IDS[@]}")
[ -z "$bad" ] || fail "no echo through dira on: ${bad//$'\n'/ }"
# Two more datagrams: IPVS's sync_threshold "3 50" sends the flow at its third.
for w in again more; do
	[ -z "$(holds_echo $w udp)" ] || fail "no echo of \"$w\" through dira on the UDP flow"
done
UDP_RS=$(_hold_first udp)
log "the UDP flow: $UDP_RS (a first datagram: $first)"
[ "$UDP_RS" != "$first" ] || fail "rr gave the UDP flow $first again"
# Through DR, where each datagram is answered with the server's name.
# _answered K: the DR flow's K datagrams have K answers.
_answered() { [ "$(wc -l <"$LBVS_OUT/hold-udpdr.out")" -ge "$1" ]; }
first=$(udp_ask client $VIP4 9003 | head -n 1)
hold_open udpdr client $VIP4 9003 UDP
for k in 1 2 3; do
	hold_send udpdr "$k"
	wait_until 10 _answered $k || fail "DR UDP flow: no answer to datagram $k through dira"
done
DR_RS=$(_hold_first udpdr)
log "the DR UDP flow: $DR_RS (a first datagram: $first)"
[ "$DR_RS" != "$first" ] || fail "rr gave the DR UDP flow $first again"

# dirb's table: every connection, to the server dira chose.
_synced()
{
	[ "$(conn_rows dirb "$VIP4:9000" "$LBADM" | wc -l)" -ge $N ] &&
		[ "$(conn_rows dirb "$VIP4:9001" "$LBADM" | wc -l)" -ge $N ] &&
		[ "$(conn_rows dirb "$VIP4:9002" "$LBADM" | wc -l)" -ge 1 ] &&
		[ "$(conn_rows dirb "$VIP4:9003" "$LBADM" | wc -l)" -ge 1 ]
}
wait_until 20 _synced || fail "dirb's synced table after 20 s:"$'\n'"$(lbb -L -c -n)"
for p in 9000 9001; do
	assert_eq "$(conn_rows dirb "$VIP4:$p" "$LBADM")" "$(conn_rows dira "$VIP4:$p" "$LBADM")" \
		"dirb's synced entries of :$p: dira's clients on dira's servers"
done
# The UDP flows, not the first datagrams' (one datagram: never sent).
for p in 9002 9003; do
	rs=$UDP_RS
	[ $p = 9003 ] && rs=$DR_RS
	assert_eq "$(conn_rows dirb "$VIP4:$p" "$LBADM")" \
		"$(conn_rows dira "$VIP4:$p" "$LBADM" | grep -F " ${RIP4[${rs#rs}]}:$p")" \
		"dirb's synced entry of :$p: the UDP flow"
done
log "dirb: $(lbb -L --daemon --stats | tail -n +2 | xargs)"

# --- dira dies ---------------------------------------------------------------
t0=$SECONDS
director_dies dira
wait_until 20 has_vip dirb || fail "dirb did not take the VIP"
log "dirb holds the VIP $((SECONDS - t0)) s after dira's links went down"
wait_until 20 daemons_are dirb master || fail "dirb's daemons after takeover: $(lbb -L --daemon)"
log "dirb: $(lbb -L --daemon)"

bad=$(holds_echo after "${IDS[@]}")
[ -z "$bad" ] || fail "$(wc -w <<<"$bad") of ${#IDS[@]} broke at the takeover: ${bad//$'\n'/ }"
mapfile -t lines <"$LBVS_OUT/hold-udp.out"
assert_eq "${lines[*]}" "$UDP_RS hello again more after" "the UDP flow stays on its server"
hold_send udpdr 4
wait_until 10 _answered 4 || fail "DR UDP flow: no answer through dirb"
mapfile -t lines <"$LBVS_OUT/hold-udpdr.out"
assert_eq "${lines[*]}" "$DR_RS $DR_RS $DR_RS $DR_RS" "the DR UDP flow stays on its server"
log "all $((${#IDS[@]} + 1)) (2 x $N TCP, 2 UDP) went on through dirb"

# --- a real server's HTTP server stops ---------------------------------------
t0=$SECONDS
kill "${HTTP_PID[1]}"
wait_rule dirb "-t $VIP4:9000" "${RIP4[1]}:9000" absent 10
log "keepalived took rs1 out of lbvs in $((SECONDS - t0)) s"
t=$(greet_tally client $VIP4 9000 6)
log "rs1's HTTP down: ${t//$'\n'/ }"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "0 6" "no new connection to rs1"

! _module_loaded ip_vs || fail "ip_vs was loaded"
