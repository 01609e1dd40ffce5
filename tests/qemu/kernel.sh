# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # sets variables for run.sh
#
# Sourced by run.sh: finds (stock) or builds (debug) the guest kernel and the
# lbvs module that matches it.  Sets:
#   KIMAGE        kernel image to boot
#   KVER          its release string (uname -r in the guest)
#   GUEST_MODDIR  host path of its modules tree, bind-mounted by the guest
#                 onto /lib/modules/$KVER
#   LBVS_KO       the lbvs module for it (may be missing: tests then fail);
#                 lbvs_toa is toa/lbvs_toa.ko next to it
# Needs TOP, HERE, CACHE, RES (this run's results) and the functions log and
# die from run.sh.

# Debian's kernel; the module comes from the top-level `make`.
stock_kernel()
{
	KIMAGE=$(find /boot -maxdepth 1 -name 'vmlinuz-6.1.0-*-amd64' | sort -V | tail -n 1)
	[ -n "$KIMAGE" ] || die "no /boot/vmlinuz-6.1.0-*-amd64: run scripts/install-deps.sh"
	KVER=${KIMAGE#/boot/vmlinuz-}
	GUEST_MODDIR=/lib/modules/$KVER
	LBVS_KO=$TOP/kmod/lbvs.ko
	if [ ! -e "$LBVS_KO" ]; then
		log "WARNING: $LBVS_KO is not built (run make): tests that load it will fail"
		return
	fi
	local magic
	magic=$(modinfo -F vermagic "$LBVS_KO" | cut -d' ' -f1)
	[ "$magic" = "$KVER" ] ||
		die "$LBVS_KO was built for $magic but the guest runs $KVER: make clean && make KDIR=/lib/modules/$KVER/build"
}

# tinyconfig + debug.config from Debian's linux-source-6.1, built once and
# cached outside the tree, keyed by the fragment and the source version.
# Sets KDIR_DEBUG.
debug_kernel_build()
{
	local key
	key=$({ cat "$HERE/debug.config"; dpkg-query -W -f='${Version}' linux-source-6.1; } |
		sha256sum | cut -c1-16)
	KDIR_DEBUG=$CACHE/kernel-$key
	# Its own lock: a stock run does not wait for a build (make check
	# builds in the background while the stock guest runs).
	exec 8>"$CACHE/kernel.lock"
	flock 8
	[ -e "$KDIR_DEBUG/done" ] || build_debug_kernel "$KDIR_DEBUG"
	flock -u 8
}

debug_kernel()
{
	local dir
	debug_kernel_build
	dir=$KDIR_DEBUG
	KIMAGE=$dir/bzImage
	KVER=$(cat "$dir/kernelrelease")
	GUEST_MODDIR=$dir/lib/modules/$KVER
	build_debug_module "$dir/linux" "$RES/mod-build"
	LBVS_KO=$RES/mod-build/kmod/lbvs.ko
}

build_debug_kernel()
{
	local dir=$1 k=$1/linux t0=$SECONDS
	local tarball=/usr/src/linux-source-6.1.tar.xz

	[ -e "$tarball" ] || die "$tarball missing: run scripts/install-deps.sh"
	log "building the debug kernel in $dir (first run only, several minutes)"
	rm -rf "$dir"
	mkdir -p "$k"
	tar -C "$k" --strip-components=1 -xf "$tarball"
	{
		make -C "$k" tinyconfig &&
		(cd "$k" && scripts/kconfig/merge_config.sh -m .config "$HERE/debug.config") &&
		make -C "$k" olddefconfig &&
		make -C "$k" -j2 bzImage modules &&
		make -C "$k" modules_install INSTALL_MOD_PATH="$dir" &&
		make -s -C "$k" kernelrelease >"$dir/kernelrelease"
	} >"$dir/build.log" 2>&1 || { tail -n 30 "$dir/build.log" >&2; die "debug kernel build failed: $dir/build.log"; }
	check_fragment "$k/.config"
	cp "$k/arch/x86/boot/bzImage" "$dir/"
	touch "$dir/done"
	log "debug kernel $(cat "$dir/kernelrelease") built in $((SECONDS - t0)) s"
}

# Options of the fragment that Kconfig dropped (unmet dependencies).
check_fragment()
{
	local line opt
	while read -r line; do
		case $line in
		CONFIG_*=n) opt=${line%%=*}
			grep -q "^$opt=" "$1" && log "debug.config: $opt wanted off, is on" ;;
		CONFIG_*) grep -qx "$line" "$1" || log "debug.config: $line did not stick" ;;
		esac
	done <"$HERE/debug.config"
}

# Build lbvs against the debug tree in a copy (in this run's results, so
# concurrent runs do not clash), so the stock build in the repo is never
# clobbered.
build_debug_module()
{
	local k=$1 mb=$2
	rm -rf "$mb"
	mkdir -p "$mb"
	tar -C "$TOP" --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod' --exclude='*.mod.c' --exclude='modules.order' \
		--exclude='Module.symvers' -cf - Kbuild kmod include | tar -C "$mb" -xf -
	make -C "$k" M="$mb" -j2 modules >"$mb/build.log" 2>&1 ||
		log "WARNING: lbvs does not build against the debug kernel ($mb/build.log): tests that load it will fail"
	# lbvs_toa (kmod/toa, the real-server module) stands alone: have it
	# even when lbvs itself did not build.
	[ -e "$mb/kmod/toa/lbvs_toa.ko" ] ||
		make -C "$k" M="$mb/kmod/toa" -j2 modules >"$mb/build-toa.log" 2>&1 ||
		log "WARNING: lbvs_toa does not build against the debug kernel ($mb/build-toa.log)"
}
