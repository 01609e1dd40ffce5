/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every unit test's main() does: one suite, one case, its tests in
 * order, check's summary, and the exit status.
 */
#ifndef _LBVS_UNIT_H
#define _LBVS_UNIT_H

#include <check.h>
#include <stdlib.h>

static inline int unit_run(const char *suite, const char *tcase,
			   const TTest *const *tests, size_t n)
{
	Suite *s = suite_create(suite);
	TCase *tc = tcase_create(tcase);
	SRunner *sr;
	int failed;
	size_t i;

	for (i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#define UNIT_RUN(suite, tcase, ...) ({ \
	const TTest *const _t[] = { __VA_ARGS__ }; \
	unit_run(suite, tcase, _t, sizeof(_t) / sizeof(_t[0])); })

#endif /* _LBVS_UNIT_H */
