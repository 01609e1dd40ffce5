#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 300
#
# Hostile netlink: thousands of random, truncated and mis-typed LBVS
# messages (tests/e2e/py/nlfuzz.py). Every one gets an answer, the kernel
# stays clean (the harness fails the run on any splat), and afterwards the
# module still configures and lists, and unloads.
. "$(dirname "$0")/lib.sh"

lbvs_load
ns_add fuzz
nsx fuzz "$LBADM" -A -t 203.0.113.100:80 -s wrr
nsx fuzz "$LBADM" -a -t 203.0.113.100:80 -r 192.0.2.11:80 -m -w 3
seeds="1 2 3 4"
# One seed on the debug kernel, ~6x slower.
debug_kernel && seeds=1
for seed in $seeds; do
	out=$(nsx fuzz python3 "$LBVS_TOP/tests/e2e/py/nlfuzz.py" "$seed" 1000) ||
		fail "seed $seed: a message went unanswered: $out"
	log "seed $seed: $out"
done
# Whatever the fuzz changed, the module still takes a clean configuration.
nsx fuzz "$LBADM" -C
nsx fuzz "$LBADM" -A -t 203.0.113.100:80 -s rr
nsx fuzz "$LBADM" -a -t 203.0.113.100:80 -r 192.0.2.11:80 -m
assert_match "$(nsx fuzz "$LBADM" -L -n)" "192\\.0\\.2\\.11:80 +Masq +1 " "configures after the fuzz"
