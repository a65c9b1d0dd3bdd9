/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - securityfs interface
 */

#ifndef _SECURITY_LOGONSESS_FS_H
#define _SECURITY_LOGONSESS_FS_H

#include <linux/fs.h>
#include <linux/types.h>

bool logonsess_lists_all(const struct file *file);

extern const struct file_operations logonsess_processes_fops;
extern const struct file_operations logonsess_logon_fops;
extern const struct file_operations logonsess_join_fops;
extern const struct file_operations logonsess_logoff_fops;

#endif /* _SECURITY_LOGONSESS_FS_H */
