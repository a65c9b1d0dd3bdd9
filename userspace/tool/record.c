// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One AUDIT_LOGONSESS record (type 1427) of an audit log. The forms read:
 *
 *   type=UNKNOWN[1427] msg=audit(1764825600.123:456): op=logon ...
 *   node=host type=LOGONSESS msg=audit(1764825600.123:456): op=logon ...
 *   type=UNKNOWN[1427] msg=audit(12/04/2026 01:00:00.123:456) : op=logon ...
 *
 * auditd's log and ausearch --raw, with its node= when it has one; an
 * audit userspace that knows the type names it LOGONSESS, an older one
 * UNKNOWN[1427]; the last is ausearch -i, whose time is local. What
 * auditd's ENRICHED format appends after a GS byte (0x1d) is not the
 * kernel's and is dropped.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "record.h"

static const char *const op_names[] = {
	[OP_LOGON] = "logon", [OP_JOIN] = "join", [OP_LOGOFF] = "logoff",
	[OP_DESTROY] = "destroy", [OP_DENY] = "deny",
};

static bool is_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* @s's first @n digits as a number. */
static int digits(const char *s, size_t n)
{
	int v = 0;

	while (n--)
		v = v * 10 + *s++ - '0';
	return v;
}

/*
 * The time of "msg=audit(...)", up to its ':' before the serial: seconds
 * since the epoch with milliseconds, or ausearch -i's local
 * "MM/DD/YYYY HH:MM:SS.mmm" (MM/DD/YY in the C locale).
 */
static int parse_stamp(const char *s, size_t n, int64_t *ms)
{
	const char *dot = memchr(s, '.', n);
	struct tm tm = { .tm_isdst = -1 };
	size_t secs = dot ? (size_t)(dot - s) : n;
	int frac = 0;
	time_t t;

	if (!dot || !is_digits(dot + 1, n - secs - 1) || n - secs - 1 > 3)
		return -1;
	frac = digits(dot + 1, n - secs - 1);
	if (is_digits(s, secs) && secs <= 12) {
		*ms = (int64_t)strtoll(s, NULL, 10) * 1000 + frac;
		return 0;
	}
	/* MM/DD/YY[YY] HH:MM:SS */
	if ((secs != 17 && secs != 19) || s[2] != '/' || s[5] != '/' ||
	    !is_digits(s, 2) || !is_digits(s + 3, 2))
		return -1;
	tm.tm_mon = digits(s, 2) - 1;
	tm.tm_mday = digits(s + 3, 2);
	s += 6;
	secs -= 6;
	if (secs == 11) {	/* YY */
		if (!is_digits(s, 2))
			return -1;
		tm.tm_year = digits(s, 2) + 100;
		s += 2;
	} else {
		if (!is_digits(s, 4))
			return -1;
		tm.tm_year = digits(s, 4) - 1900;
		s += 4;
	}
	if (s[0] != ' ' || !is_digits(s + 1, 2) || s[3] != ':' ||
	    !is_digits(s + 4, 2) || s[6] != ':' || !is_digits(s + 7, 2))
		return -1;
	tm.tm_hour = digits(s + 1, 2);
	tm.tm_min = digits(s + 4, 2);
	tm.tm_sec = digits(s + 7, 2);
	t = mktime(&tm);
	*ms = (int64_t)t * 1000 + frac;
	return t == (time_t)-1 ? -1 : 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A value of audit_log_untrustedstring(): "quoted", or, when it held a
 * space, a quote or a byte outside 0x21-0x7e, hexadecimal (upper case, as
 * the kernel writes it). ausearch -i shows comm decoded, which cannot be
 * told from hexadecimal when it is made of 0-9 and A-F only.
 */
static char *untrusted(char *v)
{
	size_t n = strlen(v), i;

	if (v[0] == '"') {
		if (n >= 2 && v[n - 1] == '"')
			v[n - 1] = '\0';
		return v + 1;
	}
	if (n % 2)
		return v;
	for (i = 0; i < n; i++)
		if (hexval(v[i]) < 0)
			return v;
	for (i = 0; i < n / 2; i++)
		v[i] = (char)(hexval(v[2 * i]) << 4 | hexval(v[2 * i + 1]));
	v[n / 2] = '\0';
	return v;
}

/* A session ID as the kernel writes it (%#llx), or "?" (0). */
static int parse_id(const char *v, uint64_t *id)
{
	char *end;

	if (!strcmp(v, "?")) {
		*id = 0;
		return 0;
	}
	if (strncmp(v, "0x", 2) || !v[2] || strlen(v) > 18)
		return -1;
	errno = 0;
	*id = strtoull(v + 2, &end, 16);
	return *end || errno || !*id ? -1 : 0;
}

static bool is_boot_id(const char *v)
{
	size_t i;

	for (i = 0; i < 32; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f')))
			return false;
	return !v[32];
}

/* "?" and a missing field are both NULL: unknown. */
static const char *known(const char *v)
{
	return v && strcmp(v, "?") ? v : NULL;
}

/*
 * The key=value pairs of the body, in place. A word without '=' goes on
 * the value before it (ausearch -i writes a decoded comm as it is, spaces
 * and all).
 */
static const char *parse_fields(char *p, struct record *r)
{
	char *op = NULL, *id = NULL, *creator = NULL, *linked = NULL;
	char *res = NULL, *lifetime = NULL, *boot = NULL, *type = NULL;
	char *user_sid = NULL, *logon_sid = NULL, *pid = NULL, *uid = NULL;
	char *auth = NULL, *origin = NULL, *comm = NULL, *last = NULL;
	const struct {
		const char *key;
		char **val;
	} keys[] = {
		{ "op", &op }, { "logon_id", &id }, { "logon_type", &type },
		{ "user_sid", &user_sid }, { "logon_sid", &logon_sid },
		{ "auth", &auth }, { "origin", &origin },
		{ "creator", &creator }, { "linked", &linked },
		{ "boot_id", &boot }, { "pid", &pid }, { "uid", &uid },
		{ "comm", &comm }, { "res", &res }, { "lifetime", &lifetime },
	};
	char *end;
	size_t i;

	while (*p) {
		char *key = p, *val, *eq;

		p += strcspn(p, " ");
		if (*p)
			*p++ = '\0';
		p += strspn(p, " ");
		eq = strchr(key, '=');
		if (!eq) {
			if (last && *key)
				last[strlen(last)] = ' ';
			continue;
		}
		*eq = '\0';
		val = last = eq + 1;
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (!strcmp(key, keys[i].key)) {
				*keys[i].val = val;
				break;
			}
		}
	}

	if (!op)
		return "no op=";
	r->op_name = op;
	for (r->op = 0; r->op < OP_OTHER; r->op++)
		if (!strcmp(op, op_names[r->op]))
			break;
	if (id && parse_id(id, &r->id))
		return "bad logon_id=";
	if ((creator && parse_id(creator, &r->creator)) ||
	    (linked && parse_id(linked, &r->linked)))
		return "bad creator= or linked=";
	if (boot && !is_boot_id(boot))
		return "bad boot_id=";
	r->boot_id = boot;
	/* ausearch -i writes res as success or failed. */
	if (res) {
		if (!strcmp(res, "1") || !strcmp(res, "success") || !strcmp(res, "yes"))
			r->res = 1;
		else if (!strcmp(res, "0") || !strcmp(res, "failed") || !strcmp(res, "no"))
			r->res = 0;
		else
			return "bad res=";
	}
	if (lifetime) {
		errno = 0;
		r->lifetime = strtoll(lifetime, &end, 10);
		if (*end || errno || r->lifetime < 0 || end == lifetime)
			return "bad lifetime=";
	}
	r->type = known(type);
	r->user_sid = known(user_sid);
	r->logon_sid = known(logon_sid);
	r->auth = auth ? known(untrusted(auth)) : NULL;
	r->origin = origin ? known(untrusted(origin)) : NULL;
	r->comm = comm ? known(untrusted(comm)) : NULL;
	r->pid = known(pid);
	r->uid = known(uid);
	if (r->op <= OP_DESTROY && r->res != 0 && !r->id)
		return "no logon_id=";
	return NULL;
}

/**
 * record_parse - parse one line of an audit log
 * @line: the line, without its newline; changed in place
 * @len: its length
 * @r: the record, on REC_OK
 * @body_copy: if not NULL, gets the body (from "op=") as it was; as large
 *	as @line
 * @why: on REC_BAD, what is wrong
 */
enum record_result record_parse(char *line, size_t len, struct record *r,
				char *body_copy, const char **why)
{
	char *p = line, *type, *stamp, *colon, *gs;

	memset(r, 0, sizeof(*r));
	r->res = -1;
	r->lifetime = -1;
	if (memchr(line, '\0', len)) {
		*why = "NUL byte in the line";
		return REC_BAD;
	}
	gs = memchr(line, 0x1d, len);
	if (gs) {
		*gs = '\0';
		len = gs - line;
	}
	if (!len || !strncmp(p, "----", 4) || !strncmp(p, "time->", 6))
		return REC_SKIP;
	if (!strncmp(p, "node=", 5)) {
		p = strchr(p, ' ');
		if (!p) {
			*why = "not an audit record";
			return REC_BAD;
		}
		p++;
	}
	if (strncmp(p, "type=", 5)) {
		*why = "not an audit record";
		return REC_BAD;
	}
	type = p + 5;
	p = strchr(type, ' ');
	if (!p) {
		*why = "not an audit record";
		return REC_BAD;
	}
	if (!((p - type == 9 && !strncmp(type, "LOGONSESS", 9)) ||
	      (p - type == 13 && !strncmp(type, "UNKNOWN[1427]", 13))))
		return REC_SKIP;
	p++;
	if (strncmp(p, "msg=audit(", 10)) {
		*why = "no msg=audit(...)";
		return REC_BAD;
	}
	stamp = p + 10;
	p = strchr(stamp, ')');
	colon = p ? memrchr(stamp, ':', p - stamp) : NULL;
	if (!colon || !is_digits(colon + 1, p - colon - 1) ||
	    parse_stamp(stamp, colon - stamp, &r->ms)) {
		*why = "bad msg=audit(TIME:SERIAL)";
		return REC_BAD;
	}
	r->serial = strtoull(colon + 1, NULL, 10);
	p++;
	if (!strncmp(p, ": ", 2))
		p += 2;
	else if (!strncmp(p, " : ", 3))
		p += 3;
	else {
		*why = "no ': ' after msg=audit(...)";
		return REC_BAD;
	}
	r->body = p;
	if (body_copy) {
		strcpy(body_copy, p);
		r->body = body_copy;
	}
	*why = parse_fields(p, r);
	return *why ? REC_BAD : REC_OK;
}
