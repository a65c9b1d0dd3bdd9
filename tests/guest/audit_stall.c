// SPDX-License-Identifier: GPL-2.0
/*
 * audit_stall: a stalled audit daemon that keeps the audit backlog full,
 * for tests/guest/audit.sh.
 *
 * It registers itself as the audit daemon (AUDIT_SET, AUDIT_STATUS_PID) on
 * a netlink socket whose receive buffer it then shrinks to the minimum,
 * and never reads that socket again: kauditd's sends to it time out. A
 * stalled daemon alone does not keep the backlog (audit_queue) full:
 * every round, kauditd moves what is queued to its retry and hold queues
 * or drops it. So the daemon also makes records, and being the daemon it
 * never waits in audit_log_start() (its own system calls are not audited,
 * so it uses logonsess): one thread joins the daemon's own session over
 * and over (one AUDIT_LOGONSESS record each), the other, without
 * CAP_SYS_ADMIN, writes a control file (a refusal record each: rate
 * limited since issue 9, but it takes no lock that a logon holds).
 * Each thread makes a few records every 10 ms, more than the backlog
 * limit of the test (4) in the 100 ms each of kauditd's sends waits, so
 * any other task that emits a record waits for the backlog wait time.
 *
 * Prints "ready" once it is the daemon and both threads run; runs until
 * killed. Needs root (CAP_AUDIT_CONTROL, CAP_SYS_ADMIN).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/netlink.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define LS "/sys/kernel/security/logonsess/"

static char join_req[64];

static int register_daemon(int fd)
{
	struct {
		struct nlmsghdr nlh;
		struct audit_status s;
	} req;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	char buf[8192];

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = AUDIT_SET;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.nlh.nlmsg_seq = 1;
	req.s.mask = AUDIT_STATUS_PID;
	req.s.pid = getpid();
	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0) {
		perror("audit_stall: sendto AUDIT_SET");
		return -1;
	}
	/* Records held for a daemon may arrive before the answer. */
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

		if (n < 0) {
			perror("audit_stall: recv");
			return -1;
		}
		for (; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			struct nlmsgerr *err = NLMSG_DATA(nlh);

			if (nlh->nlmsg_type != NLMSG_ERROR ||
			    nlh->nlmsg_seq != 1)
				continue;
			if (err->error) {
				errno = -err->error;
				perror("audit_stall: AUDIT_SET pid");
				return -1;
			}
			return 0;
		}
	}
}

static void write_file(const char *name, const char *req)
{
	int fd = open(name, O_WRONLY);

	if (fd >= 0) {
		if (write(fd, req, strlen(req)) < 0) {
			/* refused: the record is the point */
		}
		close(fd);
	}
}

static void pause_10ms(void)
{
	struct timespec t = { .tv_nsec = 10 * 1000 * 1000 };

	nanosleep(&t, NULL);
}

/* Joins the session the daemon is in: a record, nothing else changes. */
static void *joiner(void *arg)
{
	int i;

	(void)arg;
	for (;;) {
		for (i = 0; i < 4; i++)
			write_file(LS "join", join_req);
		pause_10ms();
	}
	return NULL;
}

/* Drops CAP_SYS_ADMIN (for the calling thread only). */
static int drop_cap_sys_admin(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[0].effective &= ~(1U << CAP_SYS_ADMIN);
	data[0].permitted &= ~(1U << CAP_SYS_ADMIN);
	return syscall(SYS_capset, &hdr, data);
}

int main(void)
{
	char self[256];
	pthread_t t;
	int fd, small = 1, i;
	FILE *f;

	f = fopen(LS "self", "r");
	if (!f || !fgets(self, sizeof(self), f) ||
	    sscanf(self, "id=%40s", join_req + 3) != 1) {
		perror("audit_stall: " LS "self");
		return 1;
	}
	fclose(f);
	memcpy(join_req, "id=", 3);

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0) {
		perror("audit_stall: socket");
		return 1;
	}
	if (register_daemon(fd))
		return 1;
	/* The smallest buffer the kernel allows: full after a record. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small))) {
		perror("audit_stall: SO_RCVBUF");
		return 1;
	}
	if (pthread_create(&t, NULL, joiner, NULL)) {
		perror("audit_stall: pthread_create");
		return 1;
	}
	/* The joiner keeps CAP_SYS_ADMIN; this thread is refused. */
	if (drop_cap_sys_admin()) {
		perror("audit_stall: capset");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		for (i = 0; i < 4; i++)
			write_file(LS "logoff", "id=0x7fffffff");
		pause_10ms();
	}
}
