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

#endif /* LOGONSESS_STRESS_H */
