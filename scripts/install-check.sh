#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make install` into a scratch root: lbadm, its man page and completion,
# lbvs-healthcheck, lbvs-rules, lbvs.service and both modules land where
# they should, and depmod has run, so that `modprobe lbvs` finds lbvs and
# loads nf_defrag_* first. The root sees the kernel's own modules through
# a link, as the real /lib/modules does. Then the Debian packages, and
# their DKMS sources built by DKMS in scratch trees.
set -euo pipefail
cd "$(dirname "$0")/.."

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
kver=$(modinfo -F vermagic kmod/lbvs.ko | cut -d' ' -f1)
mods=$root/lib/modules/$kver
mkdir -p "$mods"
ln -s "/lib/modules/$kver/kernel" "$mods/kernel"
cp "/lib/modules/$kver"/modules.order "/lib/modules/$kver"/modules.builtin* "$mods/"
log=$root.log
if ! make -s install DESTDIR="$root" PREFIX=/usr/local >"$log" 2>&1; then
	cat "$log"
	echo "install: 0 passed, 1 failed"
	exit 1
fi
rm -f "$log"

CHECK_NAME=install
# shellcheck source=scripts/checks.sh
. scripts/checks.sh
for f in sbin/lbadm sbin/lbvs-healthcheck sbin/lbvs-rules \
	share/man/man8/lbadm.8 lib/systemd/system/lbvs.service; do
	check "no /usr/local/$f" "[ -e '$root/usr/local/$f' ]"
done
check "lbvs.ko not installed" "[ -e '$mods/extra/kmod/lbvs.ko' ]"
check "lbvs_toa.ko not installed" "[ -e '$mods/extra/kmod/toa/lbvs_toa.ko' ]"
check "modules.dep does not give lbvs its nf_defrag dependencies" \
	"grep -q '^extra/kmod/lbvs.ko: .*nf_defrag_ipv4.ko' '$mods/modules.dep'"
check "modprobe does not resolve lbvs" \
	"modprobe -d '$root' -S '$kver' --show-depends lbvs | grep -q 'extra/kmod/lbvs.ko'"
unit=$root/usr/local/lib/systemd/system/lbvs.service
check "lbvs.service runs another lbvs-rules" \
	"grep -qx 'ExecStart=/usr/local/sbin/lbvs-rules start' '$unit'"
check "no /etc/default/lbvs" "[ -e '$root/etc/default/lbvs' ]"
# verify fails on a program the unit runs that is not there, and only
# warns of an unknown key: both count.
verify=$(systemd-analyze verify --man=no --root="$root" \
	/usr/local/lib/systemd/system/lbvs.service 2>&1) || verify="failed: $verify"
# shellcheck disable=SC2016 # check evals it
check "systemd-analyze verify lbvs.service: $verify" '[ -z "$verify" ]'
echo changed >"$root/etc/default/lbvs"
make -s install DESTDIR="$root" PREFIX=/usr/local >/dev/null 2>&1 || true
check "a second install overwrote /etc/default/lbvs" \
	"[ \"\$(cat '$root/etc/default/lbvs')\" = changed ]"
# The Debian packages (make deb): lbadm's payload works where it lands and
# its unit names it; lbvs-dkms's sources, built by DKMS itself in scratch
# trees for the kernel the tests boot, are the module the suite loads (same
# srcversion), and e2e 001 loads that build from /var/cache/lbvs/dkms.
ver=$(modinfo -F version kmod/lbvs.ko)
deb=$root/deb
dk=$root/dkms
mkdir -p "$deb" "$dk/tree"
if scripts/make-deb.sh >"$log" 2>&1; then
	dpkg-deb -x "out/deb/lbadm_${ver}_$(dpkg --print-architecture).deb" "$deb"
	dpkg-deb -x "out/deb/lbvs-dkms_${ver}_all.deb" "$deb"
	dpkg-deb -e "out/deb/lbadm_${ver}_$(dpkg --print-architecture).deb" "$root/ctl"
else
	cat "$log"
fi
check "make deb failed" "[ -x '$deb/usr/sbin/lbadm' ]"
check "the packaged lbadm does not run" "'$deb/usr/sbin/lbadm' -v >/dev/null"
check "the packaged unit runs another lbvs-rules" \
	"grep -qx 'ExecStart=/usr/sbin/lbvs-rules start' '$deb/lib/systemd/system/lbvs.service'"
check "/etc/default/lbvs is not a conffile" "grep -qx /etc/default/lbvs '$root/ctl/conffiles'"
if dkms add --sourcetree "$deb/usr/src" --dkmstree "$dk/tree" -m lbvs -v "$ver" >"$log" 2>&1 &&
	dkms build --sourcetree "$deb/usr/src" --dkmstree "$dk/tree" -m lbvs -v "$ver" -k "$kver" >>"$log" 2>&1; then
	built=$dk/tree/lbvs/$ver/$kver/$(uname -m)/module
else
	cat "$log"
	built=$dk/none
fi
rm -f "$log"
for m in lbvs lbvs_toa; do
	check "dkms build made no $m.ko" "[ -e '$built/$m.ko' ]"
done
check "dkms built lbvs.ko from other sources" \
	"[ \"\$(modinfo -F srcversion '$built/lbvs.ko')\" = \"\$(modinfo -F srcversion kmod/lbvs.ko)\" ]"
check "dkms built lbvs.ko for another kernel" \
	"modinfo -F vermagic '$built/lbvs.ko' | grep -q '^$kver '"
rm -rf "/var/cache/lbvs/dkms/$kver"
mkdir -p "/var/cache/lbvs/dkms/$kver"
cp "$built"/*.ko "/var/cache/lbvs/dkms/$kver/" 2>/dev/null || true

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
