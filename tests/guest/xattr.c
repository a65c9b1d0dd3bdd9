// SPDX-License-Identifier: GPL-2.0
/*
 * xattr get|set|rm PATH [VALUE]: the attribute security.logonsess for
 * shell tests (busybox has no getfattr). Prints the value (get), or the
 * errno name of a failure on stderr; exits 0 on success, 1 on failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/xattr.h>

#define NAME "security.logonsess"

int main(int argc, char **argv)
{
	char buf[256];
	ssize_t len;
	int ret;

	if (argc == 3 && !strcmp(argv[1], "get")) {
		len = getxattr(argv[2], NAME, buf, sizeof(buf) - 1);
		if (len >= 0) {
			buf[len] = '\0';
			printf("%s\n", buf);
			return 0;
		}
		ret = -1;
	} else if (argc == 4 && !strcmp(argv[1], "set")) {
		ret = setxattr(argv[2], NAME, argv[3], strlen(argv[3]), 0);
	} else if (argc == 3 && !strcmp(argv[1], "rm")) {
		ret = removexattr(argv[2], NAME);
	} else {
		fprintf(stderr, "usage: xattr get|set|rm PATH [VALUE]\n");
		return 2;
	}
	if (ret) {
		fprintf(stderr, "%s\n", strerrorname_np(errno));
		return 1;
	}
	return 0;
}
