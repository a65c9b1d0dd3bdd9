// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - logon type names
 *
 * The numbers are Windows' SECURITY_LOGON_TYPE (uapi/linux/logonsess.h);
 * these names are what every text interface prints and accepts.
 */

#include <linux/array_size.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <uapi/linux/logonsess.h>

#include "logon_type.h"

/* Indexed by value; 1 and 6 are holes, as on Windows. */
static const char *const logonsess_type_names[] = {
	[LOGONSESS_TYPE_SYSTEM] = "system",
	[LOGONSESS_TYPE_INTERACTIVE] = "interactive",
	[LOGONSESS_TYPE_NETWORK] = "network",
	[LOGONSESS_TYPE_BATCH] = "batch",
	[LOGONSESS_TYPE_SERVICE] = "service",
	[LOGONSESS_TYPE_UNLOCK] = "unlock",
	[LOGONSESS_TYPE_NETWORK_CLEARTEXT] = "network_cleartext",
	[LOGONSESS_TYPE_NEW_CREDENTIALS] = "new_credentials",
	[LOGONSESS_TYPE_REMOTE_INTERACTIVE] = "remote_interactive",
	[LOGONSESS_TYPE_CACHED_INTERACTIVE] = "cached_interactive",
	[LOGONSESS_TYPE_CACHED_REMOTE_INTERACTIVE] = "cached_remote_interactive",
	[LOGONSESS_TYPE_CACHED_UNLOCK] = "cached_unlock",
};

/**
 * logonsess_type_name - name of a logon type
 * @type: a value of enum logonsess_logon_type
 *
 * Return: the name, or NULL if @type is not a logon type.
 */
const char *logonsess_type_name(unsigned int type)
{
	if (type >= ARRAY_SIZE(logonsess_type_names))
		return NULL;
	return logonsess_type_names[type];
}

/**
 * logonsess_type_from_name - logon type of a name
 * @name: NUL-terminated name, e.g. "interactive"
 * @type: where to store the value on success
 *
 * Return: 0 on success, -EINVAL if @name is not the name of a logon type.
 */
int logonsess_type_from_name(const char *name, unsigned int *type)
{
	unsigned int i;

	/* Not match_string(): it stops at the first hole. */
	for (i = 0; i < ARRAY_SIZE(logonsess_type_names); i++) {
		if (logonsess_type_names[i] &&
		    !strcmp(logonsess_type_names[i], name)) {
			*type = i;
			return 0;
		}
	}
	return -EINVAL;
}
