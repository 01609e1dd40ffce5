#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# An unchanged keepalived.conf drives lbvs (issue 16, ipvs_api=1): Debian's
# keepalived (its checker process, keepalived --check) programs the
# virtual_server and its real_server blocks into lbvs through IPVS's
# netlink family, with ip_vs never loaded. Its HTTP_GET and TCP_CHECK
# checkers take a real server whose HTTP server stops out of lbvs, and no
# new request goes to it; it comes back when its server does. (VRRP and
# lvs_sync_daemon: the failover test, with connection sync.)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"
. "$(dirname "$0")/hc.sh"

KEEPALIVED=/usr/sbin/keepalived
[ -x "$KEEPALIVED" ] || skip "no $KEEPALIVED"

topo_nat 2
lbvs_load ipvs_api=1
http_server rs1 8080 rs1
http_server rs2 8080 rs2
SVC="-t $VIP4:80"

dir=$(mktemp -d /tmp/keepalived.XXXXXX)
at_exit "rm -rf $dir"
cat >"$dir/keepalived.conf" <<CONF
global_defs {
    router_id lbvs-e2e
}
virtual_server $VIP4 80 {
    delay_loop 1
    lb_algo wrr
    lb_kind NAT
    protocol TCP
    real_server ${RIP4[1]} 8080 {
        weight 2
        HTTP_GET {
            url {
                path /
                status_code 200
            }
            connect_timeout 2
            retry 1
            delay_before_retry 1
        }
    }
    real_server ${RIP4[2]} 8080 {
        weight 1
        TCP_CHECK {
            connect_timeout 2
            retry 1
            delay_before_retry 1
        }
    }
}
CONF
keepalived_check "$dir/keepalived.conf"

wait_rule director "$SVC" "${RIP4[1]}:8080" "-m -w 2" 60
wait_rule director "$SVC" "${RIP4[2]}:8080" "-m -w 1" 60
log "lbvs, as keepalived made it:"$'\n'"$(lbd -L -n)"
assert_match "$(lbd -L -n)" "^TCP +$VIP4:80 wrr\$" "keepalived's virtual_server in lbvs"
t=$(tally client 6 "http://$VIP4/")
log "both up: ${t//$'\n'/ }"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "4 2" "wrr 2:1 over keepalived's servers"

stop_server rs1 8080
wait_rule director "$SVC" "${RIP4[1]}:8080" absent 30
t=$(tally client 6 "http://$VIP4/")
log "rs1 down: ${t//$'\n'/ }"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "0 6" "HTTP_GET took rs1 out of lbvs"

http_server rs1 8080 rs1
wait_rule director "$SVC" "${RIP4[1]}:8080" "-m -w 2" 30
stop_server rs2 8080
wait_rule director "$SVC" "${RIP4[2]}:8080" absent 30
t=$(tally client 6 "http://$VIP4/")
log "rs1 back, rs2 down: ${t//$'\n'/ }"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "6 0" "TCP_CHECK took rs2 out of lbvs"

grep -q '^ip_vs' /proc/modules && fail "ip_vs was loaded: $(grep '^ip_vs' /proc/modules)"
kill "$BG_PID"
wait "$BG_PID" 2>/dev/null
log "keepalived's log:"$'\n'"$(tail -n 20 "$LBVS_OUT/keepalived.log")"
