/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAP lines for the C tests (the guest's, and tests/unit's on the host):
 * check(COND, FORMAT, ...) prints "ok N - ..." or "not ok N - ...";
 * n is the number of checks so far, failed the number that failed.
 */

#ifndef LOGONSESS_TAP_H
#define LOGONSESS_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int n, failed;

static void __attribute__((format(printf, 2, 3)))
check(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", cond ? "ok" : "not ok", ++n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		failed++;
}

#endif /* LOGONSESS_TAP_H */
