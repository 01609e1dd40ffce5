#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 400
#
# The hashing schedulers over real connections. sh and mh (Maglev) send one
# client to one server and spread many clients; dh sends one destination
# to one server. mh moves a server's clients to the others when its weight
# goes to 0. sh's and mh's flags: -port spreads one client's connections,
# -fallback finds another server when the client's is full; lifting the
# limit ends the overload at once. (The unit tests check every bucket of
# mh's table against a reference.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 3
lbvs_load
for i in 1 2 3; do http_server "rs$i" 80 "rs$i"; done
for i in $(seq 10 41); do ip -n client addr add "203.0.113.$i/24" dev eth0; done

lbd -A -t "$VIP4:80" -s sh
for i in 1 2 3; do lbd -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m; done

# sticky SCHED: the service under SCHED sends one client's 12 requests to
# one server, and each of 32 clients (203.0.113.10-41) twice to the same
# one, home[CLIENT], using two servers at least.
declare -A home=()
sticky()
{
	local s=$1 t a b i
	local -A used=()
	lbd -E -t "$VIP4:80" -s "$s"
	t=$(tally client 12 "http://$VIP4/")
	log "$s, one client: ${t//$'\n'/, }"
	assert_eq "$(wc -l <<<"$t")" 1 "$s sends one client to one server"
	assert_match "$t" "^rs[123] 12$" "$s: all 12 answered"
	for i in $(seq 10 41); do
		a=$(nsx client curl -sS -m 5 --interface "203.0.113.$i" "http://$VIP4/")
		b=$(nsx client curl -sS -m 5 --interface "203.0.113.$i" "http://$VIP4/")
		assert_eq "$b" "$a" "$s: client 203.0.113.$i sticks to its server"
		used[$a]=1
		home[$i]=$a
	done
	log "$s: 32 clients used ${#used[@]} servers"
	[ "${#used[@]}" -ge 2 ] || fail "$s: 32 clients all hashed to one server"
}

sticky sh

lbd -E -t "$VIP4:80" -s dh
t=$(tally client 12 "http://$VIP4/")
log "dh, one destination: ${t//$'\n'/, }"
assert_eq "$(wc -l <<<"$t")" 1 "dh sends one destination to one server"
for i in $(seq 10 17); do
	a=$(nsx client curl -sS -m 5 --interface "203.0.113.$i" "http://$VIP4/")
	assert_eq "$a" "$(awk '{ print $1 }' <<<"$t")" "dh ignores the client address"
done

hash_flags sh
# Lifting the limit (-x 0) ends the overload at once, as IPVS does: sh
# without fallback answers the client whose server was full.
for i in 1 2 3; do lbd -e -t "$VIP4:80" -r "${RIP4[i]}:80" -m -x 0; done
lbd -E -t "$VIP4:80" -s sh
a=$(nsx client curl -sS -m 3 "http://$VIP4/" || true)
assert_match "$a" "^rs[123]$" "sh: the client of the server whose limit was lifted is answered"

sticky mh
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

hash_flags mh
