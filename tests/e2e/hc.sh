# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Health-check helpers for the 32x tests, sourced after lib.sh.

# shellcheck disable=SC2034 # used by the tests
HEALTHCHECK=$LBVS_TOP/scripts/lbvs-healthcheck

# wait_rule NS SERVICE SERVER WANT [SECONDS]: until `lbadm -S -n` in NS has
# "-a SERVICE -r SERVER WANT" (WANT "absent": no rule for SERVER at all).
wait_rule()
{
	local ns=$1 svc=$2 rs=$3 want=$4 secs=${5:-40} i line
	for i in $(seq $((secs * 2))); do
		line=$(nsx "$ns" "$LBADM" -S -n | grep -F -- "-a $svc -r $rs " || true)
		if [ "$want" = absent ]; then
			[ -z "$line" ] && return 0
		elif [ "$line" = "-a $svc -r $rs $want" ]; then
			return 0
		fi
		sleep 0.5
	done
	fail "after ${secs}s: $rs in $svc is \"${line:-absent}\", want \"$want\""
}

# server_pid: the pid of the server started last (http_server).
server_pid() { echo "${_PIDS[-1]}"; }

# stop_server PID: kill one server (it stays in _PIDS; killing twice is fine).
stop_server() { kill "$1"; wait "$1" 2>/dev/null || true; }
