# SPDX-License-Identifier: GPL-2.0
sched_SRCS := ../../kmod/sched_algo.c
UNIT_TESTS += sched
