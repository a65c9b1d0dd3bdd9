// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - the logon SID as an access rule
 *
 * A file or directory whose security.logonsess attribute names a logon SID
 * admits only the tasks whose credentials are in that session: reading,
 * writing and executing it, and searching it if it is a directory, are
 * refused to everyone else (EACCES), CAP_MAC_OVERRIDE aside. Files created
 * in a labeled directory inherit its label.
 *
 * Session IDs repeat after a reboot, so the stored value binds the label to
 * the boot: "S-1-5-5-<hi>-<lo> boot=<32 hex digits>". Users read and write
 * the logon SID alone; the kernel adds the boot when it stores a label, and
 * takes a label of another boot as stale: it admits nobody.
 *
 * The permission hook reads one word of the inode blob. The label is read
 * from the attribute once, when the inode gets its first dentry (or at its
 * first permission check, for an inode instantiated while its filesystem
 * was being mounted), and the xattr hooks keep it current.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/xattr.h>
#include <uapi/linux/logonsess.h>

#include "cred.h"
#include "label.h"
#include "session.h"
#include "sid.h"

#define BOOT_ID_SIZE	16
/* "S-1-5-5-4294967295-4294967295 boot=" and 32 hex digits, and a NUL */
#define LABEL_TEXT_SIZE	80

/* Tells this boot's labels from those of earlier boots; set once. */
static u8 logonsess_boot_id[BOOT_ID_SIZE] __ro_after_init;
/* What a label inherited from a stale one is bound to: no boot. */
static const u8 no_boot_id[BOOT_ID_SIZE];

static u64 current_session_id(void)
{
	return logonsess_cred_session(current_cred())->id;
}

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

static int format_logon_sid(u64 id, char buf[LABEL_TEXT_SIZE])
{
	return scnprintf(buf, LABEL_TEXT_SIZE, "S-1-5-5-%u-%u",
			 upper_32_bits(id), lower_32_bits(id));
}

static int format_stored(u64 id, const u8 *boot, char buf[LABEL_TEXT_SIZE])
{
	int len = format_logon_sid(id, buf);

	return len + scnprintf(buf + len, LABEL_TEXT_SIZE - len, " boot=%*phN",
			       BOOT_ID_SIZE, boot);
}

/*
 * The label a stored value gives: the ID for a label of this boot; STALE
 * and the ID for another boot's; STALE for anything else. A bare SID on a
 * disk is stale too (a crash between the two writes of
 * hook_inode_post_setxattr() leaves one); only a stacked filesystem
 * (overlayfs) shows it, reading its lower layer's label through
 * hook_inode_getsecurity(), which shows only labels of this boot.
 */
static u64 label_from_stored(const char *value, size_t len, bool stacked)
{
	char buf[LABEL_TEXT_SIZE], *boot;
	u8 stored_boot[BOOT_ID_SIZE];
	u64 id;

	if (len >= sizeof(buf) || memchr(value, '\0', len))
		return LOGONSESS_LABEL_STALE;
	memcpy(buf, value, len);
	buf[len] = '\0';
	boot = strchr(buf, ' ');
	if (boot)
		*boot++ = '\0';
	if (parse_logon_sid(buf, &id))
		return LOGONSESS_LABEL_STALE;
	if (!boot)
		return stacked ? id : LOGONSESS_LABEL_STALE | id;
	if (strlen(boot) != 5 + 2 * BOOT_ID_SIZE || strncmp(boot, "boot=", 5) ||
	    hex2bin(stored_boot, boot + 5, BOOT_ID_SIZE) ||
	    memcmp(stored_boot, logonsess_boot_id, BOOT_ID_SIZE))
		return LOGONSESS_LABEL_STALE | id;
	return id;
}

/*
 * Reads the label of @inode through @dentry; LOGONSESS_LABEL_UNKNOWN when
 * it cannot be read now (no memory, an I/O error): read again next time.
 * May sleep.
 */
static u64 label_read(struct dentry *dentry, struct inode *inode)
{
	char buf[LABEL_TEXT_SIZE];
	ssize_t len;

	len = __vfs_getxattr(dentry, inode, LOGONSESS_XATTR_NAME, buf,
			     sizeof(buf));
	if (len >= 0)
		return label_from_stored(buf, len,
					 inode->i_sb->s_stack_depth > 0);
	switch (len) {
	case -ERANGE:	/* a value, too long for a label: admits nobody */
		return LOGONSESS_LABEL_STALE;
	case -ENOMEM:
	case -EIO:
	case -EINTR:
	case -EAGAIN:
		return LOGONSESS_LABEL_UNKNOWN;
	default:	/* ENODATA, EOPNOTSUPP, or what a filesystem says instead */
		return LOGONSESS_LABEL_NONE;
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
 * being mounted may not answer getxattr yet: its inodes are read later,
 * from an alias. A label that cannot be read now refuses, for now.
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
		alias = d_find_alias(inode);
		if (!alias)
			return LOGONSESS_LABEL_NONE;
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
	/* capable() may sleep (audit): leave RCU path walk first. */
	if (mask & MAY_NOT_BLOCK)
		return -ECHILD;
	return capable(CAP_MAC_OVERRIDE) ? 0 : -EACCES;
}

/* Our attribute is ours to guard: no CAP_SYS_ADMIN check from commoncap. */
static int hook_inode_xattr_skipcap(const char *name)
{
	return !strcmp(name, LOGONSESS_XATTR_NAME);
}

/*
 * Who may label: the owner of the inode (or CAP_FOWNER over it) with its
 * own session's logon SID, unless another session's label is on it;
 * CAP_MAC_ADMIN with the logon SID of any active session.
 */
static int hook_inode_setxattr(struct mnt_idmap *idmap, struct dentry *dentry,
			       const char *name, const void *value,
			       size_t size, int flags)
{
	struct inode *inode = d_backing_inode(dentry);
	struct logonsess_session *session;
	char buf[LOGONSESS_SID_BUF_SIZE];
	u64 id, label, self;
	bool active;

	if (strcmp(name, LOGONSESS_XATTR_NAME))
		return 0;
	/* The SID alone, as setfattr(1) writes it, or with a NUL. */
	if (value && size && ((const char *)value)[size - 1] == '\0')
		size--;
	if (!value || !size || size >= sizeof(buf) || memchr(value, '\0', size))
		return -EINVAL;
	memcpy(buf, value, size);
	buf[size] = '\0';
	if (parse_logon_sid(buf, &id))
		return -EINVAL;

	self = current_session_id();
	label = inode_label(inode, dentry);
	if (id == self && (label == LOGONSESS_LABEL_NONE || label == self) &&
	    inode_owner_or_capable(idmap, inode))
		return 0;
	if (!capable(CAP_MAC_ADMIN))
		return -EPERM;
	session = logonsess_session_lookup(id);
	if (!session)
		return -ENOENT;
	active = !logonsess_session_logged_off(session);
	logonsess_session_put(session);
	return active ? 0 : -ENOENT;
}

/*
 * The user wrote the SID alone: store it bound to this boot. Called with
 * the inode locked; the second write comes back here with the bound value.
 * On a stacked filesystem the lower layer's hooks bind it.
 */
static void hook_inode_post_setxattr(struct dentry *dentry, const char *name,
				     const void *value, size_t size, int flags)
{
	struct inode *inode = d_backing_inode(dentry);
	atomic64_t *blob = &logonsess_inode(inode)->label;
	char stored[LABEL_TEXT_SIZE];
	bool stacked = inode->i_sb->s_stack_depth > 0;
	u64 label;
	int len;

	if (strcmp(name, LOGONSESS_XATTR_NAME))
		return;
	if (size && ((const char *)value)[size - 1] == '\0')
		size--;
	label = label_from_stored(value, size, true);
	if (!stacked && !memchr(value, ' ', size) &&
	    !(label & LOGONSESS_LABEL_STALE)) {
		len = format_stored(label, logonsess_boot_id, stored);
		/*
		 * Should the write fail, the bare SID stays on disk: stale
		 * after a reboot, valid until then.
		 */
		__vfs_setxattr_noperm(&nop_mnt_idmap, dentry,
				      LOGONSESS_XATTR_NAME, stored, len, 0);
	} else {
		label = label_from_stored(value, size, stacked);
	}
	atomic64_set(blob, label);
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
 * getxattr shows a label of this boot as the logon SID alone. Anything
 * else (none, stale, not read yet) is left to the filesystem, which shows
 * what it stores.
 */
static int hook_inode_getsecurity(struct mnt_idmap *idmap,
				  struct inode *inode, const char *name,
				  void **buffer, bool alloc)
{
	char buf[LABEL_TEXT_SIZE];
	u64 label;
	int len;

	if (strcmp(name, LOGONSESS_XATTR_SUFFIX))
		return -EOPNOTSUPP;
	label = atomic64_read(&logonsess_inode(inode)->label);
	if (label == LOGONSESS_LABEL_UNKNOWN || label == LOGONSESS_LABEL_NONE ||
	    (label & LOGONSESS_LABEL_STALE))
		return -EOPNOTSUPP;
	len = format_logon_sid(label, buf);
	if (alloc) {
		*buffer = kmemdup(buf, len, GFP_KERNEL);
		if (!*buffer)
			return -ENOMEM;
	}
	return len;
}

/* A new inode in a labeled directory inherits its label. */
static int hook_inode_init_security(struct inode *inode, struct inode *dir,
				    const struct qstr *qstr,
				    struct xattr *xattrs, int *xattr_count)
{
	u64 label = atomic64_read(&logonsess_inode(dir)->label);
	char stored[LABEL_TEXT_SIZE];
	struct xattr *xattr;
	void *value;
	int len;

	if (label == LOGONSESS_LABEL_UNKNOWN || label == LOGONSESS_LABEL_NONE) {
		atomic64_set(&logonsess_inode(inode)->label,
			     LOGONSESS_LABEL_NONE);
		return -EOPNOTSUPP;
	}
	atomic64_set(&logonsess_inode(inode)->label, label);
	if (label & LOGONSESS_LABEL_STALE)
		len = format_stored(label & ~LOGONSESS_LABEL_STALE, no_boot_id,
				    stored);
	else
		len = format_stored(label, logonsess_boot_id, stored);
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
	LSM_HOOK_INIT(inode_removexattr, hook_inode_removexattr),
	LSM_HOOK_INIT(inode_post_removexattr, hook_inode_post_removexattr),
	LSM_HOOK_INIT(inode_getsecurity, hook_inode_getsecurity),
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

/*
 * The boot ID is drawn late, when the random pool has had the boot to
 * gather entropy; the wall clock makes it differ across boots even where
 * that entropy repeats. No label can be stored before: no task has
 * labeled anything yet.
 */
static int __init logonsess_boot_id_init(void)
{
	u64 now = ktime_get_real_ns();
	int i;

	if (!logonsess_enabled)
		return 0;
	get_random_bytes(logonsess_boot_id, sizeof(logonsess_boot_id));
	for (i = 0; i < sizeof(now); i++)
		logonsess_boot_id[i] ^= now >> (8 * i);
	return 0;
}
late_initcall(logonsess_boot_id_init);
