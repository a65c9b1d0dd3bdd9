#!/bin/sh
# setuidgid ACCOUNT PROG [ARGS...] (as in daemontools): run PROG with
# ACCOUNT's uid and gid.  Debian's busybox has no setuidgid applet, so
# ls_initramfs installs this as /usr/bin/setuidgid; su (as root: no
# password) does the setgroups/setgid/setuid, then sh execs PROG.
if [ $# -lt 2 ]; then
	echo "usage: setuidgid ACCOUNT PROG [ARGS...]" >&2
	exit 100
fi
account=$1
shift
# The options go before "--": busybox su parses options anywhere on its
# command line, so PROG's own (-s, -u, --long) would otherwise be su's.
exec su -s /bin/sh -c 'exec "$@"' -- "$account" setuidgid "$@"
