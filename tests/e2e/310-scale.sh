#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 600
#
# Scale: 10,000 services with 10 real servers each. -R restores them and
# -L -n lists them within the bounds below; -S | -R is exact at that size.
#
# Bounds: issue 5 asks for 2 s (restore) and 1 s (list) on the target. This
# guest runs under TCG, 10-25x slower than the hardware here (more when other
# QEMU runs share the 2 cores). Measured here on 2026-11-28 (three rounds,
# machine otherwise idle): restore 2.9-3.5 s, list 1.15-1.6 s, save
# 1.1-1.6 s; the stock kernel's IPVS with ipvsadm on the same rules: 155 s,
# 26 s, 27 s. Where it goes (perf in the guest, shares of both vCPUs'
# samples): restore, lbadm's own code 10% (148 M instructions on the host),
# the kernel on lbadm's behalf 40% (netlink validation, adding servers in
# lists of 256: one message, one scheduler rebuild and one per-CPU counter
# block per list; zeroing pages lbadm's buffers fault in, 8%); list, lbadm's
# code 12% (90 M instructions), the kernel 36% (the dump, copies, faults).
# The test asserts the issue's figures times
# LBVS_SCALE_SLACK, default 10 (the TCG factor), and logs the measured
# times, also to $LBVS_OUT/scale.txt.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

SERVICES=${LBVS_SCALE_SERVICES:-10000}
SLACK=${LBVS_SCALE_SLACK:-10}
lbvs_load
ns_add scale

rules=$(mktemp /tmp/scale-rules.XXXXXX)
at_exit "rm -f $rules $rules.saved /tmp/scale-list /tmp/scale-stats"
# Service s: 198.18.x.y:80, servers 198.19.x.y+d:8080 (d = 1..10), the
# order ipvsadm -S -n prints (services and servers sorted).
awk -v n="$SERVICES" 'BEGIN {
	for (s = 0; s < n; s++) {
		vip = sprintf("198.18.%d.%d:80", int(s / 250), s % 250 + 1)
		printf "-A -t %s -s wrr\n", vip
		for (d = 1; d <= 10; d++)
			printf "-a -t %s -r 198.19.%d.%d:8080 -m -w %d\n", vip, s % 250, d, d
	}
}' >"$rules"
log "$(wc -l <"$rules") lines of rules"

# timed VAR IN OUT CMD...: runs CMD <IN >OUT, sets VAR to its wall-clock
# time in seconds.
timed()
{
	local -n _t=$1
	local in=$2 out=$3 t0 t1
	shift 3
	t0=$(date +%s%N)
	"$@" <"$in" >"$out" || fail "$* failed"
	t1=$(date +%s%N)
	_t=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }')
}

within() { awk -v t="$1" -v max="$2" -v k="$SLACK" 'BEGIN { exit !(t <= max * k) }'; }

timed t_restore "$rules" /dev/null nsx scale "$LBADM" -R
timed t_list /dev/null /tmp/scale-list nsx scale "$LBADM" -L -n
timed t_save /dev/null "$rules.saved" nsx scale "$LBADM" -S -n
# -L -n asks for no counters (LBVS_ATTR_NO_STATS); --stats takes them all.
timed t_stats /dev/null /tmp/scale-stats nsx scale "$LBADM" -L -n --stats
log "restore ${t_restore}s, list ${t_list}s, save ${t_save}s, list --stats ${t_stats}s ($SERVICES services x 10 servers)"
echo "scale: restore=${t_restore}s list=${t_list}s save=${t_save}s stats=${t_stats}s services=$SERVICES" >>"$LBVS_OUT/scale.txt"

assert_eq "$(wc -l </tmp/scale-list)" "$((SERVICES * 11 + 3))" "-L -n lists every service and server"
assert_eq "$(wc -l </tmp/scale-stats)" "$((SERVICES * 11 + 3))" "-L -n --stats lists every service and server"
cmp -s "$rules" "$rules.saved" || fail "-S -n output differs from what was restored: $(diff "$rules" "$rules.saved" | head -5)"

within "$t_restore" 2 || fail "restore took ${t_restore}s (bound 2 s x $SLACK)"
# KERNEL: -L -n needs the servers of every service. lbadm asks for all of
# them in one dump (LBVS_CMD_GET_DEST without a service); a kernel without
# that dump makes it fall back to one dump per service, 10,000 round trips,
# which under TCG takes 5-13 s: then this bound fails, naming the reason.
within "$t_list" 1 ||
	fail "-L -n took ${t_list}s (bound 1 s x $SLACK); if the kernel lacks the all-servers dump (GET_DEST without a service), lbadm made one dump per service"
