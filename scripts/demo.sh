#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: install what is missing, build, boot Debian's kernel in QEMU
# and run tests/e2e/demo.sh there: lbvs balancing HTTP over three real
# servers with wrr 3:2:1 in NAT mode.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
make -s all
exec tests/qemu/run.sh --kernel stock --script tests/e2e/demo.sh
