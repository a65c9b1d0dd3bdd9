// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - securityfs interface
 *
 * /sys/kernel/security/logonsess/
 *   sessions	every live session, one line each; only the reader's own
 *		session unless the file was opened with CAP_SYS_ADMIN in the
 *		initial user namespace
 *   self	the session of the credentials that opened the file
 *   stats	counters since boot
 *   boot_id	this boot's ID, which labels are bound to (boot.c)
 *   processes	processes and their sessions (processes.c)
 *   logon, join, logoff
 *		write-only, privileged: create, join and end sessions
 *		(control.c)
 *
 * Lines are key=value pairs in a fixed order; new keys are only appended.
 * Privilege and "own session" are judged by the opener's credentials
 * (file->f_cred), as for any file, not by whoever reads later.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/security.h>
#include <linux/seq_file.h>

#include "boot.h"
#include "cred.h"
#include "fs.h"
#include "session.h"
#include "setup.h"

/**
 * logonsess_lists_all - whether a listing shows every session or process
 * @file: the open listing
 *
 * Only chooses a view, so the check is not audited: reading a listing
 * without the privilege is no denial, and must not make other modules log
 * one.
 *
 * Return: true if @file was opened with CAP_SYS_ADMIN in the initial user
 * namespace.
 */
bool logonsess_lists_all(const struct file *file)
{
	return security_capable(file->f_cred, &init_user_ns, CAP_SYS_ADMIN,
				CAP_OPT_NOAUDIT) == 0;
}

/*
 * " KEY=0x..." for a session ID, " KEY=-" for none; without vsnprintf(),
 * which cost a line of "sessions" 0.7 us per key.
 */
static void logonsess_show_id(struct seq_file *m, const char *key, u64 id)
{
	seq_putc(m, ' ');
	seq_puts(m, key);
	if (id)
		seq_put_hex_ll(m, "=0x", id, 0);
	else
		seq_puts(m, "=-");
}

/*
 * The session's text, formatted at logon, then what changes, then the
 * lineage (keys appended after the first release had state last).
 */
static void logonsess_show_session(struct seq_file *m,
				   const struct logonsess_session *session)
{
	seq_puts(m, session->line);
	/* The well-known sessions are permanent and not counted. */
	if (session->permanent)
		seq_puts(m, "refs=-");
	else
		seq_put_decimal_ull(m, "refs=",
				    logonsess_session_refs(session));
	seq_puts(m, logonsess_session_logged_off(session) ?
		 " state=logged_off" : " state=active");
	logonsess_show_id(m, "creator", session->creator);
	logonsess_show_id(m, "linked", logonsess_session_linked(session));
	seq_putc(m, '\n');
}

/*
 * "sessions" as seen by the privileged: every live session, walked under
 * RCU without references. *pos is the ID to resume from, so that a listing
 * split over several reads neither repeats nor skips a session.
 */
static void *all_sessions_start(struct seq_file *m, loff_t *pos)
	__acquires(RCU)
{
	unsigned long id = *pos;
	struct logonsess_session *session;

	rcu_read_lock();
	session = logonsess_session_find(&id);
	*pos = id;
	return session;
}

static void *all_sessions_next(struct seq_file *m, void *v, loff_t *pos)
{
	const struct logonsess_session *prev = v;
	unsigned long id = prev->id + 1;	/* IDs stop at LONG_MAX */
	struct logonsess_session *session;

	session = logonsess_session_find(&id);
	*pos = id;
	return session;
}

static void all_sessions_stop(struct seq_file *m, void *v)
	__releases(RCU)
{
	rcu_read_unlock();
}

/* "sessions" as seen by anyone else: the opener's own session. */
static void *own_session_start(struct seq_file *m, loff_t *pos)
{
	return *pos ? NULL : logonsess_cred_session(m->file->f_cred);
}

static void *own_session_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void own_session_stop(struct seq_file *m, void *v)
{
}

static int sessions_show(struct seq_file *m, void *v)
{
	logonsess_show_session(m, v);
	return 0;
}

static const struct seq_operations all_sessions_seq_ops = {
	.start = all_sessions_start,
	.next = all_sessions_next,
	.stop = all_sessions_stop,
	.show = sessions_show,
};

static const struct seq_operations own_session_seq_ops = {
	.start = own_session_start,
	.next = own_session_next,
	.stop = own_session_stop,
	.show = sessions_show,
};

static int sessions_open(struct inode *inode, struct file *file)
{
	if (logonsess_lists_all(file))
		return seq_open(file, &all_sessions_seq_ops);
	return seq_open(file, &own_session_seq_ops);
}

static const struct file_operations sessions_fops = {
	.open = sessions_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

static int self_show(struct seq_file *m, void *v)
{
	const struct logonsess_session *session;

	session = logonsess_cred_session(m->file->f_cred);
	if (!session)
		return -ENOENT;
	logonsess_show_session(m, session);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(self);

static int stats_show(struct seq_file *m, void *v)
{
	struct logonsess_stats stats;

	logonsess_session_stats(&stats);
	seq_printf(m, "live=%llu created=%llu destroyed=%llu\n",
		   stats.created - stats.destroyed, stats.created,
		   stats.destroyed);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int boot_id_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%*phN\n", LOGONSESS_BOOT_ID_SIZE, logonsess_boot_id);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(boot_id);

static int __init logonsess_init_securityfs(void)
{
	static const struct {
		const char *name;
		umode_t mode;
		const struct file_operations *fops;
	} files[] = {
		{ "sessions", 0444, &sessions_fops },
		{ "self", 0444, &self_fops },
		{ "stats", 0444, &stats_fops },
		{ "boot_id", 0444, &boot_id_fops },
		{ "processes", 0444, &logonsess_processes_fops },
		{ "logon", 0200, &logonsess_logon_fops },
		{ "join", 0200, &logonsess_join_fops },
		{ "logoff", 0200, &logonsess_logoff_fops },
	};
	struct dentry *dir, *dentry;
	int i;

	if (!logonsess_enabled)
		return 0;

	dir = securityfs_create_dir("logonsess", NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		dentry = securityfs_create_file(files[i].name, files[i].mode,
						dir, NULL, files[i].fops);
		if (IS_ERR(dentry)) {
			securityfs_recursive_remove(dir);
			return PTR_ERR(dentry);
		}
	}
	return 0;
}

fs_initcall(logonsess_init_securityfs);
