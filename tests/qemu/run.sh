#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a QEMU guest on Debian's kernel (stock) or on a debug kernel (KASAN,
# lockdep, kmemleak, UBSAN) and run the end-to-end tests tests/e2e/NNN-*.sh
# in it.  The guest sees the host's root read-only over virtio-9p and writes
# its results to a second, writable share.
#
#   tests/qemu/run.sh --kernel stock|debug [--filter REGEX] [--timeout SECONDS]
#   tests/qemu/run.sh --kernel stock|debug --script FILE   (one script, its output shown)
#   tests/qemu/run.sh --kernel debug --build-only   (build the debug kernel if not cached)
#   tests/qemu/run.sh --pair FILE [--timeout SECONDS]   (two stock guests on one LAN)
#   tests/qemu/run.sh --selftest-splat
#
# --timeout bounds the whole guest run (default 1800 s, debug 3600 s); each
# test has its own limit (120 s, or its `# timeout: N` line).  Exits non-zero
# if a test failed, the guest did not finish, or the kernel log has a splat.
# Results (console log, each test's output and kernel log) are kept in
# /tmp/lbvs-e2e.* when something failed, or always with LBVS_KEEP=1.
#
# --pair boots two guests at once (roles a and b, LBVS_ROLE on their kernel
# command line), each running FILE, for what one kernel cannot hold: the
# kernel's ip_vs and lbvs with ipvs_api=1 both want the netlink family
# IPVS. Their two virtio NICs are joined by QEMU socket netdevs on
# 127.0.0.1 (front: MACs 52:54:00:00:0a:01 and ...:0b:01, back: ...:02), so
# no packet leaves the host; each has its own results share and both write
# /tmp/lbvs-shared (tests/pair/pair.sh's barriers).  Default timeout 900 s.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
CACHE=${LBVS_CACHE:-/var/cache/lbvs}
# Kernel modules the stock kernel needs to mount the 9p root, in load order.
BOOT_MODULES="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev
	virtio_pci netfs fscache 9pnet 9pnet_virtio 9p"
# And the NICs of a --pair guest, loaded by init only in one (the single
# guest has no NIC).
NET_MODULES="failover net_failover virtio_net"

log() { echo "run.sh: $*" >&2; }
die() { log "$*"; exit 1; }

usage() { sed -n 's/^#   //p' "$0" >&2; exit 2; }

KERNEL='' FILTER=. TIMEOUT='' SCRIPT='' BUILD_ONLY='' PAIR=''
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) KERNEL=${2:?}; shift 2 ;;
	--filter) FILTER=${2:?}; shift 2 ;;
	--timeout) TIMEOUT=${2:?}; shift 2 ;;
	--script) SCRIPT=$(readlink -f "${2:?}"); shift 2 ;;
	--build-only) BUILD_ONLY=1; shift ;;
	--pair) PAIR=$(readlink -f "${2:?}"); shift 2 ;;
	--selftest-splat) exec "$HERE/splat.sh" --selftest ;;
	*) usage ;;
	esac
done

# shellcheck source-path=SCRIPTDIR source=kernel.sh
. "$HERE/kernel.sh"

# stage_module STAGE NAME LIST: NAME's .ko into the initramfs, named in
# /modules/LIST (nothing if built in).
stage_module()
{
	local f
	f=$(find "$GUEST_MODDIR/kernel" -name "$2.ko*" | head -n 1)
	[ -n "$f" ] || return 0
	case $f in
	*.xz) xz -dc "$f" ;;
	*.zst) zstd -qdc "$f" ;;
	*) cat "$f" ;;
	esac >"$1/modules/$2.ko"
	echo "$2" >>"$1/modules/$3"
}

# busybox /init plus, for a modular kernel, its virtio/9p modules
# (decompressed: busybox insmod may not read .ko.xz).
build_initramfs()
{
	local key stage m
	key=$({ echo "$BOOT_MODULES $NET_MODULES"; cat "$HERE/init" "$GUEST_MODDIR/modules.dep" /bin/busybox; } |
		sha256sum | cut -c1-16)
	INITRD=$CACHE/initramfs-$KVER-$key.cpio.gz
	[ -e "$INITRD" ] && return
	stage=$(mktemp -d)
	mkdir -p "$stage"/{bin,dev,proc,sys,host,newroot,modules}
	cp /bin/busybox "$stage/bin/"
	cp "$HERE/init" "$stage/init"
	mknod -m 600 "$stage/dev/console" c 5 1
	for m in $BOOT_MODULES; do
		stage_module "$stage" "$m" list
	done
	for m in $NET_MODULES; do
		stage_module "$stage" "$m" list-net
	done
	(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$INITRD.tmp"
	mv "$INITRD.tmp" "$INITRD"
	rm -rf "$stage"
}

# qemu_guest RESULTS APPEND [QEMU ARGS...]: one guest, its results share
# RESULTS, its console (CRs stripped) on stdout and in RESULTS/console.log.
qemu_guest()
{
	local res=$1 append=$2
	shift 2
	# -erms: with it the guest's kernel and libc zero and copy memory with
	# "rep movsb/stosb", which TCG runs a byte per step (~100 MB/s here):
	# zeroing the pages a process touches was a fifth of lbadm -L -n. Without
	# it they use 8-byte moves. Measured 2026-11-28 (e2e 310's rules, three
	# rounds): restore 2.7-3.9 s -> 2.1-2.4 s, list 1.1-1.4 s -> 0.8-1.2 s.
	# LBVS_QEMU_CPU overrides (e.g. "max" to compare), LBVS_QEMU_MEM the
	# guest's memory. -mem-prealloc: the
	# host backs the guest's RAM before it boots, as a machine's RAM is;
	# otherwise the host faults in each guest page on its first use, and
	# the first 10,000-service restore of a boot took 2.3-2.6 s against
	# 1.6-2.0 s for the next ones (e2e 310, 2026-11-28; with it 1.6-1.7 s).
	timeout -k 10 "$TIMEOUT" qemu-system-x86_64 \
		-accel tcg,thread=multi -cpu "${LBVS_QEMU_CPU:-max,-erms}" -smp 2 -m "${LBVS_QEMU_MEM:-$MEM}" -mem-prealloc \
		-nic none -nographic -no-reboot -monitor none -serial stdio \
		-kernel "$KIMAGE" -initrd "$INITRD" -append "$append" \
		-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
		-virtfs "local,path=$res,mount_tag=results,security_model=none,multidevs=remap" \
		"$@" </dev/null 2>&1 | sed -u 's/\r$//' | tee "$res/console.log"
	return "${PIPESTATUS[0]}"
}

APPEND="console=ttyS0 panic=-1 LBVS_TOP=$TOP"

boot()
{
	local rc
	set +e
	qemu_guest "$RES" "$APPEND LBVS_MODDIR=$GUEST_MODDIR" |
		sed -u -n 's/^== /  running /p' >&2
	rc=${PIPESTATUS[0]}
	set -e
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		log "the guest did not finish within $TIMEOUT s: killed"
	fi
}

indent() { sed 's/^/    | /' "$@"; }

# report_guest RESULTS [LABEL]: one line per test of the guest whose
# results are in RESULTS (LABEL after each name: a pair's role), details of
# failures, its splats; adds to pass, fail, skip and bad.
report_guest()
{
	local res=$1 label=${2:-} status name secs started
	while read -r status name secs; do
		[ -z "$SCRIPT" ] || cat "$res/$name/output.log"
		echo "$status $name$label (${secs}s)"
		case $status in
		PASS) pass=$((pass + 1)) ;;
		SKIP) skip=$((skip + 1))
			sed -n 's/^SKIP: /    /p' "$res/$name/output.log" ;;
		*) fail=$((fail + 1))
			indent "$res/$name/output.log"
			echo "    kernel log:"
			indent "$res/$name/dmesg" ;;
		esac
	done <"$res/summary"
	if [ ! -e "$res/done" ]; then
		bad=1
		started=$(sed -n 's/.*lbvs-e2e: BEGIN //p' "$res/console.log" | tail -n 1)
		if [ -n "$started" ] && ! grep -q " $started " "$res/summary"; then
			echo "FAIL $started$label (did not finish)"
			fail=$((fail + 1))
		fi
		echo "the guest${label} did not finish; console tail:"
		tail -n 40 "$res/console.log" | indent
	fi
	if ! "$HERE/splat.sh" "$res/console.log"; then
		bad=1
	fi
	if [ -s "$res/kmemleak" ]; then
		bad=1
		echo "FAIL kmemleak reports leaks:"
		head -n 60 "$res/kmemleak" | indent
	fi
}

# One line per test, details of failures, splats, totals.
report()
{
	local pass=0 fail=0 skip=0 bad=0 r
	if [ -n "$PAIR" ]; then
		for r in a b; do report_guest "$RES/$r" " [$r]"; done
	else
		report_guest "$RES"
	fi
	if [ $((pass + fail + skip)) -eq 0 ]; then
		bad=1
		echo "FAIL no test ran (filter: $FILTER)"
	fi
	echo "$pass passed, $fail failed$( [ $skip -eq 0 ] || echo ", $skip skipped")"
	[ $fail -eq 0 ] && [ $bad -eq 0 ]
}

[[ $TOP != *[[:space:]]* ]] || die "the repository path must not contain spaces: $TOP"
mkdir -p "$CACHE"
if [ -n "$BUILD_ONLY" ]; then
	[ "$KERNEL" = debug ] || usage
	debug_kernel_build
	exit
fi
if [ -n "$PAIR" ]; then
	[ "${KERNEL:=stock}" = stock ] || die "--pair runs on the stock kernel only"
	[ -e "$PAIR" ] || die "no such test: $PAIR"
fi
RES=$(mktemp -d /tmp/lbvs-e2e.XXXXXX)
chmod 755 "$RES"
touch "$RES/summary"
case $KERNEL in
# A pair's guests share the host's cores: less memory each, and more time.
stock) stock_kernel
	if [ -n "$PAIR" ]; then TIMEOUT=${TIMEOUT:-900} MEM=2G
	else TIMEOUT=${TIMEOUT:-1800} MEM=4G
	fi ;;
# kmemleak's final scans read every page's struct page: with 2G rather
# than 4G they take half as long.
debug) debug_kernel; TIMEOUT=${TIMEOUT:-3600} MEM=2G ;;
*) usage ;;
esac
[ -x "$TOP/tools/lbadm/lbadm" ] || log "WARNING: tools/lbadm/lbadm is not built (run make)"
exec 9>"$CACHE/lock"
flock 9		# one builder of an initramfs at a time
build_initramfs
flock -u 9

# write_config RESULTS: the settings guest-run.sh reads from its share.
write_config()
{
	printf 'LBVS_KERNEL=%q\n' "$KERNEL"
	printf 'LBVS_FILTER=%q\n' "$FILTER"
	printf 'LBVS_SCRIPT=%q\n' "$SCRIPT"
	# 1: tests run their long variants too (make check-extended).
	printf 'LBVS_EXTENDED=%q\n' "${LBVS_EXTENDED:-0}"
	# The guest sees this run's results directory at /tmp/lbvs-results.
	printf 'LBVS_KO=%q\n' "${LBVS_KO/#$RES//tmp/lbvs-results}"
}

if [ -n "$PAIR" ]; then
	# shellcheck source-path=SCRIPTDIR source=pair.sh
	. "$HERE/pair.sh"
	pair_run
	exit
fi
write_config >"$RES/config"

log "booting $KERNEL kernel $KVER; results in $RES"
t0=$SECONDS
boot
# One more boot when the kernel splatted before the first test: seen once
# in CI on the debug kernel (KASAN, 0.1 s into boot, never here in 30 boots).
# The splat is printed; a second one fails the run as any splat does.
if [ -e "$RES/boot-splat" ]; then
	log "the kernel logged a splat while booting, before any test ran:"
	indent "$RES/boot-splat" >&2
	mv "$RES/console.log" "$RES/console-boot1.log"
	rm -f "$RES/boot-splat"
	log "booting again"
	boot
fi
log "guest ran for $((SECONDS - t0)) s"
rm -rf "$RES/mod-build"
if report; then
	[ -n "${LBVS_KEEP:-}" ] || rm -rf "$RES"
else
	log "results kept in $RES"
	exit 1
fi
