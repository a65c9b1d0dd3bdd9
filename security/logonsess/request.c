// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - requests written to the control files
 *
 * A request is "key=value" pairs separated by single spaces, keys in any
 * order, each at most once. Values are printable ASCII without spaces, so
 * that every value the kernel prints back is one token. Parsing either
 * accepts the whole request or changes nothing.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <uapi/linux/logonsess.h>

#include "logon_type.h"
#include "request.h"
#include "session.h"

static const char *const logonsess_keys[] = {
	"type", "user", "auth", "origin", "id", "link",
};

/* "0x" and 1 to 16 hexadecimal digits. */
static int logonsess_parse_id(const char *s, u64 *id)
{
	size_t digits;

	if (strncmp(s, "0x", 2))
		return -EINVAL;
	s += 2;
	digits = strlen(s);
	if (!digits || digits > 16 ||
	    strspn(s, "0123456789abcdefABCDEF") != digits)
		return -EINVAL;
	return kstrtou64(s, 16, id) ? -EINVAL : 0;
}

static int logonsess_parse_value(unsigned int key, const char *value,
				 struct logonsess_request *req)
{
	switch (key) {
	case LOGONSESS_KEY_TYPE:
		return logonsess_type_from_name(value, &req->type);
	case LOGONSESS_KEY_USER:
		return logonsess_sid_parse(value, &req->user);
	case LOGONSESS_KEY_AUTH:
		req->auth = value;
		if (!logonsess_session_valid_text(value, LOGONSESS_AUTH_MAX))
			return -EINVAL;
		return 0;
	case LOGONSESS_KEY_ORIGIN:
		req->origin = value;
		if (!logonsess_session_valid_text(value, LOGONSESS_ORIGIN_MAX))
			return -EINVAL;
		return 0;
	case LOGONSESS_KEY_ID:
		return logonsess_parse_id(value, &req->id);
	case LOGONSESS_KEY_LINK:
		/* The writer's own session: a request never names the link. */
		req->link = !strcmp(value, "self");
		return req->link ? 0 : -EINVAL;
	}
	return -EINVAL;
}

/**
 * logonsess_request_parse - parse a request
 * @buf: NUL-terminated request without its trailing newline; split in
 *	place, and pointed to by @req afterwards
 * @allowed: keys the request may contain, LOGONSESS_KEY_* bits
 * @required: keys it must contain
 * @req: the result
 *
 * Return: 0 on success; -EINVAL for an empty pair, a pair without "=", an
 * unknown, unexpected, duplicate or missing key, or an invalid value.
 */
int logonsess_request_parse(char *buf, unsigned int allowed,
			    unsigned int required,
			    struct logonsess_request *req)
{
	char *pair;
	int err;

	memset(req, 0, sizeof(*req));
	while ((pair = strsep(&buf, " "))) {
		char *value = strchr(pair, '=');
		unsigned int key;
		int i;

		if (!value)
			return -EINVAL;
		*value++ = '\0';
		i = match_string(logonsess_keys, ARRAY_SIZE(logonsess_keys),
				 pair);
		if (i < 0)
			return -EINVAL;
		key = BIT(i);
		if (!(key & allowed) || (key & req->keys))
			return -EINVAL;
		req->keys |= key;
		err = logonsess_parse_value(key, value, req);
		if (err)
			return err;
	}
	return (req->keys & required) == required ? 0 : -EINVAL;
}
