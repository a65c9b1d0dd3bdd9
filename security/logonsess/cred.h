/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - credential hooks
 */

#ifndef _SECURITY_LOGONSESS_CRED_H
#define _SECURITY_LOGONSESS_CRED_H

#include <linux/cred.h>
#include <linux/init.h>

#include "session.h"
#include "setup.h"

/**
 * struct logonsess_cred_security - the cred blob
 * @session: the session this credential references, with a reference
 *	held; NULL only in a credential that no hook has filled in yet
 * @create_label: the label of the inodes this credential creates, if not
 *	LOGONSESS_LABEL_UNKNOWN (they inherit their directory's): set only
 *	in the credentials of an overlayfs copy-up, never copied
 */
struct logonsess_cred_security {
	struct logonsess_session *session;
	u64 create_label;
};

static inline struct logonsess_cred_security *
logonsess_cred(const struct cred *cred)
{
	return cred->security + logonsess_blob_sizes.lbs_cred;
}

/*
 * The session of @cred. It stays valid for as long as the caller keeps
 * @cred alive; take a reference to keep it longer.
 */
static inline struct logonsess_session *
logonsess_cred_session(const struct cred *cred)
{
	return logonsess_cred(cred)->session;
}

void logonsess_cred_install(struct cred *cred,
			    struct logonsess_session *session);
void __init logonsess_add_cred_hooks(void);

#endif /* _SECURITY_LOGONSESS_CRED_H */
