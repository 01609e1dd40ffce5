#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 600
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
	lbd -A -t "$vip:80" -s rr
	lbd -A -u "$vip:53" -s rr
done
for i in 1 2; do
	lbd -a -t "$VIP4:80" -r "${RIP4[i]}:8080" -m
	lbd -a -u "$VIP4:53" -r "${RIP4[i]}:5353" -m
	lbd -a -t "[$VIP6]:80" -r "[${RIP6[i]}]:8080" -m
	lbd -a -u "[$VIP6]:53" -r "[${RIP6[i]}]:5353" -m
done

capture client "tcp or udp"
capture rs1 "tcp or udp"

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

capture_stop
# What reached rs1 came from the client's own address (NAT rewrites only the
# destination) to rs1's port 8080 / 5353.
src=$(capture_flows rs1 | awk '$3 ~ /\.(8080|5353)$/ { sub(/\.[0-9]+$/, "", $1); print $1 }' | sort -u)
log "sources seen by rs1: $(echo $src)"
assert_eq "$(echo $src)" "$(sorted "$CIP4" "$CIP6")" "rs1 sees the client's addresses"
# Every reply the client got came from a VIP, never from a real server.
src=$(capture_flows client | awk '$3 ~ /^(203\.0\.113\.2|2001:db8:1::2)\./ { sub(/\.[0-9]+$/, "", $1); print $1 }' | sort -u)
log "reply sources seen by the client: $(echo $src)"
assert_eq "$(echo $src)" "$(sorted "$VIP4" "$VIP6")" "every reply comes from a VIP"

out=$(lbd -L -n --stats --exact)
log "$out"
assert_eq "$(stat_conns "$out" "$VIP4:80")" 10 "service connection counter"
assert_eq "$(stat_conns "$out" "${RIP4[1]}:8080")" 5 "real server connection counter"
assert_eq "$(stat_conns "$out" "[$VIP6]:53")" 4 "UDP/IPv6 service counter"

# The same counters as metrics; promtool (Debian's prometheus) parses them
# as a scraper would and checks the names and types.
prom=$(lbd -L --prometheus)
svc='local_address="'"$VIP4"'",local_port="80",local_mark="",proto="TCP"'
assert_match "$prom" "^lbvs_service_connections_total\\{$svc\\} 10\$" "metrics: service connections"
assert_match "$prom" "^lbvs_backend_connections_total\\{$svc,remote_address=\"${RIP4[1]}\",remote_port=\"8080\"\\} 5\$" \
	"metrics: real server connections"
assert_match "$prom" "^lbvs_service_connections_total\\{local_address=\"$VIP6\",local_port=\"53\",local_mark=\"\",proto=\"UDP\"\\} 4\$" \
	"metrics: UDP/IPv6 service connections"
assert_match "$prom" "^lbvs_connections_total 28\$" "metrics: connections of all services"
assert_match "$prom" "^lbvs_connection_table_entries [1-9]" "metrics: table entries"
lint=$(promtool check metrics <<<"$prom" 2>&1) || fail "promtool check metrics: $lint"

conns=$(lbd -L -n -c)
assert_match "$conns" "TCP .* $CIP4:[0-9]+ +$VIP4:80 +${RIP4[1]}:8080" "-L -c lists the TCP connections"
assert_match "$conns" "UDP .* \\[$CIP6\\]:40001 +\\[$VIP6\\]:53 " "-L -c lists the UDP/IPv6 flows"

# The director's own processes as clients (IPVS's local requests): their
# packets are scheduled like anyone's and the replies translated back.
t=$(tally director 4 "http://$VIP4/")
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "2 2" "rr for a client on the director, TCP/IPv4"
t=$(tally director 4 "http://[$VIP6]/")
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "2 2" "rr for a client on the director, TCP/IPv6"
for vip in "$VIP4" "$VIP6"; do
	a=$(udp_ask director "$vip" 53)
	assert_match "$a" "^rs[12]$" "UDP answer to a client on the director ($vip)"
done
# Bigger than the real servers' link MTU: the local socket's route to the
# VIP is the loopback's (MTU 65536) until the director tells it otherwise.
sink_server rs1 9000
service46 9000 1 9000 -m
uploads_whole director 9000 "$VIP4" "$VIP6"
