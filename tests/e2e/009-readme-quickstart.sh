#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (the commands of 002, 100 and 110, as a reader types them)
# timeout: 300
#
# README.md, followed literally: its "Install on a director" block and its
# first code block (the quick start), read from README.md now, so that an
# edit of either is what this test runs. Each line runs verbatim, as its own
# bash -c, in the director's namespace of the NAT topology (lib.sh), with
# the tree's lbadm first on PATH as `make install` would put it in
# /usr/local/sbin. Then the client asks the quick start's service, the real
# server the quick start names (a host of the topology, listening where it
# says) must answer, and the quick start's own `lbadm -L -n --stats` must
# count it.
#
# The install block cannot run literally in the guest, which sees the
# host's root read-only and has no network:
#  - `apt-get install ...`: no apt here; the packages it names (after
#    `$(uname -r)` is expanded in the guest) must be installed on the host
#    (their /usr/share/doc/PACKAGE/copyright: the guest's /var/lib, where
#    dpkg's database is, is a tmpfs): a misspelt name fails.
#  - `make install ...`: the tree and /usr/local are read-only. Its module
#    part is done by hand on a writable overlay of /lib/modules/VERSION, as
#    its recipe does: both modules into extra/kmod/, then depmod, so that
#    the quick start's `modprobe lbvs` is the plain one and resolves
#    nf_defrag_* from modules.dep. KDIR= must name this kernel's headers.
#  - `make dkms`: not here (it writes /usr/src); scripts/install-check.sh
#    builds the DKMS sources and scripts/deb-root-check.sh installs the
#    DKMS package on a Debian 12 root and modprobes that.
# Every other line of the block runs verbatim.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=/dev/null # traffic.sh: its exec {fd[i]}>&- stops shellcheck
. "$(dirname "$0")/traffic.sh"

README=$LBVS_TOP/README.md
# block START_REGEX: the first fenced code block after the first line
# matching START_REGEX (the file's first block for '^').
block()
{
	awk -v start="$1" '!go && $0 ~ start { go = 1 } go && /^```/ { if (in_b) exit; in_b = 1; next } in_b' "$README"
}
QUICK=$(block '^')
INSTALL=$(block '^## Install on a director')
[ -n "$QUICK" ] || fail "README.md has no code block"
[ -n "$INSTALL" ] || fail "README.md has no install block"
log "quick start:"$'\n'"$QUICK"

# The quick start's service and real server, for the topology and traffic.
vip=$(sed -n 's/^lbadm -A -t \([0-9.]*\):\([0-9]*\).*/\1 \2/p' <<<"$QUICK")
rs=$(sed -n 's/^lbadm -a .* -r \([0-9.]*\):\([0-9]*\).*/\1 \2/p' <<<"$QUICK")
read -r vip vport <<<"$vip"
read -r rip rport <<<"$rs"
[ -n "$vport" ] || fail "no lbadm -A -t VIP:PORT in the quick start"
[ -n "$rport" ] || fail "no lbadm -a ... -r RIP:PORT in the quick start"
topo_nat 3
[ "$vip" = "$VIP4" ] || fail "the quick start's VIP $vip is not the topology's ($VIP4)"
rsn=''
for i in 1 2 3; do
	[ "${RIP4[i]}" != "$rip" ] || rsn=rs$i
done
[ -n "$rsn" ] || fail "the quick start's real server $rip is not a host of the topology"
http_server "$rsn" "$rport" "$rsn"

kver=$(uname -r)
mods=/lib/modules/$kver
bin=$(mktemp -d /tmp/readme-bin.XXXXXX)
ln -s "$LBADM" "$bin/lbadm"
at_exit "rm -rf $bin"
# readme LINE: one line of README, verbatim, on the director.
readme() { nsx director env "PATH=$bin:$PATH" bash -c "$1"; }

# `make install`'s module part, on a writable layer over /lib/modules/VERSION.
make_install()
{
	local kdir layer
	# shellcheck disable=SC2016 # expanded by readme's bash, as make's arguments
	kdir=$(readme "set -- ${1#make install}"'; for a; do [ "${a#KDIR=}" = "$a" ] || echo "${a#KDIR=}"; done')
	[ -z "$kdir" ] || [ -e "$kdir/Makefile" ] || fail "$1: KDIR=$kdir has no kernel headers"
	layer=$(mktemp -d /tmp/readme-mods.XXXXXX)
	mkdir "$layer/upper" "$layer/work"
	mount -t overlay overlay -o "lowerdir=$mods,upperdir=$layer/upper,workdir=$layer/work" "$mods" ||
		fail "cannot lay a writable overlay over $mods"
	at_exit "umount $mods; rm -rf $layer"
	install -D -m 0644 "$LBVS_KO" "$mods/extra/kmod/lbvs.ko"
	install -D -m 0644 "$TOA_KO" "$mods/extra/kmod/toa/lbvs_toa.ko"
	depmod "$kver" || fail "depmod $kver failed"
	log "$1: modules installed into $mods/extra and depmod run (by hand: read-only tree)"
}

# apt-get install's packages, installed on the host (guest: no apt, and
# its /var/lib, dpkg's database, is its own): each package has its
# /usr/share/doc/PACKAGE/copyright (Debian policy 12.5).
apt_install()
{
	local p missing=''
	for p in $(readme "echo ${1#*install}"); do
		[[ $p == -* ]] && continue
		[ -e "/usr/share/doc/$p/copyright" ] || missing+=" $p"
	done
	[ -z "$missing" ] || fail "$1: not installed on the host:$missing"
	log "$1: every package is installed on the host (no apt in the guest)"
}

while IFS= read -r line; do
	[ -n "$line" ] || continue
	case $line in
	apt-get\ install\ *) apt_install "$line" ;;
	make\ install | make\ install\ *) make_install "$line" ;;
	make\ dkms) log "$line: not run in the guest (writes /usr/src): see the header" ;;
	*) log "install: $line"
		readme "$line" || fail "README's install line failed: $line" ;;
	esac
	[[ $line != modprobe* ]] || _LOADED=true
done <<<"$INSTALL"
lbvs_loaded || fail "the install block did not load lbvs"
lbvs_unload
log "install block done; lbvs unloaded for the quick start"

while IFS= read -r line; do
	[ -n "$line" ] || continue
	log "quick start: $line"
	readme "$line" || fail "README's quick start line failed: $line"
	[[ $line != modprobe* ]] || _LOADED=true
done <<<"$QUICK"
lbvs_loaded || fail "the quick start did not load lbvs"

t=$(tally client 10 "http://$vip:$vport/")
log "answers: $t"
assert_eq "$t" "$rsn 10" "the quick start's real server $rip:$rport answers every request"
stats=$(readme "$(grep '^lbadm -L' <<<"$QUICK" | tail -n 1)")
log "$stats"
assert_eq "$(stat_conns "$stats" "$vip:$vport")" 10 "the quick start's listing counts the service's connections"
assert_eq "$(stat_conns "$stats" "$rip:$rport")" 10 "the quick start's listing counts the real server's connections"
