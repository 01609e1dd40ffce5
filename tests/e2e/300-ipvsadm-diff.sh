#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 900
#
# Differential test: one scripted command sequence goes to the stock
# kernel's IPVS through /usr/sbin/ipvsadm (netns "ipvs") and to lbvs through
# lbadm (netns "lbvs"); after each step every listing must be the same line
# for line, the version banner aside. Then the sequence runs a second time,
# through the same ipvsadm to lbvs loaded with ipvs_api=1 (issue 16; ip_vs
# unloaded, as the two cannot share IPVS's netlink family): every command
# must succeed and every listing must be what ipvsadm printed against IPVS
# in the first run. The sequence uses every option of
# ipvsadm(8) that lbvs supports (issues 5 and 15): -A -E -D -C -a -e -d
# -Z --set -S -R -L -l, -t -u -f, every scheduler IPVS builds, -p with and
# without timeout, -M, -r with and without port, -g -i -m, -w (to
# 2^31-1), -x, -y, -6 with -f, IPv6 in brackets, -b (--sched-flags), -o,
# port-0 services (TCP, UDP, IPv6), --tun-type ipip|gue|gre with
# --tun-port and the checksum options; listings -n, -c, --stats, --rate,
# --exact, --thresholds, --persistent-conn, --tun-info, --timeout,
# --sort, one service; each command and option both by its letter and
# by its long name (--edit-service, --list --numeric --connection, ...).
#
# Left out, with the reason:
#  * twos: Debian 12's kernel does not build IPVS's twos
#    (CONFIG_IP_VS_TWOS is unset), so there is nothing to compare with;
#    113 and 115 run lbvs's twos.
#  * --nosort: it lists each kernel's own order (their hash tables
#    differ), which lbvs does not promise to share with IPVS.
#  * -h/--help and -v/--version: each tool prints its own text.
#  * -c with a connection: its expire column counts down between the two
#    listings; -c is compared with no connection, and 124 and 128 check
#    lbvs's connection listing over real traffic.
#  * --pe and --sctp-service: lbadm refuses them by name (305 checks the
#    errors).
#  * --start-daemon, --stop-daemon, -L --daemon: a daemon is real (a
#    thread and a socket); 330 compares lbadm's daemon listing with
#    ipvsadm's, 302 ipvsadm's against lbvs with IPVS's, and 305 checks
#    lbadm's errors.
#
# Legitimate differences, not exercised here (see docs/lbadm.8):
#  * -F (FULLNAT) and its pools (-P -Q -G -z) do not exist in IPVS.
#  * -o with a NAT server: lbvs refuses it (IPVS would send the replies
#    untranslated); 200 checks the error.
#  * a DR (-g) or TUN (-i) server with a port other than the service's:
#    ipvsadm rewrites the port, lbadm refuses it (issue 4; 305 checks the
#    error). Every -g/-i server here has the service's port or none.
#  * -S: lbadm also saves -x/-y; they are stripped before comparing -S.
#  * ipvsadm wants a port after a bracketed IPv6 address ("[2001:db8::1]:0"),
#    lbadm also takes "[2001:db8::1]": IPv6 servers here always have a port.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

lbvs_load
modprobe ip_vs || skip "no ip_vs module to compare with"
for s in rr wrr lc wlc sh dh; do
	modprobe "ip_vs_$s" || skip "no ip_vs_$s module to compare with"
done
at_exit ipvs_unload
ns_add ipvs
ns_add lbvs

IPVSADM=/usr/sbin/ipvsadm
steps=0
TMPD=$(mktemp -d /tmp/diff.XXXXXX)	# no /dev/fd in the guest
at_exit "rm -rf $TMPD"

# The run: "lbadm" (ipvsadm to IPVS and lbadm to lbvs), then "ipvs_api"
# (ipvsadm to lbvs, compared with what ipvsadm printed in the first run).
RUN=lbadm
TOOL=$LBADM
n_out=0

# ipvs ARGS...: OUT is what ipvsadm ARGS prints against IPVS: run in the
# first run, saved in order, and the saved output in the second.
ipvs()
{
	n_out=$((n_out + 1))
	if [ $RUN = lbadm ]; then
		nsx ipvs "$IPVSADM" "$@" >"$TMPD/ipvs.$n_out" || fail "ipvsadm $* failed"
	fi
	OUT=$(cat "$TMPD/ipvs.$n_out")
}

# both ARGS...: the same command to IPVS (first run) and to lbvs.
both()
{
	[ $RUN = lbadm ] && { nsx ipvs "$IPVSADM" "$@" || fail "ipvsadm $* failed"; }
	nsx lbvs "$TOOL" "$@" || fail "$TOOL $* failed against lbvs"
	steps=$((steps + 1))
}

# same WHAT ARGS...: the listing ARGS prints the same for lbvs as for IPVS.
# A listing that starts with the version banner is compared without it.
same()
{
	local what=$1 a b
	shift
	ipvs "$@"
	a=$(sed '1{/^IP Virtual Server version /d}' <<<"$OUT")
	b=$(nsx lbvs "$TOOL" "$@" | sed '1{/^lbvs version /d; /^IP Virtual Server version /d}')
	[ "$a" = "$b" ] && return
	echo "$a" >"$TMPD/ipvsadm.out"
	echo "$b" >"$TMPD/lbvs.out"
	fail "$what ($RUN run): $TOOL $* differs from ipvsadm (after step $steps)
$(diff "$TMPD/ipvsadm.out" "$TMPD/lbvs.out" | sed 's/^/    /')"
}

# every listing of the issue, compared.
compare_all()
{
	local label=$1 save_a save_b
	same "$label" -L -n
	same "$label" -L -n --sort
	same "$label" -L -n --stats --exact
	same "$label" -L -n --stats
	same "$label" -L -n --rate
	same "$label" -L -n --rate --exact
	same "$label" -L -n --thresholds
	same "$label" -L -n --persistent-conn
	same "$label" -L -n --tun-info
	same "$label" -L --timeout
	same "$label" -l -n
	same "$label" --list --numeric
	same "$label" -L -n -c
	same "$label" --list --numeric --connection
	same "$label" -L -n -t "$VIP4:80"
	same "$label" -L -n -u "$VIP4:53"
	same "$label" -L -n -f 7
	same "$label" -L -n -t "[$VIP6]:80"
	same "$label" -L -n -t "[$VIP6]:0"
	same "$label" -L -n --stats -t "$VIP4:80"
	# ipvsadm -S has no -x/-y (lbadm saves them, still ipvsadm syntax).
	ipvs -S -n
	save_a=$OUT
	save_b=$(nsx lbvs "$TOOL" -S -n | sed -E 's/ -x [0-9]+//; s/ -y [0-9]+//')
	assert_eq "$save_b" "$save_a" "$label: -S -n differs (after step $steps)"
	log "$label: all listings identical"
}

VIP6=2001:db8:1::100
VIP6B=2001:db8:1::200

sequence()
{

# Timeouts first, so -L --timeout compares what was set, not two defaults.
both --set 900 120 300

# Services: every scheduler, -p with and without timeout, -M in both
# spellings IPVS knows, UDP, fwmark IPv4 and IPv6, IPv6 in brackets.
both -A -t "$VIP4:80" -s rr
both -A -t "$VIP4:443" -s wrr -p
both -A -t "$VIP4:8443" -s lc -p 600 -M 255.255.255.0
both --add-service --udp-service "$VIP4:53" --scheduler wlc
both -A -u "$VIP4:123" -s sh
both -A -t "$VIP4:25" -s dh -p 1800 -M 255.255.0.0
both -A -f 7 -s rr
both --add-service --fwmark-service 8 --ipv6 --scheduler wrr --persistent 120
both --add-service --tcp-service "[$VIP6]:80" --scheduler sh
both --add-service --tcp-service "[$VIP6B]:443" --scheduler wlc --persistent 60 --netmask 64
both -A -u "[$VIP6]:53" -s dh
both -A -t "$VIP4:81" -s sed
both -A -t "$VIP4:82" -s nq -p 60
both -A -u "$VIP4:54" -s fo
both -A -f 9 -s ovf
both -A -t "$VIP4:83" -s mh
both -A -t "$VIP4:85" -s lblc
both -A -u "$VIP4:57" -s lblcr -p 30
both -A -t "$VIP4:84" -s sh -b sh-fallback,sh-port -p 60
both --add-service --udp-service "$VIP4:55" --scheduler mh --sched-flags mh-port
both -A -f 10 -s rr -b flag-2,flag-3
both -A -t "$VIP4:0" -s rr -p 300
both --add-service --udp-service "$VIP4:56" --scheduler rr --ops
both -A -f 11 -s wrr -p 60 -o -b flag-1
both --add-service --udp-service "$VIP4:0" --scheduler sh --persistent --netmask 255.255.255.0
both -A -t "[$VIP6]:0" -s wlc -p 600
compare_all "services only"

# Real servers: -m -g -i, with and without port, weights, thresholds.
both -a -t "$VIP4:80" -r 192.0.2.11:8080 -m -w 3
both -a -t "$VIP4:80" -r 192.0.2.12 -m
both -a -t "$VIP4:80" -r 192.0.2.13:80 -g -w 0
both -a -t "$VIP4:80" -r 192.0.2.14 -i -w 2147483647
both -a -t "$VIP4:443" -r 192.0.2.11:443 -m -x 100 -y 50
both -a -t "$VIP4:443" -r 192.0.2.12:4443 -m -w 2 -x 10
both -a -t "$VIP4:8443" -r 192.0.2.21 -g
both -a -u "$VIP4:53" -r 192.0.2.11:5353 -m -w 7
both -a -u "$VIP4:53" -r 192.0.2.12:53 -m -x 8 -y 3
both -a -u "$VIP4:123" -r 192.0.2.13 -m
both -a -t "$VIP4:25" -r 192.0.2.14:2525 -m
both --add-server --fwmark-service 7 --real-server 192.0.2.11 --gatewaying
both -a -f 7 -r 192.0.2.12 --ipip -w 4
both --add-server --fwmark-service 8 --ipv6 --real-server "[2001:db8:2::11]:0" --gatewaying
both --add-server --tcp-service "[$VIP6]:80" --real-server "[2001:db8:2::11]:8080" --masquerading --weight 2
both -a -t "[$VIP6]:80" -r "[2001:db8:2::12]:80" -m
both -a -t "[$VIP6B]:443" -r "[2001:db8:2::13]:443" -g --u-threshold 9 --l-threshold 4
both -a -u "[$VIP6]:53" -r "[2001:db8:2::11]:5353" -m
both -a -t "$VIP4:81" -r 192.0.2.15:81 -m -w 5
both -a -t "$VIP4:85" -r 192.0.2.16:85 -m -w 2
both -a -u "$VIP4:57" -r 192.0.2.16:57 -m
both -a -t "$VIP4:82" -r 192.0.2.15:8082 -m -w 2
both -a -u "$VIP4:54" -r 192.0.2.16:54 -g -w 3
both -a -f 9 -r 192.0.2.16 -g -w 2
both -a -t "$VIP4:83" -r 192.0.2.17:83 -m -w 4
both -a -t "$VIP4:0" -r 192.0.2.18 -m
both -a -t "$VIP4:80" -r 192.0.2.20 -i --tun-type gue --tun-port 6080 --tun-csum
both -a -t "$VIP4:80" -r 192.0.2.21 -i --tun-type gre --tun-nocsum -w 2
both -a -t "[$VIP6]:80" -r "[2001:db8:2::14]:80" -i --tun-type gue --tun-port 5555 --tun-remcsum
both -a -u "[$VIP6]:53" -r "[2001:db8:2::15]:53" -i --tun-type gre
both -a -t "$VIP4:0" -r 192.0.2.19 -g -w 2
both -a -u "$VIP4:56" -r 192.0.2.18:56 -g
both -a -f 11 -r 192.0.2.19 -i
both --add-server --udp-service "$VIP4:0" --real-server 192.0.2.18 --gatewaying --weight 3
both -a -u "$VIP4:0" -r 192.0.2.19 -i --tun-type ipip
both -a -t "[$VIP6]:0" -r "[2001:db8:2::16]:0" -m -w 2
both -a -t "[$VIP6]:0" -r "[2001:db8:2::17]:0" -g
compare_all "services and servers"

# Edits: scheduler, persistence on and off, netmask, forwarding, weight,
# thresholds.
both -E -t "$VIP4:80" -s wlc
both --edit-service --tcp-service "$VIP4:443" --scheduler wrr --persistent 900
both -E -t "$VIP4:8443" -s lc
both -E -t "$VIP4:81" -s nq
both -E -f 9 -s fo -p 30
both --edit-service --tcp-service "$VIP4:84" --scheduler sh --sched-flags sh-port
both -E -u "$VIP4:55" -s mh
both -E -u "$VIP4:56" -s wlc
both --edit-service --udp-service "$VIP4:54" --scheduler fo --ops
both -E -t "$VIP4:0" -s sh -p 30
both -e -t "$VIP4:80" -r 192.0.2.21 -i --tun-type gre --tun-csum
both -e -t "$VIP4:80" -r 192.0.2.20 -i --tun-type gue --tun-port 6081
both -e -t "[$VIP6]:80" -r "[2001:db8:2::14]:80" -i
both --edit-service --fwmark-service 8 --ipv6 --scheduler rr --persistent 300 --netmask 48
both -E -u "$VIP4:123" -s sh -p 30 -M 255.255.255.240
both --edit-server --tcp-service "$VIP4:80" --real-server 192.0.2.11:8080 --masquerading --weight 5 --u-threshold 10 --l-threshold 5
both -e -t "$VIP4:80" -r 192.0.2.12 -m -w 0
both -e -t "$VIP4:443" -r 192.0.2.11:443 -m
both --edit-server --fwmark-service 7 --real-server 192.0.2.12 --gatewaying --weight 1
both --edit-server --udp-service "$VIP4:0" --real-server 192.0.2.19 --ipip --weight 0
both --edit-service --udp-service "$VIP4:0" --scheduler mh --persistent 30 --sched-flags mh-fallback
both -e -t "[$VIP6]:0" -r "[2001:db8:2::16]:0" -m -w 70001
both -e -t "[$VIP6]:80" -r "[2001:db8:2::12]:80" -m -w 70000
compare_all "after edits"

# Round trips, each file read by both tools: ipvsadm -S into lbadm -R
# (and ipvsadm -R), then lbadm -S (-x/-y included, ipvsadm syntax) into
# ipvsadm -R (and lbadm -R). Every listing must come out the same.
# The second run restores with ipvsadm into lbvs.
for saver in ipvs lbvs; do
	if [ $saver = ipvs ]; then
		ipvs -S -n
		rules=$OUT
	else
		rules=$(nsx lbvs "$LBADM" --save --numeric)
	fi
	both -C
	if [ $RUN = lbadm ]; then
		nsx ipvs "$IPVSADM" --restore <<<"$rules" ||
			fail "ipvsadm --restore of $saver's -S failed"
	fi
	nsx lbvs "$TOOL" -R <<<"$rules" || fail "$TOOL -R of $saver's -S failed"
	compare_all "both restored from $saver's -S"
done

# Deletions and zeroing.
both -d -t "$VIP4:80" -r 192.0.2.14
both --delete-server --udp-service "$VIP4:53" --real-server 192.0.2.12:53
both -d -f 7 -r 192.0.2.11
both -d -t "[$VIP6]:80" -r "[2001:db8:2::11]:8080"
both -D -u "$VIP4:123"
both --delete-service --fwmark-service 8 --ipv6
both --delete-server --udp-service "$VIP4:0" --real-server 192.0.2.18
both --delete-service --udp-service "$VIP4:0"
both --delete-server --tcp-service "[$VIP6]:0" --real-server "[2001:db8:2::17]:0"
both -D -t "[$VIP6B]:443"
both -Z
both --zero --tcp-service "$VIP4:80"
both -Z -f 7
both --set 600 60 120
compare_all "after deletions"

both --clear
same "after --clear" -L -n
same "after --clear" --save --numeric
same "after --clear" -L -n -c
same "after -C" -L --timeout
}

sequence
log "$steps steps, listings identical after each phase"

# The second run: ipvsadm against lbvs, through IPVS's netlink family.
ipvs_unload || fail "cannot unload ip_vs: $(grep '^ip_vs' /proc/modules)"
lbvs_unload
lbvs_load ipvs_api=1
RUN=ipvs_api
TOOL=$IPVSADM
steps=0
n_out=0
sequence
log "ipvsadm against lbvs: $steps steps, listings as against IPVS"
