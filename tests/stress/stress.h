/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the logonsess stress program and fuzzer: the random
 * stream, shared memory, the invariants checked after a run. Access to the
 * securityfs files comes from the kselftest helpers.
 */
#ifndef LOGONSESS_STRESS_H
#define LOGONSESS_STRESS_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../tools/testing/selftests/logonsess/common.h"

/* xorshift64*: small, fast, deterministic for a given seed. */
static inline uint64_t rnd(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 0x2545F4914F6CDD1DULL;
}

/* Shared between the processes of a run: an anonymous shared mapping. */
static inline void *shared(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * After a run nothing of it may remain: wait until the counters settle
 * (sessions die after an RCU grace period and a work item), then check
 * that live is back to @base_live, that created - destroyed == live, and
 * that the listed sessions are exactly the well-known ones (so none is
 * listed without a credential holding it). Returns the number of failures.
 */
static inline int check_invariants(unsigned long long base_live)
{
	static char buf[1 << 20];
	struct stats st, prev;
	int failures = 0, i, lines = 0, leftover = 0;
	char *p;

	read_stats(&prev);
	for (i = 0; i < 300; i++) {
		usleep(100 * 1000);
		read_stats(&st);
		if (st.live == base_live && st.created == prev.created &&
		    st.destroyed == prev.destroyed)
			break;
		prev = st;
	}
	printf("# stats after the run: live=%llu created=%llu destroyed=%llu\n",
	       st.live, st.created, st.destroyed);
	if (st.live != base_live) {
		printf("not ok - live is %llu, %llu before the run\n", st.live,
		       base_live);
		failures++;
	} else {
		printf("ok - live is back to %llu\n", base_live);
	}
	if (st.created - st.destroyed != st.live) {
		printf("not ok - created - destroyed != live\n");
		failures++;
	} else {
		printf("ok - created - destroyed == live\n");
	}
	ls_read(LS "sessions", buf, sizeof(buf));
	for (p = buf; *p; p = strchr(p, '\n') + 1) {
		unsigned long long id = strtoull(p + 3, NULL, 16);

		lines++;
		if (id >= 0x3e4 && id <= 0x3e7)
			continue;
		if (++leftover <= 5)
			printf("# left over: %.*s\n", (int)strcspn(p, "\n"), p);
	}
	if (leftover) {
		printf("not ok - %d sessions listed with nothing holding them\n",
		       leftover);
		failures++;
	}
	if (lines != (int)st.live) {
		printf("not ok - %d sessions listed, live=%llu\n", lines,
		       st.live);
		failures++;
	} else {
		printf("ok - the sessions listed are the %d well-known ones\n",
		       lines);
	}
	return failures;
}

/*
 * Fault injection with fail-nth (CONFIG_FAILSLAB, debugfs): GFP_KERNEL
 * allocations count only with ignore-gfp-wait off; probability and times
 * are not used by fail-nth. failslab_arm() saves the knobs and sets them,
 * printing an ok or not ok line; failslab_restore() puts them back.
 */
#define FAILSLAB "/sys/kernel/debug/failslab/"

static const char *const failslab_knobs[] = {
	"ignore-gfp-wait", "verbose", "times", "probability",
};

struct failslab {
	char saved[4][32];
};

static inline int failslab_knob(const char *name, char *buf, size_t size,
				const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), FAILSLAB "%s", name);
	if (value)
		return ls_write(path, value, strlen(value));
	if (ls_read(path, buf, size) < 0)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static inline int failslab_arm(struct failslab *f)
{
	static const char *const set[] = { "N", "0", "-1", "0" };
	unsigned int i;

	for (i = 0; i < 4; i++) {
		if (failslab_knob(failslab_knobs[i], f->saved[i],
				  sizeof(f->saved[i]), NULL)) {
			printf("not ok - %s%s is readable (CONFIG_FAILSLAB, debugfs)\n",
			       FAILSLAB, failslab_knobs[i]);
			return -1;
		}
	}
	for (i = 0; i < 4; i++) {
		if (failslab_knob(failslab_knobs[i], NULL, 0, set[i])) {
			printf("not ok - failslab can be configured\n");
			return -1;
		}
	}
	printf("ok - failslab: ignore-gfp-wait=N verbose=0 (was %s, %s)\n",
	       f->saved[0], f->saved[1]);
	return 0;
}

static inline void failslab_restore(const struct failslab *f)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		failslab_knob(failslab_knobs[i], NULL, 0, f->saved[i]);
}

/*
 * Arms this thread's fail-nth with @nth (0: nothing fails); returns the
 * open file, for fail_nth_left(), or -1.
 */
static inline int fail_nth_arm(unsigned int nth)
{
	int fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	char num[32];
	int len = snprintf(num, sizeof(num), "%u", nth);

	if (fd >= 0 && nth && write(fd, num, len) != len) {
		close(fd);
		return -1;
	}
	return fd;
}

/* What is left of fail-nth (0: it fired), then disarmed; -1: unknown. */
static inline long fail_nth_left(int fd)
{
	char num[32];
	ssize_t n = pread(fd, num, sizeof(num) - 1, 0);
	long left = -1;

	if (n > 0) {
		num[n] = '\0';
		left = strtol(num, NULL, 10);
	}
	if (write(fd, "0", 1) != 1)
		left = -1;
	close(fd);
	return left;
}

#endif /* LOGONSESS_STRESS_H */
