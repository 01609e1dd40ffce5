#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make deb`: the Debian packages lbadm and lbvs-dkms (debian/), built with
# dpkg-buildpackage from a copy of the tracked sources (so that the tree's
# own build products stay out), into out/deb/. Needs debhelper and dh-dkms
# (scripts/install-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

out=$PWD/out/deb
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ver=$(sed -n 's/^#define LBVS_VERSION[[:space:]]*"\(.*\)"/\1/p' kmod/version.h)
src=$work/lbvs-$ver
mkdir -p "$src" "$out"
if git rev-parse --git-dir >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		xargs -0 cp --parents -t "$src"
else
	tar -cf - --exclude=./out --exclude='*.o' --exclude='*.ko' . | tar -xf - -C "$src"
fi
(cd "$src" && dpkg-buildpackage -b -us -uc >"$work/build.log" 2>&1) || {
	tail -n 40 "$work/build.log"
	echo "make-deb: dpkg-buildpackage failed" >&2
	exit 1
}
rm -f "$out"/*.deb
cp "$work"/*.deb "$out/"
ls "$out"
