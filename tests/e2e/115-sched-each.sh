#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 600
#
# Every scheduler, briefly, over real connections (the debug kernel's pass
# over each one's kernel glue; 110-113 check their distributions): each
# answers every request; rr/wrr use both servers, sh/dh/mh one, fo the
# heavier, lblc/lblcr one (one destination, never over its weight).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
for i in 1 2; do http_server "rs$i" 80 "rs$i"; done
lbd -A -t "$VIP4:80" -s rr
for i in 1 2; do lbd -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m -w "$i"; done

for s in rr wrr lc wlc sh dh sed nq fo ovf mh twos lblc lblcr; do
	lbd -E -t "$VIP4:80" -s "$s"
	t=$(tally client 4 "http://$VIP4/")
	log "$s: $(echo $t)"
	assert_eq "$(count_of - "$t")" 0 "$s answers every request"
	case $s in
	sh | dh | mh) assert_eq "$(wc -l <<<"$t")" 1 "$s keeps one client (one VIP) on one server" ;;
	lblc | lblcr) assert_eq "$(wc -l <<<"$t")" 1 "$s keeps one destination on one server" ;;
	fo) assert_eq "$(count_of rs2 "$t")" 4 "fo sends all to the heavier server" ;;
	rr | wrr) assert_eq "$(wc -l <<<"$t")" 2 "$s uses both servers" ;;
	*) ;;	# the others follow the counts the earlier rounds left (112, 113)
	esac
done
