#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 900
#
# TUN (IP-in-IP): two real servers on their own subnets behind a router,
# decapsulating on tunl0 / ip6tnl0. TCP and UDP, IPv4 and IPv6, rr gives
# exact counts. The real servers receive IPIP (protocol 4) / IPv6-in-IPv6
# (next header 41) from the director's address with the client's packet
# inside; their replies reach the client from the VIP without passing
# through the director. 1 MB uploads to each server over IPv4 and IPv6
# arrive whole: GSO and CHECKSUM_PARTIAL packets from the client's veth, and
# path MTU discovery for the 20/40 bytes of tunnel overhead.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_tun 2
lbvs_load
tun_services 2
for i in 1 2; do
	for port in 80 9000; do
		lbd -a -t "$VIP4:$port" -r "${RIP4[i]}" -i
		lbd -a -t "[$VIP6]:$port" -r "[${RIP6[i]}]" -i
	done
	lbd -a -u "$VIP4:53" -r "${RIP4[i]}:53" -i
	lbd -a -u "[$VIP6]:53" -r "[${RIP6[i]}]:53" -i
done
# TUN maps no port: another port is refused, none takes the service's.
lbd -A -u "$VIP4:54"
expect_lbadm_fail "port 5353 of tunnelled server ${RIP4[1]} must equal the service port 54" \
	lbd -a -u "$VIP4:54" -r "${RIP4[1]}:5353" -i
lbd -a -u "$VIP4:54" -r "${RIP4[1]}" -i
assert_match "$(lbadm_list director)" "-> ${RIP4[1]}:54 +Tunnel" "TUN takes the service port"
lbd -D -u "$VIP4:54"
log "$(lbadm_list director)"
assert_match "$(lbadm_list director)" "-> ${RIP4[1]}:80 +Tunnel +1 " "listed as Tunnel"

capture director "tcp or udp or ip proto 4 or ip6 proto 41"
capture rs1 "ip proto 4 or ip6 proto 41"

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
r=$(from_vip director)
[ -z "$r" ] || fail "replies passed through the director:"$'\n'"$r"
# rs1 got the requests tunnelled from the director's address.
outer=$(tcpdump -r "$LBVS_OUT/rs1.pcap" -n 2>/dev/null |
	awk '{ d = $5; sub(/:$/, "", d); print $2, $3, d, $6 }' | sort -u)
log "outer headers at rs1: $(echo $outer)"
assert_eq "$outer" "IP $DIP4 ${RIP4[1]} IP"$'\n'"IP6 $DIP6 ${RIP6[1]} IP6" \
	"rs1 receives IPIP and IPv6-in-IPv6 from the director"
inner=$(tcpdump -r "$LBVS_OUT/rs1.pcap" -n 2>/dev/null |
	awk '{ s = $7; d = $9; sub(/\.[0-9]+$/, "", s); sub(/\.[0-9]+:$/, "", d); print s, d }' | sort -u)
assert_eq "$(echo $inner)" "$(printf "%s\n" "$CIP4 $VIP4" "$CIP6 $VIP6" | sort | xargs)" "inside: client -> VIP unchanged"

# Bulk uploads: 1 MB to each server over each family.
uploads_whole client 9000 "$VIP4" "$VIP6"

out=$(lbd -L -n --stats --exact)
log "$out"
assert_eq "$(stat_conns "$out" "$VIP4:80")" 10 "service connection counter"
assert_eq "$(stat_conns "$out" "[${RIP6[2]}]:80")" 5 "real server connection counter"
assert_eq "$(stat_conns "$out" "$VIP4:53")" 4 "UDP/IPv4 service counter"
