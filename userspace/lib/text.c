// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * liblogonsess: session IDs, logon type names and error messages.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logonsess.h"
#include "internal.h"

/*
 * The public header carries the kernel's numbers so that its users need no
 * kernel headers; where the kernel's uapi header is at hand (a build in the
 * logonsess tree), the two are checked against each other.
 */
#if defined(__has_include)
#if __has_include(<linux/logonsess.h>)
#include <linux/logonsess.h>
#ifdef LOGONSESS_ID_FIRST_DYNAMIC
#define SAME(a, b) \
	_Static_assert((long long)(a) == (long long)(b), #a " is " #b)
SAME(LOGONSESS_LOGON_SYSTEM, LOGONSESS_TYPE_SYSTEM);
SAME(LOGONSESS_LOGON_INTERACTIVE, LOGONSESS_TYPE_INTERACTIVE);
SAME(LOGONSESS_LOGON_NETWORK, LOGONSESS_TYPE_NETWORK);
SAME(LOGONSESS_LOGON_BATCH, LOGONSESS_TYPE_BATCH);
SAME(LOGONSESS_LOGON_SERVICE, LOGONSESS_TYPE_SERVICE);
SAME(LOGONSESS_LOGON_UNLOCK, LOGONSESS_TYPE_UNLOCK);
SAME(LOGONSESS_LOGON_NETWORK_CLEARTEXT, LOGONSESS_TYPE_NETWORK_CLEARTEXT);
SAME(LOGONSESS_LOGON_NEW_CREDENTIALS, LOGONSESS_TYPE_NEW_CREDENTIALS);
SAME(LOGONSESS_LOGON_REMOTE_INTERACTIVE, LOGONSESS_TYPE_REMOTE_INTERACTIVE);
SAME(LOGONSESS_LOGON_CACHED_INTERACTIVE, LOGONSESS_TYPE_CACHED_INTERACTIVE);
SAME(LOGONSESS_LOGON_CACHED_REMOTE_INTERACTIVE,
     LOGONSESS_TYPE_CACHED_REMOTE_INTERACTIVE);
SAME(LOGONSESS_LOGON_CACHED_UNLOCK, LOGONSESS_TYPE_CACHED_UNLOCK);
SAME(LOGONSESS_NETWORK_SERVICE_ID, LOGONSESS_ID_NETWORK_SERVICE);
SAME(LOGONSESS_LOCAL_SERVICE_ID, LOGONSESS_ID_LOCAL_SERVICE);
SAME(LOGONSESS_ANONYMOUS_ID, LOGONSESS_ID_ANONYMOUS);
SAME(LOGONSESS_SYSTEM_ID, LOGONSESS_ID_SYSTEM);
SAME(LOGONSESS_FIRST_DYNAMIC_ID, LOGONSESS_ID_FIRST_DYNAMIC);
SAME(sizeof(LS_XATTR_NAME), sizeof(LOGONSESS_XATTR_NAME));
#endif
#endif
#endif

/* Windows' SECURITY_LOGON_TYPE numbering, as the kernel names them. */
static const struct {
	int type;
	const char *name;
} logon_types[] = {
	{ LOGONSESS_LOGON_SYSTEM, "system" },
	{ LOGONSESS_LOGON_INTERACTIVE, "interactive" },
	{ LOGONSESS_LOGON_NETWORK, "network" },
	{ LOGONSESS_LOGON_BATCH, "batch" },
	{ LOGONSESS_LOGON_SERVICE, "service" },
	{ LOGONSESS_LOGON_UNLOCK, "unlock" },
	{ LOGONSESS_LOGON_NETWORK_CLEARTEXT, "network_cleartext" },
	{ LOGONSESS_LOGON_NEW_CREDENTIALS, "new_credentials" },
	{ LOGONSESS_LOGON_REMOTE_INTERACTIVE, "remote_interactive" },
	{ LOGONSESS_LOGON_CACHED_INTERACTIVE, "cached_interactive" },
	{ LOGONSESS_LOGON_CACHED_REMOTE_INTERACTIVE, "cached_remote_interactive" },
	{ LOGONSESS_LOGON_CACHED_UNLOCK, "cached_unlock" },
};

/**
 * logonsess_type_from_name() - the number of a logon type name
 * @name: e.g. "interactive"
 *
 * Return: the type's number, or -EINVAL for an unknown name.
 */
int logonsess_type_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(logon_types) / sizeof(logon_types[0]); i++)
		if (name && !strcmp(name, logon_types[i].name))
			return logon_types[i].type;
	return -EINVAL;
}

/**
 * logonsess_type_name() - the name of a logon type number
 * @type: e.g. 2
 *
 * Return: the name, or NULL for an unknown number.
 */
const char *logonsess_type_name(int type)
{
	size_t i;

	for (i = 0; i < sizeof(logon_types) / sizeof(logon_types[0]); i++)
		if (logon_types[i].type == type)
			return logon_types[i].name;
	return NULL;
}

/* Hexadecimal digits only, at least one, at most @max; into @value. */
static int parse_hex(const char *text, size_t len, size_t max, uint64_t *value)
{
	uint64_t v = 0;
	size_t i;

	if (!len || len > max)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		char c = text[i];
		int digit;

		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			return -EINVAL;
		v = v << 4 | digit;
	}
	*value = v;
	return 0;
}

/**
 * logonsess_parse_id() - parse a session ID as people write them
 * @text: "0x3e8" (as the kernel prints it), "3e8", or Windows' LUID form
 *	"00000000:000003e8" (high and low 32 bits)
 * @id: the ID, on success
 *
 * Return: 0, or -EINVAL when @text is none of these.
 */
int logonsess_parse_id(const char *text, uint64_t *id)
{
	const char *colon;
	uint64_t high, low;

	if (!text)
		return -EINVAL;
	colon = strchr(text, ':');
	if (colon) {
		if (parse_hex(text, colon - text, 8, &high) ||
		    parse_hex(colon + 1, strlen(colon + 1), 8, &low))
			return -EINVAL;
		*id = high << 32 | low;
		return 0;
	}
	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
		text += 2;
	return parse_hex(text, strlen(text), 16, id);
}

/**
 * logonsess_format_id() - a session ID as the kernel prints it ("0x3e8")
 * @id: the ID
 * @buf: where to write it
 * @size: size of @buf; LOGONSESS_ID_TEXT_SIZE always suffices
 *
 * Return: 0, or -ENOBUFS when @buf is too small.
 */
int logonsess_format_id(uint64_t id, char *buf, size_t size)
{
	int len = snprintf(buf, size, "0x%" PRIx64, id);

	return len < 0 || (size_t)len >= size ? -ENOBUFS : 0;
}

/**
 * logonsess_strerror() - the text of an error this library returned
 * @err: a negative errno value returned by a liblogonsess function
 *
 * The system's text for the errno value, whichever call returned it: the
 * caller says what failed (the man page lists what each function's errors
 * mean). Unlike strerror(), thread-safe and never localised.
 *
 * Return: a static message.
 */
const char *logonsess_strerror(int err)
{
	const char *desc;

	if (!err)
		return "Success";
	desc = err < 0 ? strerrordesc_np(-err) : NULL;
	return desc ? desc : "Unknown error";
}

/* @value is what the kernel accepts in a request: printable, no spaces. */
bool ls_valid_value(const char *value)
{
	if (!value || !*value)
		return false;
	for (; *value; value++)
		if (*value <= ' ' || *value > '~')
			return false;
	return true;
}
