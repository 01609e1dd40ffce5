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

# stop_server NS PORT: kill what runs in netns NS (a real server's netns
# holds only its servers) and wait until PORT is free.
stop_server()
{
	local i
	# shellcheck disable=SC2046 # a list of pids
	kill $(ip netns pids "$1") 2>/dev/null || true
	for i in $(seq 50); do
		_port_bound "$1" "$2" || return 0
		sleep 0.2
	done
	fail "port $2 still bound in netns $1"
}

# bg_in NS CMD...: CMD in NS in the background; BG_PID is CMD's own pid
# (ip netns exec execs it), so killing BG_PID stops CMD. Killed at exit.
bg_in()
{
	local ns=$1
	shift
	ip netns exec "$ns" "$@" &
	BG_PID=$!
	_PIDS+=("$BG_PID")
}

# keepalived_in NS CONF NAME [ARG...]: Debian's keepalived in NS on CONF,
# its pid files beside CONF, logging to $LBVS_OUT/NAME.log; BG_PID is its
# pid. Stopped at exit (TERM: keepalived also stops its children).
keepalived_in()
{
	local ns=$1 conf=$2 name=$3 dir
	shift 3
	dir=$(dirname "$conf")
	log "$name: keepalived.conf:"$'\n'"$(cat "$conf")"
	bg_in "$ns" /usr/sbin/keepalived "$@" --dont-fork --log-console --log-detail \
		--use-file "$conf" --pid "$dir/keepalived.pid" --vrrp_pid "$dir/vrrp.pid" \
		--checkers_pid "$dir/checkers.pid" >"$LBVS_OUT/$name.log" 2>&1
	at_exit "kill $BG_PID 2>/dev/null; wait $BG_PID 2>/dev/null"
}

# keepalived_check CONF: its checker process only (no VRRP), in the
# director, logging to $LBVS_OUT/keepalived.log.
keepalived_check() { keepalived_in director "$1" keepalived --check; }
