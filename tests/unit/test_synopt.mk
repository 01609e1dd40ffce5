# SPDX-License-Identifier: GPL-2.0
synopt_SRCS := ../../kmod/synopt.c ../../kmod/tcpopt.c
UNIT_TESTS += synopt
test_synopt: CFLAGS += -I. -fsanitize=address,undefined -fno-sanitize-recover=all
