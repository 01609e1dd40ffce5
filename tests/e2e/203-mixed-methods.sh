#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 600
#
# One service, four real servers, four forwarding methods: rs1 by direct
# routing on the director's switch, rs2 by NAT behind the director (its
# gateway), rs3 by IPIP on another subnet behind the router, rs4 by FULLNAT
# on a third subnet behind the router (the director's own address as the
# pool). rr over TCP (IPv4 and IPv6) and UDP gives each the same share.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

ipq_begin	# the four topologies' ip commands batched
topo_dr 1
nat_real_server rs2 2
tun_real_server rs3 3
routed_real_server rs4 4
ipq_end
lbvs_load
servers_begin	# the eight start at once
for i in 1 2 3 4; do
	http_server "rs$i" 80 "rs$i"
	udp_server "rs$i" 53 "rs$i"
done
servers_wait
methods=(x -g -m -i -b)
# One restore: each exec through ip netns exec takes seconds on debug.
{
	for vip in "$VIP4" "[$VIP6]"; do
		echo "-A -t $vip:80 -s rr"
		echo "-A -u $vip:53 -s rr"
	done
	for i in 1 2 3 4; do
		for p in "-t" "-u"; do
			port=80
			[ $p = -u ] && port=53
			echo "-a $p $VIP4:$port -r ${RIP4[i]} ${methods[i]}"
			echo "-a $p [$VIP6]:$port -r [${RIP6[i]}] ${methods[i]}"
		done
	done
	echo "-P -t $VIP4:80 -z $DIP4"
	echo "-P -u $VIP4:53 -z $DIP4"
	echo "-P -t [$VIP6]:80 -z $DIP6"
	echo "-P -u [$VIP6]:53 -z $DIP6"
} | lbd -R
log "$(lbadm_list director)"

for vip in "$VIP4" "[$VIP6]"; do
	t=$(tally client 12 "http://$vip/")
	log "TCP to $vip: $(echo $t)"
	assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t") $(count_of rs3 "$t") $(count_of rs4 "$t")" \
		"3 3 3 3" "rr over DR, NAT, TUN and FULLNAT servers (TCP to $vip)"
done
for vip in "$VIP4" "$VIP6"; do
	t=$(udp_tally client "$vip" 53 8)
	log "UDP to $vip: $(echo $t)"
	assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t") $(count_of rs3 "$t") $(count_of rs4 "$t")" \
		"2 2 2 2" "rr over DR, NAT, TUN and FULLNAT servers (UDP to $vip)"
done

conns=$(lbd -L -n -c)
log "$conns"
out=$(lbd -L -n --stats --exact)
log "$out"
for i in 1 2 3 4; do
	assert_eq "$(stat_conns "$out" "${RIP4[i]}:80")" 3 "rs$i connection counter"
done
