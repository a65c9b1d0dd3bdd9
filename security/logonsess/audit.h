/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - audit records
 */

#ifndef _SECURITY_LOGONSESS_AUDIT_H
#define _SECURITY_LOGONSESS_AUDIT_H

#include "session.h"

#ifdef CONFIG_AUDIT
struct audit_buffer;

void logonsess_audit_boot_id(struct audit_buffer *ab);
void logonsess_audit_task(struct audit_buffer *ab);
void logonsess_audit_event(const char *op,
			   const struct logonsess_session *session, int err);
void logonsess_audit_refusal(const char *op);
void logonsess_audit_destroy(const struct logonsess_session *session);
#else
static inline void
logonsess_audit_event(const char *op, const struct logonsess_session *session,
		      int err)
{
}

static inline void logonsess_audit_refusal(const char *op)
{
}

static inline void
logonsess_audit_destroy(const struct logonsess_session *session)
{
}
#endif

#endif /* _SECURITY_LOGONSESS_AUDIT_H */
