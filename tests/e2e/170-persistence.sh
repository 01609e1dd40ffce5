#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 240
#
# Persistence (-p) and its netmask (-M): a client keeps its real server
# across connections, a client network under -M shares one; templates show
# in --persistent-conn and -L -c; a removed server's clients are scheduled
# anew.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 3
lbvs_load
for i in 1 2 3; do http_server "rs$i" 80 "rs$i"; done
for i in 10 11 20; do ip -n client addr add "203.0.113.$i/24" dev eth0; done
get() { nsx client curl -sS -m 5 --interface "$1" "http://$VIP4/"; }

lbd -A -t "$VIP4:80" -s rr -p 60
for i in 1 2 3; do lbd -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m; done

first=$(get 203.0.113.10)
for i in 1 2 3 4 5; do
	assert_eq "$(get 203.0.113.10)" "$first" "request $i from 203.0.113.10 sticks to $first"
done
other=$(get 203.0.113.11)
[ "$other" != "$first" ] || fail "rr gave the second client the first one's server without -M"
out=$(lbd -L -n --persistent-conn)
log "$out"
assert_match "$(lbd -L -n)" "TCP +$VIP4:80 rr persistent 60" "listing shows persistence"
assert_match "$(lbd -L -n -c)" "NONE +203\\.0\\.113\\.10:0 +$VIP4:80 " "-L -c shows the template"

# -M 255.255.255.0: the whole /24 shares one server.
lbd -E -t "$VIP4:80" -s rr -p 60 -M 255.255.255.0
lbd -D -t "$VIP4:80"
lbd -A -t "$VIP4:80" -s rr -p 60 -M 255.255.255.0
for i in 1 2 3; do lbd -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m; done
net=$(get 203.0.113.10)
for a in 203.0.113.11 203.0.113.20 203.0.113.10; do
	assert_eq "$(get $a)" "$net" "$a shares its /24's server under -M"
done

# Removing that server reschedules the network, and it sticks again.
n=${net#rs}
lbd -d -t "$VIP4:80" -r "${RIP4[n]}:80"
again=$(get 203.0.113.10)
[ "$again" != "$net" ] || fail "a removed server still got the persistent client"
assert_eq "$(get 203.0.113.20)" "$again" "the network sticks to its new server"

# As IPVS, a template outlives its timeout while a connection it placed
# lives: a client holding a connection past -p 2 s opens a second one to
# the same server (rr would send it to the next).
lbd -A -t "$VIP4:9000" -s rr -p 2
for i in 1 2 3; do
	echo_server "rs$i" 9000 "rs$i"
	lbd -a -t "$VIP4:9000" -r "${RIP4[i]}:9000" -m
done
hold_open long client "$VIP4" 9000
held=$(hold_name long)
sleep 4
hold_echo long "still here" || fail "the held connection broke"
hold_open second client "$VIP4" 9000
assert_eq "$(hold_name second)" "$held" "a second connection after the timeout, while the first lives"

# Port 0, all ports (-t VIP:0 -p), as IPVS: a client's template covers
# every port of the VIP, each connection keeps its own port, and a port
# with a service of its own (9000) stays that service's.
lbd -D -t "$VIP4:80"
lbd -A -t "$VIP4:0" -s rr -p 60
for i in 1 2 3; do
	http_server "rs$i" 8080 "rs$i"
	lbd -a -t "$VIP4:0" -r "${RIP4[i]}" -m
done
assert_match "$(lbd -L -n)" "TCP +$VIP4:0 rr persistent 60" "listing shows the port-0 service"
getp() { nsx client curl -sS -m 5 --interface "$1" "http://$VIP4:$2/"; }
p0=$(getp 203.0.113.10 80)
assert_eq "$(getp 203.0.113.10 8080)" "$p0" "port 8080 goes where port 80 went"
assert_eq "$(getp 203.0.113.10 80)" "$p0" "and port 80 again"
[ "$(getp 203.0.113.11 8080)" != "$p0" ] || fail "rr gave another client the same server"
assert_match "$(lbd -L -n -c)" "TCP .*$VIP4:8080 +${RIP4[${p0#rs}]}:8080" "-L -c: the packet's port kept"
hold_open third client "$VIP4" 9000
assert_eq "$(hold_name third)" "$held" "port 9000 is still its own service's"
