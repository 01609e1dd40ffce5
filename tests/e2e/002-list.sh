#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 300
#
# Add, list, delete services and real servers; the listing must be what was
# added, in ipvsadm's layout.  The same commands are given to ipvsadm (IPVS)
# in another namespace and both listings compared, banner line aside.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

lbvs_load
modprobe ip_vs || skip "no ip_vs module to compare with"
at_exit 'modprobe -r ip_vs_wrr ip_vs_rr ip_vs 2>/dev/null'
ns_add lb
ns_add ref

# both ARGS...: the same command to lbadm (netns lb) and ipvsadm (netns ref).
both()
{
	nsx lb "$LBADM" "$@" || fail "lbadm $* failed"
	nsx ref ipvsadm "$@" || fail "ipvsadm $* failed"
}

same_as_ipvsadm()
{
	assert_eq "$(lbadm_list lb | tail -n +2)" "$(nsx ref ipvsadm -L -n | tail -n +2)" \
		"lbadm -L -n differs from ipvsadm -L -n ($1)"
}

HEAD1='Prot LocalAddress:Port Scheduler Flags'
HEAD2='  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'

empty=$(lbadm_list lb)
assert_eq "$(sed -n 2,3p <<<"$empty")" "$HEAD1"$'\n'"$HEAD2" "header lines"
assert_eq "$(wc -l <<<"$empty")" 3 "an empty table lists only the banner and headers"

both -A -t "$VIP4:80" -s wrr
both -a -t "$VIP4:80" -r 192.0.2.11:8080 -m -w 3
both -a -t "$VIP4:80" -r 192.0.2.12:8080 -m -w 1
want="TCP  $VIP4:80 wrr
$(printf '  -> %-28s %-7s %-6s %-10s %-10s\n' 192.0.2.11:8080 Masq 3 0 0 192.0.2.12:8080 Masq 1 0 0)"
assert_eq "$(lbadm_services lb)" "$want" "listing after adding a service and two real servers"
same_as_ipvsadm "one TCP service"

both -d -t "$VIP4:80" -r 192.0.2.11:8080
assert_eq "$(lbadm_services lb)" "TCP  $VIP4:80 wrr
$(printf '  -> %-28s %-7s %-6s %-10s %-10s' 192.0.2.12:8080 Masq 1 0 0)" "after -d"
both -D -t "$VIP4:80"
assert_eq "$(lbadm_list lb)" "$empty" "after -D the table is empty"

both -A -u "$VIP4:53" -s rr
both -a -u "$VIP4:53" -r 192.0.2.11:53 -m
both -A -t "[$VIP6]:80" -s rr
both -a -t "[$VIP6]:80" -r "[2001:db8:2::11]:80" -m -w 2
assert_match "$(lbadm_services lb)" "^UDP  $VIP4:53 rr" "UDP service listed"
assert_match "$(lbadm_services lb)" "^TCP  \[$VIP6\]:80 rr" "IPv6 service listed"
same_as_ipvsadm "UDP and IPv6 services"

both -C
assert_eq "$(lbadm_list lb)" "$empty" "after -C the table is empty"
