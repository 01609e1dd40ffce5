#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: fou and GRE devices come from Debian's modules)
# timeout: 900
#
# TUN's other encapsulations, as IPVS's --tun-type: GUE (UDP to the
# server's --tun-port, a GUE header, then the client's packet) and GRE,
# without and with their checksums (GUE: the UDP checksum, or remote
# checksum offload; GRE: the GRE checksum). The real servers decapsulate
# with the kernel's own devices: a fou port ("ip fou add ... gue") feeding
# tunl0 / ip6tnl0, or gre0 / ip6gre0. For each, over IPv4 and IPv6: rr
# gives exact counts over TCP and UDP, 1 MB uploads arrive whole (GSO and
# CHECKSUM_PARTIAL packets from the client, path MTU for the larger
# overhead), and a capture at rs1 shows the outer header the option says
# with a correct checksum (the director's link completes checksums in
# software, so they are on the wire as a real card would put them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

GUE_PORT=6080

topo_tun 2
lbvs_load
# Checksums completed in software as the director sends (veths otherwise
# pass them on unfinished): rs1's capture and its stack see the real ones.
nsx director ethtool -K eth0 tx off >/dev/null || fail "ethtool -K eth0 tx off"
modprobe fou || skip "no fou module"
modprobe ip_gre || skip "no ip_gre module"
modprobe ip6_gre || skip "no ip6_gre module"
for i in 1 2; do
	nsx "rs$i" ip fou add port $GUE_PORT gue
	nsx "rs$i" ip -6 fou add port $GUE_PORT gue
	ip -n "rs$i" link set gre0 up
	ip -n "rs$i" link set ip6gre0 up
	nsx "rs$i" sysctl -qw net.ipv4.conf.gre0.rp_filter=0
done
tun_services 2

# servers OPTIONS...: every server of every service tunnelled so (-e).
servers()
{
	local i svc
	for i in 1 2; do
		for svc in "-t $VIP4:80" "-u $VIP4:53" "-t $VIP4:9000"; do
			lbd -a $svc -r "${RIP4[i]}" -i "$@" 2>/dev/null ||
				lbd -e $svc -r "${RIP4[i]}" -i "$@"
		done
		for svc in "-t [$VIP6]:80" "-u [$VIP6]:53" "-t [$VIP6]:9000"; do
			lbd -a $svc -r "[${RIP6[i]}]" -i "$@" 2>/dev/null ||
				lbd -e $svc -r "[${RIP6[i]}]" -i "$@"
		done
	done
}

# round NAME FILTER SUMMARY OPTIONS...: tunnel with OPTIONS, send, check
# that rs1 received only what FILTER (tcpdump) matches, and that the verbose
# capture of its outer headers shows SUMMARY (a regular expression).
round()
{
	local name=$1 filter=$2 summary=$3 t vip n
	shift 3
	servers "$@"
	# What reaches rs1's own addresses (its replies leave from the VIPs).
	capture rs1 "(dst host ${RIP4[1]} or dst host ${RIP6[1]}) and not icmp and not icmp6"
	for vip in "$VIP4" "[$VIP6]"; do
		t=$(tally client 4 "http://$vip/")
		assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "2 2" "$name: rr over TCP to $vip"
	done
	for vip in "$VIP4" "$VIP6"; do
		t=$(udp_tally client "$vip" 53 4)
		assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "2 2" "$name: rr over UDP to $vip"
	done
	uploads_whole client 9000 "$VIP4" "$VIP6"
	capture_stop
	# A file per round: the next capture must not write over this one.
	PCAP=$LBVS_OUT/rs1-${name// /-}.pcap
	mv "$LBVS_OUT/rs1.pcap" "$PCAP"
	n=$(tcpdump -r "$PCAP" -n "not ($filter)" 2>/dev/null | grep -c . || true)
	[ "$n" -eq 0 ] || fail "$name: rs1 received $n packets not matching $filter:"$'\n'"$(
		tcpdump -r "$PCAP" -n "not ($filter)" 2>/dev/null | head -5)"
	n=$(tcpdump -r "$PCAP" -n -vv "$filter" 2>/dev/null | grep -cE "$summary" || true)
	[ "$n" -gt 0 ] || fail "$name: no outer header at rs1 matches /$summary/:"$'\n'"$(
		tcpdump -r "$PCAP" -n -vv 2>/dev/null | head -6)"
	log "$name: every packet at rs1 matches '$filter'; $n show /$summary/"
}

GUE="udp dst port $GUE_PORT"
round "GUE" "$GUE" "no cksum" --tun-type gue --tun-port $GUE_PORT
round "GUE with checksum" "$GUE" "udp sum ok" \
	--tun-type gue --tun-port $GUE_PORT --tun-csum
round "GUE with remote checksum offload" "$GUE" "udp sum ok" \
	--tun-type gue --tun-port $GUE_PORT --tun-remcsum
round "GRE" "proto gre" "GREv0, Flags \[none\]" --tun-type gre
# GRE tunnels take checksummed packets only if configured to (icsum): the
# fallback gre0 counts them as errors. These match before it.
for i in 1 2; do
	ip -n "rs$i" link add grec type gre local "${RIP4[i]}" icsum
	ip -n "rs$i" link add grec6 type ip6gre local "${RIP6[i]}" icsum
	ip -n "rs$i" link set grec up
	ip -n "rs$i" link set grec6 up
	nsx "rs$i" sysctl -qw net.ipv4.conf.grec.rp_filter=0
done
round "GRE with checksum" "proto gre" "GREv0, Flags \[checksum present\]" \
	--tun-type gre --tun-csum
# tcpdump reads the inner packets of GRE: every checksum in them is right.
bad=$(tcpdump -r "$PCAP" -n -vv 2>/dev/null | grep -c "incorrect\|bad .*cksum" || true)
assert_eq "$bad" 0 "GRE: no bad checksum inside"

# Listed as ipvsadm lists them; saved so that ipvsadm -R restores them.
out=$(lbd -L -n --tun-info -t "$VIP4:80")
assert_match "$out" "-> ${RIP4[1]}:80 +Tunnel +gre:\\+c +1 " "--tun-info shows GRE with checksum"
out=$(lbd -S -n)
assert_match "$out" "-a -t $VIP4:80 -r ${RIP4[1]}:80 -i -w 1 --tun-type gre --tun-csum" "-S saves the tunnel"

# Back to IPIP: an edit without --tun-type resets it, as ipvsadm's.
servers
assert_match "$(lbd -L -n --tun-info -t "$VIP4:80")" "-> ${RIP4[1]}:80 +Tunnel +ipip " "-e -i resets to IPIP"
t=$(tally client 4 "http://$VIP4/")
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "2 2" "IPIP again"

