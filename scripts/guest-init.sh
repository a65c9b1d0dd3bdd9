#!/bin/sh
# logonsess guest /init (busybox sh), copied into the initramfs by
# scripts/lib.sh (ls_initramfs).  Runs as pid 1; must never exit by itself
# (that panics the kernel), so no `set -e`.
#
# Mode comes from /etc/guest-mode (written on the host by ls_boot):
#   demo        print the LSM state from securityfs
#   shell       interactive shell on the console
#   run FILE    run /tests/FILE as root, cwd /tests, stdin /dev/null
# The last line is always `logonsess-guest-exit=<status>`; the host takes its
# exit status from it.

export PATH=/sbin:/bin:/usr/sbin:/usr/bin
export HOME=/root
umask 022
cd /

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Absent when the kernel has no SECURITYFS; demo then says "not active".
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=0755 tmpfs /run

# pid 1's own logon session, read by pid 1 itself: `read` and `echo` are
# builtins and the redirections need no fork, so the reader really is pid 1.
# Tests compare against /run/init-session.
LS_DIR=/sys/kernel/security/logonsess
if [ -e "$LS_DIR/self" ]; then
	init_session=
	read -r init_session < "$LS_DIR/self"
	echo "$init_session" > /run/init-session
fi

mode=demo
arg=
if [ -r /etc/guest-mode ]; then
	read -r mode arg < /etc/guest-mode
fi

# Print FILE's content under a header, with a newline even when the file
# has none (/sys/kernel/security/lsm does not end in one).
show() {
	echo "== $1 =="
	# $(...) drops trailing newlines; printf puts exactly one back.
	content=$(cat "$1") && printf '%s\n' "$content"
}

demo() {
	show /sys/kernel/security/lsm
	echo "== pid 1 session =="
	if [ -e /run/init-session ]; then
		cat /run/init-session
	fi
	if [ ! -d "$LS_DIR" ]; then
		echo "logonsess: not active"
		return 0
	fi
	# Only files with a read bit: root could open the others anyway (DAC
	# override), so test the mode instead of trying.  busybox: +MASK = any.
	find "$LS_DIR" -type f -perm +0444 | sort | while read -r f; do
		show "$f"
	done
	[ -e "$LS_DIR/logon" ] && demo_logon
	return 0
}

# What a login program does: log on, then run the user's processes in the
# new session; then what an administrator does: log it off.
demo_logon() {
	request="type=interactive user=S-1-5-21-1-2-3-1001 auth=pam_unix origin=tty1"
	echo "== echo \"$request\" > $LS_DIR/logon (in a child shell) =="
	sh -c "echo '$request' > $LS_DIR/logon && exec sleep 600" &
	child=$!
	sleep 1
	show "$LS_DIR/sessions"
	echo "== $LS_DIR/processes (the child's line) =="
	grep "^pid=$child " "$LS_DIR/processes"
	id=$(sed -n "s/^pid=$child id=\([^ ]*\) .*/\1/p" "$LS_DIR/processes")
	echo "== echo id=$id > $LS_DIR/logoff =="
	echo "id=$id" > "$LS_DIR/logoff"
	wait "$child"
	echo "(the child was killed: status $?)"
	sleep 1
	show "$LS_DIR/stats"
}

status=0
case $mode in
demo)
	demo
	status=$?
	;;
run)
	if [ -z "$arg" ] || [ ! -e "/tests/$arg" ]; then
		echo "guest-init: no such test: /tests/$arg"
		status=127
	else
		# Subshell: the test's cwd must not leak back into pid 1.  A file
		# without an x bit is taken as a shell script.
		(
			cd /tests || exit 126
			if [ -x "/tests/$arg" ]; then
				exec "/tests/$arg" < /dev/null
			fi
			exec sh "/tests/$arg" < /dev/null
		)
		status=$?
	fi
	;;
shell)
	echo "guest-init: shell on the console; exit or Ctrl-D powers off (Ctrl-A x kills QEMU)"
	# setsid + cttyhack: the console becomes the shell's controlling tty,
	# so job control and Ctrl-C work.
	setsid cttyhack sh
	status=$?
	;;
*)
	echo "guest-init: unknown mode '$mode' in /etc/guest-mode"
	status=126
	;;
esac

echo "logonsess-guest-exit=$status"
# Setting termios with TCSADRAIN waits until the UART has sent everything,
# so the marker is not lost when the VM powers off right after.
stty -F /dev/console -ixany 2>/dev/null
sync
# Power off needs a working ACPI (/sys/firmware/acpi is removed when the
# ACPI bus fails to initialise); otherwise the kernel only halts and QEMU
# hangs, so reboot instead, which ends QEMU because of -no-reboot.
if [ -d /sys/firmware/acpi ]; then
	poweroff -f
fi
reboot -f
