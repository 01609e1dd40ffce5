#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the QEMU guest, chrooted into the host's root (read-only), as
# started by tests/qemu/init.  Runs every tests/e2e/NNN-*.sh that matches the
# filter, each with a timeout, and records in $LBVS_RESULTS (a writable share
# the host reads afterwards):
#   summary            one line per test: STATUS NAME SECONDS
#   NAME/output.log    the test's stdout and stderr
#   NAME/dmesg         the kernel log written during the test
#   kmemleak           leaks reported at the end (debug kernel)
#   boot-splat         a splat logged before the first test (then no test ran)
#   done               written last: the run was complete
# Marker lines in the kernel log (lbvs-e2e: BEGIN/END NAME) let the host
# attribute console splats to tests.
set -uo pipefail

: "${LBVS_TOP:?}" "${LBVS_RESULTS:?}"
# LBVS_KERNEL, LBVS_FILTER, LBVS_KO, LBVS_EXTENDED, written by run.sh.
# shellcheck source=/dev/null
. "$LBVS_RESULTS/config"
export LBVS_TOP LBVS_KO LBVS_EXTENDED LBADM=$LBVS_TOP/tools/lbadm/lbadm
# A guest of run.sh --pair: its role (from the kernel command line) and the
# directory both guests write (tests/pair/pair.sh).
# The peer's barriers give up once this guest is through, however it ends.
if [ -n "${LBVS_ROLE:-}" ]; then
	export LBVS_ROLE LBVS_SHARED=/tmp/lbvs-shared
	trap ': >"$LBVS_SHARED/$LBVS_ROLE.exit"' EXIT
fi
RES=$LBVS_RESULTS
KMEMLEAK=/sys/kernel/debug/kmemleak

kmsg() { echo "lbvs-e2e: $*" >/dev/kmsg; }

lbvs_loaded() { grep -q '^lbvs ' /proc/modules; }

# Leave the guest as the next test expects it, whatever this one did.
sweep()
{
	ip -all netns delete 2>/dev/null
	if lbvs_loaded; then
		echo "guest-run: lbvs was left loaded, unloading"
		rmmod lbvs || echo "guest-run: rmmod lbvs failed"
	fi
}

# Builtins where they do: each exec costs ~0.4 s on the debug kernel.
run_test()
{
	local t=$1 name limit=120 line out rc status t0 t1
	name=${t##*/}
	name=${name%.sh}
	while IFS= read -r line; do
		[[ $line =~ ^#\ timeout:\ *([0-9]+) ]] && { limit=${BASH_REMATCH[1]}; break; }
	done <"$t"
	out=$RES/$name
	mkdir -p "$out"
	echo "== $name"
	kmsg "BEGIN $name"
	t0=${EPOCHREALTIME/./}
	LBVS_OUT=$out timeout -k 5 "$limit" bash "$t" >"$out/output.log" 2>&1 </dev/null
	rc=$?
	t1=$(((${EPOCHREALTIME/./} - t0) / 100000))
	case $rc in
	0) status=PASS ;;
	77) status=SKIP ;;
	124 | 137) status=FAIL; echo "guest-run: timed out after $limit s" >>"$out/output.log" ;;
	*) status=FAIL; echo "guest-run: exit status $rc" >>"$out/output.log" ;;
	esac
	sweep >>"$out/output.log" 2>&1
	kmsg "END $name $status"
	dmesg | sed -n "/lbvs-e2e: BEGIN $name\$/,/lbvs-e2e: END $name /p" >"$out/dmesg"
	echo "$status $name $((t1 / 10)).$((t1 % 10))" >>"$RES/summary"
}

debug=false
[ "$LBVS_KERNEL" = debug ] && debug=true
# Cleared first; scanned only at the end: its own scan every 10 min costs
# the tests' time (all memory, under TCG and KASAN) and reports nothing the
# final scans would not.
if $debug && [ -w $KMEMLEAK ]; then
	echo clear >$KMEMLEAK
	echo scan=off >$KMEMLEAK
fi
: >"$RES/summary"

# A splat logged before the first test is the kernel's or the emulator's
# (lbvs is not loaded yet). Stop here: run.sh reports it and boots again.
if ! dmesg | bash "$LBVS_TOP/tests/qemu/splat.sh" /dev/stdin >"$RES/boot-splat" 2>&1; then
	echo "guest-run: the kernel logged a splat while booting"
	exit 0
fi
rm -f "$RES/boot-splat"

if [ -n "${LBVS_SCRIPT:-}" ]; then
	run_test "$LBVS_SCRIPT"	# the demo, a benchmark: one script, as asked
else
	# One grep for the whole list, not one for each file.
	if $debug; then
		# Not < <(...): the guest's /dev has no fd/ for it.
		mapfile -t tests <<<"$(grep -l '^# debug: yes' "$LBVS_TOP"/tests/e2e/[0-9][0-9][0-9]-*.sh)"
	else
		tests=("$LBVS_TOP"/tests/e2e/[0-9][0-9][0-9]-*.sh)
	fi
	for t in "${tests[@]}"; do
		[ -e "$t" ] || continue
		name=${t##*/}
		[[ ${name%.sh} =~ $LBVS_FILTER ]] || continue
		run_test "$t"
	done
fi

kmsg "BEGIN teardown"
lbvs_loaded && rmmod lbvs
if $debug && [ -w $KMEMLEAK ]; then
	# Objects younger than 5 s are never reported: scan twice.
	echo scan >$KMEMLEAK
	sleep 6
	echo scan >$KMEMLEAK
	cat $KMEMLEAK >"$RES/kmemleak"
fi
date +%s >"$RES/done"
