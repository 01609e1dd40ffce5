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
#   tests/qemu/run.sh --selftest-splat
#
# --timeout bounds the whole guest run (default 1800 s, debug 3600 s); each
# test has its own limit (120 s, or its `# timeout: N` line).  Exits non-zero
# if a test failed, the guest did not finish, or the kernel log has a splat.
# Results (console log, each test's output and kernel log) are kept in
# /tmp/lbvs-e2e.* when something failed, or always with LBVS_KEEP=1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
CACHE=${LBVS_CACHE:-/var/cache/lbvs}
# Kernel modules the stock kernel needs to mount the 9p root, in load order.
BOOT_MODULES="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev
	virtio_pci netfs fscache 9pnet 9pnet_virtio 9p"

log() { echo "run.sh: $*" >&2; }
die() { log "$*"; exit 1; }

usage() { sed -n 's/^#   //p' "$0" >&2; exit 2; }

KERNEL='' FILTER=. TIMEOUT='' SCRIPT='' BUILD_ONLY=''
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) KERNEL=${2:?}; shift 2 ;;
	--filter) FILTER=${2:?}; shift 2 ;;
	--timeout) TIMEOUT=${2:?}; shift 2 ;;
	--script) SCRIPT=$(readlink -f "${2:?}"); shift 2 ;;
	--build-only) BUILD_ONLY=1; shift ;;
	--selftest-splat) exec "$HERE/splat.sh" --selftest ;;
	*) usage ;;
	esac
done

# shellcheck source-path=SCRIPTDIR source=kernel.sh
. "$HERE/kernel.sh"

# busybox /init plus, for a modular kernel, its virtio/9p modules
# (decompressed: busybox insmod may not read .ko.xz).
build_initramfs()
{
	local key stage m f
	key=$(cat "$HERE/init" "$GUEST_MODDIR/modules.dep" /bin/busybox | sha256sum | cut -c1-16)
	INITRD=$CACHE/initramfs-$KVER-$key.cpio.gz
	[ -e "$INITRD" ] && return
	stage=$(mktemp -d)
	mkdir -p "$stage"/{bin,dev,proc,sys,host,newroot,modules}
	cp /bin/busybox "$stage/bin/"
	cp "$HERE/init" "$stage/init"
	mknod -m 600 "$stage/dev/console" c 5 1
	for m in $BOOT_MODULES; do
		f=$(find "$GUEST_MODDIR/kernel" -name "$m.ko*" | head -n 1)
		[ -n "$f" ] || continue	# built in
		case $f in
		*.xz) xz -dc "$f" ;;
		*.zst) zstd -qdc "$f" ;;
		*) cat "$f" ;;
		esac >"$stage/modules/$m.ko"
		echo "$m" >>"$stage/modules/list"
	done
	(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$INITRD.tmp"
	mv "$INITRD.tmp" "$INITRD"
	rm -rf "$stage"
}

boot()
{
	local append="console=ttyS0 panic=-1 LBVS_TOP=$TOP LBVS_MODDIR=$GUEST_MODDIR"
	local rc
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
	set +e
	timeout -k 10 "$TIMEOUT" qemu-system-x86_64 \
		-accel tcg,thread=multi -cpu "${LBVS_QEMU_CPU:-max,-erms}" -smp 2 -m "${LBVS_QEMU_MEM:-$MEM}" -mem-prealloc \
		-nic none -nographic -no-reboot -monitor none -serial stdio \
		-kernel "$KIMAGE" -initrd "$INITRD" -append "$append" \
		-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
		-virtfs "local,path=$RES,mount_tag=results,security_model=none,multidevs=remap" \
		</dev/null 2>&1 | sed -u 's/\r$//' | tee "$RES/console.log" |
		sed -u -n 's/^== /  running /p' >&2
	rc=${PIPESTATUS[0]}
	set -e
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		log "the guest did not finish within $TIMEOUT s: killed"
	fi
}

indent() { sed 's/^/    | /' "$@"; }

# One line per test, details of failures, splats, totals.
report()
{
	local status name secs pass=0 fail=0 skip=0 bad=0 started
	while read -r status name secs; do
		[ -z "$SCRIPT" ] || cat "$RES/$name/output.log"
		echo "$status $name (${secs}s)"
		case $status in
		PASS) pass=$((pass + 1)) ;;
		SKIP) skip=$((skip + 1))
			sed -n 's/^SKIP: /    /p' "$RES/$name/output.log" ;;
		*) fail=$((fail + 1))
			indent "$RES/$name/output.log"
			echo "    kernel log:"
			indent "$RES/$name/dmesg" ;;
		esac
	done <"$RES/summary"
	if [ ! -e "$RES/done" ]; then
		bad=1
		started=$(sed -n 's/.*lbvs-e2e: BEGIN //p' "$RES/console.log" | tail -n 1)
		if [ -n "$started" ] && ! grep -q " $started " "$RES/summary"; then
			echo "FAIL $started (did not finish)"
			fail=$((fail + 1))
		fi
		echo "the guest did not finish; console tail:"
		tail -n 40 "$RES/console.log" | indent
	fi
	if ! "$HERE/splat.sh" "$RES/console.log"; then
		bad=1
	fi
	if [ -s "$RES/kmemleak" ]; then
		bad=1
		echo "FAIL kmemleak reports leaks:"
		head -n 60 "$RES/kmemleak" | indent
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
RES=$(mktemp -d /tmp/lbvs-e2e.XXXXXX)
chmod 755 "$RES"
touch "$RES/summary"
case $KERNEL in
stock) stock_kernel; TIMEOUT=${TIMEOUT:-1800} MEM=4G ;;
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

{
	printf 'LBVS_KERNEL=%q\n' "$KERNEL"
	printf 'LBVS_FILTER=%q\n' "$FILTER"
	printf 'LBVS_SCRIPT=%q\n' "$SCRIPT"
	# 1: tests run their long variants too (make check-extended).
	printf 'LBVS_EXTENDED=%q\n' "${LBVS_EXTENDED:-0}"
	# The guest sees this run's results directory at /tmp/lbvs-results.
	printf 'LBVS_KO=%q\n' "${LBVS_KO/#$RES//tmp/lbvs-results}"
} >"$RES/config"

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
