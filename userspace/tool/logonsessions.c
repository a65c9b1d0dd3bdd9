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
#include <time.h>

#include "logonsess.h"

enum output { OUT_TEXT, OUT_CSV, OUT_JSON };

struct options {
	enum output output;
	char separator;		/* ',' or '\t' for OUT_CSV */
	bool processes;
	bool one;
	uint64_t id;
	const char *clean;	/* --clean-tmpdirs PARENT */
	bool label;		/* --label */
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
	printf("Usage: %s [-p] [-c | -ct | --json] [-s ID]\n"
		"       %s --label [-s ID]\n"
		"       %s --clean-tmpdirs PARENT\n"
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
		"     --label       print the label of your session (or of -s ID), the\n"
		"                   value of security.logonsess that admits only it\n"
		"     --clean-tmpdirs PARENT\n"
		"                   remove the directories PARENT/<ID> of sessions\n"
		"                   that ended (pam_logonsess tmpdir=PARENT)\n"
		" -h, --help        this text\n"
		" -V, --version     the version\n",
		progname, progname, progname);
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

static void text_session(const struct logonsess_session *s, size_t index,
			 struct logonsess_process **procs, size_t nprocs,
			 bool with_procs)
{
	time_t t = logonsess_session_logon_time(s);
	uint64_t id = logonsess_session_id(s);
	const char *origin = logonsess_session_origin(s);
	char when[64];
	struct tm tm;
	size_t i;

	if (!localtime_r(&t, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm))
		strcpy(when, "?");
	printf("[%zu] Logon session %08" PRIx32 ":%08" PRIx32 ":\n", index,
	       (uint32_t)(id >> 32), (uint32_t)id);
	printf("    User SID:      %s\n", logonsess_session_user_sid(s));
	printf("    Auth package:  %s\n", logonsess_session_auth(s));
	printf("    Logon type:    %s\n", logonsess_session_type_name(s));
	printf("    Logon SID:     %s\n", logonsess_session_logon_sid(s));
	printf("    Logon time:    %s\n", when);
	printf("    Origin:        %s\n", origin ? origin : "-");
	printf("    State:         %s\n", logonsess_session_state_name(s));
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

/* A CSV field: quoted (RFC 4180) when it holds the separator or a quote. */
static void csv_field(const char *v, char sep, bool last)
{
	if (sep == ',' && strpbrk(v, ",\"\r\n")) {
		putchar('"');
		for (; *v; v++) {
			if (*v == '"')
				putchar('"');
			putchar(*v);
		}
		putchar('"');
	} else {
		fputs(v, stdout);
	}
	putchar(last ? '\n' : sep);
}

static void time_utc(int64_t t64, char *buf, size_t size)
{
	time_t t = t64;
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "?");
}

static void csv_session(const struct logonsess_session *s, char sep)
{
	char id[LOGONSESS_ID_TEXT_SIZE], when[32], refs[24];
	const char *origin = logonsess_session_origin(s);

	logonsess_format_id(logonsess_session_id(s), id, sizeof(id));
	time_utc(logonsess_session_logon_time(s), when, sizeof(when));
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
	csv_field(refs, sep, true);
}

/* The length of the valid UTF-8 sequence at @c (RFC 3629), or 0. */
static size_t utf8_len(const unsigned char *c)
{
	size_t len, i;
	uint32_t cp;

	if (*c < 0x80)
		return 1;
	if (*c >= 0xc2 && *c <= 0xdf)
		len = 2, cp = *c & 0x1f;
	else if (*c >= 0xe0 && *c <= 0xef)
		len = 3, cp = *c & 0x0f;
	else if (*c >= 0xf0 && *c <= 0xf4)
		len = 4, cp = *c & 0x07;
	else
		return 0;
	for (i = 1; i < len; i++) {
		if ((c[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (c[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF are not UTF-8. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/*
 * A JSON string (RFC 8259): UTF-8 as it is, control characters escaped,
 * and a byte that is not UTF-8 (comm may hold any) as U+FFFD, so that the
 * output is always valid JSON.
 */
static void json_string(const char *v)
{
	const unsigned char *c = (const unsigned char *)v;

	putchar('"');
	while (*c) {
		size_t len = utf8_len(c);

		if (*c == '"' || *c == '\\') {
			printf("\\%c", *c);
		} else if (*c < ' ' || *c == 0x7f) {
			printf("\\u%04x", *c);
		} else if (!len) {
			fputs("\\ufffd", stdout);
			len = 1;
		} else {
			fwrite(c, 1, len, stdout);
		}
		c += len ? len : 1;
	}
	putchar('"');
}

static void json_session(const struct logonsess_session *s, bool first,
			 struct logonsess_process **procs, size_t nprocs,
			 bool with_procs)
{
	char id[LOGONSESS_ID_TEXT_SIZE], when[32];
	const char *origin = logonsess_session_origin(s);
	bool first_proc = true;
	size_t i;

	logonsess_format_id(logonsess_session_id(s), id, sizeof(id));
	time_utc(logonsess_session_logon_time(s), when, sizeof(when));
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
		{ NULL, 0, NULL, 0 },
	};
	bool csv = false, tabs = false, json = false;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":pctjs:hV", longopts, NULL)) != -1) {
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
	if (optind < argc)
		bad_usage("unexpected argument '%s'", argv[optind]);
	if (opt->label && (json || csv || tabs || opt->processes || opt->clean))
		bad_usage("--label takes no other option but -s ID");
	if (json && (csv || tabs))
		bad_usage("--json and --csv exclude each other");
	if (tabs && !csv)
		bad_usage("-t needs -c (-ct: tab-separated values)");
	if (csv && opt->processes)
		bad_usage("-p lists processes in the text and --json output, not in -c");
	if (opt->clean && (json || csv || opt->processes || opt->one))
		bad_usage("--clean-tmpdirs takes no other option");
	opt->output = json ? OUT_JSON : csv ? OUT_CSV : OUT_TEXT;
	opt->separator = tabs ? '\t' : ',';
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
	size_t n, nprocs = 0, i, shown = 0;
	int ret;

	parse_options(argc, argv, &opt);
	if (opt.clean)
		return clean_tmpdirs(opt.clean);
	if (opt.label)
		return print_label(&opt);
	ret = logonsess_list(&list, &n);
	if (ret)
		return fail("cannot read " LOGONSESS_FS_DIR "/sessions", ret);
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
				       "auth", "time", "origin", "state", "refs" };

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
				     opt.processes);
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
