#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: 115 runs mh's glue on the debug kernel)
# timeout: 240
#
# mh (Maglev hashing) over real connections, as 111 does sh: one client
# stays on one server, many clients spread over the servers, a server of
# weight 0 gets none of them. Its flags: mh-port spreads one client's
# connections, mh-fallback finds another server when the client's is full.
# (The unit tests check every bucket of its table against a reference.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 3
lbvs_load
for i in 1 2 3; do http_server "rs$i" 80 "rs$i"; done
for i in $(seq 10 41); do ip -n client addr add "203.0.113.$i/24" dev eth0; done

lbd -A -t "$VIP4:80" -s mh
for i in 1 2 3; do lbd -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m; done

t=$(tally client 12 "http://$VIP4/")
log "mh, one client: ${t//$'\n'/, }"
assert_eq "$(wc -l <<<"$t")" 1 "mh sends one client to one server"
assert_match "$t" "^rs[123] 12$" "mh: all 12 answered"

declare -A used=() home=()
for i in $(seq 10 41); do
	a=$(nsx client curl -sS -m 5 --interface "203.0.113.$i" "http://$VIP4/")
	b=$(nsx client curl -sS -m 5 --interface "203.0.113.$i" "http://$VIP4/")
	assert_eq "$b" "$a" "mh: client 203.0.113.$i sticks to its server"
	used[$a]=1
	home[$i]=$a
done
log "mh: 32 clients used ${#used[@]} servers"
[ "${#used[@]}" -ge 2 ] || fail "mh: 32 clients all hashed to one server"

# Weight 0: the server's buckets go to the others, so its clients move to
# them; how many clients moved in all is logged.
lbd -e -t "$VIP4:80" -r "${RIP4[3]}:80" -m -w 0
moved=0
for i in $(seq 10 41); do
	a=$(nsx client curl -sS -m 5 --interface "203.0.113.$i" "http://$VIP4/")
	assert_match "$a" "^rs[12]$" "mh: 203.0.113.$i answered by a server of weight > 0"
	[ "$a" = "${home[$i]}" ] || moved=$((moved + 1))
done
log "mh: rs3 at weight 0, $moved of 32 clients moved"
lbd -e -t "$VIP4:80" -r "${RIP4[3]}:80" -m -w 1

# mh-port: the client's port joins its address in the hash, so one client's
# connections (each from a new port) spread over the servers.
lbd -E -t "$VIP4:80" -s mh -b mh-port
t=$(tally client 24 "http://$VIP4/")
log "mh-port, one client: ${t//$'\n'/, }"
assert_eq "$(count_of - "$t")" 0 "mh-port: all answered"
[ "$(wc -l <<<"$t")" -ge 2 ] || fail "mh-port: 24 ports of one client all went to one server: $t"

# mh-fallback: the client's server, at its connection limit (-x 1: the
# earlier requests' closed connections count), is overloaded; without the
# flag its clients get no server, with it another one answers.
lbd -E -t "$VIP4:80" -s mh
mine=$(nsx client curl -sS -m 5 "http://$VIP4/")
i=${mine#rs}
lbd -e -t "$VIP4:80" -r "${RIP4[i]}:80" -m -x 1
nsx client curl -sS -m 3 -o /dev/null "http://$VIP4/" || true	# a count changes
log "$(lbd -L -n)"
a=$(nsx client curl -sS -m 3 "http://$VIP4/" || true)
assert_eq "$a" "" "mh without fallback: the overloaded server's client gets no answer"
lbd -E -t "$VIP4:80" -s mh -b mh-fallback
a=$(nsx client curl -sS -m 5 "http://$VIP4/" || true)
log "mh-fallback: $mine is full, answered by ${a:-nobody}"
assert_match "$a" "^rs[123]$" "mh-fallback: another server answers"
[ "$a" != "$mine" ] || fail "mh-fallback: the overloaded $mine answered"
