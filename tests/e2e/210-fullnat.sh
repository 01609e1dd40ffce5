#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 900
#
# FULLNAT: two real servers behind a router ("back") that has no route to
# the client, and neither have they. TCP and UDP, IPv4 and IPv6, with port
# mapping (80 -> 8080, 53 -> 5353); rr gives exact counts. The real servers
# see only pool addresses as sources (capture at rs1), flows spread over
# both pool addresses with distinct local ports (connection listing), a
# port unreachable from a real server reaches the client translated, and
# 1 MB uploads arrive whole (GSO and CHECKSUM_PARTIAL from the client's
# veth, with the client-address option and the lowered MSS on the way).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_fullnat 2
lbvs_load
! nsx rs1 ping -c 1 -W 1 "$CIP4" >/dev/null 2>&1 || fail "rs1 reaches the client"
for i in 1 2; do
	http_server "rs$i" 8080 "rs$i"
	udp_server "rs$i" 5353 "rs$i"
	sink_server "rs$i" 9000
done
for vip in "$VIP4" "[$VIP6]"; do
	lbd -A -t "$vip:80" -s rr
	lbd -A -t "$vip:9000" -s rr
	lbd -A -u "$vip:53" -s rr
	lbd -A -u "$vip:54" -s rr
done
for i in 1 2; do
	for f in "-t $VIP4:80 -r ${RIP4[i]}:8080" "-t [$VIP6]:80 -r [${RIP6[i]}]:8080" \
		"-t $VIP4:9000 -r ${RIP4[i]}" "-t [$VIP6]:9000 -r [${RIP6[i]}]" \
		"-u $VIP4:53 -r ${RIP4[i]}:5353" "-u [$VIP6]:53 -r [${RIP6[i]}]:5353" \
		"-u $VIP4:54 -r ${RIP4[i]}:5999" "-u [$VIP6]:54 -r [${RIP6[i]}]:5999"; do
		# shellcheck disable=SC2086 # the words are options
		lbd -a $f -b
	done
done
for i in 0 1; do
	for s in "-t $VIP4:80" "-t $VIP4:9000" "-u $VIP4:53" "-u $VIP4:54"; do
		# shellcheck disable=SC2086
		lbd -P $s -z "${LIP4[i]}"
	done
	for s in "-t [$VIP6]:80" "-t [$VIP6]:9000" "-u [$VIP6]:53" "-u [$VIP6]:54"; do
		# shellcheck disable=SC2086
		lbd -P $s -z "${LIP6[i]}"
	done
done
log "$(lbadm_list director)"
assert_match "$(lbadm_list director)" "-> ${RIP4[1]}:8080 +FullNat +1 " "listed as FullNat"
log "$(lbd -G -t "$VIP4:80")"

capture rs1 "tcp or udp"
for vip in "$VIP4" "[$VIP6]"; do
	t=$(tally client 10 "http://$vip/")
	log "TCP to $vip: $(echo $t)"
	assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "5 5" "rr over TCP to $vip"
done
for vip in "$VIP4" "$VIP6"; do
	t=$(udp_tally client "$vip" 53 4)
	log "UDP to $vip: $(echo $t)"
	assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "2 2" "rr over UDP to $vip"
done
conns=$(lbd -L -n -c --json)
capture_stop

# Every packet rs1 received came from a pool address.
srcs=$(capture_flows rs1 | awk -v r4="${RIP4[1]}." -v r6="${RIP6[1]}." \
	'index($3, r4) == 1 || index($3, r6) == 1 { s = $1; sub(/\.[0-9]+$/, "", s); print s }' |
	sort -u | xargs)
log "sources seen by rs1: $srcs"
assert_eq "$srcs" "$(sorted "${LIP4[@]}" "${LIP6[@]}")" "rs1 sees only the pool's addresses"
# The table: each flow from one of the pool addresses, no (laddr, lport) twice.
locals=$(python3 -c '
import json, sys
for c in json.load(sys.stdin)["connections"]:
    if c["protocol"] == "tcp" and c["local"]:
        print(c["local"]["address"], c["local"]["port"])' <<<"$conns" | sort)
log "local endpoints: $(echo $locals)"
assert_eq "$(wc -l <<<"$locals")" 20 "20 TCP flows listed with a local endpoint"
assert_eq "$(uniq -d <<<"$locals")" "" "no local endpoint used twice"
# The default range lies below Linux's ephemeral ports (32768-60999).
assert_eq "$(awk '$2 < 1024 || $2 > 32767' <<<"$locals")" "" \
	"local ports outside the default range 1024-32767"
assert_eq "$(awk '{ print $1 }' <<<"$locals" | sort -u | xargs)" \
	"$(sorted "${LIP4[@]}" "${LIP6[@]}")" "flows spread over every pool address"

assert_eq "$(udp_refused client "$VIP4" 54)" refused "IPv4 port unreachable translated to the client"
assert_eq "$(udp_refused client "$VIP6" 54)" refused "IPv6 port unreachable translated to the client"

uploads_whole client 9000 "$VIP4" "$VIP6"

out=$(lbd -L -n --stats --exact)
log "$out"
assert_eq "$(stat_conns "$out" "$VIP4:80")" 10 "service connection counter"
assert_eq "$(stat_conns "$out" "[${RIP6[2]}]:8080")" 5 "real server connection counter"
assert_eq "$(nsx director cat /proc/sys/net/lbvs/fullnat_no_lport)" 0 "no flow refused for want of a port"

# A client on the director itself: its replies are delivered there, not
# routed; bigger than the link's MTU too (its socket's route is local).
for vip in "$VIP4" "[$VIP6]"; do
	t=$(tally director 2 "http://$vip/")
	assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "1 1" "a client on the director, TCP to $vip"
done
assert_match "$(udp_ask director "$VIP4" 53)" "^rs[12]$" "UDP for a client on the director"
uploads_whole director 9000 "$VIP4" "$VIP6"
