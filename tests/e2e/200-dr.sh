#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 900
#
# DR (direct routing): director and two real servers on one switch, the
# client behind a router. TCP and UDP, IPv4 and IPv6, rr gives exact
# counts. The real servers receive the packet as the client sent it (to the
# VIP, from the client) with only the Ethernet header changed (to their MAC,
# from the director's), and their replies reach the client from the VIP
# without passing through the director (its capture holds none).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_dr 2
lbvs_load
# DR flows sit in FIN_WAIT once closed (replies bypass us): keep them for
# the listing at the end, which the debug kernel reaches minutes later.
lbd --set 0 900 0
for i in 1 2; do
	http_server "rs$i" 80 "rs$i"
	udp_server "rs$i" 53 "rs$i"
done
for vip in "$VIP4" "[$VIP6]"; do
	lbd -A -t "$vip:80" -s rr
	lbd -A -u "$vip:53" -s rr
done
for i in 1 2; do
	lbd -a -t "$VIP4:80" -r "${RIP4[i]}" -g
	lbd -a -u "$VIP4:53" -r "${RIP4[i]}:53" -g
	lbd -a -t "[$VIP6]:80" -r "[${RIP6[i]}]:80" -g
	lbd -a -u "[$VIP6]:53" -r "[${RIP6[i]}]" -g
done
# DR maps no port: another port is refused, none takes the service's.
lbd -A -t "$VIP4:81"
expect_lbadm_fail "port 8080 of direct-routing server ${RIP4[1]} must equal the service port 81" \
	lbd -a -t "$VIP4:81" -r "${RIP4[1]}:8080" -g
lbd -a -t "$VIP4:81" -r "${RIP4[1]}" -g
assert_match "$(lbadm_list director)" "-> ${RIP4[1]}:81 +Route" "DR takes the service port"
lbd -D -t "$VIP4:81"
log "$(lbadm_list director)"
assert_match "$(lbadm_list director)" "-> ${RIP4[1]}:80 +Route +1 " "listed as Route"

capture director "tcp or udp"
capture rs1 "tcp or udp"
capture client "tcp or udp"

t=$(tally client 10 "http://$VIP4/")
log "TCP/IPv4: $(echo $t)"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "5 5" "rr over TCP/IPv4"
t=$(tally client 10 "http://[$VIP6]/")
log "TCP/IPv6: $(echo $t)"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "5 5" "rr over TCP/IPv6"
for vip in "$VIP4" "$VIP6"; do
	t=$(udp_tally client "$vip" 53 4)
	log "UDP to $vip: $(echo $t)"
	assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "2 2" "rr over UDP to $vip"
done

capture_stop
# The director saw the requests (in and out again), but no reply.
n=$(capture_flows director | grep -c " > $VIP4.80$" || true)
log "TCP/IPv4 request packets on the director's link: $n"
[ "$n" -ge 20 ] || fail "the director's capture misses the requests ($n)"
r=$(from_vip director)
[ -z "$r" ] || fail "replies passed through the director:"$'\n'"$r"
# The client got every reply from a VIP, and rs1 saw the client's own
# addresses sending to the VIPs.
src=$(capture_flows client | awk '$3 ~ /^(203\.0\.113\.2|2001:db8:1::2)\./ { sub(/\.[0-9]+$/, "", $1); print $1 }' | sort -u)
assert_eq "$(echo $src)" "$(sorted "$VIP4" "$VIP6")" "every reply comes from a VIP"
flows=$(capture_flows rs1 | awk '$3 ~ /\.(80|53)$/ { sub(/\.[0-9]+$/, "", $1); sub(/\.[0-9]+$/, "", $3); print $1, $3 }' | sort -u)
assert_eq "$(echo $flows)" "$(printf "%s\n" "$CIP4 $VIP4" "$CIP6 $VIP6" | sort | xargs)" "rs1 receives client -> VIP unchanged"

# Only the MAC header changed: to rs1's MAC, from the director's.
macs=$(tcpdump -r "$LBVS_OUT/rs1.pcap" -e -n "dst host $VIP4 and tcp dst port 80" 2>/dev/null |
	awk '{ sub(/,$/, "", $4); print $2, $4 }' | sort -u)
assert_eq "$macs" "$(mac_of director eth0) $(mac_of rs1 eth0)" "Ethernet source and destination"

out=$(lbd -L -n --stats --exact)
log "$out"
assert_eq "$(stat_conns "$out" "$VIP4:80")" 10 "service connection counter"
assert_eq "$(stat_conns "$out" "${RIP4[1]}:80")" 5 "real server connection counter"
assert_eq "$(stat_conns "$out" "[$VIP6]:53")" 4 "UDP/IPv6 service counter"
conns=$(lbd -L -n -c)
assert_match "$conns" "TCP .* $CIP4:[0-9]+ +$VIP4:80 +${RIP4[1]}:80" "-L -c lists the DR connections"

# -o, one-packet scheduling: datagrams from one client port, each
# scheduled on its own (rr alternates where an entry would pin them), no
# entry left behind, each counted as a connection; IPv4 and IPv6. NAT
# servers would send untranslated replies: refused both ways round.
for vip in "$VIP4" "[$VIP6]"; do lbd -E -u "$vip:53" -s rr -o; done
assert_match "$(lbd -L -n -u "$VIP4:53")" "UDP +$VIP4:53 rr ops" "listing shows ops"
assert_match "$(lbd -S -n)" "-A -u $VIP4:53 -s rr -o" "-S saves -o"
lbd -Z
for vip in "$VIP4" "$VIP6"; do
	got=$(for k in 1 2 3 4; do udp_ask client "$vip" 53 40999; done | xargs)
	log "-o, one client port to $vip: $got"
	assert_eq "$(tr ' ' '\n' <<<"$got" | sort | uniq -c | awk '{ print $1 }' | xargs)" "2 2" \
		"-o alternates datagrams of one flow to $vip"
done
c=$(lbd -L -n -c)
[[ $c != *:40999\ * ]] || fail "-o left an entry:"$'\n'"$c"
out=$(lbd -L -n --stats --exact)
assert_eq "$(stat_conns "$out" "$VIP4:53")" 4 "-o: each datagram counts as a connection"
expect_lbadm_fail "one-packet scheduling .-o. forwards by direct routing or tunnelling only" \
	lbd -a -u "$VIP4:53" -r "${RIP4[1]}:5353" -m
lbd -A -u "$VIP4:54" -s rr
lbd -a -u "$VIP4:54" -r "${RIP4[1]}:54" -m
expect_lbadm_fail "one-packet scheduling .-o. forwards by direct routing or tunnelling only" \
	lbd -E -u "$VIP4:54" -s rr -o
