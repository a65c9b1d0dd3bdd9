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

#include <linux/logonsess.h>

#include "logonsess.h"
#include "internal.h"

/* Windows' SECURITY_LOGON_TYPE numbering, from the kernel's uapi header. */
static const struct {
	int type;
	const char *name;
} logon_types[] = {
	{ LOGONSESS_TYPE_SYSTEM, "system" },
	{ LOGONSESS_TYPE_INTERACTIVE, "interactive" },
	{ LOGONSESS_TYPE_NETWORK, "network" },
	{ LOGONSESS_TYPE_BATCH, "batch" },
	{ LOGONSESS_TYPE_SERVICE, "service" },
	{ LOGONSESS_TYPE_UNLOCK, "unlock" },
	{ LOGONSESS_TYPE_NETWORK_CLEARTEXT, "network_cleartext" },
	{ LOGONSESS_TYPE_NEW_CREDENTIALS, "new_credentials" },
	{ LOGONSESS_TYPE_REMOTE_INTERACTIVE, "remote_interactive" },
	{ LOGONSESS_TYPE_CACHED_INTERACTIVE, "cached_interactive" },
	{ LOGONSESS_TYPE_CACHED_REMOTE_INTERACTIVE, "cached_remote_interactive" },
	{ LOGONSESS_TYPE_CACHED_UNLOCK, "cached_unlock" },
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
 * logonsess_strerror() - what an error of this library means
 * @err: a negative errno value returned by a liblogonsess function
 *
 * Return: a static, thread-safe message.
 */
const char *logonsess_strerror(int err)
{
	const char *desc;

	switch (-err) {
	case 0:
		return "success";
	case EOPNOTSUPP:
		return "logon sessions are not active in this kernel";
	case ENOENT:
		return "no such logon session";
	case EPERM:
		return "operation not permitted (needs CAP_SYS_ADMIN)";
	case EBUSY:
		return "a well-known session, or the session of init: it cannot be logged off";
	case EPROTO:
		return "unexpected text from the kernel";
	case EACCES:
		return "permission denied";
	case ESRCH:
		return "no such process";
	}
	desc = strerrordesc_np(-err);
	return desc ? desc : "unknown error";
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
