/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - securityfs files defined outside fs.c
 */

#ifndef _SECURITY_LOGONSESS_FS_H
#define _SECURITY_LOGONSESS_FS_H

#include <linux/fs.h>

extern const struct file_operations logonsess_processes_fops;
extern const struct file_operations logonsess_logon_fops;
extern const struct file_operations logonsess_join_fops;
extern const struct file_operations logonsess_logoff_fops;

#endif /* _SECURITY_LOGONSESS_FS_H */
