#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 240
#
# sh sends one client to one server, and spreads many clients; dh sends one
# destination to one server. sh's flags: sh-port spreads one client's
# connections, sh-fallback finds another server when the client's is full.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 3
lbvs_load
for i in 1 2 3; do http_server "rs$i" 80 "rs$i"; done
for i in $(seq 10 41); do ip -n client addr add "203.0.113.$i/24" dev eth0; done

lbd -A -t "$VIP4:80" -s sh
for i in 1 2 3; do lbd -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m; done

t=$(tally client 12 "http://$VIP4/")
log "sh, one client: $(echo $t)"
assert_eq "$(wc -l <<<"$t")" 1 "sh sends one client to one server"
assert_match "$t" "^rs[123] 12$" "sh: all 12 answered"

declare -A used=()
for i in $(seq 10 41); do
	a=$(nsx client curl -sS -m 5 --interface "203.0.113.$i" "http://$VIP4/")
	b=$(nsx client curl -sS -m 5 --interface "203.0.113.$i" "http://$VIP4/")
	assert_eq "$b" "$a" "sh: client 203.0.113.$i sticks to its server"
	used[$a]=1
done
log "sh: 32 clients used ${#used[@]} servers"
[ "${#used[@]}" -ge 2 ] || fail "sh: 32 clients all hashed to one server"

lbd -E -t "$VIP4:80" -s dh
t=$(tally client 12 "http://$VIP4/")
log "dh, one destination: $(echo $t)"
assert_eq "$(wc -l <<<"$t")" 1 "dh sends one destination to one server"
for i in $(seq 10 17); do
	a=$(nsx client curl -sS -m 5 --interface "203.0.113.$i" "http://$VIP4/")
	assert_eq "$a" "$(awk '{ print $1 }' <<<"$t")" "dh ignores the client address"
done

# sh-port: the client's port joins its address in the hash, so one client's
# connections (each from a new port) spread over the servers.
lbd -E -t "$VIP4:80" -s sh -b sh-port
t=$(tally client 24 "http://$VIP4/")
log "sh-port, one client: $(echo $t)"
assert_eq "$(count_of - "$t")" 0 "sh-port: all answered"
[ "$(wc -l <<<"$t")" -ge 2 ] || fail "sh-port: 24 ports of one client all went to one server: $t"

# sh-fallback: the client's server, at its connection limit (-x 1: the
# earlier requests' closed connections count), is overloaded; without the
# flag its clients get no server, with it another one answers.
lbd -E -t "$VIP4:80" -s sh
mine=$(nsx client curl -sS -m 5 "http://$VIP4/")
i=${mine#rs}
lbd -e -t "$VIP4:80" -r "${RIP4[i]}:80" -m -x 1
nsx client curl -sS -m 3 -o /dev/null "http://$VIP4/" || true	# a count changes
log "$(lbd -L -n)"
a=$(nsx client curl -sS -m 3 "http://$VIP4/" || true)
assert_eq "$a" "" "sh without fallback: the overloaded server's client gets no answer"
lbd -E -t "$VIP4:80" -s sh -b sh-fallback
a=$(nsx client curl -sS -m 5 "http://$VIP4/" || true)
log "sh-fallback: $mine is full, answered by ${a:-nobody}"
assert_match "$a" "^rs[123]$" "sh-fallback: another server answers"
[ "$a" != "$mine" ] || fail "sh-fallback: the overloaded $mine answered"
