// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - registration
 *
 * The module is stackable and in the default CONFIG_LSM list: it runs
 * unless CONFIG_LSM or "lsm=" leaves it out. When it is built but not
 * enabled, logonsess_enabled stays false and the blob offsets are never
 * set: every entry point outside the hooks checks it.
 */

#define pr_fmt(fmt) "logonsess: " fmt

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/lsm.h>

#include "attr.h"
#include "boot.h"
#include "cred.h"
#include "label.h"
#include "ptrace.h"
#include "session.h"
#include "setup.h"

bool logonsess_enabled __ro_after_init;

struct lsm_blob_sizes logonsess_blob_sizes __ro_after_init = {
	.lbs_cred = sizeof(struct logonsess_cred_security),
	.lbs_inode = sizeof(struct logonsess_inode_security),
	.lbs_xattr_count = 1,
};

const struct lsm_id logonsess_lsmid = {
	.name = "logonsess",
	.id = LSM_ID_LOGONSESS,
};

static int __init logonsess_init(void)
{
	int err;

	logonsess_boot_id_init();
	err = logonsess_sessions_init();
	if (err)
		return err;

	logonsess_add_cred_hooks();
	logonsess_add_label_hooks();
	logonsess_add_ptrace_hooks();
	logonsess_add_attr_hooks();
	logonsess_enabled = true;
	pr_info("initialized\n");
	return 0;
}

DEFINE_LSM(logonsess) = {
	.name = "logonsess",
	.init = logonsess_init,
	.blobs = &logonsess_blob_sizes,
};
