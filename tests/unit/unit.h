/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the C unit tests share: TAP lines, and the files of the directory
 * that stands in for securityfs (fsdir.c). Each test defines `dir` (that
 * directory) before including this.
 */

#ifndef LOGONSESS_UNIT_H
#define LOGONSESS_UNIT_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../guest/tap.h"

/* dir/@name holds @text, as a new file. */
static void put(const char *name, const char *text)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(99);
	}
}

#endif /* LOGONSESS_UNIT_H */
