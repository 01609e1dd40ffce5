#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 1500
#
# Every configuration command with each of its kernel allocations failing
# in turn, under traffic: the command either applies in full or not at
# all (-S -n is the state before or the state after it), and the kernel
# neither splats nor leaks (the harness checks both). The Nth allocation
# of one request fails through the task's fail-nth (c/failnth.c, an
# LD_PRELOAD shim around lbadm's send()); the sweep over N ends when the
# request makes fewer than N allocations. Needs the debug kernel's fault
# injection; the stock kernel has none, so it is skipped there.
#
# Each step costs two execs, seconds each on the debug kernel under TCG:
# `make check` sweeps the one whose failure mattered most (a server's
# delete: a freed server left in the scheduler); `make check-extended`
# (LBVS_EXTENDED=1) sweeps every command, -R with a list of servers too.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

FS=/sys/kernel/debug/failslab
[ -d $FS ] || skip "no $FS (fault injection is in the debug kernel)"
# Only the marked request fails, and only by count: no random failures.
echo 0 >$FS/probability
echo N >$FS/ignore-gfp-wait
echo 0 >$FS/verbose

# On tmpfs, not the results share: every faulted lbadm loads it.
SHIM=$(mktemp /tmp/failnth.XXXXXX.so)
at_exit "rm -f $SHIM"
gcc -O2 -shared -fPIC -I"$LBVS_TOP/include/uapi" -o "$SHIM" \
	"$LBVS_TOP/tests/e2e/c/failnth.c" -ldl || fail "cannot build the shim"

topo_nat 2
lbvs_load
servers_begin
for i in 1 2; do http_server "rs$i" 80 "rs$i"; done
servers_wait
BASE="-A -t $VIP4:80 -s rr
-a -t $VIP4:80 -r ${RIP4[1]}:80 -m -w 1
-a -t $VIP4:80 -r ${RIP4[2]}:80 -m -w 1
-A -t $VIP4:81 -s wlc
-a -t $VIP4:81 -r ${RIP4[1]}:80 -b -w 1
-P -t $VIP4:81 -z $GW4"
LIST="-A -t $VIP4:83 -s sh
-a -t $VIP4:83 -r ${RIP4[1]}:80 -m -w 1
-a -t $VIP4:83 -r ${RIP4[2]}:80 -m -w 2
-a -t $VIP4:83 -r 192.0.2.13:80 -m -w 3
-a -t $VIP4:83 -r 192.0.2.14:80 -m -w 4"

# Traffic all along, a connection every 0.2 s: rr's picks follow every
# change of the scheduler's set (a freed server still in it is read).
nsx client python3 - "$VIP4" <<'PY' >/dev/null 2>&1 &
import socket, sys, time
while True:
    try:
        with socket.create_connection((sys.argv[1], 80), timeout=2) as s:
            s.sendall(b"GET / HTTP/1.0\r\n\r\n")
            s.recv(100)
    except OSError:
        pass
    time.sleep(0.2)
PY
_PIDS+=($!)

# In the director: two execs per step (the faulted lbadm and -S -n), none
# of them through ip netns exec.
export LBADM SHIM BASE LIST LBVS_OUT VIP4 GW4 DIP4 RIP1=${RIP4[1]} LBVS_EXTENDED=${LBVS_EXTENDED:-0}
export -f fail log assert_eq
nsx director bash -euo pipefail -s <<'SWEEP' || fail "the sweep failed"
MAX_N=150
lbadm() { "$LBADM" "$@"; }
state() { lbadm -S -n; [ "$1" != set ] || lbadm -L --timeout; }
reset() { lbadm -C && lbadm -R <<<"$BASE" && lbadm --set 900 120 300; }

# sweep NAME CMD...: CMD (lbadm's arguments; -R reads $INPUT) with its
# request's allocations failing one after the other.
sweep()
{
	local name=$1 n rc before after got err refused=0 report=$LBVS_OUT/unreached
	shift
	reset
	before=$(state "$name")
	lbadm "$@" <<<"${INPUT:-}" || fail "$name: fails without a fault"
	after=$(state "$name")
	got=$after
	for ((n = 1; n <= MAX_N; n++)); do
		[ "$got" = "$before" ] || reset
		rm -f "$report"
		rc=0
		err=$(LBVS_FAIL_NTH=$n LBVS_FAIL_REPORT=$report LD_PRELOAD=$SHIM \
			"$LBADM" "$@" <<<"${INPUT:-}" 2>&1 >/dev/null) || rc=$?
		got=$(state "$name")
		if [ -e "$report" ]; then
			[ $rc -eq 0 ] || fail "$name: failed with no fault injected: $err"
			assert_eq "$got" "$after" "$name: wrong state without a fault"
			# The faults reached the request that changes the state.
			[ $refused -gt 0 ] || [ "$after" = "$before" ] ||
				fail "$name: no fault made it fail"
			log "$name: $((n - 1)) allocations, each failed once ($refused refusals): all or nothing"
			return
		fi
		[ $rc -ne 0 ] || [ "$got" = "$after" ] || fail "$name: succeeded but did not apply"
		[ $rc -eq 0 ] || refused=$((refused + 1))
		[ $rc -eq 0 ] || [ "$got" = "$before" ] && continue
		# Applied, and then the ACK could not be allocated: netlink can
		# only say ENOBUFS, and lbadm must say it (no false success).
		case $err in
		*"the request may have been applied"*) [ "$got" = "$after" ] && continue ;;
		esac
		assert_eq "$got" "$before" "$name: allocation $n failed ($err): neither before nor after"
	done
	fail "$name: more than $MAX_N allocations"
}

sweep server-del -d -t "$VIP4:80" -r "$RIP1:80"
if [ "$LBVS_EXTENDED" = 1 ]; then
	INPUT=$LIST sweep restore-list -R
	sweep pool-add -P -t "$VIP4:81" -z "$DIP4"
	sweep service-del -D -t "$VIP4:80"
	sweep service-add -A -t "$VIP4:82" -s wrr
	sweep service-edit -E -t "$VIP4:80" -s wlc -p 60
	sweep server-add -a -t "$VIP4:80" -r 192.0.2.13:80 -m -w 2
	sweep server-edit -e -t "$VIP4:80" -r "$RIP1:80" -m -w 5
	sweep pool-del -Q -t "$VIP4:81" -z "$GW4"
	sweep set --set 100 20 200
	sweep zero -Z
	sweep clear -C
fi
reset
SWEEP

# Both servers still answer (the background client takes its share of rr's
# turns, so the split is not fixed).
t=$(tally client 6 "http://$VIP4/")
log "after the sweeps: $(xargs <<<"$t")"
[ "$(count_of - "$t")" = 0 ] && [ "$(count_of rs1 "$t")" -gt 0 ] && [ "$(count_of rs2 "$t")" -gt 0 ] ||
	fail "the service does not balance over both servers any more: $(xargs <<<"$t")"
