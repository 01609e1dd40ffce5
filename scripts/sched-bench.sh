#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Instructions per call of each scheduler's pick, update and init at 10, 100,
# 1000 and 10000 servers, counted by callgrind (inclusive cost of the
# function, divided by the calls tests/unit/bench_sched.c reports).
# Fails if pick at 10000 servers costs more than twice pick at 10.
#
# usage: scripts/sched-bench.sh [PICKS]   (default 200000)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
picks=${1:-200000}
sizes=(10 100 1000 10000)
algos=(rr wrr lc wlc sh dh sed nq fo ovf twos mh lblc lblcr)

for tool in valgrind callgrind_annotate "${CC:-cc}"; do
	command -v "$tool" >/dev/null || { echo "sched-bench: $tool not found" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"${CC:-cc}" -O2 -g -Wall -Wextra -Werror -std=gnu11 -I"$top/kmod" \
	-o "$work/bench" "$top/tests/unit/bench_sched.c" "$top/kmod/sched_algo.c"

# inclusive Ir of the sched_algo.c function whose name ends in _$1
ir_of() {
	local kind=$1 out=$2

	callgrind_annotate --inclusive=yes --threshold=100 --auto=no "$out" 2>/dev/null |
		awk -v re="sched_algo\\\\.c:[a-z_]+_${kind} \\\\[" '
			$0 ~ re { gsub(",", "", $1); sum += $1 }
			END { print sum + 0 }'
}

# per-call cost with one decimal
per() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'
}

printf '%-4s %6s %10s %10s %12s\n' algo n Ir/pick Ir/update Ir/init
status=0
for algo in "${algos[@]}"; do
	first=
	for n in "${sizes[@]}"; do
		out="$work/cg.$algo.$n"
		line=$(valgrind --tool=callgrind --callgrind-out-file="$out" \
			"$work/bench" "$algo" "$n" "$picks" 2>/dev/null)
		updates=$(sed -n 's/.* updates=\([0-9]*\).*/\1/p' <<<"$line")
		pick=$(per "$(ir_of pick "$out")" "$picks")
		update=$(per "$(ir_of update "$out")" "$updates")
		init=$(ir_of init "$out")
		printf '%-4s %6s %10s %10s %12s\n' "$algo" "$n" "$pick" "$update" "$init"
		[[ -n $first ]] || first=$pick
		last=$pick
	done
	if awk -v a="$last" -v b="$first" 'BEGIN { exit !(a > 2 * b) }'; then
		echo "sched-bench: $algo pick at ${sizes[-1]} ($last) > 2x pick at ${sizes[0]} ($first)" >&2
		status=1
	fi
done
exit $status
