// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * logonsessions - list the logon sessions of the logonsess LSM, in the
 * spirit of Sysinternals' logonsessions.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "history.h"
#include "logonsess.h"
#include "output.h"

struct options {
	enum output output;
	char separator;		/* ',' or '\t' for OUT_CSV */
	bool processes;
	bool one;
	uint64_t id;
	const char *clean;	/* --clean-tmpdirs PARENT */
	bool label;		/* --label */
	bool tree;		/* --tree */
	pid_t pid;		/* --pid PID, or 0 */
	bool history;		/* --history or --timeline */
	struct history_options hist;
};

static const char *progname = "logonsessions";

#ifndef LOGONSESS_VERSION
#define LOGONSESS_VERSION "unknown"
#endif

/* A usage error: one line, and where the help is (as util-linux does). */
static void __attribute__((noreturn, format(printf, 1, 2)))
bad_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
	exit(EXIT_FAILURE);
}

static void __attribute__((noreturn)) usage(void)
{
	printf("Usage: %s [-p] [-c | -ct | --json] [-s ID | --pid PID]\n"
		"       %s --tree [-s ID]\n"
		"       %s --label [-s ID]\n"
		"       %s --clean-tmpdirs PARENT\n"
		"       %s --history|--timeline [-c | -ct | --json] [FILTER...] [FILE...]\n"
		"\n"
		"List the logon sessions you may see: all of them with\n"
		"CAP_SYS_ADMIN, else your own.\n"
		"\n"
		"Options:\n"
		" -p, --processes   list each session's processes\n"
		" -c, --csv         comma-separated values, with a header row\n"
		" -t, --tabs        with -c: tab-separated\n"
		" -j, --json        a JSON array of objects\n"
		" -s, --session ID  only session ID, hexadecimal: 0x3e8, 3e8 or\n"
		"                   00000000:000003e8 (an ID of decimal digits only,\n"
		"                   such as 1000, is refused as ambiguous: write 0x1000)\n"
		"     --pid PID     only the session process PID is in\n"
		" -T, --tree        the sessions as a tree: under each session, those\n"
		"                   it created (with -s ID: the tree below ID)\n"
		"     --label       print the label of your session (or of -s ID), the\n"
		"                   value of security.logonsess that admits only it\n"
		"     --clean-tmpdirs PARENT\n"
		"                   remove the directories PARENT/<ID> of sessions\n"
		"                   that ended (pam_logonsess tmpdir=PARENT)\n"
		"\n"
		"History, from the audit records of auditd's log and its rotations\n"
		"(or FILEs, plain or gzip'd; - or a pipe: standard input):\n"
		"     --history     one row per session: its boot, logon, logoff and end\n"
		"     --timeline    one line per record, as they come\n"
		"     --at TIME     sessions live at TIME\n"
		"     --since TIME  sessions live at or after TIME (records from TIME)\n"
		"     --until TIME  sessions started by TIME (records up to TIME)\n"
		"     --user USER   sessions of user name, UID or SID USER\n"
		"     --type TYPE   of logon type TYPE\n"
		"     --origin PAT  whose origin matches the shell pattern PAT\n"
		"     --id ID       session ID (of any boot), as -s\n"
		"     --local       times in local time (default: UTC)\n"
		"                   TIME: 2026-12-04T01:00:00Z, 2026-12-04T02:00:00+01:00,\n"
		"                   2026-12-04 02:00 (local) or @SECONDS\n"
		"\n"
		" -h, --help        this text\n"
		" -V, --version     the version\n",
		progname, progname, progname, progname, progname);
	exit(EXIT_SUCCESS);
}

static int fail(const char *what, int err)
{
	if (err == -EOPNOTSUPP)
		fprintf(stderr, "%s: %s: logon sessions are not active in this kernel\n",
			progname, what);
	else
		fprintf(stderr, "%s: %s: %s\n", progname, what,
			logonsess_strerror(err));
	return EXIT_FAILURE;
}

/* An ID as Windows writes a LUID, "00000000:000003e8"; "-" for 0 (none). */
static void luid(uint64_t id, char *buf, size_t size)
{
	if (id)
		snprintf(buf, size, "%08" PRIx32 ":%08" PRIx32,
			 (uint32_t)(id >> 32), (uint32_t)id);
	else
		snprintf(buf, size, "-");
}

/* An ID as the kernel writes it, "0x3e8"; "-" for 0 (none). */
static void kernel_id(uint64_t id, char *buf, size_t size)
{
	if (id)
		logonsess_format_id(id, buf, size);
	else
		snprintf(buf, size, "-");
}

static void text_session(const struct logonsess_session *s, size_t index,
			 struct logonsess_process **procs, size_t nprocs,
			 bool with_procs)
{
	time_t t = logonsess_session_logon_time(s);
	uint64_t id = logonsess_session_id(s);
	const char *origin = logonsess_session_origin(s);
	char when[64], creator[24], linked[24];
	struct tm tm;
	size_t i;

	if (!localtime_r(&t, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm))
		strcpy(when, "?");
	luid(logonsess_session_creator(s), creator, sizeof(creator));
	luid(logonsess_session_linked(s), linked, sizeof(linked));
	printf("[%zu] Logon session %08" PRIx32 ":%08" PRIx32 ":\n", index,
	       (uint32_t)(id >> 32), (uint32_t)id);
	printf("    User SID:      %s\n", logonsess_session_user_sid(s));
	printf("    Auth package:  %s\n", logonsess_session_auth(s));
	printf("    Logon type:    %s\n", logonsess_session_type_name(s));
	printf("    Logon SID:     %s\n", logonsess_session_logon_sid(s));
	printf("    Logon time:    %s\n", when);
	printf("    Origin:        %s\n", origin ? origin : "-");
	printf("    State:         %s\n", logonsess_session_state_name(s));
	printf("    Creator:       %s\n", creator);
	printf("    Linked to:     %s\n", linked);
	if (with_procs) {
		printf("    Processes:\n");
		for (i = 0; i < nprocs; i++) {
			if (logonsess_process_session_id(procs[i]) != id)
				continue;
			/* comm is any bytes: show only printable ones. */
			printf("        %d: ", (int)logonsess_process_pid(procs[i]));
			for (const char *c = logonsess_process_comm(procs[i]); *c; c++)
				putchar(*c >= ' ' && *c <= '~' ? *c : '?');
			putchar('\n');
		}
	}
	putchar('\n');
}

static void csv_session(const struct logonsess_session *s, char sep)
{
	char id[LOGONSESS_ID_TEXT_SIZE], when[32], refs[24];
	char creator[LOGONSESS_ID_TEXT_SIZE], linked[LOGONSESS_ID_TEXT_SIZE];
	const char *origin = logonsess_session_origin(s);

	logonsess_format_id(logonsess_session_id(s), id, sizeof(id));
	kernel_id(logonsess_session_creator(s), creator, sizeof(creator));
	kernel_id(logonsess_session_linked(s), linked, sizeof(linked));
	format_time(logonsess_session_logon_time(s) * 1000, false, false, when,
		    sizeof(when));
	if (logonsess_session_refs(s) < 0)
		strcpy(refs, "-");
	else
		snprintf(refs, sizeof(refs), "%" PRId64, logonsess_session_refs(s));
	csv_field(id, sep, false);
	csv_field(logonsess_session_type_name(s), sep, false);
	csv_field(logonsess_session_user_sid(s), sep, false);
	csv_field(logonsess_session_logon_sid(s), sep, false);
	csv_field(logonsess_session_auth(s), sep, false);
	csv_field(when, sep, false);
	csv_field(origin ? origin : "-", sep, false);
	csv_field(logonsess_session_state_name(s), sep, false);
	csv_field(refs, sep, false);
	csv_field(creator, sep, false);
	csv_field(linked, sep, true);
}

/* A session ID as a JSON string, or null for 0 (none). */
static void json_id(uint64_t id)
{
	char text[LOGONSESS_ID_TEXT_SIZE];

	if (!id) {
		fputs("null", stdout);
		return;
	}
	logonsess_format_id(id, text, sizeof(text));
	json_string(text);
}

static void json_session(const struct logonsess_session *s, bool first,
			 struct logonsess_process **procs, size_t nprocs,
			 bool with_procs, const char *boot_id)
{
	char id[LOGONSESS_ID_TEXT_SIZE], when[32];
	const char *origin = logonsess_session_origin(s);
	bool first_proc = true;
	size_t i;

	logonsess_format_id(logonsess_session_id(s), id, sizeof(id));
	format_time(logonsess_session_logon_time(s) * 1000, false, false, when,
		    sizeof(when));
	printf("%s\n  {\"id\": ", first ? "" : ",");
	json_string(id);
	printf(", \"type\": ");
	json_string(logonsess_session_type_name(s));
	printf(", \"user_sid\": ");
	json_string(logonsess_session_user_sid(s));
	printf(", \"logon_sid\": ");
	json_string(logonsess_session_logon_sid(s));
	printf(", \"auth\": ");
	json_string(logonsess_session_auth(s));
	printf(", \"time\": ");
	json_string(when);
	printf(", \"origin\": ");
	if (origin)
		json_string(origin);
	else
		fputs("null", stdout);
	printf(", \"state\": ");
	json_string(logonsess_session_state_name(s));
	if (logonsess_session_refs(s) < 0)
		printf(", \"refs\": null");
	else
		printf(", \"refs\": %" PRId64, logonsess_session_refs(s));
	printf(", \"creator\": ");
	json_id(logonsess_session_creator(s));
	printf(", \"linked\": ");
	json_id(logonsess_session_linked(s));
	printf(", \"boot_id\": ");
	if (boot_id)
		json_string(boot_id);
	else
		fputs("null", stdout);
	if (with_procs) {
		printf(", \"processes\": [");
		for (i = 0; i < nprocs; i++) {
			if (logonsess_process_session_id(procs[i]) !=
			    logonsess_session_id(s))
				continue;
			printf("%s{\"pid\": %d, \"comm\": ",
			       first_proc ? "" : ", ",
			       (int)logonsess_process_pid(procs[i]));
			json_string(logonsess_process_comm(procs[i]));
			putchar('}');
			first_proc = false;
		}
		putchar(']');
	}
	putchar('}');
}

static void parse_options(int argc, char **argv, struct options *opt)
{
	static const struct option longopts[] = {
		{ "processes", no_argument, NULL, 'p' },
		{ "csv", no_argument, NULL, 'c' },
		{ "tabs", no_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "session", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "clean-tmpdirs", required_argument, NULL, 'C' },
		{ "label", no_argument, NULL, 'L' },
		{ "tree", no_argument, NULL, 'T' },
		{ "pid", required_argument, NULL, 'P' },
		{ "id", required_argument, NULL, 's' },
		{ "history", no_argument, NULL, 'H' },
		{ "timeline", no_argument, NULL, 'E' },
		{ "at", required_argument, NULL, 'A' },
		{ "since", required_argument, NULL, 'S' },
		{ "until", required_argument, NULL, 'U' },
		{ "user", required_argument, NULL, 'u' },
		{ "type", required_argument, NULL, 'y' },
		{ "origin", required_argument, NULL, 'o' },
		{ "local", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	bool csv = false, tabs = false, json = false, filters = false;
	struct history_options *h = &opt->hist;
	char *end;
	long pid;
	int c;

	h->at = h->since = h->until = TIME_NONE;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":pctjs:ThV", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			opt->processes = true;
			break;
		case 'c':
			csv = true;
			break;
		case 't':
			tabs = true;
			break;
		case 'j':
			json = true;
			break;
		case 's':
			/* "1000" would be 0x1000: say so rather than guess. */
			if (optarg[0] && !optarg[strspn(optarg, "0123456789")])
				bad_usage("ambiguous session ID '%s': IDs are hexadecimal, write 0x%s",
					  optarg, optarg);
			if (logonsess_parse_id(optarg, &opt->id))
				bad_usage("not a session ID: '%s'", optarg);
			opt->one = true;
			break;
		case 'C':
			opt->clean = optarg;
			break;
		case 'L':
			opt->label = true;
			break;
		case 'T':
			opt->tree = true;
			break;
		case 'P':
			errno = 0;
			pid = strtol(optarg, &end, 10);
			if (*optarg < '1' || *optarg > '9' || *end || errno ||
			    pid > INT32_MAX)
				bad_usage("not a process ID: '%s'", optarg);
			opt->pid = pid;
			break;
		case 'H':
			opt->history = true;
			break;
		case 'E':
			opt->history = h->timeline = true;
			break;
		case 'A':
		case 'S':
		case 'U':
			if (history_parse_time(optarg, c == 'A' ? &h->at :
					       c == 'S' ? &h->since : &h->until))
				bad_usage("not a time: '%s' (ISO 8601 or @SECONDS)", optarg);
			filters = true;
			break;
		case 'u':
			h->user_sid = history_user_sid(optarg);
			if (!h->user_sid)
				bad_usage("no user '%s' (a name, a UID or a SID)", optarg);
			filters = true;
			break;
		case 'y':
			h->type = optarg;
			filters = true;
			break;
		case 'o':
			h->origin = optarg;
			filters = true;
			break;
		case 'l':
			h->local = true;
			filters = true;
			break;
		case 'h':
			usage();
		case 'V':
			printf("%s from logonsess %s\n", progname,
			       LOGONSESS_VERSION);
			exit(EXIT_SUCCESS);
		case ':':
			bad_usage("option '%s' needs an argument", argv[optind - 1]);
		default:
			if (optopt)
				bad_usage("invalid option -- '%c'", optopt);
			bad_usage("unrecognized option '%s'", argv[optind - 1]);
		}
	}
	opt->output = json ? OUT_JSON : csv ? OUT_CSV : OUT_TEXT;
	opt->separator = tabs ? '\t' : ',';
	if (opt->history) {
		if (opt->processes || opt->clean || opt->label || opt->tree ||
		    opt->pid)
			bad_usage("--history and --timeline take only -c, -t, --json, FILEs and their filters");
		if (h->timeline && h->at != TIME_NONE)
			bad_usage("--at goes with --history, not --timeline (use --since and --until)");
		if (json && (csv || tabs))
			bad_usage("--json and --csv exclude each other");
		if (tabs && !csv)
			bad_usage("-t needs -c (-ct: tab-separated values)");
		h->output = opt->output;
		h->separator = opt->separator;
		h->id = opt->one ? opt->id : 0;
		h->files = argv + optind;
		h->nfiles = argc - optind;
		return;
	}
	if (filters)
		bad_usage("--at, --since, --until, --user, --type, --origin and --local go with --history or --timeline");
	if (optind < argc)
		bad_usage("unexpected argument '%s'", argv[optind]);
	if (opt->label && (json || csv || tabs || opt->processes || opt->clean ||
			   opt->tree || opt->pid))
		bad_usage("--label takes no other option but -s ID");
	if (opt->tree && (json || csv || tabs || opt->processes || opt->clean ||
			  opt->pid))
		bad_usage("--tree takes no other option but -s ID");
	if (opt->pid && opt->one)
		bad_usage("--pid and -s exclude each other");
	if (json && (csv || tabs))
		bad_usage("--json and --csv exclude each other");
	if (tabs && !csv)
		bad_usage("-t needs -c (-ct: tab-separated values)");
	if (csv && opt->processes)
		bad_usage("-p lists processes in the text and --json output, not in -c");
	if (opt->clean && (json || csv || opt->processes || opt->one || opt->pid))
		bad_usage("--clean-tmpdirs takes no other option");
}

struct clean_report {
	const char *parent;
	int failed;
};

static void report_removed(const char *name, int err, void *arg)
{
	struct clean_report *r = arg;

	if (err) {
		fprintf(stderr, "%s: cannot remove %s/%s: %s\n", progname,
			r->parent, name, logonsess_strerror(err));
		r->failed++;
	} else {
		printf("removed %s/%s\n", r->parent, name);
	}
}

/*
 * The label of the caller's session or of session -s ID (an active one the
 * caller may see): what setxattr of security.logonsess takes, and a
 * newline.
 */
static int print_label(const struct options *opt)
{
	char label[LOGONSESS_LABEL_MAX], text[LOGONSESS_ID_TEXT_SIZE];
	struct logonsess_session *s;
	uint64_t id;
	int ret;

	if (opt->one) {
		logonsess_format_id(opt->id, text, sizeof(text));
		ret = logonsess_get(opt->id, &s);
		if (ret == -ENOENT) {
			fprintf(stderr, "%s: no logon session %s that you may see\n",
				progname, text);
			return EXIT_FAILURE;
		}
		if (ret)
			return fail("cannot read " LOGONSESS_FS_DIR "/sessions", ret);
		/* The kernel takes labels of active sessions only. */
		if (logonsess_session_state(s) != LOGONSESS_STATE_ACTIVE) {
			fprintf(stderr, "%s: logon session %s is not active (state %s)\n",
				progname, text, logonsess_session_state_name(s));
			logonsess_session_free(s);
			return EXIT_FAILURE;
		}
		logonsess_session_free(s);
		id = opt->id;
	} else {
		ret = logonsess_self_id(&id);
		if (ret)
			return fail("cannot read " LOGONSESS_FS_DIR "/self", ret);
	}
	ret = logonsess_label(id, label, sizeof(label));
	if (ret < 0)
		return fail("cannot read " LOGONSESS_FS_DIR "/boot_id", ret);
	printf("%s\n", label);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n", progname,
			strerror(errno));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

/*
 * --tree: each session under the session that created it, as ps f draws
 * processes. The roots are the sessions with no creator (the well-known
 * ones), a well-known creator (SYSTEM, for every login of sshd, login or
 * cron) or a creator that is not listed (ended, or not visible to the
 * caller). A creator has a smaller ID than the sessions it created, which
 * also keeps a malformed list from making a cycle.
 */
#define NONE SIZE_MAX

struct tree {
	const struct logonsess_session **s;	/* by increasing ID */
	size_t n;
	size_t *parent, *child, *next;	/* indexes into s, or NONE */
};

static int by_id(const void *a, const void *b)
{
	uint64_t x = logonsess_session_id(*(const struct logonsess_session *const *)a);
	uint64_t y = logonsess_session_id(*(const struct logonsess_session *const *)b);

	return x < y ? -1 : x > y;
}

/* The index of session @id in @t, or NONE. */
static size_t tree_find(const struct tree *t, uint64_t id)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t v = logonsess_session_id(t->s[mid]);

		if (v == id)
			return mid;
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NONE;
}

static void tree_free(struct tree *t)
{
	free(t->s);
	free(t->parent);
	free(t->child);
	free(t->next);
}

static int tree_build(struct tree *t, struct logonsess_session **list, size_t n)
{
	size_t i;

	t->n = n;
	t->s = calloc(n ? n : 1, sizeof(*t->s));
	t->parent = calloc(n ? n : 1, sizeof(*t->parent));
	t->child = calloc(n ? n : 1, sizeof(*t->child));
	t->next = calloc(n ? n : 1, sizeof(*t->next));
	if (!t->s || !t->parent || !t->child || !t->next) {
		tree_free(t);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		t->s[i] = list[i];
	qsort(t->s, n, sizeof(*t->s), by_id);
	for (i = 0; i < n; i++) {
		uint64_t creator = logonsess_session_creator(t->s[i]);
		size_t p = NONE;

		if (creator >= LOGONSESS_FIRST_DYNAMIC_ID &&
		    creator < logonsess_session_id(t->s[i]))
			p = tree_find(t, creator);
		t->parent[i] = p;
		t->child[i] = t->next[i] = NONE;
	}
	/* From the last, so that each list of children is in ID order. */
	for (i = n; i-- > 0;) {
		if (t->parent[i] == NONE)
			continue;
		t->next[i] = t->child[t->parent[i]];
		t->child[t->parent[i]] = i;
	}
	return 0;
}

/*
 * One session: its place in the tree (" \_ " under its creator, four more
 * columns per level), ID, type, user SID, auth, origin and state; a link
 * to its creator says "(linked)", and a root whose creator is not listed
 * names it.
 */
static void tree_line(const struct tree *t, size_t i, size_t depth)
{
	const struct logonsess_session *s = t->s[i];
	const char *origin = logonsess_session_origin(s);
	char id[LOGONSESS_ID_TEXT_SIZE], creator[LOGONSESS_ID_TEXT_SIZE];
	uint64_t c = logonsess_session_creator(s);

	if (depth)
		printf("%*s\\_ ", (int)(4 * (depth - 1) + 1), "");
	logonsess_format_id(logonsess_session_id(s), id, sizeof(id));
	printf("%s %s %s %s %s %s", id, logonsess_session_type_name(s),
	       logonsess_session_user_sid(s), logonsess_session_auth(s),
	       origin ? origin : "-", logonsess_session_state_name(s));
	if (logonsess_session_linked(s))
		fputs(" (linked)", stdout);
	if (t->parent[i] == NONE && c >= LOGONSESS_FIRST_DYNAMIC_ID) {
		logonsess_format_id(c, creator, sizeof(creator));
		printf(" (created by %s)", creator);
	}
	putchar('\n');
}

/* The tree below @root, depth first, without recursion. */
static void tree_walk(const struct tree *t, size_t root)
{
	size_t cur = root, depth = 0;

	for (;;) {
		tree_line(t, cur, depth);
		if (t->child[cur] != NONE) {
			cur = t->child[cur];
			depth++;
			continue;
		}
		while (cur != root && t->next[cur] == NONE) {
			cur = t->parent[cur];
			depth--;
		}
		if (cur == root)
			return;
		cur = t->next[cur];
	}
}

/* Every tree, or with -s ID the one below ID. */
static int print_tree(struct logonsess_session **list, size_t n,
		      const struct options *opt)
{
	struct tree t = { 0 };
	size_t i;

	if (tree_build(&t, list, n))
		return fail("--tree", -ENOMEM);
	if (opt->one) {
		i = tree_find(&t, opt->id);
		if (i == NONE) {
			char id[LOGONSESS_ID_TEXT_SIZE];

			tree_free(&t);
			logonsess_format_id(opt->id, id, sizeof(id));
			fprintf(stderr, "%s: no logon session %s that you may see\n",
				progname, id);
			return EXIT_FAILURE;
		}
		tree_walk(&t, i);
	} else {
		for (i = 0; i < t.n; i++)
			if (t.parent[i] == NONE)
				tree_walk(&t, i);
	}
	tree_free(&t);
	return EXIT_SUCCESS;
}

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

/*
 * --pid PID: the session of the process with that PID, race-free: the
 * pidfd names that process whatever happens to the number afterwards.
 */
static int session_of_pid(pid_t pid, struct logonsess_session **s)
{
	int pidfd = syscall(SYS_pidfd_open, pid, 0);
	int ret;

	*s = NULL;
	if (pidfd < 0) {
		ret = -errno;
	} else {
		ret = logonsess_pidfd_get(pidfd, s);
		close(pidfd);
	}
	if (!ret)
		return 0;
	if (ret == -ESRCH)
		fprintf(stderr, "%s: no process %d\n", progname, (int)pid);
	else if (ret == -EACCES)
		fprintf(stderr, "%s: process %d is in a logon session you may not see\n",
			progname, (int)pid);
	else if (ret == -ENOENT)
		fprintf(stderr, "%s: no logon session of process %d that you may see\n",
			progname, (int)pid);
	else if (ret == -EOPNOTSUPP)
		return fail("--pid", ret);
	else
		fprintf(stderr, "%s: process %d: %s\n", progname, (int)pid,
			logonsess_strerror(ret));
	return ret;
}

/* The boot-time or administrator's cleanup of per-session directories. */
static int clean_tmpdirs(const char *parent)
{
	struct clean_report r = { .parent = parent };
	int ret = logonsess_tmpdir_clean(parent, report_removed, &r);

	/* Each failure was named above; say that the cleanup is incomplete. */
	if (r.failed) {
		fprintf(stderr, "%s: %s: %d director%s not removed\n", progname,
			parent, r.failed, r.failed == 1 ? "y was" : "ies were");
		return EXIT_FAILURE;
	}
	if (ret == -EPERM) {
		fprintf(stderr, "%s: %s: needs CAP_SYS_ADMIN (to see every session)\n",
			progname, parent);
		return EXIT_FAILURE;
	}
	if (ret < 0)
		return fail(parent, ret);
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	struct options opt = { 0 };
	struct logonsess_session **list;
	struct logonsess_process **procs = NULL;
	char boot[LOGONSESS_BOOT_ID_TEXT_SIZE];
	size_t n, nprocs = 0, i, shown = 0;
	const char *boot_id = NULL;
	int ret;

	parse_options(argc, argv, &opt);
	if (opt.history)
		return history_run(&opt.hist);
	if (opt.clean)
		return clean_tmpdirs(opt.clean);
	if (opt.label)
		return print_label(&opt);
	if (opt.pid) {
		list = calloc(1, sizeof(*list));
		if (!list)
			return fail("--pid", -ENOMEM);
		if (session_of_pid(opt.pid, &list[0])) {
			free(list);
			return EXIT_FAILURE;
		}
		n = 1;
	} else {
		ret = logonsess_list(&list, &n);
		if (ret)
			return fail("cannot read " LOGONSESS_FS_DIR "/sessions",
				    ret);
	}
	if (opt.tree) {
		ret = print_tree(list, n, &opt);
		logonsess_list_free(list, n);
		if (fflush(stdout) || ferror(stdout)) {
			fprintf(stderr, "%s: write error: %s\n", progname,
				strerror(errno));
			return EXIT_FAILURE;
		}
		return ret;
	}
	if (opt.output == OUT_JSON) {
		/* A kernel before boot_id: null. */
		ret = logonsess_boot_id(boot, sizeof(boot));
		if (!ret) {
			boot_id = boot;
		} else if (ret != -ENOENT) {
			logonsess_list_free(list, n);
			return fail("cannot read " LOGONSESS_FS_DIR "/boot_id", ret);
		}
	}
	if (opt.processes) {
		ret = logonsess_processes(&procs, &nprocs);
		if (ret) {
			logonsess_list_free(list, n);
			return fail("cannot read " LOGONSESS_FS_DIR "/processes",
				    ret);
		}
	}

	if (opt.output == OUT_CSV) {
		const char *cols[] = { "id", "type", "user_sid", "logon_sid",
				       "auth", "time", "origin", "state", "refs",
				       "creator", "linked" };

		for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			csv_field(cols[i], opt.separator,
				  i + 1 == sizeof(cols) / sizeof(cols[0]));
	} else if (opt.output == OUT_JSON) {
		putchar('[');
	}
	for (i = 0; i < n; i++) {
		if (opt.one && logonsess_session_id(list[i]) != opt.id)
			continue;
		if (opt.output == OUT_CSV)
			csv_session(list[i], opt.separator);
		else if (opt.output == OUT_JSON)
			json_session(list[i], !shown, procs, nprocs,
				     opt.processes, boot_id);
		else
			text_session(list[i], shown, procs, nprocs,
				     opt.processes);
		shown++;
	}
	if (opt.output == OUT_JSON)
		printf("%s]\n", shown ? "\n" : "");
	logonsess_list_free(list, n);
	logonsess_processes_free(procs, nprocs);

	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n", progname,
			strerror(errno));
		return EXIT_FAILURE;
	}
	if (opt.one && !shown) {
		char id[LOGONSESS_ID_TEXT_SIZE];

		logonsess_format_id(opt.id, id, sizeof(id));
		fprintf(stderr, "%s: no logon session %s that you may see\n",
			progname, id);
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}
