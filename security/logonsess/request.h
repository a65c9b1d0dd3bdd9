/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - requests written to the control files
 */

#ifndef _SECURITY_LOGONSESS_REQUEST_H
#define _SECURITY_LOGONSESS_REQUEST_H

#include <linux/bits.h>
#include <linux/types.h>

#include "sid.h"

/* Keys of a request, as bits of a mask. */
#define LOGONSESS_KEY_TYPE	BIT(0)
#define LOGONSESS_KEY_USER	BIT(1)
#define LOGONSESS_KEY_AUTH	BIT(2)
#define LOGONSESS_KEY_ORIGIN	BIT(3)
#define LOGONSESS_KEY_ID	BIT(4)
#define LOGONSESS_KEY_LINK	BIT(5)

/**
 * struct logonsess_request - a parsed request
 * @keys: the keys present, LOGONSESS_KEY_* bits
 * @type: logon type (type=)
 * @user: user SID (user=)
 * @auth: authentication package (auth=), points into the parsed buffer
 * @origin: origin (origin=), points into the parsed buffer, or NULL
 * @id: session ID (id=)
 * @link: link=self: link the new session to the writer's session
 */
struct logonsess_request {
	unsigned int keys;
	unsigned int type;
	struct logonsess_sid user;
	const char *auth;
	const char *origin;
	u64 id;
	bool link;
};

int logonsess_request_parse(char *buf, unsigned int allowed,
			    unsigned int required,
			    struct logonsess_request *req);

#endif /* _SECURITY_LOGONSESS_REQUEST_H */
