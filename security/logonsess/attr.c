// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - the LSM syscalls
 *
 * lsm_get_self_attr(LSM_ATTR_CURRENT) gives the caller's session ID as the
 * self file writes it, "0x3ea", NUL-terminated, in an entry of
 * LSM_ID_LOGONSESS: the session of the credentials the caller acts with,
 * as for a file it opens. No other attribute exists, and none can be set:
 * a task changes session only through the control files, so
 * lsm_set_self_attr() gets the framework's EOPNOTSUPP (there is no
 * setselfattr hook).
 */

#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/security.h>
#include <uapi/linux/lsm.h>

#include "attr.h"
#include "cred.h"
#include "session.h"
#include "setup.h"

/* "0x", 16 hexadecimal digits and the NUL. */
#define LOGONSESS_ID_TEXT_SIZE	19

static int hook_getselfattr(unsigned int attr, struct lsm_ctx __user *uctx,
			    u32 *size, u32 flags)
{
	const struct logonsess_session *session;
	char id[LOGONSESS_ID_TEXT_SIZE];
	int len, err;

	if (attr != LSM_ATTR_CURRENT)
		return -EOPNOTSUPP;
	session = logonsess_cred_session(current_cred());
	len = snprintf(id, sizeof(id), "%#llx", session->id);
	err = lsm_fill_user_ctx(uctx, size, id, len + 1, LSM_ID_LOGONSESS, 0);
	return err ? err : 1;	/* one entry */
}

static struct security_hook_list logonsess_attr_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(getselfattr, hook_getselfattr),
};

/**
 * logonsess_add_attr_hooks - answer lsm_get_self_attr()
 */
void __init logonsess_add_attr_hooks(void)
{
	security_add_hooks(logonsess_attr_hooks,
			   ARRAY_SIZE(logonsess_attr_hooks), &logonsess_lsmid);
}
