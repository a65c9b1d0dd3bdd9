/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One AUDIT_LOGONSESS record (type 1427) of an audit log, as auditd,
 * ausearch --raw or ausearch -i write it.
 */
#ifndef LOGONSESSIONS_RECORD_H
#define LOGONSESSIONS_RECORD_H

#include <stdbool.h>
#include <stdint.h>

enum record_op { OP_LOGON, OP_JOIN, OP_LOGOFF, OP_DESTROY, OP_DENY, OP_OTHER };

enum record_result {
	REC_OK,		/* a record of type 1427, parsed */
	REC_SKIP,	/* another type of record, or no record (----, time->) */
	REC_BAD,	/* a malformed line: record_parse() says why */
};

/*
 * The fields point into the line record_parse() was given (quotes taken
 * off, hexadecimal decoded); NULL where the record has "?" or no such
 * field (a kernel before creator=, linked= and boot_id=).
 */
struct record {
	int64_t ms;		/* the record's time, ms since the epoch */
	uint64_t serial;	/* the audit event's serial number */
	enum record_op op;
	const char *op_name;
	uint64_t id;		/* logon_id; 0 for "?" */
	const char *type, *user_sid, *logon_sid, *auth, *origin;
	uint64_t creator, linked;	/* 0 for none */
	const char *boot_id;	/* 32 hexadecimal digits */
	const char *pid, *uid, *comm;
	int res;		/* 1, 0, or -1 for none */
	int64_t lifetime;	/* seconds, or -1 */
	const char *body;	/* from "op=", before any decoding */
};

enum record_result record_parse(char *line, size_t len, struct record *r,
				char *body_copy, const char **why);

#endif
