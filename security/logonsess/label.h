/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - the logon SID as an access rule
 */

#ifndef _SECURITY_LOGONSESS_LABEL_H
#define _SECURITY_LOGONSESS_LABEL_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/types.h>

#include "setup.h"

/*
 * What an inode's label is, in one word that the permission hook reads
 * without a lock. Session IDs start at 0x3e4 and stop below bit 63.
 */
#define LOGONSESS_LABEL_UNKNOWN	0		/* not read yet: unlabeled */
#define LOGONSESS_LABEL_NONE	1		/* no label */
#define LOGONSESS_LABEL_STALE	BIT_ULL(63)	/* | the ID: another boot's */

/**
 * struct logonsess_inode_security - the inode blob
 * @label: LOGONSESS_LABEL_UNKNOWN or _NONE; the ID of the session the
 *	inode is restricted to; or LOGONSESS_LABEL_STALE | an ID for a label
 *	written in another boot (or unreadable), which admits nobody
 */
struct logonsess_inode_security {
	atomic64_t label;
};

static inline struct logonsess_inode_security *
logonsess_inode(const struct inode *inode)
{
	return inode->i_security + logonsess_blob_sizes.lbs_inode;
}

void __init logonsess_add_label_hooks(void);

#endif /* _SECURITY_LOGONSESS_LABEL_H */
