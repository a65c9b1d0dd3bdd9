// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * logonsessions --history and --timeline: the logon sessions of past
 * boots, from the AUDIT_LOGONSESS records of audit logs (record.c parses
 * one line, histout.c prints).
 *
 * The logs are read as a stream, plain or gzip'd alike (zlib tells them
 * apart by their first bytes), a line at a time. A session is kept in a
 * hash table from its first record to its op=destroy, when its row is
 * printed and it is freed: the memory is that of the sessions open at one
 * time (and of those whose end is not in the logs), not of the logs. A
 * logon ID is unique only within a boot, so the key is (boot, ID); for
 * records of kernels before boot_id, a logon whose ID is not above every
 * ID seen so far starts a new "unknown" boot, IDs being handed out in
 * increasing order from 0x3e8 at every boot.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "history.h"

#ifndef AUDITD_CONF
#define AUDITD_CONF "/etc/audit/auditd.conf"
#endif
#define AUDIT_LOG "/var/log/audit/audit.log"

/* The longest line read; the kernel's records are at most 8970 bytes. */
#define MAX_LINE (64 * 1024)
#define READ_SIZE (256 * 1024)
/* Malformed lines named on standard error; the others are counted. */
#define MAX_WARNINGS 10

struct input {
	const char *name;	/* as warnings name it */
	gzFile gz;
	unsigned long line;
	char *buf;		/* MAX_LINE + READ_SIZE bytes */
	size_t start, end;
	bool eof;
};

struct history {
	const struct history_options *opt;
	struct boot *boots;
	size_t nboots, boots_size, last_boot, cur_unknown;
	uint64_t max_unknown_id;
	struct session **table;
	size_t table_size, count;
	uint64_t seq;
	/* The last logoff record: a cascade is one event, one serial. */
	size_t logoff_boot;
	int64_t logoff_ms;
	uint64_t logoff_serial, logoff_root;
	unsigned long warnings;
	bool failed;		/* a file could not be read */
	char *body;		/* --timeline: the record as it was */
};

#define NONE SIZE_MAX

static const char *progname = "logonsessions";

static void __attribute__((format(printf, 3, 4)))
warn_line(struct history *h, const struct input *in, const char *fmt, ...)
{
	va_list ap;

	if (++h->warnings > MAX_WARNINGS)
		return;
	fprintf(stderr, "%s: %s:%lu: ", progname, in->name, in->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void __attribute__((noreturn)) oom(void)
{
	fprintf(stderr, "%s: out of memory\n", progname);
	exit(EXIT_FAILURE);
}

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p)
		oom();
	return p;
}

static void *xmalloc(size_t size)
{
	return xrealloc(NULL, size);
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/* --- time and user arguments */

/*
 * TEXT as ISO 8601, YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|(+|-)HH[:]MM]
 * (local time without a zone), or @SECONDS[.fff] since the epoch.
 */
int history_parse_time(const char *text, int64_t *ms)
{
	struct tm tm = { .tm_isdst = -1 };
	const char *p = text;
	long frac = 0, scale = 1000, off = 0;
	bool utc = false;
	char *end;
	time_t t = 0;

	if (*p == '@') {
		errno = 0;
		t = strtoll(p + 1, &end, 10);
		if (end == p + 1 || errno)
			return -1;
		p = end;
	} else {
		p = strptime(p, "%Y-%m-%d", &tm);
		if (!p)
			return -1;
		if (*p == 'T' || *p == ' ') {
			p = strptime(p + 1, "%H:%M", &tm);
			if (!p)
				return -1;
			if (*p == ':' && !(p = strptime(p + 1, "%S", &tm)))
				return -1;
		}
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (scale > 1)
				frac += (*p - '0') * (scale /= 10);
	}
	if (*text == '@') {
		if (*p)
			return -1;
		*ms = (int64_t)t * 1000 + frac;
		return 0;
	}
	if (*p == 'Z') {
		utc = true;
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1, hh, mm, n;

		if (sscanf(p + 1, "%2d%n", &hh, &n) != 1 || n != 2)
			return -1;
		p += 3;
		if (*p == ':')
			p++;
		if (sscanf(p, "%2d%n", &mm, &n) != 1 || n != 2 || hh > 23 || mm > 59)
			return -1;
		off = sign * (hh * 60 + mm) * 60;
		p += 2;
		utc = true;
	}
	if (*p)
		return -1;
	t = utc ? timegm(&tm) - off : mktime(&tm);
	*ms = (int64_t)t * 1000 + frac;
	return 0;
}

/*
 * The SID --user USER names: a SID as it is, else a user's name or UID as
 * pam_logonsess makes its SID, S-1-22-1-UID. NULL if no such user.
 */
char *history_user_sid(const char *user)
{
	char sid[64];
	struct passwd *pw;
	char *end;
	unsigned long uid;

	if (!strncmp(user, "S-", 2))
		return xstrdup(user);
	pw = getpwnam(user);
	if (pw) {
		snprintf(sid, sizeof(sid), "S-1-22-1-%u", (unsigned)pw->pw_uid);
		return xstrdup(sid);
	}
	errno = 0;
	uid = strtoul(user, &end, 10);
	if (!*user || *end || errno || uid > UINT32_MAX || *user == '-')
		return NULL;
	snprintf(sid, sizeof(sid), "S-1-22-1-%lu", uid);
	return xstrdup(sid);
}

/* --- input */

/* gzerror()'s message less the "<fd:N>: " that gzdopen() names files by. */
static const char *zmsg(const char *msg)
{
	const char *p = strncmp(msg, "<fd:", 4) ? NULL : strstr(msg, ">: ");

	return p ? p + 3 : msg;
}

static int input_open(struct input *in, const char *path)
{
	int fd;

	memset(in, 0, sizeof(*in));
	if (!strcmp(path, "-")) {
		in->name = "(standard input)";
		fd = dup(STDIN_FILENO);
	} else {
		in->name = path;
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return -errno;
	in->gz = gzdopen(fd, "rb");
	if (!in->gz) {
		close(fd);
		return -ENOMEM;
	}
	gzbuffer(in->gz, READ_SIZE);
	in->buf = xmalloc(MAX_LINE + READ_SIZE);
	return 0;
}

static void input_close(struct input *in)
{
	gzclose(in->gz);
	free(in->buf);
}

/*
 * The next line, without its newline, NUL-terminated in place; a last
 * line without one too (a log cut short). NULL at the end or on a read
 * error, which is reported. A line longer than MAX_LINE is skipped with a
 * warning.
 */
static char *input_line(struct history *h, struct input *in, size_t *len)
{
	bool skipping = false;

	for (;;) {
		char *start = in->buf + in->start;
		char *nl = memchr(start, '\n', in->end - in->start);
		int n;

		if (nl) {
			in->start = nl + 1 - in->buf;
			in->line++;
			if (skipping || nl - start > MAX_LINE) {
				warn_line(h, in, "line longer than %d bytes, skipped",
					  MAX_LINE);
				skipping = false;
				continue;
			}
			*nl = '\0';
			*len = nl - start;
			return start;
		}
		if (in->eof) {
			if (in->start == in->end)
				return NULL;
			in->line++;
			*len = in->end - in->start;
			in->buf[in->end] = '\0';
			in->start = in->end;
			if (skipping) {
				warn_line(h, in, "line longer than %d bytes, skipped",
					  MAX_LINE);
				return NULL;
			}
			return start;
		}
		if (in->end - in->start >= MAX_LINE) {
			skipping = true;
			in->start = in->end = 0;
		} else if (in->start) {
			memmove(in->buf, start, in->end - in->start);
			in->end -= in->start;
			in->start = 0;
		}
		/* One byte kept for the NUL of a last line. */
		n = gzread(in->gz, in->buf + in->end,
			   MAX_LINE + READ_SIZE - 1 - in->end);
		if (n < 0) {
			int err;
			const char *msg = gzerror(in->gz, &err);

			fprintf(stderr, "%s: %s: %s\n", progname, in->name,
				err == Z_ERRNO ? strerror(errno) : zmsg(msg));
			h->failed = true;
			in->eof = true;
		} else if (n == 0) {
			int err;
			const char *msg = gzerror(in->gz, &err);

			/* A gzip'd log cut short: what came before it counts. */
			if (err != Z_OK && err != Z_STREAM_END) {
				fprintf(stderr, "%s: %s: %s\n", progname, in->name,
					zmsg(msg));
				h->failed = true;
			}
			in->eof = true;
		} else {
			in->end += n;
		}
	}
}

/* --- boots */

static size_t boot_add(struct history *h, const char *id)
{
	struct boot *b;

	if (h->nboots == h->boots_size) {
		h->boots_size = h->boots_size ? 2 * h->boots_size : 8;
		h->boots = xrealloc(h->boots, h->boots_size * sizeof(*h->boots));
	}
	b = &h->boots[h->nboots];
	memset(b, 0, sizeof(*b));
	b->last = TIME_NONE;
	if (id) {
		memcpy(b->id, id, 32);
	} else {
		/* Unknown boots are numbered from 1, in the order read. */
		b->unknown = 1;
		for (size_t i = 0; i < h->nboots; i++)
			if (h->boots[i].unknown)
				b->unknown++;
	}
	return h->nboots++;
}

/* The boot of record @r (see the top of this file for those without ID). */
static size_t boot_of(struct history *h, const struct record *r)
{
	size_t i;

	if (r->boot_id) {
		if (h->last_boot != NONE && !strcmp(h->boots[h->last_boot].id, r->boot_id))
			return h->last_boot;
		for (i = 0; i < h->nboots; i++)
			if (!strcmp(h->boots[i].id, r->boot_id))
				return i;
		return boot_add(h, r->boot_id);
	}
	if (h->cur_unknown == NONE ||
	    (r->op == OP_LOGON && r->res != 0 && r->id && r->id <= h->max_unknown_id)) {
		h->cur_unknown = boot_add(h, NULL);
		h->max_unknown_id = 0;
	}
	if (r->id > h->max_unknown_id)
		h->max_unknown_id = r->id;
	return h->cur_unknown;
}

/* --- the session table */

static size_t slot(const struct history *h, size_t boot, uint64_t id)
{
	uint64_t x = (id ^ ((uint64_t)boot << 48)) * 0x9e3779b97f4a7c15ULL;

	return (size_t)(x >> 32) & (h->table_size - 1);
}

static struct session **find(struct history *h, size_t boot, uint64_t id)
{
	struct session **p = &h->table[slot(h, boot, id)];

	while (*p && ((*p)->boot != boot || (*p)->id != id))
		p = &(*p)->next;
	return p;
}

static void grow(struct history *h)
{
	size_t old = h->table_size, i;
	struct session **t = h->table;

	h->table_size = old ? 2 * old : 1024;
	h->table = calloc(h->table_size, sizeof(*h->table));
	if (!h->table)
		oom();
	for (i = 0; i < old; i++) {
		while (t[i]) {
			struct session *s = t[i], **p;

			t[i] = s->next;
			p = &h->table[slot(h, s->boot, s->id)];
			s->next = *p;
			*p = s;
		}
	}
	free(t);
}

static struct session *session_new(struct history *h, size_t boot, uint64_t id)
{
	struct session *s = xmalloc(sizeof(*s)), **p;

	if (h->count >= h->table_size)
		grow(h);
	memset(s, 0, sizeof(*s));
	s->seq = h->seq++;
	s->boot = boot;
	s->id = id;
	s->logon = s->logoff = s->destroy = TIME_NONE;
	s->lifetime = -1;
	p = &h->table[slot(h, boot, id)];
	s->next = *p;
	*p = s;
	h->count++;
	return s;
}

static void session_free(struct session *s)
{
	free(s->type);
	free(s->user_sid);
	free(s->logon_sid);
	free(s->auth);
	free(s->origin);
	free(s->by_pid);
	free(s->by_uid);
	free(s->by_comm);
	free(s);
}

/* What a record says of its session, where nothing earlier said it. */
static void take(char **field, const char *v)
{
	if (!*field && v)
		*field = xstrdup(v);
}

static void session_fill(struct session *s, const struct record *r)
{
	take(&s->type, r->type);
	take(&s->user_sid, r->user_sid);
	take(&s->logon_sid, r->logon_sid);
	take(&s->auth, r->auth);
	take(&s->origin, r->origin);
	if (!s->creator)
		s->creator = r->creator;
	if (!s->linked)
		s->linked = r->linked;
	s->seen |= 1u << r->op;
}

/* --- filters and rows */

/* --id, --type, --user and --origin, of a session or of a record. */
static bool fields_match(const struct history_options *opt, uint64_t id,
			 const char *type, const char *user_sid,
			 const char *origin)
{
	return (!opt->id || id == opt->id) &&
	       (!opt->type || (type && !strcmp(type, opt->type))) &&
	       (!opt->user_sid || (user_sid && !strcmp(user_sid, opt->user_sid))) &&
	       (!opt->origin || (origin && !fnmatch(opt->origin, origin, 0)));
}

static bool session_matches(const struct history_options *opt,
			    const struct row *row)
{
	const struct session *s = row->s;
	/* No end in the logs: live to the end of them, or to its boot's end. */
	int64_t end = row->end != TIME_NONE ? row->end :
		      row->end_reason == END_LIVE ? INT64_MAX : row->boot->last;
	int64_t start = row->start != TIME_NONE ? row->start : INT64_MIN;

	if (!fields_match(opt, s->id, s->type, s->user_sid, s->origin))
		return false;
	if (opt->at != TIME_NONE && (start > opt->at || end <= opt->at))
		return false;
	if (opt->since != TIME_NONE && end < opt->since)
		return false;
	if (opt->until != TIME_NONE && start > opt->until)
		return false;
	return true;
}

static void emit(struct history *h, const struct session *s,
		 enum end_reason why)
{
	struct row row = {
		.s = s, .boot = &h->boots[s->boot], .end_reason = why,
		.start = s->logon, .end = s->destroy,
	};

	/* A destroy without its logon: it says how long the session lived. */
	if (row.start == TIME_NONE && s->destroy != TIME_NONE && s->lifetime >= 0)
		row.start = s->destroy - s->lifetime * 1000;
	if (row.end == TIME_NONE)
		row.end = s->logoff;
	if (session_matches(h->opt, &row))
		history_row(h->opt, &row);
}

static bool event_matches(const struct history_options *opt,
			  const struct record *r)
{
	if (!fields_match(opt, r->id, r->type, r->user_sid, r->origin))
		return false;
	if (opt->since != TIME_NONE && r->ms < opt->since)
		return false;
	if (opt->until != TIME_NONE && r->ms > opt->until)
		return false;
	return true;
}

/* --- records */

static void logoff(struct history *h, struct session *s,
		   const struct record *r, size_t boot)
{
	/* The sessions a logoff cascades to are logged in the same event. */
	if (r->serial && boot == h->logoff_boot && r->ms == h->logoff_ms &&
	    r->serial == h->logoff_serial) {
		if (r->id != h->logoff_root)
			s->cascade_of = h->logoff_root;
	} else {
		h->logoff_boot = boot;
		h->logoff_ms = r->ms;
		h->logoff_serial = r->serial;
		h->logoff_root = r->id;
	}
	if (s->logoff != TIME_NONE)
		return;
	s->logoff = r->ms;
	take(&s->by_pid, r->pid);
	take(&s->by_uid, r->uid);
	take(&s->by_comm, r->comm);
}

static void record(struct history *h, const struct input *in,
		   const struct record *r)
{
	size_t boot = boot_of(h, r);
	struct session **p, *s;

	if (h->boots[boot].last == TIME_NONE || r->ms > h->boots[boot].last)
		h->boots[boot].last = r->ms;
	h->last_boot = boot;
	if (h->opt->timeline) {
		if (event_matches(h->opt, r))
			history_event(h->opt, r, &h->boots[boot]);
		return;
	}
	/* Refused writes (res=0) made or changed no session. */
	if (r->op > OP_DESTROY || r->res == 0 || !r->id)
		return;
	p = find(h, boot, r->id);
	if (*p && r->op == OP_LOGON) {
		char id[24];

		snprintf(id, sizeof(id), "%#" PRIx64, r->id);
		warn_line(h, in, "a second logon of %s in the same boot (a log read twice?)",
			  id);
		s = *p;
		*p = s->next;
		h->count--;
		emit(h, s, END_UNKNOWN);
		session_free(s);
	}
	s = *p ? *p : session_new(h, boot, r->id);
	session_fill(s, r);
	switch (r->op) {
	case OP_LOGON:
		s->logon = r->ms;
		break;
	case OP_JOIN:
		s->joins++;
		break;
	case OP_LOGOFF:
		logoff(h, s, r, boot);
		break;
	case OP_DESTROY:
		s->destroy = r->ms;
		s->lifetime = r->lifetime;
		emit(h, s, s->logoff != TIME_NONE ? END_LOGOFF : END_EXITED);
		p = find(h, boot, r->id);
		*p = s->next;
		h->count--;
		session_free(s);
		break;
	default:
		break;
	}
}

static void read_input(struct history *h, struct input *in)
{
	struct record r;
	const char *why;
	size_t len;
	char *line;

	while ((line = input_line(h, in, &len))) {
		switch (record_parse(line, len, &r, h->body, &why)) {
		case REC_OK:
			record(h, in, &r);
			break;
		case REC_BAD:
			warn_line(h, in, "%s", why);
			break;
		case REC_SKIP:
			break;
		}
	}
}

/* --- which files */

/* auditd's log_file, from auditd.conf; audit.log where it names none. */
static char *audit_log_path(void)
{
	FILE *f = fopen(AUDITD_CONF, "re");
	char line[4096], *path = NULL;

	while (f && !path && fgets(line, sizeof(line), f)) {
		char *p = line + strspn(line, " \t"), *end;

		if (strncmp(p, "log_file", 8))
			continue;
		p += 8 + strspn(p + 8, " \t");
		if (*p != '=')
			continue;
		p += 1 + strspn(p + 1, " \t");
		end = p + strcspn(p, " \t\r\n");
		*end = '\0';
		if (*p)
			path = xstrdup(p);
	}
	if (f)
		fclose(f);
	return path ? path : xstrdup(AUDIT_LOG);
}

struct rotation {
	unsigned long n;
	char *path;
};

static int by_age(const void *a, const void *b)
{
	const struct rotation *x = a, *y = b;

	return x->n < y->n ? 1 : x->n > y->n ? -1 : 0;
}

/*
 * auditd's log and its rotations, oldest first: LOG.N (or LOG.N.gz, as
 * logrotate leaves them) down to LOG.1, then LOG.
 */
static char **default_files(int *n)
{
	char *log = audit_log_path(), *slash = strrchr(log, '/');
	const char *dir = slash ? (slash == log ? "/" : log) : ".";
	const char *base = slash ? slash + 1 : log;
	size_t blen = strlen(base), count = 0, size = 0, i;
	struct rotation *rot = NULL;
	struct dirent *de;
	char **files;
	DIR *d;

	if (slash)
		*slash = '\0';
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		const char *p = de->d_name + blen;
		char *end;
		unsigned long k;

		if (strncmp(de->d_name, base, blen) || *p != '.' || p[1] < '1' ||
		    p[1] > '9')
			continue;
		k = strtoul(p + 1, &end, 10);
		if (*end && strcmp(end, ".gz"))
			continue;
		if (count == size) {
			size = size ? 2 * size : 16;
			rot = xrealloc(rot, size * sizeof(*rot));
		}
		rot[count].n = k;
		if (asprintf(&rot[count].path, "%s/%s", dir, de->d_name) < 0)
			oom();
		count++;
	}
	if (d)
		closedir(d);
	qsort(rot, count, sizeof(*rot), by_age);
	files = xmalloc((count + 1) * sizeof(*files));
	for (i = 0; i < count; i++)
		files[i] = rot[i].path;
	if (asprintf(&files[count], "%s/%s", dir, base) < 0)
		oom();
	free(rot);
	free(log);
	*n = count + 1;
	return files;
}

/* Standard input, when it is a pipe or a file (ausearch --raw | ...). */
static bool stdin_has_input(void)
{
	struct stat st;

	return !isatty(STDIN_FILENO) && !fstat(STDIN_FILENO, &st) &&
	       (S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode) ||
		S_ISSOCK(st.st_mode));
}

static int by_seq(const void *a, const void *b)
{
	const struct session *x = *(const struct session *const *)a;
	const struct session *y = *(const struct session *const *)b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The sessions whose op=destroy is not in the logs, in order of start. */
static void emit_rest(struct history *h)
{
	struct session **rest = xmalloc((h->count + 1) * sizeof(*rest));
	size_t n = 0, i;

	for (i = 0; i < h->table_size; i++)
		for (struct session *s = h->table[i]; s; s = s->next)
			rest[n++] = s;
	qsort(rest, n, sizeof(*rest), by_seq);
	for (i = 0; i < n; i++) {
		const struct session *s = rest[i];

		emit(h, s, s->logoff != TIME_NONE ? END_LOGOFF :
			   s->boot == h->last_boot ? END_LIVE : END_UNKNOWN);
		session_free(rest[i]);
	}
	free(rest);
	free(h->table);
}

/**
 * history_run - print the sessions, or the records, of audit logs
 * @opt: what to read and print
 *
 * Returns the exit status: 0, 1 if a file could not be read (the others
 * are) or the output could not be written, 2 if some lines were malformed
 * (and skipped).
 */
int history_run(const struct history_options *opt)
{
	struct history h = {
		.opt = opt, .last_boot = NONE, .cur_unknown = NONE,
		.logoff_boot = NONE,
	};
	char *stdin_only[] = { "-" };
	char **files = opt->files, **defaults = NULL;
	int nfiles = opt->nfiles, i;
	struct input in;

	if (!nfiles && stdin_has_input()) {
		files = stdin_only;
		nfiles = 1;
	} else if (!nfiles) {
		files = defaults = default_files(&nfiles);
	}
	if (opt->timeline)
		h.body = xmalloc(MAX_LINE + READ_SIZE);
	grow(&h);
	history_header(opt);
	for (i = 0; i < nfiles; i++) {
		int err = input_open(&in, files[i]);

		if (err) {
			fprintf(stderr, "%s: cannot open %s: %s\n", progname,
				files[i], strerror(-err));
			h.failed = true;
			continue;
		}
		read_input(&h, &in);
		input_close(&in);
	}
	emit_rest(&h);
	if (h.warnings > MAX_WARNINGS)
		fprintf(stderr, "%s: %lu more malformed lines not shown (%lu in all)\n",
			progname, h.warnings - MAX_WARNINGS, h.warnings);
	if (defaults) {
		for (i = 0; i < nfiles; i++)
			free(defaults[i]);
		free(defaults);
	}
	free(h.boots);
	free(h.body);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
		return EXIT_FAILURE;
	}
	return h.failed ? EXIT_FAILURE : h.warnings ? 2 : EXIT_SUCCESS;
}
