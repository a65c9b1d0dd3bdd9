// SPDX-License-Identifier: GPL-2.0-only
/*
 * logonsess-execsnoop - print every execve() with its logon ID: the
 * smallest eBPF agent that attributes what it sees to a logon session
 * with the logonsess kfuncs, instead of guessing one from the uid, the
 * tty or the process tree.
 *
 * One line per event, key=value, values escaped (\xNN for bytes below
 * 0x21, from 0x7f and for '\'), so that a file name cannot forge a field:
 *
 *   time=2026-12-04T13:05:01.123456Z event=exec pid=812 ppid=811 uid=1000
 *   logon_id=0x3e9 cred_logon_id=0x3e9 comm=ls filename=/bin/ls
 *
 * (one line). logon_id is the session of the task's objective credentials,
 * as /sys/kernel/security/logonsess/processes shows it; cred_logon_id is
 * the session of the credentials it acts with. With --setuid, every change
 * of real user ID too, with the sessions of the new and old credentials:
 *
 *   time=... event=setuid pid=830 ppid=829 uid=1000 new_uid=0
 *   logon_id=0x3ea old_logon_id=0x3ea comm=su
 *
 * IDs are "-" on a kernel booted without logonsess in lsm=.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/libbpf.h>

#include "logonsess-execsnoop.h"
#include "logonsess-execsnoop.skel.h"

static const char *progname = "logonsess-execsnoop";
static volatile sig_atomic_t stopping;
/* CLOCK_REALTIME minus CLOCK_BOOTTIME, in ns, taken once at start. */
static int64_t boot_to_real_ns;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static int64_t clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Print @s, at most @len bytes, escaping those that could forge a field. */
static void print_escaped(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && s[i]; i++) {
		unsigned char c = s[i];

		if (c <= 0x20 || c >= 0x7f || c == '\\')
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static void print_id(const char *key, uint64_t id)
{
	if (id)
		printf(" %s=0x%" PRIx64, key, id);
	else
		printf(" %s=-", key);
}

static int on_event(void *ctx, void *data, size_t size)
{
	const struct execsnoop_event *e = data;
	int64_t real = boot_to_real_ns + (int64_t)e->boot_ns;
	time_t sec = real / 1000000000;
	struct tm tm;
	char when[32];

	(void)ctx;
	if (size < sizeof(*e))
		return 0;
	gmtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	printf("time=%s.%06dZ event=%s pid=%" PRIu32 " ppid=%" PRIu32
	       " uid=%" PRIu32, when, (int)(real % 1000000000 / 1000),
	       e->kind == EXECSNOOP_SETUID ? "setuid" : "exec", e->pid,
	       e->ppid, e->uid);
	if (e->kind == EXECSNOOP_SETUID) {
		printf(" new_uid=%" PRIu32, e->new_uid);
		print_id("logon_id", e->logon_id);
		print_id("old_logon_id", e->cred_logon_id);
	} else {
		print_id("logon_id", e->logon_id);
		print_id("cred_logon_id", e->cred_logon_id);
	}
	fputs(" comm=", stdout);
	print_escaped(e->comm, sizeof(e->comm));
	if (e->kind == EXECSNOOP_EXEC) {
		fputs(" filename=", stdout);
		print_escaped(e->filename, sizeof(e->filename));
	}
	putchar('\n');
	return 0;
}

/* Is @name in the kernel's list of active LSMs? -1 if it cannot be read. */
static int lsm_active(const char *name)
{
	char buf[512], *tok, *save;
	FILE *f = fopen("/sys/kernel/security/lsm", "re");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (tok = strtok_r(buf, ",\n", &save); tok;
	     tok = strtok_r(NULL, ",\n", &save))
		if (!strcmp(tok, name))
			return 1;
	return 0;
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static void __attribute__((noreturn)) usage(FILE *out, int status)
{
	fprintf(out,
		"Usage: %s [--lsm] [--setuid]\n"
		"Print every execve() with the logon ID of the process.\n\n"
		"  -l, --lsm      attach a BPF LSM program (needs \"bpf\" in lsm=)\n"
		"                 instead of the sched_process_exec tracepoint\n"
		"  -u, --setuid   also print every change of real user ID, with the\n"
		"                 sessions of the old and new credentials (a BPF LSM\n"
		"                 program too)\n"
		"  -h, --help     this help\n\n"
		"Stop with SIGINT or SIGTERM; the number of events lost to a full\n"
		"ring buffer goes to standard error.\n", progname);
	exit(status);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lsm", no_argument, NULL, 'l' },
		{ "setuid", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct logonsess_execsnoop_bpf *skel;
	struct ring_buffer *rb = NULL;
	struct sigaction sa = { .sa_handler = on_signal };
	bool use_lsm = false, use_setuid = false;
	int c, err = 0;

	while ((c = getopt_long(argc, argv, "luh", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			use_lsm = true;
			break;
		case 'u':
			use_setuid = true;
			break;
		case 'h':
			usage(stdout, EXIT_SUCCESS);
		default:
			usage(stderr, EXIT_FAILURE);
		}
	}
	if (optind < argc)
		usage(stderr, EXIT_FAILURE);

	if ((use_lsm || use_setuid) && lsm_active("bpf") == 0) {
		fprintf(stderr, "%s: --%s: the BPF LSM is not active (add \"bpf\" to lsm=)\n",
			progname, use_lsm ? "lsm" : "setuid");
		return EXIT_FAILURE;
	}
	if (lsm_active("logonsess") == 0)
		fprintf(stderr, "%s: logonsess is not active (not in lsm=): no logon IDs\n",
			progname);

	libbpf_set_print(libbpf_print);
	skel = logonsess_execsnoop_bpf__open();
	if (!skel) {
		fprintf(stderr, "%s: cannot open the BPF object: %s\n", progname,
			strerror(errno));
		return EXIT_FAILURE;
	}
	/* Load only the programs this run attaches. */
	bpf_program__set_autoload(use_lsm ? skel->progs.execsnoop_tp :
				  skel->progs.execsnoop_lsm, false);
	bpf_program__set_autoload(skel->progs.execsnoop_setuid, use_setuid);
	err = logonsess_execsnoop_bpf__load(skel);
	if (err) {
		fprintf(stderr, "%s: cannot load the BPF program: %s\n", progname,
			strerror(-err));
		goto out;
	}
	if (use_lsm)
		skel->links.execsnoop_lsm =
			bpf_program__attach(skel->progs.execsnoop_lsm);
	else
		skel->links.execsnoop_tp =
			bpf_program__attach(skel->progs.execsnoop_tp);
	if (!skel->links.execsnoop_lsm && !skel->links.execsnoop_tp) {
		err = -errno;
		fprintf(stderr, "%s: cannot attach the BPF program: %s\n", progname,
			strerror(errno));
		goto out;
	}
	if (use_setuid) {
		skel->links.execsnoop_setuid =
			bpf_program__attach(skel->progs.execsnoop_setuid);
		if (!skel->links.execsnoop_setuid) {
			err = -errno;
			fprintf(stderr, "%s: cannot attach the setuid program: %s\n",
				progname, strerror(errno));
			goto out;
		}
	}
	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), on_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "%s: cannot open the ring buffer: %s\n", progname,
			strerror(errno));
		goto out;
	}

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	boot_to_real_ns = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_BOOTTIME);
	fprintf(stderr, "%s: tracing execve() with %s%s\n", progname,
		use_lsm ? "lsm/bprm_committed_creds" : "tp_btf/sched_process_exec",
		use_setuid ? ", setuid with lsm/task_fix_setuid" : "");

	while (!stopping) {
		err = ring_buffer__poll(rb, 100 /* ms */);
		if (err == -EINTR) {
			err = 0;
			continue;
		}
		if (err < 0) {
			fprintf(stderr, "%s: reading the ring buffer: %s\n", progname,
				strerror(-err));
			goto out;
		}
		err = 0;
	}
	/* Detach, then print what the program wrote before. */
	logonsess_execsnoop_bpf__detach(skel);
	ring_buffer__consume(rb);
	fprintf(stderr, "%s: lost=%" PRIu64 "\n", progname, (uint64_t)skel->bss->lost);
out:
	ring_buffer__free(rb);
	logonsess_execsnoop_bpf__destroy(skel);
	return err ? EXIT_FAILURE : EXIT_SUCCESS;
}
