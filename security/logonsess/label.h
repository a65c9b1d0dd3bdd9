/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - the logon SID as an access rule
 */

#ifndef _SECURITY_LOGONSESS_LABEL_H
#define _SECURITY_LOGONSESS_LABEL_H

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/types.h>

#include "label_value.h"
#include "setup.h"

/**
 * struct logonsess_inode_security - the inode blob
 * @label: LOGONSESS_LABEL_UNKNOWN (not read yet) or _NONE; the ID of the
 *	session the inode is restricted to; or LOGONSESS_LABEL_STALE, with
 *	an ID or without, for a label of another boot or a value that is no
 *	label, which admits nobody
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
