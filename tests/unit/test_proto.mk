# SPDX-License-Identifier: GPL-2.0
proto_SRCS := ../../kmod/proto_state.c
UNIT_TESTS += proto
