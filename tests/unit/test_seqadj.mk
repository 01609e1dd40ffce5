# SPDX-License-Identifier: GPL-2.0
seqadj_SRCS := ../../kmod/seqadj.c ../../kmod/tcpopt.c
UNIT_TESTS += seqadj
test_seqadj: CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
