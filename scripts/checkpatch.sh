#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make checkpatch`: the kernel's checkpatch --strict over the module's
# sources and the UAPI header (from linux-source-6.1, unpacked once into
# /var/cache/lbvs). Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${LBVS_CACHE:-/var/cache/lbvs}/checkpatch
if [ ! -x "$cache/scripts/checkpatch.pl" ]; then
	mkdir -p "$cache"
	tar -xJf /usr/src/linux-source-6.1.tar.xz -C "$cache" --strip-components=1 \
		--wildcards '*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
fi
files=$(git ls-files 'kmod/*.c' 'kmod/*.h' include/uapi/linux/lbvs.h)
# shellcheck disable=SC2086
"$cache/scripts/checkpatch.pl" --no-tree --strict --terse --show-types \
	--ignore FILE_PATH_CHANGES -f $files
