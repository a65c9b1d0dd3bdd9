// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - the "processes" file
 *
 * One line per process, "pid=<tgid> id=0x<session> comm=<comm>", in the
 * reader's PID namespace. Like "sessions", it lists every process for an
 * opener with CAP_SYS_ADMIN in the initial user namespace, and only the
 * processes of the opener's own session for anyone else. The session is
 * that of the process's objective credentials (real_cred). comm is last
 * and may hold any byte: spaces, backslashes and anything outside
 * printable ASCII are written as octal escapes (\040), as in /proc/mounts.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>

#include "cred.h"
#include "fs.h"
#include "session.h"

static void logonsess_seq_comm(struct seq_file *m, const char *comm)
{
	for (; *comm; comm++) {
		if (*comm > ' ' && *comm <= '~' && *comm != '\\')
			seq_putc(m, *comm);
		else
			seq_printf(m, "\\%03o", (unsigned char)*comm);
	}
}

static int processes_show(struct seq_file *m, void *v)
{
	bool all = file_ns_capable(m->file, &init_user_ns, CAP_SYS_ADMIN);
	const struct logonsess_session *own, *session;
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct task_struct *process;
	char comm[TASK_COMM_LEN];
	pid_t pid;

	own = logonsess_cred_session(m->file->f_cred);
	rcu_read_lock();
	for_each_process(process) {
		session = logonsess_cred_session(__task_cred(process));
		if (!session || (!all && session != own))
			continue;
		pid = task_tgid_nr_ns(process, ns);
		if (!pid)
			continue;	/* not visible in the reader's namespace */
		get_task_comm(comm, process);
		seq_printf(m, "pid=%d id=%#llx comm=", pid, session->id);
		logonsess_seq_comm(m, comm);
		seq_putc(m, '\n');
	}
	rcu_read_unlock();
	return 0;
}

static int processes_open(struct inode *inode, struct file *file)
{
	return single_open(file, processes_show, NULL);
}

const struct file_operations logonsess_processes_fops = {
	.open = processes_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};
