// SPDX-License-Identifier: GPL-2.0
/*
 * Linked into the unit tests only: points the library's objects at a
 * directory of files written by the test (LOGONSESS_TEST_FS_DIR) instead of
 * /sys/kernel/security/logonsess. The shipped library has no such switch:
 * ls_fs_dir is local to it (its version script).
 */

#include <stdlib.h>

extern const char *ls_fs_dir;

static void __attribute__((constructor)) test_fs_dir(void)
{
	const char *dir = getenv("LOGONSESS_TEST_FS_DIR");

	if (dir)
		ls_fs_dir = dir;
}
