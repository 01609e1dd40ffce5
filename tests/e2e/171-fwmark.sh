#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 180
#
# Firewall-mark services (-f): nftables in the director marks packets, lbvs
# balances what carries the mark, over IPv4 and IPv6 (-6).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
for i in 1 2; do http_server "rs$i" 80 "rs$i"; done
nsx director nft -f - <<NFT
table inet lbvsmark {
	chain pre {
		type filter hook prerouting priority mangle;
		ip daddr $VIP4 tcp dport { 8000-8010 } meta mark set 7
		ip6 daddr $VIP6 tcp dport { 8000-8010 } meta mark set 8
		ip daddr $VIP4 tcp dport { 9001, 9002 } meta mark set 9
	}
}
NFT
lbd -A -f 7 -s rr
lbd -A -f 8 -6 -s rr
for i in 1 2; do
	lbd -a -f 7 -r "${RIP4[i]}:80" -m
	lbd -a -f 8 -6 -r "[${RIP6[i]}]:80" -m
done
assert_match "$(lbd -L -n)" "FWM +7 rr" "listing shows the fwmark service"

t=$(for p in 8000 8001 8002 8003 8004 8005; do nsx client curl -sS -m 5 "http://$VIP4:$p/"; done | sort | uniq -c | awk '{print $2, $1}')
log "fwmark 7: $(echo $t)"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "3 3" "marked IPv4 traffic balanced"
t=$(for p in 8006 8007 8008 8009; do nsx client curl -sS -m 5 "http://[$VIP6]:$p/"; done | sort | uniq -c | awk '{print $2, $1}')
log "fwmark 8: $(echo $t)"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "2 2" "marked IPv6 traffic balanced"
# A NAT server given without a port keeps each packet's port, as IPVS (it
# was translated to port 0).
for p in 9001 9002; do http_server rs1 $p "rs1-$p"; done
lbd -A -f 9 -s rr
lbd -a -f 9 -r "${RIP4[1]}" -m
for p in 9001 9002; do
	assert_eq "$(nsx client curl -sS -m 5 "http://$VIP4:$p/" 2>&1)" "rs1-$p" "port $p kept"
done
# An unmarked port is not balanced: the director has no listener there.
nsx client curl -sS -m 3 "http://$VIP4:8020/" 2>/dev/null && fail "unmarked port was balanced"
true
