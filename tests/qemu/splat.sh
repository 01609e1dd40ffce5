#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# splat.sh LOG...   print every kernel splat found in guest console logs,
#                   with the test it happened in; exit 1 if there was any.
# splat.sh --selftest   check the checker against sample logs.
#
# Tests are delimited by the markers guest-run.sh writes to /dev/kmsg:
#   lbvs-e2e: BEGIN <test>   and   lbvs-e2e: END <test> <status>
set -euo pipefail

SPLAT_RE='Oops|BUG:|WARNING:|KASAN|UBSAN|possible circular locking|lockdep|suspicious RCU usage'
SPLAT_RE+='|RCU stall|detected stalls|self-detected stall|kernel BUG|general protection'
SPLAT_RE+='|unreferenced object|Call Trace|Kernel panic'
# Harmless lines that look like splats (debug kernel boot banner).
BENIGN_RE='RCU lockdep checking is enabled'

scan()
{
	# The lines after a splat (its call trace) go to stderr, so that a
	# report from a CI run can be read without its console log.
	awk -v re="$SPLAT_RE" -v benign="$BENIGN_RE" '
	/lbvs-e2e: BEGIN / { where = $NF; next }
	/lbvs-e2e: END /   { where = "after " $(NF - 1); next }
	$0 ~ re && $0 !~ benign { n++; print "splat in " where ": " $0; ctx = 40; next }
	ctx > 0 { ctx--; print "    | " $0 >"/dev/stderr" }
	END { exit n > 0 }
	' where=boot "$@"
}

# Sample logs: clean ones must pass, each splat must be found and attributed.
selftest()
{
	local dir rc=0 got
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' RETURN
	cat >"$dir/clean" <<'LOG'
[    0.000000] Linux version 6.1.0 (debug)
[    0.100000] kmemleak: Kernel memory leak detector initialized
[    0.200000] rcu: 	RCU lockdep checking is enabled.
[    2.000000] lbvs-e2e: BEGIN 001-insmod-rmmod
[    2.100000] lbvs: loaded
[    3.000000] lbvs-e2e: END 001-insmod-rmmod PASS
LOG
	if ! got=$(scan "$dir/clean" 2>/dev/null); then
		echo "selftest: clean log reported: $got"
		rc=1
	fi
	local splat
	for splat in \
		'BUG: KASAN: slab-use-after-free in lbvs_conn_put+0x1f/0x80 [lbvs]' \
		'WARNING: CPU: 1 PID: 93 at kmod/service.c:120 lbvs_svc_del+0x4/0x8 [lbvs]' \
		'WARNING: possible circular locking dependency detected' \
		'WARNING: suspicious RCU usage' \
		'BUG: sleeping function called from invalid context at mm/slab.h:742' \
		'UBSAN: array-index-out-of-bounds in kmod/sched.c:44:9' \
		'rcu: INFO: rcu_sched self-detected stall on CPU' \
		'general protection fault, probably for non-canonical address 0xdead' \
		'kernel BUG at kmod/conn.c:77!' \
		'Oops: 0000 [#1] PREEMPT SMP KASAN' \
		'unreferenced object 0xffff888003b1c000 (size 256):' \
		' Call Trace:'; do
		awk -v l="[    2.500000] $splat" '{ print } /BEGIN 001/ { print l }' \
			"$dir/clean" >"$dir/bad"
		if got=$(scan "$dir/bad" 2>/dev/null) || [[ $got != "splat in 001-insmod-rmmod: "* ]]; then
			echo "selftest: missed or misattributed: $splat ($got)"
			rc=1
		fi
	done
	{ cat "$dir/clean"; echo '[    4.000000] WARNING: CPU: 0 PID: 1 at net/core/dev.c:1 x'; } >"$dir/after"
	got=$(scan "$dir/after" 2>/dev/null) || true
	[[ $got == "splat in after 001-insmod-rmmod: "* ]] || { echo "selftest: after-test splat: $got"; rc=1; }
	[ $rc -eq 0 ] && echo "splat selftest: OK"
	return $rc
}

if [ "${1:-}" = --selftest ]; then
	selftest
else
	scan "$@"
fi
