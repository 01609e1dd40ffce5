#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 400
#
# The IPVS personality (issue 16), ipvs_api=1: Debian's unchanged ipvsadm
# drives lbvs through IPVS's Generic Netlink family.
#  * With ip_vs loaded, ipvs_api=1 refuses to load and says why.
#  * Refusals: ipvsadm's message and exit code for each error are those it
#    gives against IPVS (recorded in the same boot, ip_vs in a namespace).
#  * One configuration, two tools: what ipvsadm adds lbadm lists, and the
#    other way round; a FULLNAT server (LBVS only) shows as masquerading.
#  * Traffic through a NAT service made by ipvsadm alone reaches both
#    servers, and ipvsadm's listing counts it (connections, --stats).
#  * ipvsadm starts, lists and stops lbvs's sync daemons, master and
#    backup at once, as IPVS's; the module unloads with both running.
#  * Malformed requests to the family are refused and change nothing.
# tests/e2e/300 compares every listing with IPVS's, command by command.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

IPVSADM=/usr/sbin/ipvsadm
[ -x "$IPVSADM" ] || skip "no $IPVSADM"
modprobe ip_vs || skip "no ip_vs module to compare with"
modprobe ip_vs_rr || skip "no ip_vs_rr module to compare with"

ipv() { nsx director "$IPVSADM" "$@"; }

# The refusals, each "ARGS" run after the set-up below; "exit status: output".
REFUSALS=(
	"-A -t $VIP4:80 -s rr"
	"-D -t $VIP4:81"
	"-E -t $VIP4:81 -s rr"
	"-a -t $VIP4:81 -r 192.0.2.11:80 -m"
	"-a -t $VIP4:80 -r 192.0.2.11:80 -m"
	"-e -t $VIP4:80 -r 192.0.2.99:80 -m"
	"-d -t $VIP4:80 -r 192.0.2.99:80"
	"-A -t $VIP4:82 -s nosuch"
	"-a -t $VIP4:80 -r 192.0.2.12:80 -m -x 5 -y 10"
	"-Z -t $VIP4:81"
	"-L -n -t $VIP4:81"
)

# _refusals ARGS...: run in the director by refusals, one shell for all
# (an `ip netns exec` for each costs seconds on the debug kernel).
_refusals()
{
	local args
	"$IPVSADM" -A -t "$VIP4:80" -s rr || fail "ipvsadm -A failed"
	"$IPVSADM" -a -t "$VIP4:80" -r 192.0.2.11:80 -m || fail "ipvsadm -a failed"
	for args in "$@"; do
		# shellcheck disable=SC2086 # each is a list of words
		echo "$args => $("$IPVSADM" $args 2>&1; echo "exit $?")"
	done
	"$IPVSADM" -C
}
refusals()
{
	export IPVSADM VIP4
	export -f _refusals fail
	# shellcheck disable=SC2016 # the inner shell's "$@"
	nsx director bash -c '_refusals "$@"' _ "${REFUSALS[@]}"
}

# The debug kernel checks the configuration paths only: no traffic, and
# no real servers to carry it.
if debug_kernel; then
	ns_add director
	# The sync daemons' interface.
	ip -n director link add eth0 type dummy
	ip -n director link set eth0 up
	ip -n director addr add 198.18.201.1/24 dev eth0
	RIP4=([1]=192.0.2.11 [2]=192.0.2.12)
else
	topo_nat 2
	servers_begin
	http_server rs1 8080 rs1
	http_server rs2 8080 rs2
	servers_wait
fi

log "against IPVS"
ipvs_out=$(refusals)
grep -q 'exit 0' <<<"$ipvs_out" && fail "a refusal passed against IPVS:
$ipvs_out"

log "ipvs_api=1 while ip_vs is loaded"
dmesg -C
lbvs_deps
expect_fail 'File exists|could not insert' insmod "$LBVS_KO" ipvs_api=1
dmesg | grep -q 'cannot register the Generic Netlink family IPVS.*is ip_vs loaded' ||
	fail "no kernel message names the taken family: $(dmesg | tail -3)"
lbvs_loaded && fail "lbvs stayed loaded"

ipvs_unload || fail "cannot unload ip_vs: $(grep '^ip_vs' /proc/modules)"
lbvs_load ipvs_api=1

log "the same refusals against lbvs"
lbvs_out=$(refusals)
assert_eq "$lbvs_out" "$ipvs_out" "ipvsadm's refusals against lbvs"

# IPVS has persistence engines (sip), lbvs none.
expect_fail 'persistence engine not found' ipv -A -t "$VIP4:83" -s rr -p --pe sip

log "one configuration, two tools"
ipv -A -t "$VIP4:80" -s rr || fail "ipvsadm -A"
ipv -a -t "$VIP4:80" -r "${RIP4[1]}:8080" -m || fail "ipvsadm -a rs1"
ipv -a -t "$VIP4:80" -r "${RIP4[2]}:8080" -m -w 2 || fail "ipvsadm -a rs2"
lbd -A -u "$VIP4:53" -s wlc || fail "lbadm -A"
lbd -a -u "$VIP4:53" -r "${RIP4[1]}:53" -m || fail "lbadm -a"
lbd -A -t "$VIP4:90" -s rr || fail "lbadm -A FULLNAT"
lbd -a -t "$VIP4:90" -r "${RIP4[2]}:8080" -F || fail "lbadm -a -F"
# The same but for the FULLNAT server, which ipvsadm shows as Masq.
lbd -L -n | grep -q "^  -> ${RIP4[2]}:8080 *FullNat *1 " || fail "no FULLNAT server: $(lbd -L -n)"
assert_eq "$(ipv -L -n | tail -n +2)" "$(lbd -L -n | tail -n +2 | sed 's/FullNat/Masq   /')" \
	"ipvsadm's and lbadm's listings"

traffic()
{
	local who
	declare -A seen=()
	for _ in 1 2 3 4 5 6; do
		who=$(nsx client curl -sS -m 5 "http://$VIP4/") || fail "curl through lbvs failed"
		seen[$who]=1
	done
	assert_eq "$(printf '%s\n' "${!seen[@]}" | sort | xargs)" "rs1 rs2" "servers that answered"
	conns=$(ipv -L -n --stats -t "$VIP4:80" | awk '$1 == "TCP" { print $3 }')
	assert_eq "$conns" 6 "connections counted in ipvsadm -L --stats"
	inact=$(ipv -L -n -t "$VIP4:80" | awk '/->/ && /8080/ { n += $5 + $6 } END { print n }')
	assert_eq "$inact" 6 "ActiveConn + InActConn in ipvsadm -L"
}
debug_kernel || { log "traffic through ipvsadm's service"; traffic; }

log "sync daemons through ipvsadm"
ipv --start-daemon master --mcast-interface eth0 || fail "ipvsadm --start-daemon master"
ipv --start-daemon backup --mcast-interface eth0 --syncid 9 --mcast-group 239.1.2.3 \
	--mcast-port 9000 --mcast-ttl 3 --sync-maxlen 1200 || fail "ipvsadm --start-daemon backup"
expect_fail 'Daemon has already run' ipv --start-daemon master --mcast-interface eth0
expect_fail '.' ipv --start-daemon backup --mcast-interface nosuch0
assert_eq "$(ipv -L --daemon)" "master sync daemon (mcast=eth0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
backup sync daemon (mcast=eth0, syncid=9, maxlen=1200, group=239.1.2.3, port=9000, ttl=3)" \
	"ipvsadm -L --daemon"
ipv --stop-daemon master || fail "ipvsadm --stop-daemon master"
expect_fail '.' ipv --stop-daemon master
assert_eq "$(ipv -L --daemon | cut -c1-6)" "backup" "the backup alone after the master stopped"
ipv --start-daemon master --mcast-interface eth0 || fail "ipvsadm --start-daemon master again"
# Both run on when the test ends: rmmod stops them (the debug kernel
# checks that nothing leaks or is used after its free).

# The /proc files (303 compares them with IPVS's): read whole, on every kernel.
nsx director grep -q "^TCP  CB007164:005A rr" /proc/net/ip_vs ||
	fail "/proc/net/ip_vs lacks the service: $(nsx director cat /proc/net/ip_vs)"
nsx director cat /proc/net/ip_vs_stats /proc/net/ip_vs_conn >/dev/null || fail "/proc/net/ip_vs_*"

log "hostile IPVS messages, in a namespace of their own"
ns_add fuzz
before=$(ipv -L -n)
seeds="1 2" count=1000
debug_kernel && seeds=1 count=400
for seed in $seeds; do
	out=$(nsx fuzz python3 "$LBVS_TOP/tests/e2e/py/nlfuzz.py" "$seed" $count IPVS) ||
		fail "seed $seed: a message went unanswered: $out"
	log "seed $seed: $out"
done
assert_eq "$(ipv -L -n)" "$before" "the director's configuration after the fuzz"
nsx fuzz "$IPVSADM" -C || fail "ipvsadm -C after the fuzz"
nsx fuzz "$IPVSADM" -A -t "$VIP4:80" -s wrr || fail "ipvsadm -A after the fuzz"
nsx fuzz "$IPVSADM" -a -t "$VIP4:80" -r 192.0.2.11:80 -m -w 3 || fail "ipvsadm -a after the fuzz"
assert_match "$(nsx fuzz "$LBADM" -L -n)" "192\\.0\\.2\\.11:80 +Masq +3 " "configures after the fuzz"

ipv -C || fail "ipvsadm -C"
assert_eq "$(lbd -L -n | tail -n +4)" "" "lbadm's listing after ipvsadm -C"
log "ipvsadm drives lbvs"
