# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Traffic helpers for data-path tests, sourced after lib.sh.

TALLY=$LBVS_TOP/tests/e2e/py/tally.py

# tally NS N URL: N GETs, one connection each; prints "NAME COUNT" per
# answering server, sorted by name ("-" counts failures).
tally() { nsx "$1" python3 "$TALLY" http "$3" "$2" | _count; }

_count() { sort | uniq -c | awk '{ print $2, $1 }'; }

# greet_tally NS ADDR PORT N: N connections to an echo_server; prints
# "NAME COUNT" per greeting server, as tally.
greet_tally() { nsx "$1" python3 "$TALLY" tcp "$2" "$3" "$4" | _count; }

# count_of NAME TALLY: how often NAME answered.
# (Builtins: an exec costs ~0.4 s on the debug kernel.)
count_of()
{
	local name c
	while read -r name c; do
		[ "$name" = "$1" ] && { echo $((c + 0)); return; }
	done <<<"$2"
	echo 0
}

# udp_ask NS ADDR PORT [SRCPORT]: one datagram, prints the answer (or nothing).
udp_ask()
{
	local ns=$1 addr=$2 port=$3 sp=${4:-} fam=UDP4 opt=""
	[[ $addr == *:* ]] && { fam=UDP6; addr="[$addr]"; }
	[ -n "$sp" ] && opt=",sourceport=$sp,reuseaddr"
	echo ping | nsx "$ns" socat -T 2 - "$fam:$addr:$port$opt" 2>/dev/null || true
}

# sink_server NS PORT: TCP; reads everything, then answers its byte count.
sink_server()
{
	ip netns exec "$1" socat "TCP6-LISTEN:$2,ipv6only=0,fork,reuseaddr" SYSTEM:"wc -c" \
		>>"$LBVS_OUT/sink-$1.log" 2>&1 &
	_started "$1" "$2" $!
}

# upload NS ADDR PORT BYTES: send BYTES zeros on one connection; prints the
# count the sink_server answered.
upload()
{
	local fam=TCP4 a=$2
	[[ $a == *:* ]] && { fam=TCP6; a="[$a]"; }
	head -c "$4" /dev/zero | nsx "$1" socat -t 20 - "$fam:$a:$3,connect-timeout=5" 2>&1 | tr -d ' '
}

# udp_refused NS ADDR PORT: one datagram from a connected socket; prints
# "refused" if an ICMP port unreachable came back for it, "answered" or
# "timeout" otherwise.
udp_refused()
{
	nsx "$1" python3 - "$2" "$3" <<'PY'
import socket, sys
addr, port = sys.argv[1], int(sys.argv[2])
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.settimeout(3)
s.connect((addr, port))
s.send(b"x")
try:
    s.recv(100)
    print("answered")
except ConnectionRefusedError:
    print("refused")
except socket.timeout:
    print("timeout")
PY
}

# udp_tally NS ADDR PORT N: N datagrams from source ports 40001.., one flow
# each; prints "NAME COUNT" per answering server, as tally.
udp_tally()
{
	nsx "$1" python3 "$TALLY" udp "$2" "$3" "$4" 40001 | _count
}

# uploads_whole NS PORT ADDR...: two 1 MB uploads to a sink_server through
# each ADDR arrive whole.
uploads_whole()
{
	local ns=$1 port=$2 a i
	shift 2
	for a in "$@"; do
		for i in 1 2; do
			assert_eq "$(upload "$ns" "$a" "$port" 1000000)" 1000000 \
				"1 MB upload to $a (connection $i)"
		done
	done
}

# service46 PORT N RPORT METHOD: a TCP service (rr) on VIP4 and VIP6 at
# PORT with rsN's addresses at RPORT by METHOD (-m, -b, ...), in one -R.
service46()
{
	local port=$1 i=$2 rport=$3 m=$4
	{
		echo "-A -t $VIP4:$port -s rr"
		echo "-A -t [$VIP6]:$port -s rr"
		echo "-a -t $VIP4:$port -r ${RIP4[i]}:$rport $m"
		echo "-a -t [$VIP6]:$port -r [${RIP6[i]}]:$rport $m"
	} | lbd -R
}

# nat_udp N PORT: on rs1..N a UDP server at PORT that answers its name, and
# a UDP service (rr) at VIP4:PORT with them by NAT.
nat_udp()
{
	local i
	lbd -A -u "$VIP4:$2" -s rr
	servers_begin
	for i in $(seq "$1"); do
		udp_server "rs$i" "$2" "rs$i"
		lbd -a -u "$VIP4:$2" -r "${RIP4[i]}:$2" -m
	done
	servers_wait
}

# hash_flags SCHED: IPVS's two flags of sh and mh on the service VIP4:80
# of rs1..3 (the client's answers by name). SCHED-port: the client's port
# joins its address in the hash, so one client's connections (each from a
# new port) spread over the servers. SCHED-fallback: the client's server,
# at its connection limit (-x 1: the earlier requests' closed connections
# count), is overloaded; without the flag its clients get no server, with
# it another one answers.
hash_flags()
{
	local s=$1 t mine a
	lbd -E -t "$VIP4:80" -s "$s" -b "$s-port"
	t=$(tally client 24 "http://$VIP4/")
	log "$s-port, one client: ${t//$'\n'/, }"
	assert_eq "$(count_of - "$t")" 0 "$s-port: all answered"
	[ "$(wc -l <<<"$t")" -ge 2 ] || fail "$s-port: 24 ports of one client all went to one server: $t"

	lbd -E -t "$VIP4:80" -s "$s"
	mine=$(nsx client curl -sS -m 5 "http://$VIP4/")
	lbd -e -t "$VIP4:80" -r "${RIP4[${mine#rs}]}:80" -m -x 1
	nsx client curl -sS -m 3 -o /dev/null "http://$VIP4/" || true	# a count changes
	log "$(lbd -L -n)"
	a=$(nsx client curl -sS -m 3 "http://$VIP4/" || true)
	assert_eq "$a" "" "$s without fallback: the overloaded server's client gets no answer"
	lbd -E -t "$VIP4:80" -s "$s" -b "$s-fallback"
	a=$(nsx client curl -sS -m 5 "http://$VIP4/" || true)
	log "$s-fallback: $mine is full, answered by ${a:-nobody}"
	assert_match "$a" "^rs[123]$" "$s-fallback: another server answers"
	[ "$a" != "$mine" ] || fail "$s-fallback: the overloaded $mine answered"
}

# echo_server NS PORT NAME [UDP]: TCP (or UDP); says NAME on connect (UDP:
# on a flow's first datagram), then echoes lines.
echo_server()
{
	local ns=$1 port=$2 name=$3 proto=${4:-TCP}
	ip netns exec "$ns" socat "${proto}6-LISTEN:$port,ipv6only=0,fork,reuseaddr" \
		"SYSTEM:echo $name; cat" >>"$LBVS_OUT/echo-$ns-$port.log" 2>&1 &
	_started "$ns" "$port" $!
}

# Long-lived client connections, driven through a FIFO each (FIFOs need a
# local filesystem: LBVS_OUT is a 9p share).
declare -A _HOLD_FD=() _HOLD_PID=()
_HOLD_DIR=$(mktemp -d /tmp/lbvs-hold.XXXXXX)

# hold_open ID NS ADDR PORT [UDP]: connect and keep the connection open
# (UDP: a connected socket, one flow, which an echo_server greets once the
# first datagram came).
hold_open()
{
	local id=$1 ns=$2 addr=$3 port=$4 proto=${5:-TCP} fam fifo fd
	fam=${proto}4
	[[ $addr == *:* ]] && { fam=${proto}6; addr="[$addr]"; }
	fifo=$_HOLD_DIR/$id.in
	rm -f "$fifo"
	mkfifo "$fifo"
	# The new socat must not inherit the other connections' FIFO ends, or
	# closing one of them would not reach its reader.
	(
		for fd in "${_HOLD_FD[@]}"; do exec {fd}>&-; done
		exec ip netns exec "$ns" socat -t 1 - "$fam:$addr:$port,connect-timeout=10" <"$fifo" \
			>"$LBVS_OUT/hold-$id.out" 2>"$LBVS_OUT/hold-$id.err"
	) &
	_HOLD_PID[$id]=$!
	_PIDS+=($!)
	exec {fd}>"$fifo"
	_HOLD_FD[$id]=$fd
}

# hold_wait ID TEXT [SECS]: wait up to SECS (15) for a line TEXT in the
# connection's output (checked with builtins).
hold_wait() { wait_until "${3:-15}" _hold_has "$1" "$2"; }

_hold_has()
{
	local lines l
	mapfile -t lines 2>/dev/null <"$LBVS_OUT/hold-$1.out"
	for l in "${lines[@]}"; do [ "$l" = "$2" ] && return 0; done
	return 1
}

# hold_name ID: the server's greeting (first line), or "-" if none came
# within 15 s.
hold_name() { wait_until 15 _hold_first "$1" || echo -; }

_hold_first()
{
	local line
	read -r line 2>/dev/null <"$LBVS_OUT/hold-$1.out" && echo "$line"
}

# hold_echo ID TEXT [SECS]: send TEXT and succeed if it comes back within
# SECS (15); a check that expects silence passes a short SECS.
hold_echo()
{
	hold_send "$1" "$2"
	hold_wait "$1" "$2" "${3:-15}"
}

# hold_send ID TEXT: send TEXT; a connection whose socat is gone (nobody
# reads its FIFO) takes nothing, and the SIGPIPE ends only a subshell.
hold_send() { (echo "$2" >&"${_HOLD_FD[$1]}") 2>/dev/null || true; }

# holds_echo TEXT ID...: send TEXT on each connection, then wait (20 s in
# all) until each has echoed it; prints the IDs that did not, one a line.
holds_echo()
{
	local text=$1 id
	shift
	for id in "$@"; do hold_send "$id" "$text"; done
	wait_until 20 _holds_have "$text" "$@" || true
	for id in "$@"; do _hold_has "$id" "$text" || echo "$id"; done
}

_holds_have()
{
	local text=$1 id
	shift
	for id in "$@"; do _hold_has "$id" "$text" || return 1; done
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
# The first row of ADDR:PORT, read with builtins.
stat_conns()
{
	local f1 f2 f3 _r
	while read -r f1 f2 f3 _r; do
		[ "$f2" = "$2" ] && { echo "$f3"; return; }
	done <<<"$1"
	return 0
}

# sorted WORD...: the words sorted and unique, on one line.
sorted() { printf '%s\n' "$@" | sort -u | xargs; }

# conn_count: entries in the director's connection table.
conn_count() { nsx director cat /proc/sys/net/lbvs/conn_count; }

# wait_conns OP N [SECS]: wait up to SECS (60) until conn_count OP N (OP: a
# test(1) comparison, -eq or -ge); prints the count then.
wait_conns() { wait_until "${3:-60}" _conns "$1" "$2"; conn_count; }
_conns() { [ "$(conn_count)" "$1" "$2" ]; }

# --- DR and TUN topologies --------------------------------------------------
#
# The client sits behind a router in both; the real servers answer it
# directly (through the router), never through the director.
#
#  client eth0 ---- eth0 router
#  203.0.113.2/24   203.0.113.1/24
#  2001:db8:1::2    2001:db8:1::1
#
# topo_dr N: director and rs1..N on one switch (netns "lan", bridge br0)
# with the router's lan0: 192.0.2.0/24, 2001:db8:2::/64; router .1, director
# .2 (DIP), rsI .1I; VIPs 192.0.2.100 and 2001:db8:2::100 on director eth0,
# and on each real server's lo (arp_ignore=1, arp_announce=2).
#
# topo_tun N: the director on its own link to the router (198.51.100.0/24,
# 2001:db8:3::/64, router .1, director .2, VIPs .100 on director eth0); rsI
# on 198.18.I.0/24, 2001:db8:1I::/64 behind the router (router .1, rsI .2),
# VIPs on its tunl0 and ip6tnl0.

# addrs NS IF ADDR4/LEN ADDR6/LEN
addrs()
{
	ipn "$1" addr add "$3" dev "$2"
	ipn "$1" addr add "$4" dev "$2" nodad
}

# gateway NS GW4 GW6: default routes.
gateway()
{
	ipn "$1" route add default via "$2"
	ipn "$1" route add ::/0 via "$3"	# -6 default (ip -batch takes no -6)
}

# Router, forwarding, with no reverse-path filter: replies from a VIP come
# in on a link the VIP is not routed through.
_router()
{
	nsx "$1" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
}

topo_client()
{
	ipq_begin
	ns_add client
	ns_add router
	_router router
	veth client eth0 router eth0
	addrs client eth0 $CIP4/24 $CIP6/64
	addrs router eth0 203.0.113.1/24 2001:db8:1::1/64
	gateway client 203.0.113.1 2001:db8:1::1
	ipq_end
}

# lan_port NS IF: NS's IF plugged into the switch (port named NS).
lan_port()
{
	veth "$1" "$2" lan "$1"
	ipn lan link set "$1" master br0
}

# vips NS IF: the VIPs on IF.
vips() { addrs "$1" "$2" "$VIP4/32" "$VIP6/128"; }

# director_vips: the VIPs on director eth0; the IPv6 one deprecated, so that
# source address selection never picks it for the director's own packets (a
# tunnel from the VIP would be refused by real servers that hold it too).
director_vips()
{
	ipn director addr add "$VIP4/32" dev eth0
	ipn director addr add "$VIP6/128" dev eth0 nodad preferred_lft 0
}

# dr_real_server NS: VIPs on lo, never announced or answered for on eth0.
dr_real_server()
{
	nsx "$1" sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
		net.ipv4.conf.eth0.arp_ignore=1 net.ipv4.conf.eth0.arp_announce=2
	vips "$1" lo
}

topo_dr()
{
	local n=$1 i
	ipq_begin
	VIP4=192.0.2.100 VIP6=2001:db8:2::100
	DIP4=192.0.2.2 DIP6=2001:db8:2::2
	GW4=192.0.2.1 GW6=2001:db8:2::1
	topo_client
	ns_add lan
	ipn lan link add br0 type bridge forward_delay 0
	ipn lan link set br0 up
	lan_port router lan0
	addrs router lan0 $GW4/24 $GW6/64
	ns_add director
	lan_port director eth0
	addrs director eth0 $DIP4/24 $DIP6/64
	director_vips
	gateway director $GW4 $GW6
	for i in $(seq "$n"); do
		RIP4[i]=192.0.2.1$i
		RIP6[i]=2001:db8:2::1$i
		ns_add "rs$i"
		lan_port "rs$i" eth0
		addrs "rs$i" eth0 "${RIP4[i]}/24" "${RIP6[i]}/64"
		gateway "rs$i" $GW4 $GW6
		dr_real_server "rs$i"
	done
	ipq_end
}

# routed_real_server NS I [ROUTER]: NS on 198.18.I.0/24 (2001:db8:1I::/64)
# behind ROUTER (default: router), its gateway (.1); NS is .2.
routed_real_server()
{
	local ns=$1 i=$2 rtr=${3:-router}
	ipq_begin
	RIP4[i]=198.18.$i.2
	RIP6[i]=2001:db8:1$i::2
	ns_add "$ns"
	veth "$ns" eth0 "$rtr" "$ns"
	addrs "$rtr" "$ns" "198.18.$i.1/24" "2001:db8:1$i::1/64"
	addrs "$ns" eth0 "${RIP4[i]}/24" "${RIP6[i]}/64"
	gateway "$ns" "198.18.$i.1" "2001:db8:1$i::1"
	ipq_end
}

# tun_real_server NS I: a routed real server decapsulating IPIP and
# IPv6-in-IPv6 on the fallback devices, which hold the VIPs.
tun_real_server()
{
	local ns=$1 i=$2
	ipq_begin
	routed_real_server "$ns" "$i"
	ip -n "$ns" link show tunl0 >/dev/null 2>&1 || modprobe ipip || fail "no ipip"
	ip -n "$ns" link show ip6tnl0 >/dev/null 2>&1 || modprobe ip6_tunnel || fail "no ip6_tunnel"
	ipn "$ns" link set tunl0 up
	ipn "$ns" link set ip6tnl0 up
	# Decapsulated packets come in on the tunnel from the client, whose
	# route is through eth0.
	nsx "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.tunl0.rp_filter=0
	vips "$ns" tunl0
	ipn "$ns" addr add "$VIP6/128" dev ip6tnl0 nodad
	ipq_end
}

# tun_services N: on rs1..N an HTTP server (80), a UDP one (53) and a sink
# (9000); on both VIPs a TCP and a UDP service (rr) for each, no servers.
tun_services()
{
	local i vip
	for i in $(seq "$1"); do
		http_server "rs$i" 80 "rs$i"
		udp_server "rs$i" 53 "rs$i"
		sink_server "rs$i" 9000
	done
	for vip in "$VIP4" "[$VIP6]"; do
		lbd -A -t "$vip:80" -s rr
		lbd -A -u "$vip:53" -s rr
		lbd -A -t "$vip:9000" -s rr
	done
}

topo_tun()
{
	local n=$1 i
	ipq_begin
	VIP4=198.51.100.100 VIP6=2001:db8:3::100
	DIP4=198.51.100.2 DIP6=2001:db8:3::2
	GW4=198.51.100.1 GW6=2001:db8:3::1
	topo_client
	ns_add director
	veth director eth0 router dir0
	addrs router dir0 $GW4/24 $GW6/64
	addrs director eth0 $DIP4/24 $DIP6/64
	director_vips
	gateway director $GW4 $GW6
	for i in $(seq "$n"); do
		tun_real_server "rs$i" "$i"
	done
	ipq_end
}

# topo_fullnat N: the director as in topo_tun, and on eth1 a back link
# (198.18.100.0/24, 2001:db8:100::/64; director .1, back router .2) to the
# router "back" with rs1..N behind it (routed_real_server). The FULLNAT pool
# addresses LIP4/LIP6 (.11 .12 and ::11 ::12) are the director's, on eth1.
# Neither "back" nor the real servers have a route to the client.
topo_fullnat()
{
	local n=$1 i
	ipq_begin
	topo_tun 0
	ns_add back
	_router back
	veth director eth1 back dir0
	addrs director eth1 198.18.100.1/24 2001:db8:100::1/64
	addrs back dir0 198.18.100.2/24 2001:db8:100::2/64
	LIP4=(198.18.100.11 198.18.100.12) LIP6=(2001:db8:100::11 2001:db8:100::12)
	for i in 0 1; do
		addrs director eth1 "${LIP4[i]}/32" "${LIP6[i]}/128"
	done
	for i in $(seq "$n"); do
		routed_real_server "rs$i" "$i" back
		ipn director route add "198.18.$i.0/24" via 198.18.100.2
		ipn director route add "2001:db8:1$i::/64" via 2001:db8:100::2
	done
	ipq_end
}

# nat_real_server NS I: NS on 198.19.I.0/24 (2001:db8:2I::/64) behind the
# director, its gateway (.1); NS is .2.
nat_real_server()
{
	local ns=$1 i=$2
	ipq_begin
	RIP4[i]=198.19.$i.2
	RIP6[i]=2001:db8:2$i::2
	ns_add "$ns"
	veth "$ns" eth0 director "$ns"
	addrs director "$ns" "198.19.$i.1/24" "2001:db8:2$i::1/64"
	addrs "$ns" eth0 "${RIP4[i]}/24" "${RIP6[i]}/64"
	gateway "$ns" "198.19.$i.1" "2001:db8:2$i::1"
	nsx director sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	ipq_end
}

# mac_of NS IF: IF's hardware address.
mac_of() { ip -n "$1" -br link show "$2" | awk '{ print $3 }'; }

# from_vip NS: the packets of NS's capture sent from a VIP's port (replies
# of the real servers), one "SRC > DST" line each.
from_vip()
{
	capture_flows "$1" | awk -v a="$VIP4." -v b="$VIP6." \
		'index($1, a) == 1 || index($1, b) == 1'
}

# --- two directors -----------------------------------------------------------
#
#  client eth0 -- front -- eth0 dira eth1 -- back -- eth0 rsI (I = 1..N)
#  203.0.113.2     (lan)    .11       192.0.2.1  (lan)   192.0.2.1I
#                           .12  dirb 192.0.2.2
#
# topo_pair N [DIRECTOR...]: two directors (forwarding, no reverse-path
# filter) on the client's LAN and on the servers' LAN, two bridges in netns
# "lan"; only dira or dirb if named (a test of two guests has one each). The
# client's default route is the VIP, the servers' the gateway address GWV;
# neither address is placed: the test (or keepalived) moves them.
GWV=192.0.2.254

# pair_port NS IF BRIDGE ADDR/LEN: NS's IF on BRIDGE of netns lan.
pair_port()
{
	veth "$1" "$2" lan "$1-$2"
	ipn lan link set "$1-$2" master "$3"
	ipn "$1" addr add "$4" dev "$2"
}

topo_pair()
{
	local n=$1 i br d
	shift
	[ $# -gt 0 ] || set -- dira dirb
	ipq_begin
	ns_add lan
	for br in front back; do
		ipn lan link add "$br" type bridge forward_delay 0 mcast_snooping 0
		ipn lan link set "$br" up
	done
	ns_add client
	pair_port client eth0 front $CIP4/24
	ipn client route add default via $VIP4
	for d in "$@"; do
		i=1
		[ "$d" = dirb ] && i=2
		ns_add "$d"
		pair_port "$d" eth0 front "203.0.113.1$i/24"
		pair_port "$d" eth1 back "192.0.2.$i/24"
	done
	for i in $(seq "$n"); do
		RIP4[i]=192.0.2.1$i
		ns_add "rs$i"
		pair_port "rs$i" eth0 back "${RIP4[i]}/24"
		ipn "rs$i" route add default via $GWV
	done
	ipq_end
	for d in "$@"; do
		nsx "$d" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0
	done
}

# pair_take NS IF=ADDR/LEN...: NS takes the addresses from the pair's other
# director, and the client's and servers' neighbour caches are flushed, as
# keepalived's gratuitous ARPs would update them.
pair_take()
{
	local ns=$1 other=dira a n
	[ "$ns" = dira ] && other=dirb
	shift
	for a in "$@"; do
		ip -n "$other" addr del "${a#*=}" dev "${a%%=*}" 2>/dev/null || true
		ip -n "$ns" addr add "${a#*=}" dev "${a%%=*}"
	done
	for n in client $(ip netns list | awk '/^rs[0-9]/ { print $1 }'); do
		ip -n "$n" neigh flush all
	done
}

# topo_sync_peer: a second director, netns "peer", on the director's link
# sync0 (198.18.200.1 <-> .2) for the sync daemons; lbp runs lbadm there.
topo_sync_peer()
{
	ns_add peer
	veth director sync0 peer eth0
	ip -n director addr add 198.18.200.1/24 dev sync0
	ip -n peer addr add 198.18.200.2/24 dev eth0
}
lbp() { nsx peer "$LBADM" "$@"; }

# topo_sync_udp: topo_nat 1 and topo_sync_peer, lbvs loaded, rs1's UDP
# server on 53, and the same service VIP:53 -> rs1 on director and peer.
# The tests' flows are a datagram each: the director sends a flow at its
# first (sync_threshold "1 50"; IPVS's default "3 50" waits for a third).
# peer_conns: the peer's table size; backup_stats: LINE, the peer's
# backup's counters line of -L --daemon --stats; resync_is STATE.
topo_sync_udp()
{
	topo_nat 1
	topo_sync_peer
	udp_server rs1 53 rs1
	lbvs_load
	for ns in director peer; do
		printf '%s\n' "-A -u $VIP4:53 -s rr" "-a -u $VIP4:53 -r ${RIP4[1]}:53 -m" |
			nsx "$ns" "$LBADM" -R
	done
	nsx director sysctl -qw "net.lbvs.sync_threshold=1 50"
}
peer_conns() { nsx peer cat /proc/sys/net/lbvs/conn_count; }
backup_stats() { LINE=$(lbp -L --daemon --stats | sed -n '/^backup/{n;p}'); }
resync_is() { backup_stats; [ "$(field resync)" = "$1" ]; }

# conn_rows NS VIP:PORT CMD...: the ESTABLISHED (UDP: all) rows of VIP:PORT
# in CMD's (lbadm's or ipvsadm's) connection listing in NS, as "client
# server" pairs, sorted.
conn_rows()
{
	local ns=$1 v=$2
	shift 2
	nsx "$ns" "$@" -L -c -n | awk -v v="$v" \
		'($3 == "ESTABLISHED" || $3 == "UDP") && $5 == v { print $4, $6 }' | sort
}
