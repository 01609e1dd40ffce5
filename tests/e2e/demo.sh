#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo (scripts/demo.sh boots a guest and runs this): a client, a
# director and three real servers, each server answering HTTP with its own
# name; lbvs balances VIP:80 over them with wrr, weights 3:2:1, in NAT mode.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }

topo_nat 3
for i in 1 2 3; do http_server "rs$i" 8080 "rs$i"; done
lbvs_load

# lbadm ARGS...: show the command as an operator types it, run it in the director.
lbadm() { echo "director\$ lbadm $*"; nsx director "$LBADM" "$@"; }

say "# configure lbvs on the director"
lbadm -A -t "$VIP4:80" -s wrr
for i in 1 2 3; do lbadm -a -t "$VIP4:80" -r "${RIP4[i]}:8080" -m -w $((4 - i)); done
lbadm -L -n

say "# from the client: 60 requests to http://$VIP4/"
t=$(tally client 60 "http://$VIP4/")
while read -r name n; do
	printf '%-4s answered %2d times  %s\n' "$name" "$n" "$(printf '#%.0s' $(seq "$n"))"
done <<<"$t"

say "# the director's counters:"
lbadm -L -n --stats
