#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: lbvs against the kernel's IPVS and plain routing, in one
# QEMU boot of Debian's stock kernel (tests/bench/guest.sh), plus the
# scheduler's instructions per pick (scripts/sched-bench.sh).  Writes
# docs/benchmarks.md; the raw samples stay in out/bench/.  Not part of
# `make check`: it takes about 15 minutes.
#
#   scripts/bench.sh                   everything
#   BENCH_REPS=3 BENCH_SECS=2 scripts/bench.sh
#   BENCH_PARTS="sched mem" scripts/bench.sh   some parts (sched pkt tcp mem,
#                                  and sync, which runs only when named);
#                                  the other parts' last results are kept
#   scripts/bench.sh --report-only     rewrite docs/benchmarks.md from out/bench/
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/out/bench
cd "$top"

report()
{
	python3 tests/bench/report.py "$out" >docs/benchmarks.md.tmp
	mv docs/benchmarks.md.tmp docs/benchmarks.md
	echo "bench: wrote docs/benchmarks.md"
}

if [ "${1:-}" = --report-only ]; then
	report
	exit
fi

for f in kmod/lbvs.ko tools/lbadm/lbadm; do
	[ -e "$f" ] || { echo "bench: $f is not built (make all)" >&2; exit 2; }
done
parts=" ${BENCH_PARTS:-sched pkt tcp mem} "
guest_parts=$(for p in pkt tcp mem sync; do if [[ $parts == *" $p "* ]]; then echo "$p"; fi; done | xargs)
mkdir -p tests/bench/bin "$out"
# A full run replaces every earlier result; a partial one only its own.
[ "$parts" != " sched pkt tcp mem " ] || rm -f "$out"/guest*
for p in connrate connsrv; do
	"${CC:-cc}" -O2 -Wall -Wextra -Werror -o "tests/bench/bin/$p" "tests/bench/$p.c"
done

{
	echo "date $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- kmod tools || echo '+changes')"
	echo "host_cpus $(nproc)"
	echo "host_cpu $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
	echo "load_before $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "qemu_others $(pgrep -c qemu-system || true)"
} >"$out/meta"

if [[ $parts == *" sched "* ]]; then
	echo "bench: scheduler pick cost (callgrind)"
	if command -v valgrind >/dev/null; then
		scripts/sched-bench.sh >"$out/sched" 2>&1 || true
	else
		echo "valgrind is not installed (apt-get install valgrind)" >"$out/sched"
	fi
fi
[ -n "$guest_parts" ] || { report; exit; }

echo "bench: booting the guest (about 15 minutes)"
# Reps and seconds reach the guest through the shared root.
printf 'BENCH_REPS=%q\nBENCH_SECS=%q\nBENCH_IPVS_TAB_BITS=%q\nBENCH_PARTS=%q\n' \
	"${BENCH_REPS:-5}" "${BENCH_SECS:-2}" "${BENCH_IPVS_TAB_BITS:-20}" "$guest_parts" \
	>tests/bench/bin/config
rc=0
guest_out=$out/guest-${guest_parts// /-}
tests/qemu/run.sh --kernel stock --script tests/bench/guest.sh --timeout 3000 \
	>"$guest_out" || rc=$?
{
	echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$out/meta"
grep -E '^(NOTE|INFO|PASS|FAIL)' "$guest_out" || true
report
[ $rc -eq 0 ] || { echo "bench: the guest run failed (see $guest_out)" >&2; exit 1; }
