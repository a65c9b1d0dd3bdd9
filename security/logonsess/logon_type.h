/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - logon type names
 */

#ifndef _SECURITY_LOGONSESS_LOGON_TYPE_H
#define _SECURITY_LOGONSESS_LOGON_TYPE_H

const char *logonsess_type_name(unsigned int type);
int logonsess_type_from_name(const char *name, unsigned int *type);

#endif /* _SECURITY_LOGONSESS_LOGON_TYPE_H */
