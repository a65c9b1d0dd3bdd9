// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * liblogonsess: file labels, the value of the security.logonsess
 * attribute. A label names a session's logon SID bound to the boot,
 * "S-1-5-5-<ID >> 32>-<ID & 0xffffffff> boot=<32 hex digits>", the boot
 * being the kernel's boot_id file: session IDs repeat after a reboot, and
 * a label of another boot admits nobody. The kernel refuses a bare SID.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "logonsess.h"
#include "internal.h"

#define BOOT_ID_LEN	32

/* @text (@len bytes) is a boot ID as the kernel writes it, with its "\n". */
static bool valid_boot_id(const char *text, size_t len)
{
	size_t i;

	if (len == BOOT_ID_LEN + 1 && text[BOOT_ID_LEN] == '\n')
		len--;
	if (len != BOOT_ID_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (!((text[i] >= '0' && text[i] <= '9') ||
		      (text[i] >= 'a' && text[i] <= 'f')))
			return false;
	return true;
}

/**
 * logonsess_boot_id() - the boot the kernel binds file labels to
 * @buf: where to write it: 32 lower-case hexadecimal digits and a NUL
 * @size: size of @buf, at least LOGONSESS_BOOT_ID_TEXT_SIZE (33)
 *
 * Reads the boot_id file of logonsess, which is drawn at each boot and
 * constant until the next.
 *
 * Return: 0; -ERANGE when @size is too small; -EOPNOTSUPP when logon
 * sessions are not active; -EPROTO when the file is not 32 lower-case
 * hexadecimal digits (and a newline); or another negative errno value. On
 * failure @buf holds an empty string (if @size allows).
 */
int logonsess_boot_id(char *buf, size_t size)
{
	char path[PATH_MAX], text[BOOT_ID_LEN + 2];
	size_t len = 0;
	ssize_t got;
	int fd, ret = 0;

	if (size)
		buf[0] = '\0';
	if (size < LOGONSESS_BOOT_ID_TEXT_SIZE)
		return -ERANGE;
	snprintf(path, sizeof(path), "%s/boot_id", ls_fs_dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ls_open_error(errno);
	/* Up to one byte more than a valid file: a longer one is malformed. */
	while (len < sizeof(text)) {
		got = read(fd, text + len, sizeof(text) - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			ret = -errno;
			break;
		}
		if (!got)
			break;
		len += got;
	}
	close(fd);
	if (ret)
		return ret;
	if (!valid_boot_id(text, len))
		return -EPROTO;
	memcpy(buf, text, BOOT_ID_LEN);
	buf[BOOT_ID_LEN] = '\0';
	return 0;
}

/*
 * The label of session @id bound to boot @boot_id (from
 * logonsess_boot_id()) into @buf. Return: its length, or -ERANGE.
 */
int ls_format_label(uint64_t id, const char *boot_id, char *buf, size_t size)
{
	int len = snprintf(buf, size, "S-1-5-5-%" PRIu32 "-%" PRIu32 " boot=%s",
			   (uint32_t)(id >> 32), (uint32_t)id, boot_id);

	if (len < 0 || (size_t)len >= size) {
		if (size)
			buf[0] = '\0';
		return -ERANGE;
	}
	return len;
}

/**
 * logonsess_label() - the label of a session, as security.logonsess takes it
 * @id: the session
 * @buf: where to write it; LOGONSESS_LABEL_MAX bytes always suffice
 * @size: size of @buf
 *
 * Formats "S-1-5-5-<ID >> 32>-<ID & 0xffffffff> boot=<boot ID>" (decimal,
 * then logonsess_boot_id()): the one value setxattr(2) of security.logonsess
 * accepts for a session of this boot, and what getxattr(2) returns for it.
 * Whether the session exists, and whether the caller may label a file with
 * it, the kernel checks when the label is set.
 *
 * Return: the length of the label (without its NUL); -ERANGE when @size is
 * too small; or an error of logonsess_boot_id(). On failure @buf holds an
 * empty string (if @size allows).
 */
int logonsess_label(uint64_t id, char *buf, size_t size)
{
	char boot_id[LOGONSESS_BOOT_ID_TEXT_SIZE];
	int ret;

	ret = logonsess_boot_id(boot_id, sizeof(boot_id));
	if (ret) {
		if (size)
			buf[0] = '\0';
		return ret;
	}
	return ls_format_label(id, boot_id, buf, size);
}
