#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages on a clean Debian 12 root, as an operator installs
# them: `make deb`, then `apt-get install ./lbadm_*.deb ./lbvs-dkms_*.deb`
# in a chroot of a minimal bookworm (debootstrap --variant=minbase from
# this machine's Debian mirror) that has the guest's kernel and its
# headers, as a director has. lbvs-dkms's postinst builds the module with
# DKMS and runs depmod; the files must have landed where they belong.
# Then the guest (tests/qemu/run.sh, stock kernel), which sees this root
# read-only, runs tests/deb/guest-modprobe.sh: `modprobe -d ROOT lbvs`
# loads that root's build with its dependencies, and that root's lbadm
# (chrooted, its own libraries) configures and lists it.
#
#   scripts/deb-root-check.sh [--keep] [--guest-only]
#
# The bare root (debootstrap, kernel, headers) is built once and cached in
# /var/cache/lbvs (LBVS_CACHE); each run installs into a copy of it, in
# $LBVS_CACHE/deb-root, under a path the guest sees. LBVS_DEBS=DIR tests
# the .debs in DIR rather than building them. --keep leaves the copy;
# --guest-only runs only the guest's part on a kept copy.
set -euo pipefail
cd "$(dirname "$0")/.."
TOP=$PWD
CACHE=${LBVS_CACHE:-/var/cache/lbvs}
WORK=$CACHE/deb-root
ROOT=$WORK/root
SUITE=bookworm
KEEP=false GUEST_ONLY=false
for a in "$@"; do
	case $a in
	--keep) KEEP=true ;;
	--guest-only) GUEST_ONLY=true KEEP=true ;;
	*) sed -n 's/^#   //p' "$0" >&2; exit 2 ;;
	esac
done

log() { echo "deb-root: $*"; }
die() { log "$*"; echo "deb-root: 0 passed, 1 failed"; exit 1; }

# The kernel the module is built for and the guest boots.
KVER=$(modinfo -F vermagic kmod/lbvs.ko 2>/dev/null | cut -d' ' -f1) ||
	die "kmod/lbvs.ko is not built (make module)"
ARCH=$(dpkg --print-architecture)
command -v debootstrap >/dev/null || die "no debootstrap: run scripts/install-deps.sh"

# This machine's Debian mirrors (deb822 or one-line sources).
mirror()
{
	local want=$1 srcs
	srcs=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
		/etc/apt/sources.list.d/*.list 2>/dev/null || true)
	{
		sed -n 's/^URIs: *//p' <<<"$srcs" | tr ' ' '\n'
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ "://") { print $i; break } }' <<<"$srcs"
	} | grep -E "$want" | head -n 1 || true
}
MIRROR=${LBVS_DEB_MIRROR:-$(mirror '/debian/?$')}
SECURITY=${LBVS_DEB_SECURITY:-$(mirror '/debian-security/?$')}
: "${MIRROR:=http://deb.debian.org/debian}" "${SECURITY:=http://security.debian.org/debian-security}"

# chr ROOT CMD...: CMD in the chroot, with a plain environment.
chr()
{
	local r=$1
	shift
	chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# mounts ROOT: what apt, dpkg's scripts and DKMS need; unmounted at exit.
MOUNTED=()
mounts()
{
	mount -t proc proc "$1/proc"
	mount --rbind /dev "$1/dev"
	mount --make-rslave "$1/dev"
	mkdir -p "$CACHE/deb-archives/partial"
	mount --bind "$CACHE/deb-archives" "$1/var/cache/apt/archives"
	MOUNTED+=("$1/var/cache/apt/archives" "$1/dev" "$1/proc")
}
unmount()
{
	local m
	for m in "${MOUNTED[@]}"; do
		umount -R "$m" 2>/dev/null || umount -lR "$m"
	done
	MOUNTED=()
}
# wipe DIR: rm -rf, after unmounting what a killed run left mounted there
# (its /dev is the host's).
wipe()
{
	local m
	awk -v d="$1/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m"; done
	rm -rf --one-file-system "$1"
}

# The bare root: minbase, then the kernel and headers the guest runs (from
# bookworm-security or -updates as well), as on a director. Cached by
# mirror, kernel and this recipe; apt's downloads are kept for the runs.
BASE_RECIPE="rev 1 $SUITE $MIRROR $SECURITY $KVER $ARCH"
BASE=$CACHE/deb-base-$(sha256sum <<<"$BASE_RECIPE" | cut -c1-16)
build_base()
{
	local tmp=$BASE.tmp t0=$SECONDS old
	log "building the bare root $BASE (first run only)"
	for old in "$CACHE"/deb-base-*; do
		wipe "$old"
	done
	debootstrap --variant=minbase --arch="$ARCH" "$SUITE" "$tmp" "$MIRROR" \
		>"$WORK/debootstrap.log" 2>&1 || { tail -n 20 "$WORK/debootstrap.log"; die "debootstrap failed"; }
	cat >"$tmp/etc/apt/sources.list" <<-SRC
		deb $MIRROR $SUITE main
		deb $MIRROR $SUITE-updates main
		deb $SECURITY $SUITE-security main
	SRC
	mounts "$tmp"
	{ chr "$tmp" apt-get update -q &&
		chr "$tmp" apt-get install -y -q --no-install-recommends \
			"linux-image-$KVER" "linux-headers-$KVER"; } >"$WORK/base.log" 2>&1 ||
		{ unmount; tail -n 20 "$WORK/base.log"; die "installing the kernel into the bare root failed"; }
	unmount
	echo "$BASE_RECIPE" >"$tmp/.lbvs-base"
	mv "$tmp" "$BASE"
	log "bare root built in $((SECONDS - t0)) s"
}

CHECK_NAME=deb-root
# shellcheck source=scripts/checks.sh
. scripts/checks.sh

guest()
{
	local script=$WORK/guest.sh rc
	# The guest's /tmp is its own: the script it runs lives beside the root.
	printf 'exec bash %q %q\n' "$TOP/tests/deb/guest-modprobe.sh" "$ROOT" >"$script"
	tests/qemu/run.sh --kernel stock --script "$script" 2>&1 | sed 's/^/    | /'
	rc=${PIPESTATUS[0]}
	check "in the guest, modprobe lbvs from the root and its lbadm failed (above)" "[ $rc -eq 0 ]"
}

trap 'unmount' EXIT
mkdir -p "$CACHE"
# One run at a time: they share the root (and build the bare one).
exec 7>"$CACHE/deb-root.lock"
flock 7
mkdir -p "$WORK"
if $GUEST_ONLY; then
	[ -d "$ROOT/usr" ] || die "no kept root at $ROOT (run with --keep first)"
	guest
	echo "deb-root: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
fi

t0=$SECONDS
if [ -n "${LBVS_DEBS:-}" ]; then
	debs=$LBVS_DEBS
else
	scripts/make-deb.sh >"$WORK/make-deb.log" 2>&1 || { cat "$WORK/make-deb.log"; die "make deb failed"; }
	debs=out/deb
fi
ver=$(modinfo -F version kmod/lbvs.ko)
for p in "lbadm_${ver}_$ARCH" "lbvs-dkms_${ver}_all"; do
	[ -e "$debs/$p.deb" ] || die "no $debs/$p.deb"
done

[ -e "$BASE/.lbvs-base" ] || build_base
wipe "$ROOT"
cp -a "$BASE" "$ROOT"
log "root ready after $((SECONDS - t0)) s"

# The packages, as README says: apt-get install ./x.deb, which brings what
# they depend on (dkms, gcc, libnl) from the mirror. The base's package
# lists may be older than the mirror: then once more after an update.
cp "$debs/lbadm_${ver}_$ARCH.deb" "$debs/lbvs-dkms_${ver}_all.deb" "$ROOT/tmp/"
mounts "$ROOT"
install_debs()
{
	chr "$ROOT" apt-get install -y -q --no-install-recommends \
		"/tmp/lbadm_${ver}_$ARCH.deb" "/tmp/lbvs-dkms_${ver}_all.deb"
}
if ! install_debs >"$WORK/install.log" 2>&1; then
	{ chr "$ROOT" apt-get update -q && install_debs; } >>"$WORK/install.log" 2>&1 || true
fi
log "packages installed after $((SECONDS - t0)) s"

# shellcheck disable=SC2016 # dpkg-query's format
installed() { [ "$(chr "$ROOT" dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]; }
check "apt-get install of the two packages failed: $WORK/install.log" \
	"installed lbadm && installed lbvs-dkms"
$KEEP || [ "$fail" -eq 0 ] || sed 's/^/    | /' "$WORK/install.log" | tail -n 40
for f in usr/sbin/lbadm usr/sbin/lbvs-healthcheck usr/sbin/lbvs-rules \
	lib/systemd/system/lbvs.service etc/default/lbvs usr/share/man/man8/lbadm.8.gz \
	"usr/src/lbvs-$ver/dkms.conf" "usr/src/lbvs-$ver/kmod/netlink.c"; do
	check "no /$f in the root" "[ -e '$ROOT/$f' ]"
done
check "the root's lbadm does not run there" "chr '$ROOT' lbadm -v >/dev/null"
mods=$ROOT/lib/modules/$KVER
check "DKMS did not install lbvs for $KVER: $(chr "$ROOT" dkms status 2>&1 | tr '\n' ' ')" \
	"chr '$ROOT' dkms status -m lbvs -v '$ver' -k '$KVER' | grep -q ': installed'"
for m in lbvs lbvs_toa; do
	check "no updates/dkms/$m.ko for $KVER" "compgen -G '$mods/updates/dkms/$m.ko*' >/dev/null"
done
check "modules.dep does not give DKMS's lbvs its nf_defrag dependencies (depmod)" \
	"grep -q '^updates/dkms/lbvs.ko[^:]*: .*nf_defrag_ipv4' '$mods/modules.dep'"
check "modprobe does not resolve lbvs to DKMS's build" \
	"modprobe -d '$ROOT' -S '$KVER' --show-depends lbvs | grep -q 'updates/dkms/lbvs.ko'"
check "DKMS built lbvs.ko from other sources" \
	"[ \"\$(modinfo -F srcversion $mods/updates/dkms/lbvs.ko*)\" = \"\$(modinfo -F srcversion kmod/lbvs.ko)\" ]"
unmount
log "host checks done after $((SECONDS - t0)) s"
[ "$fail" -eq 0 ] && guest
log "done after $((SECONDS - t0)) s"

$KEEP || [ "$fail" -ne 0 ] || wipe "$WORK"
[ "$fail" -eq 0 ] || log "the root is kept in $ROOT"
echo "deb-root: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
