// SPDX-License-Identifier: GPL-2.0
/*
 * What systemd's (sd-pam) does with a PAM handle: open_session as root,
 * then drop to the user, then close_session. sdpam SERVICE USER opens,
 * prints the session it is in, drops to USER's uid, closes, and exits
 * with 0 when pam_close_session() succeeded, 1 when it failed.
 */

#define _GNU_SOURCE
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

#include <security/pam_appl.h>

static int conv(int n, const struct pam_message **msg,
		struct pam_response **resp, void *data)
{
	(void)n;
	(void)msg;
	(void)resp;
	(void)data;
	return PAM_CONV_ERR;
}

int main(int argc, char **argv)
{
	const struct pam_conv c = { conv, NULL };
	struct passwd *pw;
	pam_handle_t *pamh;
	int ret;

	if (argc != 3 || !(pw = getpwnam(argv[2])))
		return 2;
	if (pam_start(argv[1], argv[2], &c, &pamh) != PAM_SUCCESS)
		return 2;
	ret = pam_open_session(pamh, 0);
	if (ret != PAM_SUCCESS) {
		fprintf(stderr, "open_session: %s\n", pam_strerror(pamh, ret));
		return 2;
	}
	if (setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid))
		return 2;
	ret = pam_close_session(pamh, 0);
	if (ret != PAM_SUCCESS)
		fprintf(stderr, "close_session: %s\n", pam_strerror(pamh, ret));
	pam_end(pamh, ret);
	return ret == PAM_SUCCESS ? 0 : 1;
}
