#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 600
#
# The rate estimator (every 2 s over every service and server) lets
# config_lock go every 256 entries and holds the service it paused after
# (lbvs_svc_estimate(), service.c). Here 22,000 entries (11,000 on the
# debug kernel) are estimated while half the services are deleted and
# re-added over and over, so deletions land in those pauses: the debug
# kernel's KASAN and lockdep watch the resumption, and the table must end
# as the last changes left it.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

N=2000
CHURN=${LBVS_CHURN_SECONDS:-15}
# Half the table there, still 43 pauses of the estimator a pass: restoring
# and listing the table are most of the test's time on that kernel.
debug_kernel && N=1000 CHURN=${LBVS_CHURN_SECONDS:-10}
lbvs_load
ns_add est

tmp=$(mktemp -d /tmp/est-churn.XXXXXX)
at_exit "rm -rf $tmp"
# vip S: service S's address in V (printf -v: no subshell for each of
# the thousands, a fork costs on the debug kernel).
vip() { printf -v V '198.18.%d.%d:80' $(($1 / 250)) $(($1 % 250 + 1)); }
scale_rules $N >"$tmp/add"
for ((s = 0; s < N; s += 2)); do
	vip $s
	echo "-D -t $V"
done >"$tmp/del"
for ((s = 0; s < N; s += 2)); do
	vip $s
	printf -- '-A -t %s -s rr\n-a -t %s -r 198.19.9.9:80 -m\n' "$V" "$V"
done >"$tmp/readd"

nsx est "$LBADM" -R <"$tmp/add" || fail "restoring $N services x 10 servers failed"
end=$((SECONDS + CHURN)) rounds=0
while [ $SECONDS -lt $end ] || [ $rounds -lt 2 ]; do
	nsx est "$LBADM" -R <"$tmp/del" || fail "deleting half the services failed (round $rounds)"
	nsx est "$LBADM" -R <"$tmp/readd" || fail "re-adding them failed (round $rounds)"
	rounds=$((rounds + 1))
done
log "$rounds rounds of deleting and re-adding $((N / 2)) services under the estimator"
# Let a round of the estimator run over the final table.
sleep 3
nsx est "$LBADM" -L -n --rate >"$tmp/rate" || fail "-L -n --rate failed"
assert_eq "$(grep -c '^TCP' "$tmp/rate")" "$N" "every service listed"
assert_eq "$(grep -c -- '->.*:8080' "$tmp/rate")" "$((N * 10 / 2))" "the untouched services keep their 10 servers"
assert_eq "$(grep -c -- '-> 198.19.9.9:80 ' "$tmp/rate")" "$((N / 2))" "the re-added services have their one server"
nsx est "$LBADM" -C || fail "-C failed"
