#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (the debug kernel has no tracing)
#
# A namespace without services costs no wakeups: the connection collector
# (conn_gc, every second) and the rate estimator (est_run, every two) start
# with its first service. Seen as workqueue_execute_start trace events.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

tracefs=/sys/kernel/tracing
[ -e $tracefs/instances ] || mount -t tracefs nodev $tracefs 2>/dev/null ||
	skip "no tracefs"
inst=$tracefs/instances/lbvs-idle-$$
mkdir "$inst" || skip "no trace instances"
at_exit "rmdir $inst"
lbvs_load
ns_add A
echo 1 >"$inst/events/workqueue/workqueue_execute_start/enable"
lbvs_works() { grep -cE "function (conn_gc|est_run)\b" "$inst/trace" || true; }

# Long enough for two collector runs in each of A and the initial namespace.
sleep 2.5
assert_eq "$(lbvs_works)" 0 "lbvs work ran in namespaces without services"
nsx A "$LBADM" -A -t "$VIP4:80" -s rr
wait_until 5 grep -q "function conn_gc" "$inst/trace" ||
	fail "no collector after the first service"
wait_until 5 grep -q "function est_run" "$inst/trace" ||
	fail "no estimator after the first service"
log "lbvs work runs after the first service: $(lbvs_works)"
