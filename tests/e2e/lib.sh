# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by every end-to-end test:  . "$(dirname "$0")/lib.sh"
# Tests run as root inside the QEMU guest (tests/e2e/guest-run.sh sets
# LBVS_TOP, LBVS_KO, LBADM and LBVS_OUT).  Every host of a test is a network
# namespace; everything a test starts is undone by the EXIT trap.
set -euo pipefail

: "${LBVS_KO:?run the tests with tests/qemu/run.sh}" "${LBADM:?}" "${LBVS_OUT:?}"

_NETNS=()	# namespaces to delete
_PIDS=()	# servers to kill
_LOADED=false	# lbvs_load was called
_ATEXIT=()	# commands for the cleanup, run first

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
log() { echo "# $*"; }

# --- module ---------------------------------------------------------------

# The modules lbvs needs: insmod does not resolve dependencies (nf_defrag_*
# on Debian's kernel).
lbvs_deps()
{
	local dep
	[ -e "$LBVS_KO" ] || fail "module not built: $LBVS_KO"
	for dep in $(modinfo -F depends "$LBVS_KO" | tr , ' '); do
		# Loaded already (by an earlier load): no modprobe, an exec that
		# costs ~0.5 s on the debug kernel.
		_module_loaded "$dep" && continue
		modprobe "$dep" || fail "modprobe $dep (needed by lbvs) failed"
	done
}

# _module_loaded NAME: NAME is in /proc/modules (read with builtins).
_module_loaded()
{
	local m _r
	while read -r m _r; do
		[ "$m" = "$1" ] && return 0
	done </proc/modules
	return 1
}

# lbvs_load [PARAM=VALUE...]
# shellcheck disable=SC2120 # most tests load it without parameters
lbvs_load()
{
	lbvs_deps
	insmod "$LBVS_KO" "$@" || fail "insmod $LBVS_KO $* failed"
	_LOADED=true
}

lbvs_unload() { rmmod lbvs || fail "rmmod lbvs failed"; }

# ipvs_unload: the kernel's IPVS out, every ip_vs module (those loaded on
# demand for a scheduler, or by an earlier test, included); false if
# ip_vs stays. lbvs's ipvs_api=1 cannot load beside it.
ipvs_unload()
{
	# shellcheck disable=SC2046 # a list of module names
	modprobe -r $(awk '/^ip_vs/ { print $1 }' /proc/modules) 2>/dev/null
	! grep -q '^ip_vs ' /proc/modules
}

lbvs_loaded() { grep -q '^lbvs ' /proc/modules; }

# lbvs_toa, the real servers' module (kmod/toa): toa_module checks that it
# is built and has it unloaded at exit.
TOA_KO=$(dirname "$LBVS_KO")/toa/lbvs_toa.ko
toa_loaded() { grep -q '^lbvs_toa ' /proc/modules; }
toa_module()
{
	[ -e "$TOA_KO" ] || fail "module not built: $TOA_KO"
	at_exit 'toa_loaded && rmmod lbvs_toa'
}

# raw_client NS: py/toa_client.py does its handshakes on a raw socket;
# NS's own kernel knows nothing of them and must not reset them.
raw_client()
{
	nsx "$1" nft -f - <<'NFT'
table inet toa {
	chain out {
		type filter hook output priority 0;
		tcp flags & rst != 0 drop
	}
}
NFT
}

# The debug kernel (KASAN, lockdep, kmemleak) runs every exec ~6x slower.
debug_kernel() { [ -e /sys/kernel/debug/kmemleak ]; }

# --- assertions -----------------------------------------------------------

assert_eq()
{
	[ "$1" = "$2" ] && return
	fail "$3"$'\n'"  got:  $1"$'\n'"  want: $2"
}

# assert_eq GOT WANT MSG; assert_match TEXT REGEX MSG (extended regex, any
# line of TEXT).
assert_match()
{
	grep -Eq -- "$2" <<<"$1" && return
	fail "$3"$'\n'"  text: $1"$'\n'"  does not match: $2"
}

# expect_fail REGEX CMD...: CMD must fail and say something matching REGEX
# (extended, case-insensitive) on stderr, which is left in FAIL_ERR.
expect_fail()
{
	local re=$1 rc=0
	shift
	FAIL_ERR=$("$@" 2>&1 >/dev/null) || rc=$?
	[ $rc -ne 0 ] || fail "succeeded but should have failed: $*"
	grep -Eqi -- "$re" <<<"$FAIL_ERR" ||
		fail "wrong error from: $*"$'\n'"  stderr: $FAIL_ERR"$'\n'"  want: $re"
	log "failed as expected: $* -> $FAIL_ERR"
}

# expect_lbadm_fail REGEX CMD...: like expect_fail, and the error must be
# lbadm's: one line "lbadm: ..." matching REGEX.
expect_lbadm_fail()
{
	local re=$1
	shift
	expect_fail "^lbadm: .*($re)" "$@"
	[[ $FAIL_ERR != *$'\n'* ]] || fail "more than one line of error from: $*"
}

# lbadm_list [NS]: `lbadm -L -n` (in NS); lbadm_services [NS]: the same
# without its three header lines.
# shellcheck disable=SC2120 # NS is optional
lbadm_list() { ${1:+nsx "$1"} "$LBADM" -L -n; }
# shellcheck disable=SC2120
lbadm_services() { lbadm_list "$@" | tail -n +4; }

# --- namespaces and links -------------------------------------------------

ns_add()
{
	ip netns add "$1"
	_NETNS+=("$1")
	ipn "$1" link set lo up
}

nsx()
{
	local ns=$1
	shift
	[ ${#_IPQ_NS[@]} -eq 0 ] || ipq_flush	# what is queued first
	ip netns exec "$ns" "$@"
}

# Batched ip configuration: between ipq_begin and ipq_end (nested pairs
# count as one), ipn NS ARGS... queues `ip -n NS ARGS` and the queue goes
# as one `ip -n NS -batch` per namespace, in the order queued; outside, ipn
# runs it at once. Every exec costs ~0.4 s on the debug kernel: a topology
# took dozens. nsx flushes the queue first (a sysctl of a queued device).
declare -A _IPQ=()
_IPQ_NS=() _IPQ_DEPTH=0
ipq_begin() { _IPQ_DEPTH=$((_IPQ_DEPTH + 1)); }
ipq_end()
{
	_IPQ_DEPTH=$((_IPQ_DEPTH - 1))
	[ "$_IPQ_DEPTH" -gt 0 ] || ipq_flush
}
ipn()
{
	local ns=$1
	shift
	if [ "$_IPQ_DEPTH" -eq 0 ]; then
		ip -n "$ns" "$@"
		return
	fi
	[ -n "${_IPQ[$ns]+set}" ] || _IPQ_NS+=("$ns")
	_IPQ[$ns]+="$*"$'\n'
}
ipq_flush()
{
	local ns
	for ns in "${_IPQ_NS[@]}"; do
		ip -n "$ns" -batch - <<<"${_IPQ[$ns]}" ||
			fail "ip -n $ns -batch failed on:"$'\n'"${_IPQ[$ns]}"
	done
	_IPQ=() _IPQ_NS=()
}

# lbd ARGS...: lbadm on the director, the namespace most tests run lbvs in.
# By nsenter, which only enters the netns: lbadm needs no more (netlink),
# and ip netns exec's own mount namespace and sysfs cost each call more
# on the debug kernel, where tests make it dozens of times.
lbd()
{
	[ ${#_IPQ_NS[@]} -eq 0 ] || ipq_flush
	nsenter --net=/run/netns/director "$LBADM" "$@"
}

# veth NS1 IF1 NS2 IF2: a veth pair between two namespaces, both ends up.
veth()
{
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3"
	ipn "$1" link set "$2" up
	ipn "$3" link set "$4" up
}

# wait_until SECS CMD...: run CMD every 0.2 s until it succeeds (status 0)
# or SECS have passed (status 1). A deadline, not a count of tries: every
# exec costs ~0.4 s on the debug kernel.
wait_until()
{
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.2
	done
}

# wait_grep FILE REGEX [SECS]: print FILE's first line matching REGEX as
# soon as there is one; fail (status 1) after SECS (15).
wait_grep() { wait_until "${3:-15}" grep -s -m 1 -- "$2" "$1"; }

# field NAME: the value of NAME=VALUE in $LINE (a server's report line).
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$LINE"; }

# --- servers --------------------------------------------------------------

# Port (decimal) is bound in NS, TCP listening or UDP?
_port_bound()
{
	local hex
	hex=$(printf ':%04X' "$2")
	nsx "$1" cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 |
		awk -v p="$hex" '$2 ~ p "$" && ($4 == "0A" || $4 == "07") { f = 1 } END { exit !f }'
}

# _pid_port_bound NS PORT PID: the same, read with builtins (no exec)
# from the sockets of PID's netns once PID (started by ip netns exec) is
# in NS.
_pid_port_bound()
{
	local hex f l st _r fd
	printf -v hex ':%04X' "$2"
	[ "/proc/$3/ns/net" -ef "/run/netns/$1" ] || return 1
	for f in tcp tcp6 udp udp6; do
		{ exec {fd}<"/proc/$3/net/$f"; } 2>/dev/null || return 1	# PID is gone
		while read -r -u "$fd" _r l _r st _r; do
			[[ $l == *"$hex" && ($st == 0A || $st == 07) ]] && { exec {fd}<&-; return 0; }
		done
		exec {fd}<&-
	done
	return 1
}

# wait_port NS PORT [PID]: up to 60 s (a Python server starts in ~5 s on
# the debug kernel). With PID, the server's own pid (ip netns exec's):
# polled without an exec.
wait_port()
{
	if [ -n "${3:-}" ]; then
		wait_until 60 _pid_port_bound "$1" "$2" "$3"
	else
		wait_until 60 _port_bound "$1" "$2"
	fi || fail "nothing listens on port $2 in netns $1"
}

# servers_begin; SERVERS...; servers_wait: the servers started between
# them (http_server, udp_server, echo_server, sink_server) all start at
# once and are waited for together, not one after the other.
_SRV_DEFER=false _SRV_WAIT=()
servers_begin() { _SRV_DEFER=true; }
servers_wait()
{
	local w
	_SRV_DEFER=false
	for w in "${_SRV_WAIT[@]}"; do
		# shellcheck disable=SC2086 # NS PORT PID
		wait_port $w
	done
	_SRV_WAIT=()
}

# _started NS PORT PID: the server just started in the background (PID) is
# cleaned up at exit, and waited for (now or at servers_wait).
_started()
{
	_PIDS+=("$3")
	if $_SRV_DEFER; then
		_SRV_WAIT+=("$1 $2 $3")
	else
		wait_port "$1" "$2" "$3"
	fi
}

# Python servers answer with NAME: HTTP GET -> "NAME\n", UDP datagram ->
# "NAME\n".  ADDR defaults to "::", which takes IPv4 too.  The UDP server
# answers from the address the datagram was sent to (direct routing, tunnels).
_PY_SERVER='
import http.server, socket, sys
kind, addr, port, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
body = (name + "\n").encode()
fam = socket.AF_INET if "." in addr else socket.AF_INET6
if kind == "udp":
    s = socket.socket(fam, socket.SOCK_DGRAM)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
    else:
        s.setsockopt(socket.IPPROTO_IP, socket.IP_PKTINFO, 1)
    s.bind((addr, port))
    while True:
        data, anc, flags, peer = s.recvmsg(65535, 1024)
        # Same source address, but any interface: a datagram that came in
        # on a tunnel (TUN) is not answered through it.
        if fam == socket.AF_INET:
            anc = [(l, t, bytes(4) + v[4:]) for l, t, v in anc]
        else:
            anc = [(l, t, v[:16] + bytes(4)) for l, t, v in anc]
        s.sendmsg([body], anc, 0, peer)
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
class S(http.server.ThreadingHTTPServer):
    address_family = fam
    def server_bind(self):
        if fam == socket.AF_INET6:
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()
S((addr, port), H).serve_forever()
'

_server()
{
	local kind=$1 ns=$2 port=$3 name=$4 addr=${5:-::}
	# Not nsx, a function: $! is then the server's own pid (ip netns exec
	# execs it), whose sockets wait_port reads.
	ip netns exec "$ns" python3 -c "$_PY_SERVER" "$kind" "$addr" "$port" "$name" \
		>>"$LBVS_OUT/server-$ns-$port.log" 2>&1 &
	_started "$ns" "$port" $!
}

http_server() { _server http "$@"; }
udp_server() { _server udp "$1" "$2" "$3" "${4:-::}"; }

# scale_rules N: -R input for N services of 10 servers. Service s is
# 198.18.x.y:80, its servers 198.19.x.y+d:8080 (d = 1..10, weight d), in the
# order ipvsadm -S -n prints (services and servers sorted).
scale_rules()
{
	awk -v n="$1" 'BEGIN {
		for (s = 0; s < n; s++) {
			vip = sprintf("198.18.%d.%d:80", int(s / 250), s % 250 + 1)
			printf "-A -t %s -s wrr\n", vip
			for (d = 1; d <= 10; d++)
				printf "-a -t %s -r 198.19.%d.%d:8080 -m -w %d\n", vip, s % 250, d, d
		}
	}'
}

# --- cleanup --------------------------------------------------------------

# at_exit CMD...: run CMD (as one eval'd string) when the test ends.
at_exit() { _ATEXIT+=("$*"); }

_cleanup()
{
	local rc=$? pid ns cmd
	set +e
	for cmd in "${_ATEXIT[@]}"; do
		eval "$cmd"
	done
	for pid in "${_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${_PIDS[@]}"; do
		wait "$pid" 2>/dev/null
	done
	for ns in "${_NETNS[@]}"; do
		ip netns delete "$ns" 2>/dev/null
	done
	if $_LOADED && lbvs_loaded && ! rmmod lbvs; then
		echo "FAIL: cleanup: rmmod lbvs failed" >&2
		[ $rc -ne 0 ] || rc=1
	fi
	exit $rc
}
trap _cleanup EXIT
trap 'exit 143' TERM INT

# --- the standard NAT topology --------------------------------------------
#
#  client eth0 ---- eth0 director br0 ---- rsI: eth0  (I = 1..N)
#  203.0.113.2/24   203.0.113.1/24  192.0.2.1/24   192.0.2.1I/24
#  2001:db8:1::2    2001:db8:1::1   2001:db8:2::1  2001:db8:2::1I
#                   VIPs 203.0.113.100, 2001:db8:1::100 on director eth0

VIP4=203.0.113.100 VIP6=2001:db8:1::100
CIP4=203.0.113.2 CIP6=2001:db8:1::2
DIP4=203.0.113.1 DIP6=2001:db8:1::1
GW4=192.0.2.1 GW6=2001:db8:2::1
RIP4=() RIP6=()

topo_nat()
{
	local n=$1 i
	ipq_begin
	ns_add client
	ns_add director
	veth client eth0 director eth0
	ipn client addr add $CIP4/24 dev eth0
	ipn client addr add $CIP6/64 dev eth0 nodad
	ipn client route add default via $DIP4
	ipn client route add ::/0 via $DIP6

	ipn director addr add $DIP4/24 dev eth0
	ipn director addr add $DIP6/64 dev eth0 nodad
	ipn director addr add $VIP4/32 dev eth0
	ipn director addr add $VIP6/128 dev eth0 nodad
	ipn director link add br0 type bridge forward_delay 0
	ipn director link set br0 up
	ipn director addr add $GW4/24 dev br0
	ipn director addr add $GW6/64 dev br0 nodad
	nsx director sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

	for i in $(seq "$n"); do
		RIP4[i]=192.0.2.1$i
		RIP6[i]=2001:db8:2::1$i
		ns_add "rs$i"
		veth "rs$i" eth0 director "rs$i"
		ipn director link set "rs$i" master br0
		ipn "rs$i" addr add "${RIP4[i]}/24" dev eth0
		ipn "rs$i" addr add "${RIP6[i]}/64" dev eth0 nodad
		ipn "rs$i" route add default via $GW4
		ipn "rs$i" route add ::/0 via $GW6
	done
	ipq_end
	export VIP4 VIP6 CIP4 CIP6 DIP4 DIP6 RIP4 RIP6
}
