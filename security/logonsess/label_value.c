// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - the stored value of a label
 *
 * A label is stored, read and written in one form, bound to the boot:
 *
 *	S-1-5-5-<hi>-<lo> boot=<32 hex digits>
 *
 * Session IDs repeat after a reboot; a label of another boot is stale and
 * admits nobody, even a new session that got the same ID. A value without
 * the boot, or anything else, is not a label: it cannot be written, and
 * read from a filesystem it admits nobody.
 */

#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <uapi/linux/logonsess.h>

#include "boot.h"
#include "label_value.h"
#include "sid.h"

/* A boot that labels inherited from a stale label are bound to: none. */
static const u8 logonsess_no_boot_id[LOGONSESS_BOOT_ID_SIZE];

/* The session ID a logon SID S-1-5-5-<hi>-<lo> (NUL-terminated) names. */
static int parse_logon_sid(const char *text, u64 *id)
{
	struct logonsess_sid sid;
	u64 value;

	if (logonsess_sid_parse(text, &sid) || sid.authority != 5 ||
	    sid.count != 3 || sid.subauth[0] != 5)
		return -EINVAL;
	value = (u64)sid.subauth[1] << 32 | sid.subauth[2];
	/* IDs of sessions only: the other values encode label states. */
	if (value < LOGONSESS_ID_NETWORK_SERVICE || value > LONG_MAX)
		return -EINVAL;
	*id = value;
	return 0;
}

/**
 * logonsess_label_parse - read a label value
 * @value: the value, not NUL-terminated; one trailing NUL is allowed
 * @len: its length
 * @label: where to store the label
 *
 * Return: 0 with *@label the session ID for a label of this boot, or
 * LOGONSESS_LABEL_STALE | the ID for a label of another boot; -EINVAL for
 * anything else, a logon SID without its boot included.
 */
int logonsess_label_parse(const char *value, size_t len, u64 *label)
{
	char buf[LOGONSESS_LABEL_TEXT_SIZE], *boot;
	u8 stored_boot[LOGONSESS_BOOT_ID_SIZE];
	u64 id;

	if (len && value[len - 1] == '\0')
		len--;
	if (len >= sizeof(buf) || memchr(value, '\0', len))
		return -EINVAL;
	memcpy(buf, value, len);
	buf[len] = '\0';
	boot = strchr(buf, ' ');
	if (!boot)
		return -EINVAL;
	*boot++ = '\0';
	/* Lower-case hex only: getxattr shows the value as it was written. */
	if (parse_logon_sid(buf, &id) ||
	    strlen(boot) != 5 + 2 * LOGONSESS_BOOT_ID_SIZE ||
	    strncmp(boot, "boot=", 5) ||
	    strspn(boot + 5, "0123456789abcdef") != 2 * LOGONSESS_BOOT_ID_SIZE ||
	    hex2bin(stored_boot, boot + 5, LOGONSESS_BOOT_ID_SIZE))
		return -EINVAL;
	if (memcmp(stored_boot, logonsess_boot_id, LOGONSESS_BOOT_ID_SIZE))
		id |= LOGONSESS_LABEL_STALE;
	*label = id;
	return 0;
}

/**
 * logonsess_label_from_stored - the label a stored value gives
 * @value: the value read from the filesystem, not NUL-terminated
 * @len: its length
 *
 * Return: the session ID for a label of this boot; LOGONSESS_LABEL_STALE,
 * with the ID if there is one, for any other value: it admits nobody.
 */
u64 logonsess_label_from_stored(const char *value, size_t len)
{
	u64 label;

	if (logonsess_label_parse(value, len, &label))
		return LOGONSESS_LABEL_STALE;
	return label;
}

/**
 * logonsess_label_format - the value that stores a label
 * @label: a session ID, or LOGONSESS_LABEL_STALE with or without one
 * @buf: the buffer
 *
 * A label of this boot is bound to it; a stale one to no boot, so that it
 * stays stale. Not NUL-terminated in the attribute; @buf is.
 *
 * Return: the length of the value, without the NUL.
 */
int logonsess_label_format(u64 label, char buf[LOGONSESS_LABEL_TEXT_SIZE])
{
	const u8 *boot = logonsess_boot_id;
	u64 id = label;
	int len;

	if (label & LOGONSESS_LABEL_STALE) {
		id = label & ~LOGONSESS_LABEL_STALE;
		boot = logonsess_no_boot_id;
	}
	len = scnprintf(buf, LOGONSESS_LABEL_TEXT_SIZE, "S-1-5-5-%u-%u",
			upper_32_bits(id), lower_32_bits(id));
	return len + scnprintf(buf + len, LOGONSESS_LABEL_TEXT_SIZE - len,
			       " boot=%*phN", LOGONSESS_BOOT_ID_SIZE, boot);
}
