#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 600
#
# Where the director's time goes, per load balancer: pktgen drives the NAT
# packet-rate workload of tests/bench/guest.sh (1 real server; NAT, DR, TUN) while
# `perf record -e cpu-clock` samples the whole guest (TCG has no PMU).
#   tests/qemu/run.sh --kernel stock --script tests/bench/profile.sh
. "$LBVS_TOP/tests/e2e/lib.sh"
. "$LBVS_TOP/tests/bench/pktgen.sh"

sysctl -qw kernel.kptr_restrict=0 kernel.perf_event_paranoid=-1
topo_nat 1
nsx rs1 nft -f - <<-EOF2
	table netdev bench {
		chain in {
			type filter hook ingress device eth0 priority 0;
			udp dport 9000 drop
			ip protocol 4 drop
		}
	}
EOF2
ip netns exec client sleep infinity &
_PIDS+=($!)
sleep 0.5
pg_init $!

profile()
{
	local name=$1 target=$2
	pg_flows "$CIP4" "$CIP4" 1024 10000 "$target" "$target"
	pg_start 0
	sleep 2
	perf record -q -e cpu-clock -a -g -o "/tmp/perf.$name" -- sleep 6 2>/dev/null
	pg_stop
	echo "=== $name: self time by symbol"
	perf report -q -i "/tmp/perf.$name" --no-children --sort sym --stdio -g none \
		--percent-limit 0.7 2>/dev/null | sed 's/ *$//'
	echo "=== $name: inclusive time of the load balancer's functions and routing"
	perf report -q -i "/tmp/perf.$name" --children --sort sym --stdio -g none 2>/dev/null |
		grep -E '\] (in_hook|fwd_hook|lbvs_|ip_vs_|iptunnel_|__ip_select_ident|ip_route_output|fib_table_lookup|rt_dst_alloc|dst_alloc|dst_release|ip_forward|ip_local_deliver|nf_hook_slow|ip_rcv)' |
		sed 's/ *$//' | head -30
}

# each LB, NAT then DR: ADM METHOD...
profile_lb()
{
	local adm=$1 lb=$2 m
	shift 2
	for m in "$@"; do
		# A fresh module: stale entries of the previous method would
		# catch the flows.
		if [ "$lb" = lbvs ]; then
			lbvs_loaded && lbvs_unload
			lbvs_load
		else
			modprobe -r ip_vs_rr ip_vs
			modprobe ip_vs
			modprobe ip_vs_rr
		fi
		nsx director "$adm" -A -u "$VIP4:9000" -s rr
		nsx director "$adm" -a -u "$VIP4:9000" -r "${RIP4[1]}:9000" "-$m"
		profile "$lb-$m" "$VIP4"
	done
	nsx director "$adm" -C
}

profile route "${RIP4[1]}"
profile_lb "$LBADM" lbvs m g i
lbvs_unload
profile_lb ipvsadm ipvs m g i
