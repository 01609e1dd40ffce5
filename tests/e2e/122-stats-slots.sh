#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: 121 re-adds a server on debug, reusing a freed slot)
#
# The per-CPU counters of deleted servers are reused: rounds of adding 64
# servers and deleting all but one leave one survivor in each block of 64
# counters; without reuse every round pinned a block of its own (~2.5 KB a
# CPU), with it the survivors share one. Measured as /proc/meminfo's Percpu.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

rounds=32
lbvs_load
"$LBADM" -A -t "$VIP4:80" -s rr
percpu() { awk '/^Percpu:/ { print $2 }' /proc/meminfo; }
before=$(percpu)
for r in $(seq $rounds); do
	for i in $(seq 64); do echo "-a -t $VIP4:80 -r 198.18.$r.$i:80 -m"; done | "$LBADM" -R
	for i in $(seq 2 64); do echo "-d -t $VIP4:80 -r 198.18.$r.$i:80"; done | "$LBADM" -R
done
after=$(percpu)
assert_eq "$(lbadm_services | grep -c -- '->')" $rounds "one server left per round"
# Without reuse: $rounds blocks, 80 KB a CPU; allow 8 pages a CPU.
grow=$((after - before))
log "Percpu: $before kB -> $after kB over $rounds rounds, $(nproc) CPUs"
[ "$grow" -le $((32 * $(nproc))) ] || fail "Percpu grew by $grow kB"
"$LBADM" -C
