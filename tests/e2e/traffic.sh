# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Traffic helpers for data-path tests, sourced after lib.sh.

# tally NS N URL: N requests with curl, one connection each; prints
# "NAME COUNT" per answering server, sorted by name ("-" counts failures).
tally()
{
	local ns=$1 n=$2 url=$3 i
	for i in $(seq "$n"); do
		nsx "$ns" curl -sS -m 5 "$url" 2>/dev/null || echo -
	done | sort | uniq -c | awk '{ print $2, $1 }'
}

# count_of NAME TALLY: how often NAME answered.
count_of() { awk -v n="$1" '$1 == n { c = $2 } END { print c + 0 }' <<<"$2"; }

# udp_ask NS ADDR PORT [SRCPORT]: one datagram, prints the answer (or nothing).
udp_ask()
{
	local ns=$1 addr=$2 port=$3 sp=${4:-} fam=UDP4 opt=""
	[[ $addr == *:* ]] && { fam=UDP6; addr="[$addr]"; }
	[ -n "$sp" ] && opt=",sourceport=$sp,reuseaddr"
	echo ping | nsx "$ns" socat -T 2 - "$fam:$addr:$port$opt" 2>/dev/null || true
}

# echo_server NS PORT NAME: TCP; says NAME on connect, then echoes lines.
echo_server()
{
	local ns=$1 port=$2 name=$3
	nsx "$ns" socat "TCP6-LISTEN:$port,ipv6only=0,fork,reuseaddr" \
		"SYSTEM:echo $name; cat" >>"$LBVS_OUT/echo-$ns-$port.log" 2>&1 &
	_PIDS+=($!)
	wait_port "$ns" "$port"
}

# Long-lived client connections, driven through a FIFO each (FIFOs need a
# local filesystem: LBVS_OUT is a 9p share).
declare -A _HOLD_FD=() _HOLD_PID=()
_HOLD_DIR=$(mktemp -d /tmp/lbvs-hold.XXXXXX)

# hold_open ID NS ADDR PORT: connect and keep the connection open.
hold_open()
{
	local id=$1 ns=$2 addr=$3 port=$4 fam=TCP4 fifo fd
	[[ $addr == *:* ]] && { fam=TCP6; addr="[$addr]"; }
	fifo=$_HOLD_DIR/$id.in
	rm -f "$fifo"
	mkfifo "$fifo"
	# The new socat must not inherit the other connections' FIFO ends, or
	# closing one of them would not reach its reader.
	(
		for fd in "${_HOLD_FD[@]}"; do exec {fd}>&-; done
		exec ip netns exec "$ns" socat -t 1 - "$fam:$addr:$port,connect-timeout=3" <"$fifo" \
			>"$LBVS_OUT/hold-$id.out" 2>"$LBVS_OUT/hold-$id.err"
	) &
	_HOLD_PID[$id]=$!
	_PIDS+=($!)
	exec {fd}>"$fifo"
	_HOLD_FD[$id]=$fd
}

# hold_wait ID TEXT: wait until the connection's output has a line TEXT.
hold_wait()
{
	local i
	for i in $(seq 50); do
		grep -qx -- "$2" "$LBVS_OUT/hold-$1.out" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# hold_name ID: the server's greeting (first line), or "-" if none came.
hold_name()
{
	local i
	for i in $(seq 50); do
		[ -s "$LBVS_OUT/hold-$1.out" ] && { head -n 1 "$LBVS_OUT/hold-$1.out"; return; }
		sleep 0.1
	done
	echo -
}

# hold_echo ID TEXT: send TEXT and succeed if it comes back.
hold_echo()
{
	echo "$2" >&"${_HOLD_FD[$1]}"
	hold_wait "$1" "$2"
}

# hold_close ID: close our side; the connection ends with FINs.
hold_close()
{
	exec {_HOLD_FD[$1]}>&-
	wait "${_HOLD_PID[$1]}" 2>/dev/null || true
}

# capture NS FILTER: tcpdump on NS's eth0 until capture_stop.
_CAPS=()
capture()
{
	nsx "$1" tcpdump -i eth0 -n -U -w "$LBVS_OUT/$1.pcap" "$2" 2>/dev/null &
	_CAPS+=($!)
	_PIDS+=($!)
	sleep 1
}

capture_stop()
{
	sleep 1
	kill "${_CAPS[@]}" 2>/dev/null || true
	wait "${_CAPS[@]}" 2>/dev/null || true
	_CAPS=()
}

# capture_flows NS: "SRC > DST" per captured packet (addr.port each).
capture_flows()
{
	tcpdump -r "$LBVS_OUT/$1.pcap" -n 2>/dev/null |
		awk '$2 == "IP" || $2 == "IP6" { d = $5; sub(/:$/, "", d); print $3, ">", d }'
}

# stat_field LISTING ADDR:PORT COLUMN: a column of an "-L -n --stats" row.
# Rows read: prot? addr:port conns inpkts outpkts inbytes outbytes.
stat_conns()
{
	awk -v a="$2" '$1 == "->" && $2 == a { print $3 } $2 == a && $1 != "->" { print $3 }' <<<"$1" | head -n 1
}

# sorted WORD...: the words sorted and unique, on one line.
sorted() { printf '%s\n' "$@" | sort -u | xargs; }

# conn_count: entries in the director's connection table.
conn_count() { nsx director cat /proc/sys/net/lbvs/conn_count; }
