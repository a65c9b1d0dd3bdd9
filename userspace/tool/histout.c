// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * logonsessions --history and --timeline output: a text table, CSV or
 * TSV with a header row, or JSON Lines (one object a line) with the field
 * names of the Elastic Common Schema (ECS) where it has one, and the
 * others under "logonsess".
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <grp.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"

/* --- values */

static void json_event(const struct history_options *opt,
		       const struct record *r, const struct boot *boot,
		       const char *message);

/*
 * The account a SID names on this machine now: S-1-22-1-UID a user,
 * S-1-22-2-GID a group (pam_logonsess's SIDs); NULL for any other.
 * Cached, as a log names a few users many times.
 */
static const char *sid_name(const char *sid)
{
	static struct {
		char sid[32];
		char name[64];
		bool found;
	} cache[1024];
	unsigned long n;
	bool group;
	char *end;
	size_t i;

	if (!sid)
		return NULL;
	if (!strncmp(sid, "S-1-22-1-", 9))
		group = false;
	else if (!strncmp(sid, "S-1-22-2-", 9))
		group = true;
	else
		return NULL;
	if (strlen(sid) >= sizeof(cache[0].sid))
		return NULL;
	n = strtoul(sid + 9, &end, 10);
	if (*end || end == sid + 9 || sid[9] == '-' || n > UINT32_MAX)
		return NULL;
	i = (n * 2 + group) % (sizeof(cache) / sizeof(cache[0]));
	if (strcmp(cache[i].sid, sid)) {
		const char *name = NULL;

		if (group) {
			struct group *gr = getgrgid(n);

			name = gr ? gr->gr_name : NULL;
		} else {
			struct passwd *pw = getpwuid(n);

			name = pw ? pw->pw_name : NULL;
		}
		snprintf(cache[i].sid, sizeof(cache[i].sid), "%s", sid);
		cache[i].found = name && strlen(name) < sizeof(cache[i].name);
		if (cache[i].found)
			strcpy(cache[i].name, name);
	}
	return cache[i].found ? cache[i].name : NULL;
}

static void id_text(uint64_t id, char *buf, size_t size)
{
	if (id)
		snprintf(buf, size, "%#" PRIx64, id);
	else
		snprintf(buf, size, "-");
}

static void boot_text(const struct boot *b, char *buf, size_t size)
{
	if (b->id[0])
		snprintf(buf, size, "%s", b->id);
	else
		snprintf(buf, size, "unknown-%u", b->unknown);
}

static void time_text(const struct history_options *opt, int64_t ms,
		      bool with_ms, char *buf, size_t size)
{
	if (ms == TIME_NONE)
		snprintf(buf, size, "-");
	else
		format_time(ms, with_ms, opt->local, buf, size);
}

static const char *const end_names[] = {
	[END_LOGOFF] = "logoff", [END_EXITED] = "exited",
	[END_LIVE] = "live", [END_UNKNOWN] = "unknown",
};

static const char *const op_names[] = {
	"logon", "join", "logoff", "destroy", "deny",
};

static const char *or_dash(const char *v)
{
	return v ? v : "-";
}

/* --- the columns of a timeline line: CSV has them all, text the first
 * six aligned and the others as key=value */

enum ev {
	E_TIME, E_BOOT, E_OP, E_ID, E_TYPE, E_SID, E_NAME, E_AUTH, E_ORIGIN,
	E_CREATOR, E_LINKED, E_PID, E_UID, E_COMM, E_RES, E_LIFETIME,
	E_SERIAL, E_MESSAGE, NEV
};

static const char *const ev_names[NEV] = {
	"time", "boot_id", "op", "logon_id", "logon_type", "user_sid",
	"user_name", "auth", "origin", "creator", "linked", "pid", "uid",
	"comm", "res", "lifetime", "serial", "message",
};

static const int ev_widths[E_NAME] = { 24, 8, 7, 7, 18, 15 };

/* --- the columns of a session row: CSV has them all, text some */

enum col {
	C_BOOT, C_ID, C_TYPE, C_SID, C_NAME, C_LOGON_SID, C_AUTH, C_ORIGIN,
	C_CREATOR, C_LINKED, C_LOGON, C_LOGOFF, C_BY_PID, C_BY_UID, C_BY_COMM,
	C_CASCADE, C_DESTROY, C_END, C_LIFETIME, C_JOINS, C_RECORDS, NCOLS
};

static const char *const csv_names[NCOLS] = {
	"boot_id", "logon_id", "logon_type", "user_sid", "user_name",
	"logon_sid", "auth", "origin", "creator", "linked", "logon_time",
	"logoff_time", "logoff_pid", "logoff_uid", "logoff_comm",
	"cascade_of", "destroy_time", "end", "lifetime", "joins", "records",
};

/* The text table: its columns, their headers and widths (a longer value
 * pushes the rest of its line, as in last(1)). */
static const struct {
	enum col col;
	const char *name;
	int width;
} text_cols[] = {
	{ C_BOOT, "BOOT", 8 }, { C_ID, "ID", 7 }, { C_TYPE, "TYPE", 18 },
	{ C_SID, "USER_SID", 15 }, { C_NAME, "USER", 8 },
	{ C_AUTH, "AUTH", 8 }, { C_ORIGIN, "ORIGIN", 15 },
	{ C_CREATOR, "CREATOR", 7 }, { C_LINKED, "LINKED", 7 },
	{ C_LOGON, "LOGON", 20 }, { C_LOGOFF, "LOGOFF", 20 },
	{ C_BY_COMM, "BY", 14 }, { C_DESTROY, "DESTROY", 20 },
	{ C_END, "END", 7 }, { C_LIFETIME, "LIFETIME", 10 },
	{ C_JOINS, "JOINS", 0 },
};

#define NTEXT (sizeof(text_cols) / sizeof(text_cols[0]))

static void text_line(const char *const v[NCOLS])
{
	size_t i;

	for (i = 0; i < NTEXT; i++) {
		const char *s = v[text_cols[i].col];
		int pad = text_cols[i].width - (int)strlen(s);

		print_cell(s, false);
		if (i + 1 < NTEXT)
			printf("%*s", pad > 0 ? pad + 1 : 1, "");
	}
	putchar('\n');
}

void history_header(const struct history_options *opt)
{
	const char *names[NCOLS];
	size_t i;

	if (opt->output == OUT_JSON)
		return;
	if (opt->timeline) {
		if (opt->output == OUT_CSV)
			for (i = 0; i < NEV; i++)
				csv_field(ev_names[i], opt->separator, i + 1 == NEV);
		return;
	}
	if (opt->output == OUT_CSV) {
		for (i = 0; i < NCOLS; i++)
			csv_field(csv_names[i], opt->separator, i + 1 == NCOLS);
		return;
	}
	for (i = 0; i < NTEXT; i++)
		names[text_cols[i].col] = text_cols[i].name;
	text_line(names);
}

/* A lifetime: seconds with milliseconds, or [Nd+]HH:MM:SS for text. */
static void lifetime_text(int64_t ms, bool text, char *buf, size_t size)
{
	int64_t s = ms / 1000;

	if (ms < 0)
		snprintf(buf, size, "-");
	else if (!text)
		snprintf(buf, size, "%" PRId64 ".%03d", s, (int)(ms % 1000));
	else if (s >= 86400)
		snprintf(buf, size, "%" PRId64 "d+%02d:%02d:%02d", s / 86400,
			 (int)(s / 3600 % 24), (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(buf, size, "%02d:%02d:%02d", (int)(s / 3600),
			 (int)(s / 60 % 60), (int)(s % 60));
}

/* "logon,join,destroy": the kinds of records the logs had of a session. */
static void records_text(unsigned seen, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i <= OP_DESTROY; i++)
		if (seen & 1u << i)
			len += snprintf(buf + len, size - len, "%s%s",
					len ? "," : "", op_names[i]);
}

static int64_t duration(const struct row *row)
{
	if (row->start == TIME_NONE || row->end == TIME_NONE)
		return -1;
	return row->end - row->start;
}

/* Lifts a value (NULL: none) into JSON. */
static void json_value(const char *v)
{
	if (v)
		json_string(v);
	else
		fputs("null", stdout);
}

static void json_time(const struct history_options *opt, int64_t ms)
{
	char t[TIME_TEXT_SIZE];

	if (ms == TIME_NONE) {
		fputs("null", stdout);
		return;
	}
	format_time(ms, true, opt->local, t, sizeof(t));
	json_string(t);
}

static void json_id(uint64_t id)
{
	char text[24];

	if (!id) {
		fputs("null", stdout);
		return;
	}
	id_text(id, text, sizeof(text));
	json_string(text);
}

/* ", KEY: " and a string or null; a session ID or null. */
static void json_key(const char *key, const char *v)
{
	printf(", \"%s\": ", key);
	json_value(v);
}

static void json_key_id(const char *key, uint64_t id)
{
	printf(", \"%s\": ", key);
	json_id(id);
}

/* A number as the record wrote it (pid=), or null if it is none. */
static void json_key_number(const char *key, const char *v)
{
	printf(", \"%s\": %s", key,
	       v && *v && strspn(v, "0123456789") == strlen(v) ? v : "null");
}

/* What the rows and the events of "logonsess" share. */
static void json_logonsess(uint64_t id, const struct boot *boot,
			   const char *type, const char *logon_sid,
			   const char *auth, const char *origin,
			   uint64_t creator, uint64_t linked)
{
	fputs(", \"logonsess\": {\"logon_id\": ", stdout);
	json_id(id);
	if (!boot->id[0])
		printf(", \"unknown_boot\": %u", boot->unknown);
	json_key("logon_type", type);
	json_key("logon_sid", logon_sid);
	json_key("auth", auth);
	json_key("origin", origin);
	json_key_id("creator", creator);
	json_key_id("linked", linked);
}

/* ECS source.address and source.ip, when the origin is an IP address. */
static void json_source(const char *origin)
{
	unsigned char addr[16];

	if (!origin || (inet_pton(AF_INET, origin, addr) != 1 &&
			inet_pton(AF_INET6, origin, addr) != 1))
		return;
	fputs(", \"source\": {\"address\": ", stdout);
	json_string(origin);
	fputs(", \"ip\": ", stdout);
	json_string(origin);
	putchar('}');
}

static void json_head(const struct history_options *opt, int64_t when,
		      const struct boot *boot, const char *sid)
{
	const char *name = sid_name(sid);

	fputs("{\"@timestamp\": ", stdout);
	json_time(opt, when);
	fputs(", \"host\": {\"boot\": {\"id\": ", stdout);
	json_value(boot->id[0] ? boot->id : NULL);
	fputs("}}, \"user\": {\"id\": ", stdout);
	json_value(sid);
	if (name) {
		fputs(", \"name\": ", stdout);
		json_string(name);
	}
	putchar('}');
}

static void json_row(const struct history_options *opt, const struct row *row)
{
	const struct session *s = row->s;
	int64_t d = duration(row);
	char records[64];

	json_head(opt, row->start != TIME_NONE ? row->start : row->end,
		  row->boot, s->user_sid);
	fputs(", \"event\": {\"kind\": \"event\", \"category\": [\"session\"], \"type\": [", stdout);
	if (row->start != TIME_NONE)
		printf("\"start\"%s", row->end != TIME_NONE ? ", " : "");
	if (row->end != TIME_NONE)
		fputs("\"end\"", stdout);
	fputs("], \"action\": \"logon-session\", \"start\": ", stdout);
	json_time(opt, row->start);
	fputs(", \"end\": ", stdout);
	json_time(opt, row->end);
	if (d >= 0)
		printf(", \"duration\": %" PRId64 "000000", d);
	putchar('}');
	json_source(s->origin);
	json_logonsess(s->id, row->boot, s->type, s->logon_sid, s->auth,
		       s->origin, s->creator, s->linked);
	fputs(", \"logon_time\": ", stdout);
	json_time(opt, s->logon);
	fputs(", \"logoff\": ", stdout);
	if (s->logoff == TIME_NONE) {
		fputs("null", stdout);
	} else {
		fputs("{\"time\": ", stdout);
		json_time(opt, s->logoff);
		json_key_number("pid", s->by_pid);
		json_key("uid", s->by_uid);
		json_key("comm", s->by_comm);
		json_key_id("cascade_of", s->cascade_of);
		putchar('}');
	}
	fputs(", \"destroy_time\": ", stdout);
	json_time(opt, s->destroy);
	printf(", \"end_reason\": \"%s\", \"joins\": %lu, \"records\": [",
	       end_names[row->end_reason], s->joins);
	records_text(s->seen, records, sizeof(records));
	for (char *p = records, *c; *p; p = c + (*c != '\0')) {
		c = p + strcspn(p, ",");
		printf("%s\"%.*s\"", p == records ? "" : ", ", (int)(c - p), p);
	}
	fputs("]}}\n", stdout);
}

void history_row(const struct history_options *opt, const struct row *row)
{
	const struct session *s = row->s;
	bool text = opt->output == OUT_TEXT;
	char boot[40], id[24], creator[24], linked[24], cascade[24], joins[24];
	char logon[TIME_TEXT_SIZE], logoff[TIME_TEXT_SIZE], destroy[TIME_TEXT_SIZE];
	char lifetime[32], records[64], by[96];
	const char *v[NCOLS];
	size_t i;

	if (opt->output == OUT_JSON) {
		json_row(opt, row);
		return;
	}
	boot_text(row->boot, boot, sizeof(boot));
	/* The table shows a boot as git does a commit: its first digits. */
	if (text && row->boot->id[0])
		boot[8] = '\0';
	id_text(s->id, id, sizeof(id));
	id_text(s->creator, creator, sizeof(creator));
	id_text(s->linked, linked, sizeof(linked));
	id_text(s->cascade_of, cascade, sizeof(cascade));
	time_text(opt, row->start, !text, logon, sizeof(logon));
	time_text(opt, s->logoff, !text, logoff, sizeof(logoff));
	time_text(opt, s->destroy, !text, destroy, sizeof(destroy));
	lifetime_text(duration(row), text, lifetime, sizeof(lifetime));
	records_text(s->seen, records, sizeof(records));
	snprintf(joins, sizeof(joins), "%lu", s->joins);
	v[C_BOOT] = boot;
	v[C_ID] = id;
	v[C_TYPE] = or_dash(s->type);
	v[C_SID] = or_dash(s->user_sid);
	v[C_NAME] = or_dash(sid_name(s->user_sid));
	v[C_LOGON_SID] = or_dash(s->logon_sid);
	v[C_AUTH] = or_dash(s->auth);
	v[C_ORIGIN] = or_dash(s->origin);
	v[C_CREATOR] = creator;
	v[C_LINKED] = linked;
	v[C_LOGON] = logon;
	v[C_LOGOFF] = logoff;
	v[C_BY_PID] = or_dash(s->by_pid);
	v[C_BY_UID] = or_dash(s->by_uid);
	v[C_BY_COMM] = or_dash(s->by_comm);
	v[C_CASCADE] = cascade;
	v[C_DESTROY] = destroy;
	v[C_END] = end_names[row->end_reason];
	v[C_LIFETIME] = lifetime;
	v[C_JOINS] = joins;
	v[C_RECORDS] = records;
	if (text) {
		/* Who logged it off: comm[pid], or the session it cascaded from. */
		if (s->cascade_of)
			snprintf(by, sizeof(by), "cascade:%s", cascade);
		else if (s->logoff != TIME_NONE)
			snprintf(by, sizeof(by), "%s[%s]", or_dash(s->by_comm),
				 or_dash(s->by_pid));
		else
			snprintf(by, sizeof(by), "-");
		v[C_BY_COMM] = by;
		text_line(v);
		return;
	}
	for (i = 0; i < NCOLS; i++)
		csv_field(v[i], opt->separator, i + 1 == NCOLS);
}

/* The body less its op=: what --timeline says of a record it does not know. */
static const char *message_of(const struct record *r)
{
	const char *m = r->body ? r->body : "";

	if (!strncmp(m, "op=", 3))
		m += 3 + strcspn(m + 3, " ");
	return m + strspn(m, " ");
}

void history_event(const struct history_options *opt, const struct record *r,
		   const struct boot *b)
{
	bool text = opt->output == OUT_TEXT, session_op = r->op <= OP_DESTROY;
	char time[TIME_TEXT_SIZE], boot[40], id[24], creator[24], linked[24];
	char res[8], lifetime[24], serial[24];
	const char *v[NEV];
	size_t i;

	if (opt->output == OUT_JSON) {
		json_event(opt, r, b, session_op ? NULL : message_of(r));
		return;
	}
	format_time(r->ms, true, opt->local, time, sizeof(time));
	boot_text(b, boot, sizeof(boot));
	if (text && b->id[0])
		boot[8] = '\0';
	id_text(r->id, id, sizeof(id));
	id_text(r->creator, creator, sizeof(creator));
	id_text(r->linked, linked, sizeof(linked));
	snprintf(res, sizeof(res), "%d", r->res);
	snprintf(lifetime, sizeof(lifetime), "%" PRId64, r->lifetime);
	snprintf(serial, sizeof(serial), "%" PRIu64, r->serial);
	v[E_TIME] = time;
	v[E_BOOT] = boot;
	v[E_OP] = r->op_name;
	v[E_ID] = id;
	v[E_TYPE] = or_dash(r->type);
	v[E_SID] = or_dash(r->user_sid);
	v[E_NAME] = or_dash(sid_name(r->user_sid));
	v[E_AUTH] = r->auth;
	v[E_ORIGIN] = r->origin;
	v[E_CREATOR] = r->creator ? creator : NULL;
	v[E_LINKED] = r->linked ? linked : NULL;
	v[E_PID] = r->pid;
	v[E_UID] = r->uid;
	v[E_COMM] = r->comm;
	v[E_RES] = r->res >= 0 ? res : NULL;
	v[E_LIFETIME] = r->lifetime >= 0 ? lifetime : NULL;
	v[E_SERIAL] = serial;
	v[E_MESSAGE] = session_op ? NULL : message_of(r);
	if (!text) {
		for (i = 0; i < NEV; i++)
			csv_field(or_dash(v[i]), opt->separator, i + 1 == NEV);
		return;
	}
	for (i = 0; i < E_NAME; i++) {
		int pad = ev_widths[i] - (int)strlen(v[i]);

		print_cell(v[i], false);
		printf("%*s", pad > 0 ? pad + 1 : 1, "");
	}
	print_cell(v[E_NAME], false);
	/* The rest as key=value, those the record has; the whole record
	 * (less its op=) for a kind that has no session. */
	for (i = E_AUTH; i < E_SERIAL && !v[E_MESSAGE]; i++) {
		if (!v[i])
			continue;
		printf(" %s=", ev_names[i]);
		print_cell(v[i], false);
	}
	if (v[E_MESSAGE]) {
		putchar(' ');
		print_cell(v[E_MESSAGE], true);
	}
	putchar('\n');
}

static void json_event(const struct history_options *opt,
		       const struct record *r, const struct boot *boot,
		       const char *message)
{
	json_head(opt, r->ms, boot, r->user_sid);
	fputs(", \"event\": {\"kind\": \"event\", \"category\": [\"session\"], \"action\": ", stdout);
	json_string(r->op_name);
	printf(", \"outcome\": \"%s\", \"sequence\": %" PRIu64 "}",
	       r->res < 0 ? "unknown" : r->res ? "success" : "failure", r->serial);
	json_source(r->origin);
	if (r->pid || r->comm) {
		fputs(", \"process\": {\"name\": ", stdout);
		json_value(r->comm);
		json_key_number("pid", r->pid);
		putchar('}');
	}
	if (message)
		json_key("message", message);
	json_logonsess(r->id, boot, r->type, r->logon_sid, r->auth, r->origin,
		       r->creator, r->linked);
	json_key("uid", r->uid);
	if (r->lifetime >= 0)
		printf(", \"lifetime\": %" PRId64, r->lifetime);
	fputs("}}\n", stdout);
}
