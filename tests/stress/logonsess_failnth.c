// SPDX-License-Identifier: GPL-2.0-only
/*
 * logonsess failnth: a failed logon changes nothing. On the debug kernel
 * (CONFIG_FAILSLAB, CONFIG_FAULT_INJECTION_DEBUG_FS), for n = 1, 2, ...,
 * a child arms /proc/thread-self/fail-nth with n, so that the n-th slab
 * allocation of its next system call fails, and writes one valid logon
 * request. Whatever allocation that hits, either the logon fails and
 * nothing moved (no session created or destroyed, no ID consumed), or it
 * succeeds and its session is destroyed once the child exits. The loop ends
 * with the first logon that left fail-nth unconsumed: every allocation of
 * a logon has been failed once.
 *
 * GFP_KERNEL allocations are only failed with ignore-gfp-wait off; the
 * failslab settings are restored afterwards.
 *
 *   logonsess_failnth [-n MAX]
 *
 * Prints "ok - ..." / "not ok - ..." lines; exit status 1 on a failure.
 */

#include "stress.h"

#define REQUEST "type=interactive user=S-1-5-21-7-7-7-1001 auth=failnth"

struct result {
	int err;			/* of the logon write: 0 or -errno */
	unsigned long long id;		/* the session it created */
	long left;			/* fail-nth left after it, -1: unknown */
};

static struct result *res;

/* The child: arm fail-nth with @nth, log on, disarm, report. */
static void __attribute__((noreturn)) attempt(unsigned int nth)
{
	int fail, ctl;
	ssize_t n;

	res->err = -EINVAL;
	res->id = 0;
	res->left = -1;
	/* Opened first: only the write's own allocations are counted. */
	ctl = open(LS "logon", O_WRONLY | O_CLOEXEC);
	fail = ctl < 0 ? -1 : fail_nth_arm(nth);
	if (fail < 0) {
		res->err = -errno;
		_exit(2);
	}
	n = write(ctl, REQUEST, strlen(REQUEST));
	res->err = n == (ssize_t)strlen(REQUEST) ? 0 : n < 0 ? -errno : -EIO;
	/* Before anything else allocates: what is left, then disarm. */
	res->left = fail_nth_left(fail);
	if (res->left < 0)
		_exit(2);
	if (!res->err)
		res->id = self_id();
	_exit(0);
}

/*
 * Stats once destruction has settled: the child has exited, so creation is
 * over; wait until live is back to @base_live (sessions die after a grace
 * period and a work item) and two reads agree.
 */
static void settled(unsigned long long base_live, struct stats *st)
{
	struct stats prev;
	int i;

	read_stats(&prev);
	for (i = 0; i < 500; i++) {
		usleep(20 * 1000);
		read_stats(st);
		if (st->live == base_live && st->created == prev.created &&
		    st->destroyed == prev.destroyed)
			return;
		prev = *st;
	}
}

static int run(unsigned int nth)
{
	int status;
	pid_t pid = fork();

	if (!pid)
		attempt(nth);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct failslab saved;
	unsigned long long prev_id;
	unsigned int nth, max = 300, n_failed = 0, n_ok = 0, bad_stats = 0;
	unsigned int bad_ids = 0, bad_destroy = 0;
	struct stats base, before, after = { 0 };
	bool complete = false;
	int opt, failures = 0;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n') {
			fprintf(stderr, "usage: %s [-n MAX]\n", argv[0]);
			return 2;
		}
		max = atoi(optarg);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	res = shared(sizeof(*res));

	if (failslab_arm(&saved))
		return 1;

	/* The reference: an ordinary logon, and its session gone. */
	read_stats(&base);
	settled(base.live, &base);
	if (run(0) || res->err || !res->id) {
		printf("not ok - a logon without fault injection succeeds (%s)\n",
		       strerror(-res->err));
		failures++;
		goto out;
	}
	prev_id = res->id;
	settled(base.live, &before);
	printf("# reference logon: id=%#llx, stats live=%llu created=%llu destroyed=%llu\n",
	       prev_id, before.live, before.created, before.destroyed);

	for (nth = 1; nth <= max && !complete; nth++) {
		if (run(nth)) {
			printf("# n=%u: the child failed (%s)\n", nth,
			       strerror(-res->err));
			failures++;
			break;
		}
		settled(base.live, &after);
		if (res->err) {
			n_failed++;
			if (after.created != before.created ||
			    after.destroyed != before.destroyed) {
				bad_stats++;
				printf("# n=%u: the logon failed (%s) but created %+lld destroyed %+lld\n",
				       nth, strerror(-res->err),
				       (long long)(after.created - before.created),
				       (long long)(after.destroyed - before.destroyed));
			}
		} else {
			n_ok++;
			if (res->id != prev_id + 1) {
				bad_ids++;
				printf("# n=%u: the logon got id=%#llx, the one before %#llx: %llu IDs consumed by failed logons\n",
				       nth, res->id, prev_id,
				       res->id - prev_id - 1);
			}
			prev_id = res->id;
			if (after.created != before.created + 1 ||
			    after.destroyed != before.destroyed + 1) {
				bad_destroy++;
				printf("# n=%u: the logon succeeded; after its child exited created %+lld destroyed %+lld\n",
				       nth,
				       (long long)(after.created - before.created),
				       (long long)(after.destroyed - before.destroyed));
			}
			complete = res->left > 0;
		}
		before = after;
	}
	printf("# %u logons with their n-th allocation failed: %u failed, %u succeeded\n",
	       nth - 1, n_failed, n_ok);

	if (!complete) {
		printf("not ok - a logon with nothing failed within %u tries\n", max);
		failures++;
	} else {
		printf("ok - a logon makes %u slab allocations; each one failed once\n",
		       nth - 2);
	}
	if (!n_failed) {
		printf("not ok - some logons failed: fault injection is not effective\n");
		failures++;
	}
	printf("%s - no failed logon moved created or destroyed (%u of %u did)\n",
	       bad_stats ? "not ok" : "ok", bad_stats, n_failed);
	failures += !!bad_stats;
	printf("%s - no ID consumed by a failed logon: successful logons got consecutive IDs (%u gaps)\n",
	       bad_ids ? "not ok" : "ok", bad_ids);
	failures += !!bad_ids;
	printf("%s - the session of every successful logon was destroyed when its process exited (%u not)\n",
	       bad_destroy ? "not ok" : "ok", bad_destroy);
	failures += !!bad_destroy;
	printf("%s - live is back to %llu\n",
	       after.live == base.live ? "ok" : "not ok", base.live);
	failures += after.live != base.live;
out:
	failslab_restore(&saved);
	return failures ? 1 : 0;
}
