# SPDX-License-Identifier: GPL-2.0
# lbadm: value parsing, option table, command lines, printers, netlink
# message assembly and reply parsing (no socket needed).
lbadm_SRCS := ../../tools/lbadm/parse.c ../../tools/lbadm/fmt.c ../../tools/lbadm/opts.c \
	      ../../tools/lbadm/print.c ../../tools/lbadm/msg.c
UNIT_TESTS += lbadm
