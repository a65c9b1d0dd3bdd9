/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - security identifiers
 */

#ifndef _SECURITY_LOGONSESS_SID_H
#define _SECURITY_LOGONSESS_SID_H

#include <linux/types.h>
#include <uapi/linux/logonsess.h>

/* Largest identifier authority a SID can carry: 48 bits. */
#define LOGONSESS_SID_AUTHORITY_MAX	((1ULL << 48) - 1)
/* Buffer size for logonsess_sid_format(). */
#define LOGONSESS_SID_BUF_SIZE		(LOGONSESS_SID_MAX + 1)

/**
 * struct logonsess_sid - a revision 1 security identifier
 * @authority: identifier authority, at most 48 bits
 * @count: number of sub-authorities, 1 to LOGONSESS_SID_SUBAUTH_MAX
 * @subauth: the sub-authorities
 */
struct logonsess_sid {
	u64 authority;
	u8 count;
	u32 subauth[LOGONSESS_SID_SUBAUTH_MAX];
};

int logonsess_sid_parse(const char *str, struct logonsess_sid *sid);
int logonsess_sid_format(const struct logonsess_sid *sid,
			 char buf[LOGONSESS_SID_BUF_SIZE]);
void logonsess_sid_for_logon(u64 id, struct logonsess_sid *sid);

#endif /* _SECURITY_LOGONSESS_SID_H */
