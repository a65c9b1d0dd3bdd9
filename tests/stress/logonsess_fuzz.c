// SPDX-License-Identifier: GPL-2.0-only
/*
 * logonsess fuzz: random and mutated writes to logon, join and logoff,
 * from privileged and unprivileged callers: random bytes, mutations of
 * valid requests, lengths past a page, non-zero offsets, requests split
 * over two writes. Every write must succeed or fail with a documented
 * errno; then nothing of the run may remain (check_invariants()).
 *
 *   logonsess_fuzz [-n WRITES] [-s SEED]
 *
 * A successful logoff may end the fuzzing process itself (its own session):
 * the parent then starts another, which goes on from the next write.
 */

#include "stress.h"

#include <linux/capability.h>
#include <sys/syscall.h>

static const char *const files[] = { "logon", "join", "logoff" };

/* The fuzzing process keeps its files open: a write is one syscall. */
static int fds[3];

static int open_files(void)
{
	char path[64];
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), LS "%s", files[i]);
		fds[i] = open(path, O_WRONLY | O_CLOEXEC);
		if (fds[i] < 0)
			return -errno;
	}
	return 0;
}

static int write_at(int f, const void *buf, size_t len, off_t offset)
{
	return pwrite(fds[f], buf, len, offset) < 0 ? -errno : 0;
}

static const char *const seeds[] = {
	"type=interactive user=S-1-5-21-1-2-3-1001 auth=pam_unix origin=tty1",
	"type=network user=S-1-5-7 auth=ntlm origin=[2001:db8::1]:445",
	"type=batch user=S-1-5-21-9 auth=cron",
	"type=service user=S-1-5-19 auth=systemd\n",
	"id=0x3e8", "id=0x3e5\n", "id=0x3e7", "id=0x3f0", "id=0x1",
};

static const char alphabet[] = "typeusrauthoriginid=0x3e8S-15 \n\t\0\xff,.:[]";

struct shared_state {
	unsigned long next;		/* index of the next write */
	unsigned long made;		/* writes made (or refused at open) */
	unsigned long eperm_open;	/* of them, refused at open: EPERM */
	unsigned long ok, errnos[256];	/* results by errno */
	unsigned long bad;		/* undocumented results */
	unsigned long respawns;
};

static struct shared_state *sh;

static bool documented(int err)
{
	switch (-err) {
	case 0: case EINVAL: case E2BIG: case ENOENT: case EBUSY: case EPERM:
		return true;
	}
	return false;
}

static size_t mutate(char *buf, size_t len, size_t size, uint64_t *seed)
{
	int n = 1 + rnd(seed) % 4;

	while (n--) {
		size_t pos = len ? rnd(seed) % len : 0;

		switch (rnd(seed) % 5) {
		case 0:	/* replace a byte */
			if (len)
				buf[pos] = alphabet[rnd(seed) % (sizeof(alphabet) - 1)];
			break;
		case 1:	/* truncate */
			len = pos;
			break;
		case 2:	/* insert a byte */
			if (len + 1 < size) {
				memmove(buf + pos + 1, buf + pos, len - pos);
				buf[pos] = alphabet[rnd(seed) % (sizeof(alphabet) - 1)];
				len++;
			}
			break;
		case 3:	/* duplicate the tail */
			if (len * 2 < size) {
				memcpy(buf + len, buf + pos, len - pos);
				len += len - pos;
			}
			break;
		case 4:	/* a random byte anywhere */
			if (len)
				buf[pos] = rnd(seed);
			break;
		}
	}
	return len;
}

/* One write, as described by the stream of @seed; returns its result. */
static int fuzz_one(uint64_t *seed)
{
	static char buf[3 * 4096];
	int file = rnd(seed) % 3;
	size_t len, split;
	off_t offset = 0;
	int err;

	switch (rnd(seed) % 8) {
	case 0:	/* random bytes */
		len = rnd(seed) % 300;
		for (size_t i = 0; i < len; i++)
			buf[i] = rnd(seed);
		break;
	case 1:	/* longer than a page */
		len = 4097 + rnd(seed) % 4096;
		memset(buf, 'a', len);
		break;
	default: /* a valid request, mutated or not */
		len = strlen(strcpy(buf, seeds[rnd(seed) % 9]));
		if (rnd(seed) % 4)
			len = mutate(buf, len, sizeof(buf), seed);
		break;
	}
	if (rnd(seed) % 16 == 0)
		offset = 1 + rnd(seed) % 64;
	if (rnd(seed) % 16 == 0 && len > 1) {
		/* Split in two writes: each is a request of its own. */
		split = 1 + rnd(seed) % (len - 1);
		err = write_at(file, buf, split, offset);
		if (!documented(err))
			return err;
		return write_at(file, buf + split, len - split, offset);
	}
	return write_at(file, buf, len, offset);
}

static void drop_privilege(uint64_t *seed)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = { { 0 } };

	/* Root without CAP_SYS_ADMIN, or an ordinary user. */
	if (rnd(seed) % 2) {
		syscall(SYS_capget, &hdr, data);
		data[0].effective &= ~(1U << CAP_SYS_ADMIN);
		data[0].permitted &= ~(1U << CAP_SYS_ADMIN);
		syscall(SYS_capset, &hdr, data);
	} else if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000)) {
		exit(3);
	}
}

#define BATCH 64

/* Write number @i, as the stream of @base says; counts its result. */
static void fuzz_index(unsigned long i, uint64_t base, bool unprivileged)
{
	uint64_t seed = base ^ (i * 0x9E3779B97F4A7C15ULL) ^ 1;
	int err;

	rnd(&seed);
	err = fuzz_one(&seed);
	__atomic_fetch_add(&sh->made, 1, __ATOMIC_RELAXED);
	if (!documented(err) || (unprivileged && err != -EPERM)) {
		__atomic_fetch_add(&sh->bad, 1, __ATOMIC_RELAXED);
		printf("# write %lu%s: undocumented result %d\n", i,
		       unprivileged ? " (unprivileged)" : "", err);
	} else if (err) {
		__atomic_fetch_add(&sh->errnos[-err], 1, __ATOMIC_RELAXED);
	} else {
		__atomic_fetch_add(&sh->ok, 1, __ATOMIC_RELAXED);
	}
}

/*
 * Unprivileged writes, in a child: half the time through the files its
 * privileged parent opened (EPERM on every write: the writer's own
 * privilege is checked too), half the time through files it opens itself,
 * which root without CAP_SYS_ADMIN cannot open (EPERM) and an ordinary
 * user cannot either (EACCES).
 */
static void unprivileged_batch(unsigned long first, unsigned long n,
			       uint64_t base)
{
	uint64_t seed = base ^ first;
	pid_t pid = fork();
	int status;

	if (!pid) {
		unsigned long i;
		int err;

		drop_privilege(&seed);
		err = rnd(&seed) % 2 ? 0 : open_files();
		if (err == -EACCES || err == -EPERM) {
			/* The batch's writes are refused at open(). */
			if (err == -EACCES)
				__atomic_fetch_add(&sh->errnos[EACCES], n,
						   __ATOMIC_RELAXED);
			else
				__atomic_fetch_add(&sh->eperm_open, n,
						   __ATOMIC_RELAXED);
			__atomic_fetch_add(&sh->made, n, __ATOMIC_RELAXED);
			_exit(0);
		}
		if (err)
			_exit(1);
		for (i = first; i < first + n; i++)
			fuzz_index(i, base, true);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		__atomic_fetch_add(&sh->bad, 1, __ATOMIC_RELAXED);
		printf("# unprivileged batch at %lu failed\n", first);
	}
}

/* Fuzzes until @total writes are done, or until a logoff kills us. */
static void fuzzer(unsigned long total, uint64_t base)
{
	if (open_files()) {
		printf("# cannot open the control files\n");
		exit(1);
	}
	for (;;) {
		unsigned long first, i, n = BATCH;

		if (__atomic_load_n(&sh->made, __ATOMIC_RELAXED) >= total)
			return;
		first = __atomic_fetch_add(&sh->next, BATCH, __ATOMIC_RELAXED);
		/* One batch in eight comes from an unprivileged caller. */
		if ((first / BATCH) % 8 == 7) {
			unprivileged_batch(first, n, base);
			continue;
		}
		for (i = first; i < first + n; i++)
			fuzz_index(i, base, false);
	}
}

int main(int argc, char **argv)
{
	unsigned long total = 100000;
	uint64_t seed = 0;
	struct stats before;
	int opt, failures, status;
	double start;

	while ((opt = getopt(argc, argv, "n:s:")) != -1) {
		switch (opt) {
		case 'n': total = strtoul(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: %s [-n WRITES] [-s SEED]\n",
				argv[0]);
			return 2;
		}
	}
	if (!seed)
		seed = (uint64_t)time(NULL) * 2654435761u | 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# fuzz: %lu writes, seed %llu (rerun with -s %llu)\n", total,
	       (unsigned long long)seed, (unsigned long long)seed);
	sh = shared(sizeof(*sh));
	read_stats(&before);
	start = now();
	while (__atomic_load_n(&sh->made, __ATOMIC_RELAXED) < total) {
		pid_t pid = fork();

		if (!pid) {
			fuzzer(total, seed);
			_exit(0);
		}
		waitpid(pid, &status, 0);
		if (WIFSIGNALED(status))
			sh->respawns++;
	}
	printf("# wall time %.1f s, %lu fuzzers killed by their own logoff\n",
	       now() - start, sh->respawns);
	printf("# succeeded %lu, EINVAL %lu, E2BIG %lu, ENOENT %lu, EBUSY %lu, EPERM %lu\n",
	       sh->ok, sh->errnos[EINVAL], sh->errnos[E2BIG],
	       sh->errnos[ENOENT], sh->errnos[EBUSY], sh->errnos[EPERM]);
	printf("# writes made %lu (refused at open: EACCES %lu, EPERM %lu)\n",
	       sh->made, sh->errnos[EACCES], sh->eperm_open);
	failures = check_invariants(before.live);
	printf("%s - %lu writes with an undocumented result\n",
	       sh->bad ? "not ok" : "ok", sh->bad);
	printf("%s - at least %lu writes made\n",
	       sh->made >= total ? "ok" : "not ok", total);
	return failures || sh->bad || sh->made < total;
}
