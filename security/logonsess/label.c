// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - the logon SID as an access rule
 *
 * A file or directory whose security.logonsess attribute names a logon SID
 * admits only the tasks whose credentials are in that session: reading,
 * writing and executing it, and searching it if it is a directory, are
 * refused to everyone else (EACCES), CAP_MAC_OVERRIDE aside. Files created
 * in a labeled directory inherit its label. The value is bound to the boot
 * (label_value.c); users read and write it in that one form.
 *
 * The rule fails closed: a label that cannot be read (an I/O error, a
 * damaged attribute block, a filesystem that is not connected) refuses
 * everyone but CAP_MAC_OVERRIDE, and is read again at the next access.
 * Only ENODATA and EOPNOTSUPP mean "no label".
 *
 * The permission hook reads one word of the inode blob. The label is read
 * from the attribute once, when the inode gets its first dentry (or at its
 * first permission check, for an inode instantiated while its filesystem
 * was being mounted), and the xattr hooks keep it current. An overlayfs
 * inode has the label of the inode it shows (d_real()), and a copy-up
 * keeps the label of the inode it copies, whatever its state.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xattr.h>
#include <uapi/linux/logonsess.h>

#include "cred.h"
#include "deny.h"
#include "label.h"
#include "session.h"

static u64 current_session_id(void)
{
	return logonsess_cred_session(current_cred())->id;
}

static u64 inode_label(struct inode *inode, struct dentry *dentry);

/*
 * Reads the label of @inode through @dentry. LOGONSESS_LABEL_UNKNOWN when
 * it cannot be read: the caller refuses, and it is read again next time.
 * May sleep.
 */
static u64 label_read(struct dentry *dentry, struct inode *inode)
{
	char buf[LOGONSESS_LABEL_TEXT_SIZE];
	struct dentry *real;
	ssize_t len;

	/* overlayfs: the label of the upper or lower inode it shows. */
	if (dentry->d_flags & DCACHE_OP_REAL) {
		real = d_real(dentry, D_REAL_METADATA);
		if (real != dentry && d_inode(real))
			return inode_label(d_inode(real), real);
	}
	len = __vfs_getxattr(dentry, inode, LOGONSESS_XATTR_NAME, buf,
			     sizeof(buf));
	if (len >= 0)
		return logonsess_label_from_stored(buf, len);
	switch (len) {
	case -ENODATA:
	case -EOPNOTSUPP:
		return LOGONSESS_LABEL_NONE;
	case -ERANGE:	/* a value, too long for a label: admits nobody */
		return LOGONSESS_LABEL_STALE;
	default:
		return LOGONSESS_LABEL_UNKNOWN;
	}
}

/* Records the label of an inode seen for the first time; returns it. */
static u64 label_settle(struct inode *inode, u64 label)
{
	atomic64_t *blob = &logonsess_inode(inode)->label;

	atomic64_cmpxchg(blob, LOGONSESS_LABEL_UNKNOWN, label);
	return atomic64_read(blob);
}

/*
 * The label of an inode that was not read yet. Filesystems without xattrs,
 * and internal ones (pipes, sockets), have none. A filesystem that is still
 * being mounted may not answer getxattr yet: its inodes are read later.
 * A label that cannot be read now, or an inode with no dentry to read it
 * through, refuses (LOGONSESS_LABEL_STALE), for now.
 */
static u64 label_resolve(struct inode *inode, struct dentry *dentry)
{
	struct dentry *alias;
	u64 label;

	if (!(inode->i_opflags & IOP_XATTR) ||
	    (inode->i_sb->s_flags & SB_NOUSER))
		return label_settle(inode, LOGONSESS_LABEL_NONE);
	if (!(inode->i_sb->s_flags & SB_BORN))
		return LOGONSESS_LABEL_NONE;
	if (dentry) {
		label = label_read(dentry, inode);
	} else {
		/* Unhashed aliases too: an unlinked file still open. */
		alias = d_find_any_alias(inode);
		if (!alias)
			return LOGONSESS_LABEL_STALE;
		label = label_read(alias, inode);
		dput(alias);
	}
	if (label == LOGONSESS_LABEL_UNKNOWN)
		return LOGONSESS_LABEL_STALE;
	return label_settle(inode, label);
}

static u64 inode_label(struct inode *inode, struct dentry *dentry)
{
	u64 label = atomic64_read(&logonsess_inode(inode)->label);

	if (label == LOGONSESS_LABEL_UNKNOWN)
		label = label_resolve(inode, dentry);
	return label;
}

static void hook_d_instantiate(struct dentry *dentry, struct inode *inode)
{
	if (inode)
		inode_label(inode, dentry);
}

/*
 * Read, write, append and execute, search for a directory; not attribute
 * changes or a bare MAY_OPEN, which come with one of these anyway.
 * CAP_MAC_OVERRIDE is checked without audit, so that a confined daemon
 * walking labeled trees logs no capability denial per inode; the refusal
 * itself is audited, rate limited.
 */
static int hook_inode_permission(struct inode *inode, int mask)
{
	u64 label;

	if (!(mask & (MAY_READ | MAY_WRITE | MAY_APPEND | MAY_EXEC)))
		return 0;
	label = atomic64_read(&logonsess_inode(inode)->label);
	if (unlikely(label == LOGONSESS_LABEL_UNKNOWN)) {
		if (mask & MAY_NOT_BLOCK)
			return -ECHILD;
		label = label_resolve(inode, NULL);
	}
	if (likely(label == LOGONSESS_LABEL_NONE))
		return 0;
	if (label == current_session_id())
		return 0;
	/* Other modules' capable hooks may sleep: leave RCU walk first. */
	if (mask & MAY_NOT_BLOCK)
		return -ECHILD;
	if (ns_capable_noaudit(&init_user_ns, CAP_MAC_OVERRIDE))
		return 0;
	logonsess_audit_deny_inode(inode, label);
	return -EACCES;
}

/* Our attribute is ours to guard: no CAP_SYS_ADMIN check from commoncap. */
static int hook_inode_xattr_skipcap(const char *name)
{
	return !strcmp(name, LOGONSESS_XATTR_NAME);
}

/*
 * Who may label: the owner of the inode (or CAP_FOWNER over it) with its
 * own session's label, unless another session's label is on it;
 * CAP_MAC_ADMIN with the label of any session this boot has given an ID
 * to, ended ones included (they admit nobody: IDs are not reused), or
 * with a label of another boot (restoring a backup: it stays stale). Not
 * with an ID still to come, which would admit a session not yet made.
 * The value is stored as written, in one write.
 */
static int hook_inode_setxattr(struct mnt_idmap *idmap, struct dentry *dentry,
			       const char *name, const void *value,
			       size_t size, int flags)
{
	struct inode *inode = d_backing_inode(dentry);
	u64 id, label, self;

	if (strcmp(name, LOGONSESS_XATTR_NAME))
		return 0;
	if (!value || logonsess_label_parse(value, size, &id))
		return -EINVAL;
	if (id & LOGONSESS_LABEL_STALE)
		return capable(CAP_MAC_ADMIN) ? 0 : -EPERM;

	self = current_session_id();
	label = inode_label(inode, dentry);
	if (id == self && (label == LOGONSESS_LABEL_NONE || label == self) &&
	    inode_owner_or_capable(idmap, inode))
		return 0;
	if (!capable(CAP_MAC_ADMIN))
		return -EPERM;
	return logonsess_session_id_issued(id) ? 0 : -ENOENT;
}

/* Called with the inode locked, once the value is stored. */
static void hook_inode_post_setxattr(struct dentry *dentry, const char *name,
				     const void *value, size_t size, int flags)
{
	if (strcmp(name, LOGONSESS_XATTR_NAME))
		return;
	atomic64_set(&logonsess_inode(d_backing_inode(dentry))->label,
		     logonsess_label_from_stored(value, size));
}

/*
 * A label names a session, and only CAP_SYS_ADMIN lists other people's
 * sessions: the value is shown to the members of the session, the owner
 * of the inode (or CAP_FOWNER) and CAP_MAC_ADMIN (which may write any
 * label anyway). Checked without audit: getfattr -d is no attack.
 */
static int hook_inode_getxattr(struct dentry *dentry, const char *name)
{
	struct inode *inode = d_backing_inode(dentry);
	u64 label;

	if (strcmp(name, LOGONSESS_XATTR_NAME))
		return 0;
	label = inode_label(inode, dentry);
	if (label == LOGONSESS_LABEL_NONE || label == current_session_id() ||
	    vfsuid_eq_kuid(i_uid_into_vfsuid(&nop_mnt_idmap, inode),
			   current_fsuid()) ||
	    ns_capable_noaudit(&init_user_ns, CAP_FOWNER) ||
	    ns_capable_noaudit(&init_user_ns, CAP_MAC_ADMIN))
		return 0;
	return -EACCES;
}

/*
 * A member of the session that owns the inode (or has CAP_FOWNER over it)
 * may remove its label; CAP_MAC_ADMIN may remove any.
 */
static int hook_inode_removexattr(struct mnt_idmap *idmap,
				  struct dentry *dentry, const char *name)
{
	struct inode *inode = d_backing_inode(dentry);
	u64 label;

	if (strcmp(name, LOGONSESS_XATTR_NAME))
		return 0;
	label = inode_label(inode, dentry);
	if ((label == LOGONSESS_LABEL_NONE || label == current_session_id()) &&
	    inode_owner_or_capable(idmap, inode))
		return 0;
	return capable(CAP_MAC_ADMIN) ? 0 : -EPERM;
}

static void hook_inode_post_removexattr(struct dentry *dentry,
					const char *name)
{
	if (!strcmp(name, LOGONSESS_XATTR_NAME))
		atomic64_set(&logonsess_inode(d_backing_inode(dentry))->label,
			     LOGONSESS_LABEL_NONE);
}

/*
 * getxattr shows a label of this boot as the kernel formats it. Anything
 * else (none, stale, not read yet) is left to the filesystem, which shows
 * what it stores.
 */
static int hook_inode_getsecurity(struct mnt_idmap *idmap,
				  struct inode *inode, const char *name,
				  void **buffer, bool alloc)
{
	char buf[LOGONSESS_LABEL_TEXT_SIZE];
	u64 label;
	int len;

	if (strcmp(name, LOGONSESS_XATTR_SUFFIX))
		return -EOPNOTSUPP;
	label = atomic64_read(&logonsess_inode(inode)->label);
	if (label == LOGONSESS_LABEL_UNKNOWN || label == LOGONSESS_LABEL_NONE ||
	    (label & LOGONSESS_LABEL_STALE))
		return -EOPNOTSUPP;
	len = logonsess_label_format(label, buf);
	if (alloc) {
		*buffer = kmemdup(buf, len, GFP_KERNEL);
		if (!*buffer)
			return -ENOMEM;
	}
	return len;
}

/*
 * overlayfs copies an inode up with credentials prepared here: the copy
 * gets the label of the inode it copies from inode_init_security(), in the
 * write that creates it, stale or ended labels included. Copying the
 * attribute itself would fail for a mounter without CAP_MAC_ADMIN (only
 * it may write such labels), and every write below such a label with it.
 */
static int hook_inode_copy_up(struct dentry *src, struct cred **new)
{
	u64 label = inode_label(d_inode(src), src);
	struct cred *cred = *new;

	if (!cred) {
		cred = prepare_creds();
		if (!cred)
			return -ENOMEM;
		*new = cred;
	}
	logonsess_cred(cred)->create_label = label;
	return 0;
}

static int hook_inode_copy_up_xattr(struct dentry *src, const char *name)
{
	return strcmp(name, LOGONSESS_XATTR_NAME) ? -EOPNOTSUPP : -ECANCELED;
}

/*
 * A new inode in a labeled directory inherits its label; one made by a
 * copy-up, the label of what it copies.
 */
static int hook_inode_init_security(struct inode *inode, struct inode *dir,
				    const struct qstr *qstr,
				    struct xattr *xattrs, int *xattr_count)
{
	u64 label = logonsess_cred(current_cred())->create_label;
	char stored[LOGONSESS_LABEL_TEXT_SIZE];
	struct xattr *xattr;
	void *value;
	int len;

	if (label == LOGONSESS_LABEL_UNKNOWN)
		label = atomic64_read(&logonsess_inode(dir)->label);
	if (label == LOGONSESS_LABEL_UNKNOWN || label == LOGONSESS_LABEL_NONE) {
		atomic64_set(&logonsess_inode(inode)->label,
			     LOGONSESS_LABEL_NONE);
		return -EOPNOTSUPP;
	}
	atomic64_set(&logonsess_inode(inode)->label, label);
	len = logonsess_label_format(label, stored);
	value = kmemdup(stored, len, GFP_NOFS);
	if (!value)
		return -ENOMEM;
	xattr = lsm_get_xattr_slot(xattrs, xattr_count);
	if (!xattr) {
		/* The filesystem stores no attributes of new inodes. */
		kfree(value);
		return -EOPNOTSUPP;
	}
	xattr->name = LOGONSESS_XATTR_SUFFIX;
	xattr->value = value;
	xattr->value_len = len;
	return 0;
}

static struct security_hook_list logonsess_label_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(d_instantiate, hook_d_instantiate),
	LSM_HOOK_INIT(inode_permission, hook_inode_permission),
	LSM_HOOK_INIT(inode_xattr_skipcap, hook_inode_xattr_skipcap),
	LSM_HOOK_INIT(inode_setxattr, hook_inode_setxattr),
	LSM_HOOK_INIT(inode_post_setxattr, hook_inode_post_setxattr),
	LSM_HOOK_INIT(inode_getxattr, hook_inode_getxattr),
	LSM_HOOK_INIT(inode_removexattr, hook_inode_removexattr),
	LSM_HOOK_INIT(inode_post_removexattr, hook_inode_post_removexattr),
	LSM_HOOK_INIT(inode_getsecurity, hook_inode_getsecurity),
	LSM_HOOK_INIT(inode_copy_up, hook_inode_copy_up),
	LSM_HOOK_INIT(inode_copy_up_xattr, hook_inode_copy_up_xattr),
	LSM_HOOK_INIT(inode_init_security, hook_inode_init_security),
};

/**
 * logonsess_add_label_hooks - add the hooks of the logon SID access rule
 */
void __init logonsess_add_label_hooks(void)
{
	security_add_hooks(logonsess_label_hooks,
			   ARRAY_SIZE(logonsess_label_hooks), &logonsess_lsmid);
}
