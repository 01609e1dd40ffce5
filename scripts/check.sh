#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: every test. Installs what is missing, builds, then runs the
# unit tests, the end-to-end suite on Debian's stock kernel, the pair test
# (two stock guests), the Debian packages installed into a clean Debian
# root, and the debug subset on the debug kernel. Every part runs even if
# an earlier one failed; the last line adds them up.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

scripts/install-deps.sh || exit 1
make all W=1 || exit 1

pass=0 fail=0 skipped=0 rc=0
# part NAME CMD...: run, echo, and add its "N passed, N failed" line.
part()
{
	local name=$1 log line p f s
	shift
	log=$(mktemp)
	echo "=== $name: $*"
	"$@" 2>&1 | tee "$log"
	[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	rm -f "$log"
	if [ -z "$line" ]; then
		echo "=== $name: no summary line: counted as one failure"
		fail=$((fail + 1)) rc=1
		return
	fi
	p=$(sed -E 's/.*\b([0-9]+) passed.*/\1/' <<<"$line")
	f=$(sed -E 's/.*\b([0-9]+) failed.*/\1/' <<<"$line")
	s=$(sed -nE 's/.*\b([0-9]+) skipped.*/\1/p' <<<"$line")
	pass=$((pass + p)) fail=$((fail + f)) skipped=$((skipped + ${s:-0}))
}

# Static checks: W=1 with warnings as errors, sparse, checkpatch --strict.
lint()
{
	local out
	make -s module W=1 KCFLAGS=-Werror >/dev/null || { echo "lint: W=1 build failed"; return 1; }
	out=$(make -s sparse 2>&1 | grep -E 'warning|error' || true)
	[ -z "$out" ] || { echo "$out"; echo "lint: sparse reports the above"; return 1; }
	scripts/checkpatch.sh || { echo "lint: checkpatch --strict reports the above"; return 1; }
	echo "lint: 3 passed, 0 failed"
}

# The debug kernel (not cached: ~14 min of both cores) builds at idle
# priority while the static checks and the stock guest run: the guest
# leaves a core idle much of the time (one exec at a time, waits).
idle="nice -n 19"
chrt -i 0 true 2>/dev/null && idle="chrt -i 0"
kbuild_log=$(mktemp)
$idle tests/qemu/run.sh --kernel debug --build-only >"$kbuild_log" 2>&1 &
kbuild=$!

part lint lint
part unit make -s unit
part install scripts/install-check.sh
part e2e-stock tests/qemu/run.sh --kernel stock --timeout 3000
# Two guests: a keepalived pair migrating from IPVS to lbvs and back.
part e2e-pair tests/qemu/run.sh --pair tests/pair/340-rolling-migration.sh
# After the stock guest: debootstrap would skew its timing-based checks.
part deb-root scripts/deb-root-check.sh
# A failed build is tried again (and reported) by the debug run itself.
wait $kbuild || cat "$kbuild_log"
rm -f "$kbuild_log"
part e2e-debug tests/qemu/run.sh --kernel debug --timeout 3600

[ "$fail" -eq 0 ] || rc=1
echo
if [ "$skipped" -gt 0 ]; then
	echo "total: $pass passed, $fail failed, $skipped skipped"
else
	echo "total: $pass passed, $fail failed"
fi
exit $rc
