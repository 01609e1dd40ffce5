#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 780
#
# A rolling migration of a director pair from the kernel's IPVS to lbvs,
# driven by Debian's keepalived, unchanged, on a keepalived.conf written
# for IPVS (vrrp_instance moving the VIP and the servers' gateway,
# lvs_sync_daemon, virtual_server blocks with HTTP_GET and TCP_CHECK).
# One kernel cannot hold both (ip_vs and lbvs's ipvs_api=1 both want the
# netlink family IPVS), so this runs in two guests on one LAN
# (tests/qemu/run.sh --pair):
#
#   guest a: client, rs1, rs2 (NAT, behind the pair) and director dira:
#            the kernel's IPVS, keepalived MASTER, sync master
#   guest b: director dirb: lbvs ipvs_api=1, keepalived BACKUP, sync backup
#
# 1. 20 TCP connections and a UDP flow through dira (IPVS) reach dirb's
#    table (lbvs), to the same servers.
# 2. dira dies (links down, keepalived stopped): keepalived on dirb takes
#    the VIP and all 21 go on exchanging data, each with its server.
# 3. dira comes back as a rebooted director does (ip_vs reloaded: an empty
#    table) under keepalived as BACKUP with a lower priority, so dirb
#    (lbvs) stays master; 20 more connections and a UDP flow through dirb,
#    and the live traffic of the first ones, reach dira's table; dirb dies
#    and keepalived on dira takes the VIP back: all 42 go on through IPVS.
# shellcheck source-path=SCRIPTDIR source=../e2e/lib.sh
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/traffic.sh"
. "$(dirname "$0")/../e2e/hc.sh"
# shellcheck source=pair.sh
. "$(dirname "$0")/pair.sh"

KEEPALIVED=/usr/sbin/keepalived
[ -x "$KEEPALIVED" ] || skip "no $KEEPALIVED"
N=20
TCP=$VIP4:9000 UDP=$VIP4:9002

# --- the directors -----------------------------------------------------------
# Each director's IPVS-family tool: ipvsadm on IPVS, lbadm on lbvs.
declare -A TOOL=([dira]=ipvsadm [dirb]=$LBADM)

# programmed NS: keepalived put both services' 4 real servers into NS.
programmed() { [ "$(nsx "$1" "${TOOL[$1]}" -S -n | grep -c '^-a .* -m -w 1$')" -eq 4 ]; }

# director_is NS ROLE: keepalived made NS a master (VIP, sync master) or
# a backup (no VIP, sync backup), its services programmed.
director_is()
{
	local ns=$1 want=$2
	wait_until 60 programmed "$ns" || fail "$ns: keepalived's rules:"$'\n'"$(nsx "$ns" "${TOOL[$ns]}" -S -n)"
	if [ "$want" = master ]; then
		wait_until 30 has_vip "$ns" || fail "$ns did not take the VIP"
	else
		! has_vip "$ns" || fail "$ns, a backup, holds the VIP"
	fi
	wait_until 30 daemons_are "$ns" "$want" "${TOOL[$ns]}" ||
		fail "$ns's sync daemons: $(nsx "$ns" "${TOOL[$ns]}" -L --daemon), want $want"
	log "$ns is $want:"$'\n'"$(nsx "$ns" "${TOOL[$ns]}" -L -n)"$'\n'"$(nsx "$ns" "${TOOL[$ns]}" -L --daemon)"
}

# rows NS SERVICE: NS's established (UDP: all) entries of SERVICE; table
# NS: both services', but for the probes' flows (from ports 40990-40999).
rows() { conn_rows "$1" "$2" "${TOOL[$1]}"; }
table() { { rows "$1" "$TCP"; rows "$1" "$UDP"; } | grep -v "^$CIP4:4099[0-9] " | sort; }

# missing A B: the lines of A that B lacks (files, not <(...): the
# guest's /dev has no fd/).
TMPD=$(mktemp -d /tmp/lbvs-pair.XXXXXX)
at_exit "rm -rf $TMPD"
missing() { printf '%s\n' "$2" >"$TMPD/b"; grep -vxF -f "$TMPD/b" <<<"$1" || true; }
# holds ROWS NS: NS's table holds every line of ROWS.
holds() { [ -z "$(missing "$1" "$(table "$2")")" ]; }
count() { grep -c . <<<"$1" || true; }

# --- the client's connections (guest a) ----------------------------------
# connections PREFIX: N TCP connections (ids PREFIX1..N, added to TCP_IDS)
# and a UDP flow (PREFIXudp; its server in UDP_RS[PREFIX]) through the VIP,
# each answering.
declare -A UDP_RS=()
TCP_IDS=()
connections()
{
	local p=$1 i bad ids=()
	for i in $(seq $N); do
		hold_open "$p$i" client $VIP4 9000
		ids+=("$p$i")
	done
	hold_open "${p}udp" client $VIP4 9002 UDP
	bad=$(holds_echo hello "${ids[@]}" "${p}udp")
	[ -z "$bad" ] || fail "no echo on: ${bad//$'\n'/ }"
	# IPVS syncs a UDP flow at its third packet (sync_threshold 3).
	for i in 2 3; do
		hold_echo "${p}udp" "hello$i" || fail "${p}udp: no echo of hello$i"
	done
	UDP_RS[$p]=$(_hold_first "${p}udp")
	TCP_IDS+=("${ids[@]}")
	log "$((N + 1)) flows open, the UDP one to ${UDP_RS[$p]}"
}

# next_pick_not RS: new one-datagram flows (the probes) through the VIP
# until one goes to RS: the director's next new flow then goes to the
# other server (rr). A UDP flow of RS's that its entry did not reach would
# be that flow, whichever server a director's first choice is.
PROBE=40989
next_pick_not()
{
	local i
	for i in 1 2 3; do
		PROBE=$((PROBE + 1))
		[ "$(udp_ask client $VIP4 9002 $PROBE | head -n 1)" != "$1" ] || return 0
	done
	fail "3 new UDP flows, none to $1"
}

# all_go_on TEXT [failover]: every connection so far echoes TEXT, each
# from its server: a TCP connection given another server is reset, a UDP
# flow would be greeted by the other server's echo_server. After a
# failover, each UDP flow goes first, right after the probes.
all_go_on()
{
	local bad p
	for p in "${!UDP_RS[@]}"; do
		[ -z "${2:-}" ] || next_pick_not "${UDP_RS[$p]}"
		hold_echo "${p}udp" "$1" || fail "${p}udp: no echo of $1"
		assert_eq "$(grep '^rs' "$LBVS_OUT/hold-${p}udp.out" | xargs)" "${UDP_RS[$p]}" \
			"the UDP flow ${p}udp's greetings (its servers)"
	done
	bad=$(holds_echo "$1" "${TCP_IDS[@]}")
	[ -z "$bad" ] || fail "$(count "$bad") of ${#TCP_IDS[@]} TCP connections broke: ${bad//$'\n'/ }"
	log "all ${#TCP_IDS[@]} TCP connections and ${#UDP_RS[@]} UDP flows answered $1"
}

# synced ROWS NS WHO: NS's table comes to hold ROWS, WHO's (table's
# lines), within 60 s, and then is exactly ROWS.
synced()
{
	wait_until 60 holds "$1" "$2" ||
		fail "$2 lacks $3's entries:"$'\n'"$(missing "$1" "$(table "$2")")"
	assert_eq "$(table "$2")" "$1" "$2's synced entries: $3's clients on $3's servers"
	log "$2 holds all $(count "$1") connections of $3"
}

# --- guest a: client, servers, IPVS director ----------------------------
guest_a()
{
	local br i rows1 rows2
	modprobe ip_vs || skip "no ip_vs module"
	modprobe ip_vs_rr || skip "no ip_vs_rr module"
	# The NICs to guest b, on the bridges; renamed first, as the veths
	# that topo_pair makes take the names eth0 and eth1.
	for i in 1 2; do ip link set "$(nic $i)" name "lan$i-b"; done
	topo_pair 2 dira
	for i in 1 2; do
		br=front
		[ $i = 2 ] && br=back
		ip link set "lan$i-b" netns lan
		ip -n lan link set "lan$i-b" master $br up
	done
	servers_begin
	for i in 1 2; do
		http_server "rs$i" 8080 "rs$i"
		echo_server "rs$i" 9000 "rs$i"
		echo_server "rs$i" 9002 "rs$i" UDP
	done
	servers_wait

	# 1. IPVS master, lbvs backup.
	keepalived_on dira ka_pair_conf MASTER 150
	director_is dira master
	signal a-master
	await b-backup
	connections a
	rows1=$(table dira)
	put rows1 <<<"$rows1"
	await synced1 120

	# 2. IPVS dies; lbvs takes over.
	director_dies dira
	signal a-dead
	await b-master 60
	all_go_on after1 failover

	# 3. IPVS comes back (a rebooted director: an empty table) as backup.
	ipvs_unload || fail "cannot unload ip_vs: $(grep '^ip_vs' /proc/modules)"
	modprobe ip_vs || fail "modprobe ip_vs failed"
	modprobe ip_vs_rr || fail "modprobe ip_vs_rr failed"
	ip -n dira link set eth0 up
	ip -n dira link set eth1 up
	keepalived_on dira ka_pair_conf BACKUP 50
	director_is dira backup
	connections b
	# Live traffic meanwhile, by which lbvs resends the flows it took over
	# (sync_refresh_period) to the new backup.
	all_go_on during1
	all_go_on during2
	signal b-open
	await rows2
	rows2=$(take rows2)
	[ -z "$(missing "$rows1" "$rows2")" ] ||
		fail "lbvs lost step 1's connections:"$'\n'"$(missing "$rows1" "$rows2")"
	[ "$(count "$rows2")" -eq $((2 * N + 2)) ] ||
		fail "dirb lists $(count "$rows2") connections, want $((2 * N + 2)):"$'\n'"$rows2"
	synced "$rows2" dira lbvs
	signal synced2

	# 4. lbvs dies; IPVS takes back over.
	await b-dead 60
	director_is dira master
	all_go_on after2 failover
	! _module_loaded lbvs || fail "lbvs was loaded beside ip_vs"
}

# --- guest b: the lbvs director -------------------------------------------
guest_b()
{
	local rows1 t0
	ipvs_unload || fail "cannot unload ip_vs"
	lbvs_load ipvs_api=1
	ns_add dirb
	ip link set "$(nic 1)" netns dirb name eth0
	ip link set "$(nic 2)" netns dirb name eth1
	ipq_begin
	ipn dirb addr add 203.0.113.12/24 dev eth0
	ipn dirb addr add 192.0.2.2/24 dev eth1
	ipn dirb link set eth0 up
	ipn dirb link set eth1 up
	ipq_end
	nsx dirb sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0
	# The flows lbvs takes over reach the director that rejoins in step 3
	# when lbvs sends them again: at their third client packet since the
	# takeover, then every 50th (sync_threshold "3 50", as IPVS), and while
	# they have packets at least once in each slot of this many seconds
	# (by default half their timeout, 7.5 min), whatever their count.
	nsx dirb sysctl -qw net.lbvs.sync_refresh_period=2

	# 1. A backup from the start: keepalived once dira is master.
	await a-master
	keepalived_on dirb ka_pair_conf BACKUP 100
	director_is dirb backup
	signal b-backup
	await rows1
	rows1=$(take rows1)
	synced "$rows1" dirb IPVS
	signal synced1

	# 2. dira died: lbvs takes over.
	await a-dead 120
	t0=$SECONDS
	director_is dirb master
	log "dirb took over in $((SECONDS - t0)) s"
	signal b-master

	# 3. New connections through lbvs, for IPVS to learn.
	await b-open 300
	table dirb | put rows2
	await synced2 120
	director_dies dirb
	signal b-dead
	! _module_loaded ip_vs || fail "ip_vs was loaded beside lbvs"
}

"guest_$LBVS_ROLE"
