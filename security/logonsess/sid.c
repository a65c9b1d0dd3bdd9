// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - security identifiers
 *
 * SIDs are kept in binary form and printed canonically, so that what the
 * kernel shows never depends on how a caller spelled the SID.
 */

#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#include "sid.h"

/*
 * Parses one decimal component: digits only (no sign, no space), value at
 * most @max. Returns the first character after it, or NULL.
 */
static const char *parse_component(const char *p, u64 max, u64 *value)
{
	const char *start = p;
	u64 v = 0;

	for (; isdigit(*p); p++) {
		unsigned int digit = *p - '0';

		if (v > (max - digit) / 10)
			return NULL;
		v = v * 10 + digit;
	}
	if (p == start)
		return NULL;
	*value = v;
	return p;
}

/**
 * logonsess_sid_parse - parse the string form of a SID
 * @str: NUL-terminated "S-1-<authority>-<sub>[-<sub>...]", decimal, with
 *	1 to LOGONSESS_SID_SUBAUTH_MAX sub-authorities of 32 bits and an
 *	authority of at most 48 bits
 * @sid: where to store the SID on success
 *
 * Return: 0 on success, -EINVAL if @str is not such a SID.
 */
int logonsess_sid_parse(const char *str, struct logonsess_sid *sid)
{
	struct logonsess_sid parsed = {};
	const char *p = str;
	u64 value;

	if (strncmp(p, "S-", 2))
		return -EINVAL;
	p = parse_component(p + 2, U8_MAX, &value);
	if (!p || value != 1 || *p != '-')
		return -EINVAL;
	p = parse_component(p + 1, LOGONSESS_SID_AUTHORITY_MAX,
			    &parsed.authority);
	if (!p)
		return -EINVAL;

	while (*p == '-') {
		if (parsed.count == LOGONSESS_SID_SUBAUTH_MAX)
			return -EINVAL;
		p = parse_component(p + 1, U32_MAX, &value);
		if (!p)
			return -EINVAL;
		parsed.subauth[parsed.count++] = value;
	}
	if (*p || !parsed.count)
		return -EINVAL;

	*sid = parsed;
	return 0;
}

/**
 * logonsess_sid_format - print a SID in its canonical string form
 * @sid: the SID, as made by logonsess_sid_parse() or
 *	logonsess_sid_for_logon()
 * @buf: destination, large enough for any such SID
 *
 * Return: the length of the string, without the NUL.
 */
int logonsess_sid_format(const struct logonsess_sid *sid,
			 char buf[LOGONSESS_SID_BUF_SIZE])
{
	int len, i;

	/* num_to_str(): a SID is mostly numbers, and this is a logon's path. */
	memcpy(buf, "S-1-", 4);
	len = 4 + num_to_str(buf + 4, LOGONSESS_SID_BUF_SIZE - 4,
			     sid->authority, 0);
	for (i = 0; i < sid->count; i++) {
		buf[len++] = '-';
		len += num_to_str(buf + len, LOGONSESS_SID_BUF_SIZE - len,
				  sid->subauth[i], 0);
	}
	buf[len] = '\0';
	return len;
}

/**
 * logonsess_sid_for_logon - the logon SID of a session
 * @id: session ID
 * @sid: where to store S-1-5-5-<high 32 bits of @id>-<low 32 bits of @id>
 *
 * Windows draws the two numbers from a counter of their own; deriving them
 * from the session ID (as Peios does) makes the logon SID unique for as long
 * as the ID is, and lets anyone map one to the other.
 */
void logonsess_sid_for_logon(u64 id, struct logonsess_sid *sid)
{
	*sid = (struct logonsess_sid) {
		.authority = 5,
		.count = 3,
		.subauth = { 5, upper_32_bits(id), lower_32_bits(id) },
	};
}
