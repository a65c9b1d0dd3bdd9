/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - helpers for the tests: the securityfs files, the
 * key=value lines, the counters, passing files over unix sockets. Also
 * used by the stress and fuzz programs of the logonsess project.
 */

#ifndef _SELFTESTS_LOGONSESS_COMMON_H
#define _SELFTESTS_LOGONSESS_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#define LS "/sys/kernel/security/logonsess/"

/* Write @s to the file @name in one write(); 0 or -errno (of open or write). */
static inline int ls_write(const char *name, const char *s, size_t len)
{
	int fd = open(name, O_WRONLY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, len) != (ssize_t)len)
		err = -errno;
	close(fd);
	return err;
}

static inline int ls_request(const char *file, const char *request)
{
	char path[64];

	snprintf(path, sizeof(path), LS "%s", file);
	return ls_write(path, request, strlen(request));
}

/* Whole file into @buf (NUL-terminated); length or -errno. */
static inline ssize_t ls_read(const char *name, char *buf, size_t size)
{
	ssize_t len = 0, n;
	int fd = open(name, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	if (n < 0)
		return -errno;
	buf[len] = '\0';
	return len;
}

/* Value of @key in the key=value line @line, into @out; false if absent. */
static inline bool ls_field(const char *line, const char *key, char *out,
			    size_t size)
{
	size_t klen = strlen(key);
	const char *p = line;

	while (p && *p && *p != '\n') {
		if (!strncmp(p, key, klen) && p[klen] == '=') {
			size_t vlen = strcspn(p + klen + 1, "\n ");

			if (vlen >= size)
				return false;
			memcpy(out, p + klen + 1, vlen);
			out[vlen] = '\0';
			return true;
		}
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	return false;
}

static inline unsigned long long ls_field_ull(const char *line,
					      const char *key)
{
	char value[64];

	if (!ls_field(line, key, value, sizeof(value)))
		return ~0ULL;
	return strtoull(value, NULL, 0);
}

static inline unsigned long long self_id(void)
{
	char line[1024];

	if (ls_read(LS "self", line, sizeof(line)) <= 0)
		return 0;
	return ls_field_ull(line, "id");
}

/*
 * The value of the label of session @id, bound to this boot:
 * "S-1-5-5-<hi>-<lo> boot=<boot_id>"; 0, or -1 if boot_id cannot be read.
 */
static inline int ls_label(unsigned long long id, char *buf, size_t size)
{
	char boot[64];
	ssize_t len = ls_read(LS "boot_id", boot, sizeof(boot));

	if (len != 33 || boot[32] != '\n')
		return -1;
	boot[32] = '\0';
	snprintf(buf, size, "S-1-5-5-%llu-%llu boot=%s", id >> 32,
		 id & 0xffffffffULL, boot);
	return 0;
}

struct stats {
	unsigned long long live, created, destroyed;
};

static inline void read_stats(struct stats *st)
{
	char line[256] = "";

	ls_read(LS "stats", line, sizeof(line));
	st->live = ls_field_ull(line, "live");
	st->created = ls_field_ull(line, "created");
	st->destroyed = ls_field_ull(line, "destroyed");
}

/* Send @fd over the unix socket @sock. */
static inline int send_fd(int sock, int fd)
{
	char data = 'f', control[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control, .msg_controllen = sizeof(control),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static inline int recv_fd(int sock)
{
	char data, control[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control, .msg_controllen = sizeof(control),
	};
	struct cmsghdr *cmsg;
	int fd;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (!cmsg || cmsg->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
	return fd;
}

#endif /* _SELFTESTS_LOGONSESS_COMMON_H */
