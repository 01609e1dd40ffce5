#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what lbvs needs to build and to run its QEMU tests (Debian 12, as
# root).  Idempotent and quick when everything is present: apt is only asked
# when a package is missing.
set -euo pipefail

PKGS=(
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	gcc make bc flex bison libelf-dev libssl-dev xz-utils sparse
	libnl-3-dev libnl-genl-3-dev check pkg-config
	qemu-system-x86 busybox-static cpio kmod
	iproute2 iputils-ping ipvsadm iperf3 socat curl tcpdump hping3 nftables keepalived python3 ethtool prometheus systemd dkms debhelper dh-dkms debootstrap
)

missing=()
for p in "${PKGS[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	[[ $status == ii* ]] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
