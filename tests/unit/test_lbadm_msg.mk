# SPDX-License-Identifier: GPL-2.0
lbadm_msg_SRCS := ../../tools/lbadm/parse.c ../../tools/lbadm/fmt.c ../../tools/lbadm/opts.c \
	../../tools/lbadm/print.c ../../tools/lbadm/msg.c ../../tools/lbadm/attr.c
UNIT_TESTS += lbadm_msg
