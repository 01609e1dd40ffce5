#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# FULLNAT failover between two lbvs directors (issue 16): the same FULLNAT
# service and local address pool on dira and dirb; dira's master sync
# daemon sends its flows with their local address and port (an option of
# IPVS's version-1 format that IPVS skips), dirb's backup files them under
# the same laddr:lport (dirb's pool was configured before the address was
# its own, under ip_nonlocal_bind). Debian's keepalived runs VRRP on both
# (keepalived has no FULLNAT: lbadm configures the service) and moves the
# VIP and the pool address together. dira dies (links down, keepalived
# stopped), dirb takes both, and every flow goes on: the real servers'
# replies to the pool address now reach dirb, which knows where they
# belong. dirb's own new flows never take a local port a synced flow holds.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"
. "$(dirname "$0")/hc.sh"

N=20 LIP=192.0.2.100 SVC="$VIP4:9000"
lbvs_load
topo_pair 2
for i in 1 2; do echo_server "rs$i" 9000 "rs$i"; done

[ -x /usr/sbin/keepalived ] || skip "no /usr/sbin/keepalived"
# A director holds no pool address until VRRP gives it one: as for any
# software bound to addresses VRRP moves, ip_nonlocal_bind says it may.
for d in dira dirb; do nsx $d sysctl -qw net.ipv4.ip_nonlocal_bind=1; done
for d in dira dirb; do
	nsx $d "$LBADM" -A -t $SVC -s rr
	for i in 1 2; do nsx $d "$LBADM" -a -t $SVC -r "${RIP4[i]}:9000" -b; done
	nsx $d "$LBADM" -P -t $SVC -z $LIP
done
nsx dira "$LBADM" --start-daemon master --mcast-interface eth1 --syncid 3
nsx dirb "$LBADM" --start-daemon backup --mcast-interface eth1 --syncid 3

# vrrp NAME STATE PRIORITY: VRRP only (keepalived --vrrp), VIP and pool.
vrrp()
{
	cat <<CONF
global_defs {
    router_id $1
}

vrrp_instance VI_1 {
    state $2
    interface eth0
    virtual_router_id 52
    priority $3
    advert_int 1
    virtual_ipaddress {
        $VIP4/32 dev eth0
        $LIP/32 dev eth1
    }
}
CONF
}
keepalived_on dira vrrp MASTER 150 --vrrp
keepalived_on dirb vrrp BACKUP 100 --vrrp
# _holds NS: NS holds the VIP and the pool address.
_holds()
{
	has_vip "$1" && [[ $(ip -n "$1" -br addr show dev eth1) == *" $LIP/32"* ]]
}
wait_until 30 _holds dira || fail "dira did not take the VIP and the pool address"
! _holds dirb || fail "both directors hold the addresses"

# flows NS: "client local server state" of each TCP flow in NS's table.
flows()
{
	nsx "$1" "$LBADM" -L -n -c --json | python3 -c '
import json, sys
ep = lambda e: "%s:%d" % (e["address"], e["port"]) if e else "-"
for c in json.load(sys.stdin)["connections"]:
    print(ep(c["client"]), ep(c["local"]), ep(c["server"]), c["state"])' | sort
}
_has_flows() { [ "$(flows "$1" | grep -c ESTABLISHED)" -ge "$2" ]; }

for i in $(seq $N); do hold_open "f$i" client $VIP4 9000; done
for i in $(seq $N); do
	[ "$(hold_name "f$i")" != - ] || fail "f$i: no greeting through dira"
	hold_echo "f$i" hello || fail "f$i: no echo through dira"
done
wait_until 20 _has_flows dirb $N ||
	fail "dirb took $(flows dirb | grep -c ESTABLISHED) of $N FULLNAT flows"
a=$(flows dira) b=$(flows dirb)
log "dira: $(head -2 <<<"$a" | xargs)"
assert_eq "$b" "$a" "dirb's synced flows: dira's clients, local ends and servers"
assert_eq "$(awk '$2 == "-"' <<<"$b")" "" "every synced flow has a local end"
log "dirb: $(nsx dirb "$LBADM" -L --daemon --stats | tail -n +2 | xargs)"

t0=$SECONDS
director_dies dira
wait_until 20 _holds dirb || fail "dirb did not take the VIP and the pool address"
log "dirb holds both $((SECONDS - t0)) s after dira's links went down"
for i in $(seq $N); do
	hold_echo "f$i" after || fail "f$i broke when dirb took over"
done
log "all $N FULLNAT flows went on through dirb"

# dirb's own flows take other local ports than the synced ones.
for i in $(seq $N); do hold_open "g$i" client $VIP4 9000; done
for i in $(seq $N); do
	hold_echo "g$i" new || fail "g$i: no echo through dirb"
done
locals=$(flows dirb | awk '$4 == "ESTABLISHED" { print $2 }')
assert_eq "$(wc -l <<<"$locals")" $((2 * N)) "$((2 * N)) flows on dirb"
assert_eq "$(sort <<<"$locals" | uniq -d)" "" "no local endpoint used twice on dirb"
refused=$(nsx dirb "$LBADM" -L --daemon --stats --json |
	python3 -c 'import json, sys; print(sum(d.get("rx_refused", 0) for d in json.load(sys.stdin)["daemons"]))')
assert_eq "$refused" 0 "no synced entry refused"
nsx dira "$LBADM" --stop-daemon master
nsx dirb "$LBADM" --stop-daemon backup
