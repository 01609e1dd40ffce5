#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 600
#
# The SYN proxy (--synproxy) on NAT and FULLNAT services, IPv4 and IPv6:
# the director answers SYNs with cookies and keeps nothing for them; a
# forged ACK makes nothing and is counted; a client that completes the
# handshake is served (rr over two servers), with its options replayed to
# the server (capture) and bulk data both ways arriving whole; a server
# that refuses gives the client a RST at once, one that never answers
# gives it a RST once it sends again after 3 s. What cannot be proxied
# (DR and TUN servers, UDP) is refused with its reason.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

command -v hping3 >/dev/null || skip "hping3 is not installed"
topo_nat 2
lbvs_load
# FULLNAT's pool, on the director's server side.
LIP4=192.0.2.50 LIP6=2001:db8:2::50
ipn director addr add $LIP4/24 dev br0
ipn director addr add $LIP6/64 dev br0 nodad

servers_begin
for i in 1 2; do
	http_server "rs$i" 80 "rs$i"
	sink_server "rs$i" 9000
	ip netns exec "rs$i" socat TCP6-LISTEN:9001,ipv6only=0,fork,reuseaddr \
		SYSTEM:"head -c 2000000 /dev/zero" >/dev/null 2>&1 &
	_started "rs$i" 9001 $!
done
servers_wait

# NAT on 80 and 9000/9001, FULLNAT on 81; 82's server has no listener, 83's
# server does not exist.
for vip in "$VIP4" "[$VIP6]"; do
	for port in 80 81 9000 9001; do
		lbd -A -t "$vip:$port" -s rr --synproxy
	done
	lbd -A -t "$vip:82" -s rr --synproxy
	lbd -A -t "$vip:83" -s rr --synproxy
done
for i in 1 2; do
	for port in 80 9000 9001; do
		lbd -a -t "$VIP4:$port" -r "${RIP4[i]}:$port" -m
		lbd -a -t "[$VIP6]:$port" -r "[${RIP6[i]}]:$port" -m
	done
	lbd -a -t "$VIP4:81" -r "${RIP4[i]}:80" -b
	lbd -a -t "[$VIP6]:81" -r "[${RIP6[i]}]:80" -b
done
lbd -P -t "$VIP4:81" -z $LIP4
lbd -P -t "[$VIP6]:81" -z $LIP6
lbd -a -t "$VIP4:82" -r "${RIP4[1]}:82" -m
lbd -a -t "[$VIP6]:82" -r "[${RIP6[1]}]:82" -m
lbd -a -t "$VIP4:83" -r 192.0.2.99:83 -m
lbd -a -t "[$VIP6]:83" -r "[2001:db8:2::99]:83" -m
assert_match "$(lbadm_list director)" "TCP  $VIP4:80 rr synproxy" "listed with synproxy"
assert_match "$(lbd -S -n)" "-A -t $VIP4:80 -s rr --synproxy" "saved with --synproxy"
assert_match "$(lbd -L -n --json)" '"synproxy":true' "JSON says synproxy"
# What cannot be proxied is refused, with the reason.
expect_lbadm_fail "needs NAT or FULLNAT servers" lbd -a -t "$VIP4:80" -r 192.0.2.13:80 -g
lbd -A -t "$VIP4:85" -s rr
lbd -a -t "$VIP4:85" -r 192.0.2.13:85 -i
expect_lbadm_fail "needs NAT or FULLNAT servers" lbd -E -t "$VIP4:85" -s rr --synproxy
expect_lbadm_fail "for TCP and fwmark services" lbd -A -u "$VIP4:85" --synproxy
expect_fail "Invalid argument" nsx director sysctl -w net.lbvs.synproxy=2
lbd -D -t "$VIP4:85"

drop() { lbd -L --drops | awk -v r="$1" '$1 == r { print $2 }'; }

# --- SYNs alone: answered, nothing kept ----------------------------------
capture client "tcp port 80"
before=$(conn_count)
nsx client hping3 -q -S -p 80 -c 5 -i u100000 "$VIP4" >/dev/null 2>&1 || true
nsx client hping3 -q -S -p 80 -s 4444 -k -M 1000 -c 2 -i u100000 "$VIP4" >/dev/null 2>&1 || true
capture_stop
assert_eq "$(conn_count)" "$before" "SYNs alone leave no entry"
[ "$(drop syn_proxied)" -ge 7 ] || fail "syn_proxied counted $(drop syn_proxied) of 7"
synacks=$(tcpdump -r "$LBVS_OUT/client.pcap" -n -S 2>/dev/null | grep -c "Flags \[S\.\]" || true)
log "SYN-ACKs the client saw: $synacks"
[ "$synacks" -ge 7 ] || fail "the client saw $synacks SYN-ACKs for 7 SYNs"
# A retransmitted SYN gets the same cookie.
seqs=$(tcpdump -r "$LBVS_OUT/client.pcap" -n -S 2>/dev/null |
	awk '/\.80 > .*\.4444: Flags \[S\.\]/ { for (i = 1; i < NF; i++) if ($i == "seq") print $(i + 1) }' |
	sort -u | wc -l)
assert_eq "$seqs" 1 "a repeated SYN is answered with the same cookie"

# --- forged ACKs: no cookie, no entry ------------------------------------
nsx client hping3 -q -A -p 80 -c 5 -i u100000 "$VIP4" >/dev/null 2>&1 || true
assert_eq "$(conn_count)" "$before" "forged ACKs leave no entry"
[ "$(drop cookie_invalid)" -ge 5 ] || fail "cookie_invalid counted $(drop cookie_invalid) of 5"

# --- served, NAT and FULLNAT, IPv4 and IPv6 --------------------------------
capture rs1 "tcp port 80"
for vip in "$VIP4" "[$VIP6]"; do
	for port in 80 81; do
		t=$(tally client 10 "http://$vip:$port/")
		log "TCP to $vip:$port: ${t//$'\n'/ }"
		assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "5 5" "rr via the proxy to $vip:$port"
	done
done
capture_stop
# The server saw the client's options in our SYN: MSS, SACK, timestamps, shift.
syn=$(tcpdump -r "$LBVS_OUT/rs1.pcap" -n -v 2>/dev/null | grep -m 1 "Flags \[S\]," || true)
log "a SYN at rs1: $syn"
for o in "mss " "sackOK" "TS val" "wscale "; do
	assert_match "$syn" "$o" "the server's SYN carries $o"
done
# FULLNAT's SYN comes from the pool.
grep -q "IP $LIP4\.[0-9]* > ${RIP4[1]}\.80: Flags \[S\]" <<<"$(tcpdump -r "$LBVS_OUT/rs1.pcap" -n 2>/dev/null)" ||
	fail "no FULLNAT SYN from the pool at rs1"

# --- bulk both ways ---------------------------------------------------------
uploads_whole client 9000 "$VIP4" "$VIP6"
for a in "$VIP4" "$VIP6"; do
	fam=TCP4 h=$a
	[[ $a == *:* ]] && { fam=TCP6; h="[$a]"; }
	got=$(nsx client socat -u -t 20 "$fam:$h:9001,connect-timeout=5" - | wc -c)
	assert_eq "$got" 2000000 "2 MB download from $a"
done

# --- a server that refuses, one that never answers ---------------------------
for a in "$VIP4" "[$VIP6]"; do
	start=$(date +%s%N)
	rc=0
	nsx client curl -s -o /dev/null --max-time 10 "http://$a:82/" || rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	log "refused at $a: curl exit $rc in $ms ms"
	# Reset at once: refused, or a failed send or receive if the
	# request had left.
	case $rc in 7 | 55 | 56) ;; *) fail "curl exit $rc: the server's refusal did not reach the client ($a)" ;; esac
	[ "$ms" -lt 3000 ] || fail "the refusal took $ms ms"
done
no_answer=$(drop proxy_no_answer)
for a in "$VIP4" "[$VIP6]"; do
	rc=0
	nsx client curl -s -o /dev/null --max-time 15 "http://$a:83/" || rc=$?
	log "no answer at $a: curl exit $rc"
	assert_eq "$rc" 56 "a server that never answers: the client is reset ($a)"
done
[ "$(drop proxy_no_answer)" -ge $((no_answer + 2)) ] ||
	fail "proxy_no_answer counted $(($(drop proxy_no_answer) - no_answer)) of 2"

log "$(lbd -L --drops)"
