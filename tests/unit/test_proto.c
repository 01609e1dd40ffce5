// SPDX-License-Identifier: GPL-2.0
/*
 * The connection state machine (kmod/proto_state.c) in userspace.
 */
#include "unit.h"
#include <stdlib.h>

#include "proto_state.h"

#define SYN LBVS_TCPF_SYN
#define ACK LBVS_TCPF_ACK
#define FIN LBVS_TCPF_FIN
#define RST LBVS_TCPF_RST

/* Walk a sequence of (direction, flags) from NONE and return the state. */
static u8 walk(const enum lbvs_dir *dirs, const u8 *flags, int n)
{
	u8 s = LBVS_S_NONE;
	int i;

	for (i = 0; i < n; i++)
		s = lbvs_tcp_next_state(s, dirs[i], flags[i]);
	return s;
}

START_TEST(handshake_nat)
{
	enum lbvs_dir d[] = { LBVS_DIR_IN, LBVS_DIR_OUT, LBVS_DIR_IN };
	u8 f[] = { SYN, SYN | ACK, ACK };

	ck_assert_int_eq(walk(d, f, 1), LBVS_S_SYN_RECV);
	ck_assert_int_eq(walk(d, f, 2), LBVS_S_SYN_RECV);
	ck_assert_int_eq(walk(d, f, 3), LBVS_S_ESTABLISHED);
}
END_TEST

START_TEST(close_nat)
{
	enum lbvs_dir d[] = { LBVS_DIR_IN, LBVS_DIR_OUT, LBVS_DIR_IN,
			      LBVS_DIR_IN, LBVS_DIR_OUT, LBVS_DIR_IN };
	u8 f[] = { SYN, SYN | ACK, ACK, FIN | ACK, FIN | ACK, ACK };

	ck_assert_int_eq(walk(d, f, 4), LBVS_S_CLOSE_WAIT);
	ck_assert_int_eq(walk(d, f, 5), LBVS_S_TIME_WAIT);
	ck_assert_int_eq(walk(d, f, 6), LBVS_S_TIME_WAIT);
}
END_TEST

START_TEST(input_only_dr)
{
	enum lbvs_dir d[] = { LBVS_DIR_IN_ONLY, LBVS_DIR_IN_ONLY, LBVS_DIR_IN_ONLY };
	u8 f[] = { SYN, ACK, FIN | ACK };

	ck_assert_int_eq(walk(d, f, 2), LBVS_S_ESTABLISHED);
	ck_assert_int_eq(walk(d, f, 3), LBVS_S_FIN_WAIT);
}
END_TEST

START_TEST(reset_closes)
{
	u8 s;

	for (s = LBVS_S_NONE; s <= LBVS_S_SYNACK; s++) {
		u8 n = lbvs_tcp_next_state(s, LBVS_DIR_OUT, RST);

		ck_assert(n == LBVS_S_CLOSE || n == LBVS_S_SYN_SENT || n == LBVS_S_TIME_WAIT);
	}
	ck_assert_int_eq(lbvs_tcp_next_state(LBVS_S_ESTABLISHED, LBVS_DIR_IN, RST),
			 LBVS_S_CLOSE);
}
END_TEST

/* Hostile input: any state byte, any direction, any flags stays in range. */
START_TEST(total_function)
{
	unsigned int s, d, f;

	for (s = 0; s < 256; s++)
		for (d = 0; d < 4; d++)
			for (f = 0; f < 256; f++)
				ck_assert_uint_le(lbvs_tcp_next_state(s, d, f), LBVS_S_SYNACK);
	ck_assert_str_eq(lbvs_state_name(200), "ERR!");
	ck_assert_uint_eq(lbvs_state_default_timeout(200), 0);
	ck_assert(!lbvs_state_active(200));
}
END_TEST

START_TEST(timeouts_and_names)
{
	ck_assert_uint_eq(lbvs_state_default_timeout(LBVS_S_ESTABLISHED), 900);
	ck_assert_uint_eq(lbvs_state_default_timeout(LBVS_S_FIN_WAIT), 120);
	ck_assert_uint_eq(lbvs_state_default_timeout(LBVS_S_UDP), 300);
	ck_assert_str_eq(lbvs_state_name(LBVS_S_SYN_RECV), "SYN_RECV");
	ck_assert_str_eq(lbvs_state_name(LBVS_S_UDP), "UDP");
	ck_assert(lbvs_state_active(LBVS_S_ESTABLISHED));
	ck_assert(lbvs_state_active(LBVS_S_SYN_RECV));
	ck_assert(!lbvs_state_active(LBVS_S_TIME_WAIT));
	ck_assert(!lbvs_state_active(LBVS_S_UDP));
	ck_assert(lbvs_state_closed(LBVS_S_TIME_WAIT));
	ck_assert(lbvs_state_closed(LBVS_S_CLOSE));
	ck_assert(lbvs_state_closed(LBVS_S_LAST_ACK));
	ck_assert(!lbvs_state_closed(LBVS_S_FIN_WAIT));
	ck_assert(!lbvs_state_closed(LBVS_S_CLOSE_WAIT));
	ck_assert(!lbvs_state_closed(LBVS_S_UDP));
	ck_assert(!lbvs_state_closed(200));
}
END_TEST

int main(void)
{
	return UNIT_RUN("proto_state", "tcp",
			handshake_nat,
			close_nat,
			input_only_dr,
			reset_closes,
			total_function,
			timeouts_and_names);
}
