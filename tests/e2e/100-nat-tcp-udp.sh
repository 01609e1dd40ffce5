#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 240
#
# NAT: TCP and UDP, IPv4 and IPv6, with port mapping (vport 80 -> rport
# 8080, 53 -> 5353). Checks who answered, that the real server saw the
# client's own address, what the capture on the client shows (replies come
# from the VIP, never from a real server), and the counters.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
for i in 1 2; do
	http_server "rs$i" 8080 "rs$i"
	udp_server "rs$i" 5353 "rs$i"
done

for vip in "$VIP4" "[$VIP6]"; do
	nsx director "$LBADM" -A -t "$vip:80" -s rr
	nsx director "$LBADM" -A -u "$vip:53" -s rr
done
for i in 1 2; do
	nsx director "$LBADM" -a -t "$VIP4:80" -r "${RIP4[i]}:8080" -m
	nsx director "$LBADM" -a -u "$VIP4:53" -r "${RIP4[i]}:5353" -m
	nsx director "$LBADM" -a -t "[$VIP6]:80" -r "[${RIP6[i]}]:8080" -m
	nsx director "$LBADM" -a -u "[$VIP6]:53" -r "[${RIP6[i]}]:5353" -m
done

nsx client tcpdump -i eth0 -n -w "$LBVS_OUT/client.pcap" 'tcp or udp' 2>/dev/null &
_PIDS+=($!)
sleep 1

t=$(tally client 10 "http://$VIP4/")
log "TCP/IPv4: $(echo $t)"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "5 5" "rr over TCP/IPv4"
t=$(tally client 10 "http://[$VIP6]/")
log "TCP/IPv6: $(echo $t)"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "5 5" "rr over TCP/IPv6"

declare -A seen=()
for sp in 40001 40002 40003 40004; do
	a=$(udp_ask client "$VIP4" 53 $sp)
	[ -n "$a" ] || fail "no UDP/IPv4 answer from source port $sp"
	seen[$a]=1
	a=$(udp_ask client "$VIP6" 53 $sp)
	[ -n "$a" ] || fail "no UDP/IPv6 answer from source port $sp"
	seen[v6$a]=1
done
assert_eq "${#seen[@]}" 4 "UDP flows reach both servers over IPv4 and IPv6"

# The real servers saw the client's address (NAT rewrites only the destination).
nsx rs1 ss -tn state time-wait | grep -q "$CIP4" ||
	nsx rs2 ss -tn state time-wait | grep -q "$CIP4" ||
	fail "no real server saw the client address $CIP4"

sleep 1
kill "${_PIDS[-1]}"; wait "${_PIDS[-1]}" 2>/dev/null || true
src=$(nsx client tcpdump -r "$LBVS_OUT/client.pcap" -n 2>/dev/null | awk '$4 ~ /^203\.0\.113\.2\./ || $4 ~ /^2001:db8:1::2\./ { print $2 }' | sed 's/\.[0-9]*$//' | sort -u)
log "reply sources seen by the client: $(echo $src)"
assert_eq "$(echo $src)" "$VIP4 $VIP6" "every reply comes from a VIP"

out=$(nsx director "$LBADM" -L -n --stats --exact)
log "$out"
assert_eq "$(stat_conns "$out" "$VIP4:80")" 10 "service connection counter"
assert_eq "$(stat_conns "$out" "${RIP4[1]}:8080")" 5 "real server connection counter"
assert_eq "$(stat_conns "$out" "[$VIP6]:53")" 4 "UDP/IPv6 service counter"

conns=$(nsx director "$LBADM" -L -n -c)
assert_match "$conns" "TCP .* $CIP4:[0-9]+ +$VIP4:80 +${RIP4[1]}:8080" "-L -c lists the TCP connections"
assert_match "$conns" "UDP .* \\[$CIP6\\]:40001 +\\[$VIP6\\]:53 " "-L -c lists the UDP/IPv6 flows"
