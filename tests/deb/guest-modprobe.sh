#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest (scripts/deb-root-check.sh runs it with tests/qemu/run.sh
# --script): ROOT is a Debian 12 root with lbadm and lbvs-dkms installed
# by apt-get, seen read-only. `modprobe -d ROOT lbvs` must load DKMS's
# build from ROOT/lib/modules/VERSION/updates/dkms and, by that root's
# modules.dep, what lbvs needs first (nf_defrag_*, from the root's own
# kernel package); ROOT's lbadm, chrooted so that it runs on the root's
# libraries, must then configure and list it.
#   guest-modprobe.sh ROOT
# shellcheck source-path=SCRIPTDIR/../e2e source=../e2e/lib.sh
. "$(dirname "$0")/../e2e/lib.sh"

ROOT=${1:?usage: guest-modprobe.sh ROOT}
MODS=$ROOT/lib/modules/$(uname -r)
rlbadm() { chroot "$ROOT" /usr/sbin/lbadm "$@"; }

! lbvs_loaded || fail "lbvs is loaded already"
! grep -q '^nf_defrag_ipv4 ' /proc/modules || rmmod nf_defrag_ipv4 ||
	fail "nf_defrag_ipv4 is loaded and does not unload"
log "$(modprobe -d "$ROOT" --show-depends lbvs)"
modprobe -d "$ROOT" lbvs || fail "modprobe -d $ROOT lbvs failed"
_LOADED=true
lbvs_loaded || fail "modprobe succeeded but lbvs is not loaded"
grep -q '^nf_defrag_ipv4 ' /proc/modules || fail "modprobe did not load nf_defrag_ipv4 first"
assert_eq "$(cat /sys/module/lbvs/srcversion)" "$(modinfo -F srcversion "$MODS"/updates/dkms/lbvs.ko*)" \
	"the loaded lbvs is not the root's DKMS build"
log "modprobe -d $ROOT lbvs loaded DKMS's build and nf_defrag_*"

out=$(rlbadm -L -n) || fail "the root's lbadm -L -n failed"
assert_match "$out" "^Prot LocalAddress:Port" "the root's lbadm -L -n: no table header"
rlbadm -A -t 203.0.113.100:80 -s wrr || fail "the root's lbadm -A failed"
rlbadm -a -t 203.0.113.100:80 -r 192.0.2.11:8080 -m -w 3 || fail "the root's lbadm -a failed"
out=$(rlbadm -L -n)
log "$out"
assert_match "$out" "^TCP  203.0.113.100:80 wrr" "the root's lbadm does not list the service"
assert_match "$out" "192.0.2.11:8080 +Masq +3 " "the root's lbadm does not list the real server"
modprobe -d "$ROOT" -r lbvs || fail "modprobe -r lbvs failed"
! lbvs_loaded || fail "lbvs still loaded after modprobe -r"
log "the root's lbadm configured and listed it; modprobe -r unloaded it"
