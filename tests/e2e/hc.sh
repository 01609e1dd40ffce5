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

# keepalived_on NS CONF STATE PRIORITY [ARG...]: keepalived in NS, with
# ARGs, on the file that `CONF NS STATE PRIORITY` prints; KA[NS] its pid.
declare -A KA=()
keepalived_on()
{
	local ns=$1 conf=$2 state=$3 prio=$4 dir
	shift 4
	dir=$(mktemp -d "/tmp/keepalived-$ns.XXXXXX")
	at_exit "rm -rf $dir"
	"$conf" "$ns" "$state" "$prio" >"$dir/keepalived.conf"
	keepalived_in "$ns" "$dir/keepalived.conf" "keepalived-$ns-$state" "$@"
	KA[$ns]=$BG_PID
}

# has_vip NS: NS holds the VIP ($VIP4/32 on eth0), as VRRP's master.
has_vip() { [[ $(ip -n "$1" -br addr show dev eth0) == *" $VIP4/32"* ]]; }

# daemons_are NS WANT [TOOL]: NS's sync daemons, as TOOL (lbadm, or
# ipvsadm against IPVS) lists them (-L --daemon), are WANT.
daemons_are()
{
	[ "$(nsx "$1" "${3:-$LBADM}" -L --daemon | awk '{ print $1 }' | xargs)" = "$2" ]
}

# director_dies NS: as a crash: the links go down first (no last VRRP
# advert), then keepalived stops.
director_dies()
{
	ip -n "$1" link set eth0 down
	ip -n "$1" link set eth1 down
	kill "${KA[$1]}"
	wait "${KA[$1]}" 2>/dev/null || true
	log "$1 died"
}

# keepalived_check CONF: its checker process only (no VRRP), in the
# director, logging to $LBVS_OUT/keepalived.log.
keepalived_check() { keepalived_in director "$1" keepalived --check; }

# ka_rs_http ADDR PORT, ka_rs_tcp ADDR PORT: a keepalived real_server block
# checked by HTTP_GET or TCP_CHECK on the server's HTTP port (8080).
ka_rs_http()
{
	cat <<CONF
    real_server $1 $2 {
        HTTP_GET {
            url {
                path /
                status_code 200
            }
            connect_port 8080
            connect_timeout 1
            retry 1
            delay_before_retry 1
        }
    }
CONF
}

ka_rs_tcp()
{
	cat <<CONF
    real_server $1 $2 {
        TCP_CHECK {
            connect_port 8080
            connect_timeout 1
        }
    }
CONF
}

# ka_pair_conf NAME STATE PRIORITY [BLOCK]: the keepalived.conf of a pair
# of NAT directors (docs/ha.md), the same on both but for these: VRRP
# moves the VIP and the servers' gateway, lvs_sync_daemon runs on eth1,
# NAT TCP :9000 (HTTP_GET) and UDP :9002 (TCP_CHECK) go to 192.0.2.11
# and .12; BLOCK (more virtual_server blocks) at the end.
ka_pair_conf()
{
	cat <<CONF
global_defs {
    router_id $1
    lvs_sync_daemon eth1 VI_1 id 7
}

vrrp_instance VI_1 {
    state $2
    interface eth0
    virtual_router_id 51
    priority $3
    advert_int 1
    virtual_ipaddress {
        203.0.113.100/32 dev eth0
        192.0.2.254/24 dev eth1
    }
}

virtual_server 203.0.113.100 9000 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
$(ka_rs_http 192.0.2.11 9000)
$(ka_rs_http 192.0.2.12 9000)
}

virtual_server 203.0.113.100 9002 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol UDP
$(ka_rs_tcp 192.0.2.11 9002)
$(ka_rs_tcp 192.0.2.12 9002)
}
${4:-}
CONF
}
