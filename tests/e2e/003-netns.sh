#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: every debug test deletes its namespaces with lbvs loaded)
# timeout: 300
#
# Configuration is per network namespace: what A has, B and the initial
# namespace do not see; deleting a namespace that still has configuration
# frees it (the module then unloads; the debug kernel's kmemleak checks).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

lbvs_load
ns_add A
ns_add B

nsx A "$LBADM" -A -t "$VIP4:80" -s rr
nsx A "$LBADM" -a -t "$VIP4:80" -r 192.0.2.11:80 -m
assert_match "$(lbadm_services A)" "^TCP  $VIP4:80 rr" "A lists its service"
assert_eq "$(lbadm_services B)" "" "B sees nothing of A"
assert_eq "$(lbadm_services)" "" "the initial namespace sees nothing of A"

nsx B "$LBADM" -A -u 198.51.100.1:53 -s wlc
nsx B "$LBADM" -a -u 198.51.100.1:53 -r 192.0.2.12:53 -m
assert_eq "$(lbadm_services A | grep -c UDP || true)" 0 "A sees nothing of B"

ip netns delete B
assert_match "$(lbadm_services A)" "^TCP  $VIP4:80 rr" "A keeps its service when B goes"

# Namespaces created and destroyed with configuration inside.
for i in $(seq 10); do
	ip netns add "tmp$i"
	nsx "tmp$i" "$LBADM" -A -t "[$VIP6]:443" -s rr
	nsx "tmp$i" "$LBADM" -a -t "[$VIP6]:443" -r "[2001:db8:2::11]:443" -m
	ip netns delete "tmp$i"
done

ip netns delete A
lbvs_unload
