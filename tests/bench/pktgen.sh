# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# pktgen in the client namespace, sourced by tests/bench/guest.sh after
# tests/e2e/lib.sh.  One kernel thread (kpktgend_0) drives the client's eth0
# (a veth: pktgen's default xmit_mode start_xmit works on it, but veth does
# not allow shared skbs, so clone_skb must stay 0).  Every packet is UDP with
# a 64-byte payload.

PG_PAYLOAD=64
PG_SIZE=$((PG_PAYLOAD + 14 + 20 + 8 + 4))	# pkt_size counts Ethernet and FCS

# pktgen's files belong to the client's namespace: they are reached through
# /proc/PID/net of a process that lives there, without a process per write
# (each `ip netns exec` costs a noticeable part of a second under TCG).
PG_DIR=

# pg_write FILE LINE...: each LINE into pktgen's FILE, checking its answer.
pg_write()
{
	local f=$PG_DIR/$1 l r
	shift
	for l in "$@"; do
		echo "$l" >"$f"
		while read -r r; do
			[[ $r == Result:* ]] && break
		done <"$f"
		[[ $r == "Result: OK"* ]] || fail "pktgen: $l: $r"
	done
}

# pg_init PID: PID is a process in the client's namespace.
pg_init()
{
	modprobe pktgen
	PG_DIR=/proc/$1/net/pktgen
	pg_write kpktgend_0 rem_device_all "add_device eth0"
	pg_write eth0 "clone_skb 0" "pkt_size $PG_SIZE" "burst 1" "delay 0" \
		"dst_mac $(nsx director cat /sys/class/net/eth0/address)" \
		"udp_dst_min 9000" "udp_dst_max 9000"
}

# pg_flows SRC_MIN SRC_MAX SPORT_MIN NPORTS DST_MIN DST_MAX: each field steps
# by one per packet (pktgen's default), so the flows repeat with a period of
# lcm(number of sources, NPORTS).
pg_flows()
{
	pg_write eth0 "src_min $1" "src_max $2" "udp_src_min $3" \
		"udp_src_max $(($3 + $4))" "dst_min $5" "dst_max $6"
}

_PG_PID=
# pg_start [COUNT]: send COUNT packets (0: until pg_stop) in the background.
pg_start()
{
	pg_write eth0 "count ${1:-0}"
	# pgctrl acts on the writer's own namespace.
	nsx client sh -c 'echo start >/proc/net/pktgen/pgctrl' &
	_PG_PID=$!
}

pg_stop()
{
	nsx client sh -c 'echo stop >/proc/net/pktgen/pgctrl'
	wait "$_PG_PID" || true
}

# pg_wait: until a counted pg_start is done.
pg_wait() { wait "$_PG_PID" || true; }
