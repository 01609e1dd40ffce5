#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 400
#
# Debian's keepalived as lbvs's health checker: its checker process
# (keepalived --check, no VRRP) probes the real servers with MISC_CHECK
# (curl) and calls scripts/lbvs-healthcheck --down/--up from notify_down /
# notify_up, which drive lbvs through lbadm. A real server whose HTTP server
# is killed goes to weight 0 and comes back with its weight when it returns.
#
# keepalived always mirrors its virtual_server into the kernel's IPVS. So
# that this cannot take lbvs's traffic, its virtual_server is a firewall-mark
# service (mark 4242) that no packet ever carries: IPVS holds an inert entry,
# lbvs does the balancing. The test checks that IPVS holds nothing else.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"
. "$(dirname "$0")/hc.sh"

KEEPALIVED=/usr/sbin/keepalived
[ -x "$KEEPALIVED" ] || skip "no $KEEPALIVED"
modprobe ip_vs || skip "keepalived's checker needs the ip_vs module"

topo_nat 2
lbvs_load
http_server rs1 8080 rs1
http_server rs2 8080 rs2
SVC="-t $VIP4:80"
RS1=${RIP4[1]}:8080
lbd -A -t "$VIP4:80" -s rr
lbd -a -t "$VIP4:80" -r "$RS1" -m -w 2
lbd -a -t "$VIP4:80" -r "${RIP4[2]}:8080" -m -w 1

dir=$(mktemp -d /tmp/keepalived.XXXXXX)
at_exit "rm -rf $dir"
notes=$LBVS_OUT/keepalived-notify.log
# keepalived runs notify scripts with a bare environment: a wrapper gives
# lbvs-healthcheck its lbadm and state directory, and logs every call.
cat >"$dir/notify" <<NOTIFY
#!/bin/bash
echo "notify \$*" >>"$notes"
LBADM=$LBADM exec $HEALTHCHECK -s $dir/state "\$@" >>"$notes" 2>&1
NOTIFY
chmod 755 "$dir/notify"

real_server()
{
	local i=$1
	cat <<RS
    real_server ${RIP4[i]} 8080 {
        weight 1
        notify_down "$dir/notify -t $VIP4:80 --down ${RIP4[i]}:8080"
        notify_up "$dir/notify -t $VIP4:80 --up ${RIP4[i]}:8080"
        MISC_CHECK {
            misc_path "/usr/bin/curl -sf -m 2 -o /dev/null http://${RIP4[i]}:8080/"
            misc_timeout 3
        }
    }
RS
}

cat >"$dir/keepalived.conf" <<CONF
global_defs {
    router_id lbvs-e2e
    script_user root
}
virtual_server fwmark 4242 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
$(real_server 1)
$(real_server 2)
}
CONF
keepalived_check "$dir/keepalived.conf"
at_exit "modprobe -r ip_vs_rr ip_vs 2>/dev/null"
for _ in $(seq 60); do
	nsx director ipvsadm -L -n 2>/dev/null | grep -q '^FWM  4242' && break
	sleep 0.5
done
ipvs=$(nsx director ipvsadm -L -n | tail -n +4)
log "IPVS in the director: $ipvs"
assert_match "$ipvs" '^FWM  4242 rr' "keepalived's virtual_server is in IPVS"
assert_eq "$(grep -c '^[A-Z]' <<<"$ipvs")" 1 "IPVS holds only the inert fwmark-4242 service"
sleep 3
assert_eq "$(lbd -S -n | grep -c -- ' -w 0')" 0 "both servers in rotation while healthy"

stop_server rs1 8080
wait_rule director "$SVC" "$RS1" "-m -w 0" 60
t=$(tally client 6 "http://$VIP4/")
log "rs1 down: ${t//$'\n'/ }"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "0 6" "keepalived took rs1 out of rotation"

http_server rs1 8080 rs1
wait_rule director "$SVC" "$RS1" "-m -w 2" 60
t=$(tally client 6 "http://$VIP4/")
log "rs1 back: ${t//$'\n'/ }"
[ "$(count_of rs1 "$t")" -gt 0 ] || fail "rs1 gets no traffic after it came back: $t"

log "notify log:"$'\n'"$(cat "$notes")"
grep -q "^notify -t $VIP4:80 --down $RS1\$" "$notes" || fail "keepalived did not call notify_down"
grep -q "^notify -t $VIP4:80 --up $RS1\$" "$notes" || fail "keepalived did not call notify_up"
grep -q "server $RS1 down (told so): weight 2 -> 0" "$notes" || fail "lbvs-healthcheck did not act on --down"
grep -q "server $RS1 up: weight 2 restored" "$notes" || fail "lbvs-healthcheck did not act on --up"
grep -qi "misc_check\|misc check" "$LBVS_OUT/keepalived.log" ||
	log "(keepalived's log does not name MISC_CHECK; the notify calls above show it ran)"
