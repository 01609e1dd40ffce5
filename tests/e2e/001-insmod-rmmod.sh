#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 600
#
# Load and unload the module 10 times bare, then 10 times with a service and
# a real server configured (module exit must tear the configuration down);
# 5 times each on the debug kernel, where a cycle takes ~6 s.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

CYCLES=10
debug_kernel && CYCLES=5

for i in $(seq "$CYCLES"); do
	lbvs_load
	lbvs_unload
done
log "$CYCLES bare load/unload cycles"

for i in $(seq "$CYCLES"); do
	lbvs_load
	"$LBADM" -A -t "$VIP4:80" -s rr || fail "cycle $i: adding the service failed"
	"$LBADM" -a -t "$VIP4:80" -r 192.0.2.11:80 -m || fail "cycle $i: adding the real server failed"
	[ "$i" -gt 1 ] || assert_match "$(lbadm_services)" "^TCP  $VIP4:80 rr" "service not listed"
	lbvs_unload
done
log "$CYCLES load/configure/unload cycles"

# The module DKMS builds for this kernel (scripts/install-check.sh, which
# make check runs before this suite, leaves it in the cache): if it is of
# these sources, it loads and works. (The guest's /var/tmp is its own.)
dkms_ko=/var/cache/lbvs/dkms/$(uname -r)/lbvs.ko
if [ ! -e "$dkms_ko" ]; then
	log "no DKMS build at $dkms_ko (scripts/install-check.sh makes one)"
elif [ "$(modinfo -F srcversion "$dkms_ko")" != "$(modinfo -F srcversion "$LBVS_KO")" ]; then
	log "the DKMS build at $dkms_ko is of older sources: not loaded"
else
	LBVS_KO=$dkms_ko lbvs_load
	"$LBADM" -A -t "$VIP4:80" -s rr || fail "DKMS's module: adding the service failed"
	assert_match "$(lbadm_services)" "^TCP  $VIP4:80 rr" "DKMS's module: service not listed"
	lbvs_unload
	log "DKMS's build of lbvs loads and works"
fi
