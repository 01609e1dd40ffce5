#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 2700
#
# `make bench`, the guest side (scripts/bench.sh boots the guest and runs
# this): lbvs against the kernel's IPVS and against plain routing through the
# same director, in one boot, on the NAT topology with eight real servers.
# Configurations run interleaved (A B C A B C ...) so that the load of the
# machine hits each alike; the host turns the raw lines printed here into
# docs/benchmarks.md:
#   RES TEST PARAM CONFIG REP VALUE     one sample
#   MEM LB KEY VALUE                    memory facts
#   NOTE TEXT                           what could not be measured, and why
#
# BENCH_REPS (default 5) repeats, BENCH_SECS (default 2) seconds per sample,
# BENCH_PARTS (default "pkt tcp mem") which parts run; "sync" (only on
# request) the sync master's cost and a backup's full-table resync.
. "$LBVS_TOP/tests/e2e/lib.sh"
. "$LBVS_TOP/tests/bench/pktgen.sh"

BIN=$LBVS_TOP/tests/bench/bin
# shellcheck source=/dev/null
[ -e "$BIN/config" ] && . "$BIN/config"	# written by scripts/bench.sh
REPS=${BENCH_REPS:-5}
PARTS=" ${BENCH_PARTS:-pkt tcp mem} "
SECS=${BENCH_SECS:-2}
NRS=8
# IPVS's connection table has a fixed number of buckets, 2^conn_tab_bits
# (Debian: 12, 4096 buckets, 244 entries a chain at 1M).  The default 20 is
# what an operator sets up for a million connections; BENCH_IPVS_TAB_BITS=12
# measures the stock setting (its 1M fill takes minutes under TCG).
IPVS_TAB_BITS=${BENCH_IPVS_TAB_BITS:-20}

note() { echo "NOTE $*"; }
res() { echo "RES $*"; }
# Time in microseconds, and helpers on it, without a process each: under
# TCG every fork and exec is slow and would stretch the runs.
now() { local t=${EPOCHREALTIME/[.,]/}; echo $((10#$t)); }
elapsed() { printf '%d.%06d' $((($2 - $1) / 1000000)) $((($2 - $1) % 1000000)); }
per_sec() { echo $(($1 * 1000000 / $2)); }

# --- load balancers ---------------------------------------------------------
#
# Only the one being measured is loaded: both register netfilter hooks that
# every packet would pay for otherwise.

CUR=none
lb_unload()
{
	case $CUR in
	lbvs) lbvs_unload ;;
	ipvs) nsx director ipvsadm -C
		modprobe -r ip_vs_rr ip_vs ;;
	esac
	CUR=none
}

lb_use()
{
	[ "$1" = "$CUR" ] && return
	lb_unload
	case $1 in
	lbvs) lbvs_load
		nsx director sysctl -qw net.lbvs.conn_max=2100000 ;;
	ipvs) modprobe ip_vs conn_tab_bits="$IPVS_TAB_BITS"
		modprobe ip_vs_rr ;;
	esac
	CUR=$1
}

# adm ARGS...: ipvsadm syntax, to whichever is loaded.
adm()
{
	case $CUR in
	lbvs) nsx director "$LBADM" "$@" ;;
	ipvs) nsx director ipvsadm "$@" ;;
	esac
}

# adm_lines: each line of stdin is one adm command line, all run in one
# `ip netns exec`; fails at the first command that fails.
adm_lines()
{
	local tool=ipvsadm
	[ "$CUR" = lbvs ] && tool=$LBADM
	# shellcheck disable=SC2016 # expanded by the inner bash
	nsx director bash -c '
		while read -r -a args; do
			"$0" "${args[@]}" 2>/dev/null || exit 1
		done' "$tool"
}

# config_use CONFIG PROTO PORT N: CONFIG is route, or LB-METHOD (lbvs-nat,
# ipvs-dr, ...); a virtual service VIP:PORT over rs1..rsN.  Sets TARGET_MIN
# and TARGET_MAX, the destinations the client sends to.  Fails if the load
# balancer refuses the method.
config_use()
{
	local cfg=$1 proto=$2 port=$3 n=$4 i flag svcflag=
	if [ "$cfg" = route ]; then
		lb_use none
		TARGET_MIN=${RIP4[1]} TARGET_MAX=${RIP4[n]}
		return
	fi
	# A fresh module each time: after -C, both keep the old entries until
	# they expire (lbvs drops their packets, IPVS still forwards them).
	lb_unload
	lb_use "${cfg%%-*}"
	# lbvs-METHOD-synproxy: the same, with the SYN proxy (issue 18).
	[[ $cfg != *-synproxy ]] || { svcflag=--synproxy; cfg=${cfg%-synproxy}; }
	case ${cfg#*-} in
	nat) flag=-m ;;
	dr) flag=-g ;;
	tun) flag=-i ;;
	fullnat) flag=-F ;;
	esac
	{
		echo -C
		echo -A "$proto" "$VIP4:$port" -s rr $svcflag
		for i in $(seq "$n"); do
			echo -a "$proto" "$VIP4:$port" -r "${RIP4[i]}:$port" $flag
		done
		# FULLNAT's source: the director's address on the servers' side.
		[ "$flag" != -F ] || echo -P "$proto" "$VIP4:$port" -z "$GW4"
	} | adm_lines || return 1
	TARGET_MIN=$VIP4 TARGET_MAX=$VIP4
}

# --- topology -----------------------------------------------------------------

# Packets sent to the real servers by pktgen are dropped at their ingress
# (after the director's tx counter saw them), so no server answers them with
# ICMP through the director.  TCP goes to a C server (port 8080) and iperf3.
# TUN's packets are IP protocol 4: nft's name "ipip" is /etc/protocols'
# 94, which let them into the servers' stacks (an ICMP "protocol
# unreachable", rate-limited, per packet: TUN runs before 2026-11-28
# carry that cost, on the same vCPUs).
setup()
{
	local i
	topo_nat $NRS
	# DR replies from the VIP come back through the director.
	nsx director sysctl -qw net.ipv4.conf.all.accept_local=1 \
		net.ipv4.conf.br0.accept_local=1 net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.br0.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
	ip -n director route add 198.18.0.0/15 via "$CIP4"
	nsx client sysctl -qw net.ipv4.ip_local_port_range="1024 65535"
	for i in $(seq $NRS); do
		nsx "rs$i" sysctl -qw net.ipv4.conf.all.arp_ignore=1 \
			net.ipv4.conf.all.arp_announce=2
		ip -n "rs$i" addr add "$VIP4/32" dev lo
		nsx "rs$i" nft -f - <<-EOF
			table netdev bench {
				chain in {
					type filter hook ingress device eth0 priority 0;
					udp dport 9000 drop
					ip protocol 4 drop
				}
			}
		EOF
	done
	ip netns exec rs1 "$BIN/connsrv" 8080 2 &
	_PIDS+=($!)
	ip netns exec rs1 iperf3 -s -p 5201 >/dev/null 2>&1 &
	_PIDS+=($!)
	wait_port rs1 8080
	wait_port rs1 5201
	# Processes that stay in the namespaces, for /proc/PID/net.
	ip netns exec director sleep infinity &
	DIRECTOR_PID=$!
	_PIDS+=($!)
	ip netns exec client sleep infinity &
	_PIDS+=($!)
	sleep 0.5
	pg_init $!
}

# Packets the director sent to the real servers: its /proc/net/dev, read
# through a process that lives in its namespace.
# tx_of GLOB: packets sent by the director's devices matching GLOB, summed.
tx_of()
{
	local line f s=0
	while read -r line; do
		# shellcheck disable=SC2053 # GLOB is a pattern
		[[ ${line%%:*} == $1 ]] || continue
		read -r -a f <<<"${line/:/ }"
		s=$((s + f[10]))
	done <"/proc/$DIRECTOR_PID/net/dev"
	echo $s
}
tx_to_servers() { tx_of 'rs[0-9]*'; }
# Packets the director sent back to the client (eth0).
tx_to_client() { tx_of eth0; }

# pps_sample [COUNTER]: packets per second of COUNTER (default: reaching
# the servers) over SECS seconds, while the load runs.
pps_sample()
{
	local counter=${1:-tx_to_servers} c0 c1 t0 t1
	c0=$($counter) t0=$(now)
	sleep "$SECS"
	c1=$($counter) t1=$(now)
	per_sec $((c1 - c0)) $((t1 - t0))
}

# --- 1. packet rate ---------------------------------------------------------

# Does CONFIG forward at all?
pkt_works()
{
	local c0
	config_use "$1" -u 9000 1 || return 1
	pg_flows "$CIP4" "$CIP4" 1024 10000 "$TARGET_MIN" "$TARGET_MAX"
	c0=$(tx_to_servers)
	pg_start 2000
	pg_wait
	[ $(($(tx_to_servers) - c0)) -ge 1000 ]
}

bench_pkt()
{
	local configs=() cfg n rep
		for cfg in route lbvs-nat lbvs-dr lbvs-tun lbvs-fullnat ipvs-nat ipvs-dr ipvs-tun; do
		if pkt_works "$cfg"; then
			configs+=("$cfg")
		else
			note "pkt $cfg: no packets forwarded (not yet)"
		fi
	done
	for rep in $(seq "$REPS"); do
		for cfg in "${configs[@]}"; do
			for n in 1 $NRS; do
				config_use "$cfg" -u 9000 "$n"
				pg_flows "$CIP4" "$CIP4" 1024 10000 "$TARGET_MIN" "$TARGET_MAX"
				pg_start
				sleep 1	# the first pass creates the 10,000 entries
				res pkt "$n" "$cfg" "$rep" "$(pps_sample)"
				pg_stop
			done
		done
	done
}

# --- 2. TCP connection rate, 3. bulk throughput --------------------------------

tcp_configs()
{
	local cfg
	TCP_CONFIGS=()
	for cfg in route lbvs-nat lbvs-dr lbvs-fullnat lbvs-nat-synproxy \
		lbvs-fullnat-synproxy ipvs-nat ipvs-dr; do
		config_use "$cfg" -t 8080 1 || { note "tcp $cfg: refused"; continue; }
		if nsx client "$BIN/connrate" "$TARGET_MIN" 8080 0.5 1 | grep -q 'conns=[1-9]'; then
			TCP_CONFIGS+=("$cfg")
		else
			note "tcp $cfg: no connection completed (not yet)"
		fi
	done
}

bench_tcp()
{
	local cfg rep out mbps
	tcp_configs
	for rep in $(seq "$REPS"); do
		for cfg in "${TCP_CONFIGS[@]}"; do
			config_use "$cfg" -t 8080 1
			out=$(nsx client "$BIN/connrate" "$TARGET_MIN" 8080 "$SECS" 4)
			res conn 1 "$cfg" "$rep" "${out##*rate=}"
			[[ $out == *errors=0* ]] || note "conn $cfg rep $rep: $out"
		done
	done
	for rep in $(seq "$REPS"); do
		for cfg in "${TCP_CONFIGS[@]}"; do
			config_use "$cfg" -t 5201 1
			mbps=$(nsx client iperf3 -c "$TARGET_MIN" -p 5201 -t "$SECS" -f m |
				awk '/receiver/ { for (i = 1; i < NF; i++) if ($(i + 1) == "Mbits/sec") print $i }')
			res bulk 1 "$cfg" "$rep" "${mbps:-0}"
		done
	done
}

# --- 2b. a SYN flood absorbed -------------------------------------------------
#
# hping3 --flood from one spoofed address (198.18.0.1, routed back to the
# client, which drops what comes: it does not forward), a new source port
# each SYN. What the director does with each SYN per second: with the SYN
# proxy, the SYN-ACKs it answers with (to the client's side); without, the
# SYNs it forwards to the real server (each also costs an entry).
bench_syn()
{
	local cfg rep counter
	command -v hping3 >/dev/null || { note "syn: hping3 is not installed"; return; }
	for rep in $(seq "$REPS"); do
		for cfg in lbvs-nat-synproxy lbvs-nat ipvs-nat; do
			config_use "$cfg" -t 8080 1 || { note "syn $cfg: refused"; continue; }
			counter=tx_to_servers
			[[ $cfg != *-synproxy ]] || counter=tx_to_client
			nsx client timeout "$((SECS + 2))" hping3 --flood -q -S -p 8080 \
				-a 198.18.0.1 "$VIP4" >/dev/null 2>&1 &
			sleep 1
			res syn 1 "$cfg" "$rep" "$(pps_sample $counter)"
			wait $! || true
		done
	done
}

# --- 4. memory per connection, lookup rate at 1k and 1M entries ----------------

# Slab + vmalloc + percpu, kB: where connection entries and hash tables live.
kmem_kb()
{
	awk '/^(Slab|VmallocUsed|Percpu):/ { s += $2 } END { print s }' /proc/meminfo
}

# Live entries: lbvs counts them; for IPVS with nothing expired (UDP timeout
# 600 s) the service's scheduled connections are the entries.
entries()
{
	if [ "$CUR" = lbvs ]; then
		nsx director cat /proc/sys/net/lbvs/conn_count
	else
		adm -L -n --stats --exact | awk '$1 == "UDP" { print $3 }'
	fi
}

slab_facts()
{
	local lb=$1 cache=$2 d=/sys/kernel/slab/$2
	[ -e "$d" ] || { note "mem $lb: no slab cache $cache"; return; }
	echo "MEM $lb cache $cache"
	echo "MEM $lb object_size $(cat "$d/object_size")"
	echo "MEM $lb slab_size $(cat "$d/slab_size")"
	echo "MEM $lb merged_into $(basename "$(readlink -f "$d")")"
}

bench_mem()
{
	local lb=$1 base n rep flows=1000001
	config_use "$lb-nat" -u 9000 1
	adm --set 0 0 600
	base=$(kmem_kb)
	for n in 1000 1000000; do
		if [ "$n" = 1000 ]; then
			pg_flows "$CIP4" "$CIP4" 1024 1000 "$VIP4" "$VIP4"
		else
			# 101 sources x 9901 ports (coprime): 1,000,001 flows.
			pg_flows 198.18.0.1 198.18.0.101 1024 9901 "$VIP4" "$VIP4"
			t0=$(now)
			pg_start $flows
			pg_wait
			echo "MEM $lb fill_seconds $(elapsed "$t0" "$(now)")"
		fi
		pg_start
		sleep 1
		for rep in $(seq "$REPS"); do
			res lookup "$n" "$lb" "$rep" "$(pps_sample)"
		done
		pg_stop
		echo "MEM $lb entries_$n $(entries)"
	done
	echo "MEM $lb kmem_delta_kb $(($(kmem_kb) - base))"
	if [ "$lb" = lbvs ]; then
		echo "MEM $lb buckets $(adm -L -n | sed -n '1s/.*size=\([0-9]*\).*/\1/p')"
		slab_facts lbvs lbvs_conn4
	else
		echo "MEM $lb buckets $((1 << $(cat /sys/module/ip_vs/parameters/conn_tab_bits)))"
		slab_facts ipvs ip_vs_conn
	fi
	t0=$(now)
	lb_use none
	echo "MEM $lb unload_seconds $(elapsed "$t0" "$(now)")"
}

# --- 5. connection sync: its cost to the packet path, a backup's resync ---------

# A second director, peer, on a sync link (director sync0 -- peer eth0);
# peer_config: the director's service (port 9000 over rs1), once lbvs is
# loaded. Made afresh each time: deleting it takes the link, and a module
# reload its configuration.
peer_up()
{
	ns_add peer
	veth director sync0 peer eth0
}

peer_config()
{
	nsx peer sysctl -qw net.lbvs.conn_max=2100000
	printf '%s\n' "-A -u $VIP4:9000 -s rr" "-a -u $VIP4:9000 -r ${RIP4[1]}:9000 -m" |
		nsx peer "$LBADM" -R
}

peer_down()
{
	ip netns delete peer
	_NETNS=("${_NETNS[@]/peer/}")
}

# sync_config CONFIG PROTO PORT N: config_use's lbvs-nat, with a sync
# master running (CONFIG lbvs-nat-sync) or none (lbvs-nat).
sync_config()
{
	config_use lbvs-nat "$2" "$3" "$4"
	[ "$1" = lbvs-nat ] || lbd --start-daemon master --mcast-interface sync0
}

# LINE: the peer backup's counters (-L --daemon --stats).
resync_done()
{
	LINE=$(nsx peer "$LBADM" -L --daemon --stats | sed -n '/^backup/{n;p}')
	[ "$(field resync)" = 'done' ]
}

# A backup that starts next to a master holding ~100,000 UDP entries:
# milliseconds from its first request to the master's end marker, which it
# reads after every entry before it (the same socket, in order).
bench_resync()
{
	local rep
	config_use lbvs-nat -u 9000 1
	adm --set 0 0 600
	# 11 sources x 9,091 ports (coprime): 100,001 flows, each sent once.
	pg_flows 198.18.0.1 198.18.0.11 1024 9091 "$VIP4" "$VIP4"
	pg_start 100001
	pg_wait
	echo "INFO resync_master_entries $(entries)"
	for rep in $(seq "$REPS"); do
		peer_up
		peer_config
		lbd --start-daemon master --mcast-interface sync0
		nsx peer "$LBADM" --start-daemon backup --mcast-interface eth0
		if wait_until 300 resync_done; then
			res resync 100000 lbvs "$rep" "$(field resync_ms)"
			res resync_entries 100000 lbvs "$rep" "$(nsx peer cat /proc/sys/net/lbvs/conn_count)"
		else
			note "resync rep $rep: not done after 300 s: $LINE"
		fi
		lbd --stop-daemon master
		peer_down
	done
}

bench_sync()
{
	local cfg rep out
	peer_up
	for rep in $(seq "$REPS"); do
		for cfg in lbvs-nat lbvs-nat-sync; do
			sync_config "$cfg" -u 9000 $NRS
			pg_flows "$CIP4" "$CIP4" 1024 10000 "$TARGET_MIN" "$TARGET_MAX"
			pg_start
			sleep 1	# the first pass creates (and syncs) the 10,000 entries
			res syncpkt $NRS "$cfg" "$rep" "$(pps_sample)"
			pg_stop
		done
	done
	for rep in $(seq "$REPS"); do
		for cfg in lbvs-nat lbvs-nat-sync; do
			sync_config "$cfg" -t 8080 1
			out=$(nsx client "$BIN/connrate" "$TARGET_MIN" 8080 "$SECS" 4)
			res syncconn 1 "$cfg" "$rep" "${out##*rate=}"
			[[ $out == *errors=0* ]] || note "syncconn $cfg rep $rep: $out"
			[ "$cfg" = lbvs-nat ] ||
				echo "INFO syncconn_master_rep$rep $(lbd -L --daemon --stats | sed -n 2p | xargs)"
		done
	done
	peer_down
	bench_resync
}

# ------------------------------------------------------------------------------

[ -x "$BIN/connrate" ] || fail "run scripts/bench.sh: $BIN/connrate is not built"
t_start=$(now)
echo "INFO kernel $(uname -r)"
echo "INFO guest_cpus $(nproc)"
setup
echo "INFO setup_seconds $(elapsed "$t_start" "$(now)")"
if [[ $PARTS == *" pkt "* ]]; then
	bench_pkt
	echo "INFO pkt_done $(elapsed "$t_start" "$(now)")"
fi
if [[ $PARTS == *" tcp "* ]]; then
	bench_tcp
	bench_syn
	echo "INFO tcp_done $(elapsed "$t_start" "$(now)")"
fi
if [[ $PARTS == *" sync "* ]]; then
	bench_sync
	echo "INFO sync_done $(elapsed "$t_start" "$(now)")"
fi
if [[ $PARTS == *" mem "* ]]; then
	bench_mem lbvs
	bench_mem ipvs
fi
echo "INFO total_seconds $(elapsed "$t_start" "$(now)")"
