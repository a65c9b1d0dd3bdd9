/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logonsessions --history and --timeline: the logon sessions of past
 * boots, from the AUDIT_LOGONSESS records of audit logs.
 */
#ifndef LOGONSESSIONS_HISTORY_H
#define LOGONSESSIONS_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "record.h"

#define TIME_NONE INT64_MIN

struct history_options {
	enum output output;
	char separator;		/* ',' or '\t' for OUT_CSV */
	bool timeline;		/* --timeline: records, not sessions */
	bool local;		/* --local: local times */
	int64_t at, since, until;	/* ms since the epoch, or TIME_NONE */
	const char *user_sid, *type, *origin;	/* or NULL */
	uint64_t id;		/* --id, or 0 */
	char **files;		/* FILE..., or NULL for the default */
	int nfiles;
};

int history_run(const struct history_options *opt);
int history_parse_time(const char *text, int64_t *ms);
char *history_user_sid(const char *user);

/* What the output needs of a boot and of a session (history.c). */
struct boot {
	char id[33];		/* 32 hexadecimal digits, or "" */
	unsigned unknown;	/* for records without boot_id: "unknown-N" */
	int64_t last;		/* the time of its last record */
};

enum end_reason { END_LOGOFF, END_EXITED, END_LIVE, END_UNKNOWN };

struct session {
	struct session *next;	/* in its hash chain */
	uint64_t seq;		/* the order of its first record */
	uint64_t id;
	size_t boot;		/* index into the boots */
	char *type, *user_sid, *logon_sid, *auth, *origin;
	uint64_t creator, linked;
	int64_t logon, logoff, destroy;	/* ms, or TIME_NONE */
	int64_t lifetime;	/* destroy's lifetime= in seconds, or -1 */
	char *by_pid, *by_uid, *by_comm;	/* who logged it off */
	uint64_t cascade_of;	/* the session whose logoff ended it, or 0 */
	unsigned long joins;
	unsigned seen;		/* 1 << enum record_op of each record */
};

/* A session row, with what history.c made of its start and end. */
struct row {
	const struct session *s;
	const struct boot *boot;
	enum end_reason end_reason;
	int64_t start, end;	/* ms, or TIME_NONE */
};

/* histout.c */
void history_header(const struct history_options *opt);
void history_row(const struct history_options *opt, const struct row *row);
void history_event(const struct history_options *opt, const struct record *r,
		   const struct boot *boot);

#endif
