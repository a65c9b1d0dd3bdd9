#!/bin/sh
# Guest test: logonsess on Debian 12 booted with systemd (issue 18), run by
# the image's logonsess-test.service (build-qemu.sh --distro --run) once
# startup has finished. The image is scripts/build-image.sh's: Debian's
# systemd, logind, sshd, cron, sudo, su, login and auditd, the logonsess
# packages installed with dpkg -i and pam-auth-update --enable logonsess.
# Two boots of one disk (tests/run.sh, distro): boot 1 drives the login
# programs and leaves live sessions at shutdown; boot 2 checks what a
# reboot must leave behind. Every check reads the kernel's files or its
# audit records. The console login on ttyS1 is typed by
# tests/distro-console.py on the host.
. /tests/tap.sh

STATE=/var/lib/logonsess-test
mkdir -p $STATE

# --- helpers

# sess_line ID: session ID's line in sessions (root's view).
sess_line() {
	grep "^id=$1 " $LS/sessions
}

# unit_session UNIT: the session of UNIT's main process.
unit_session() {
	pid_session "$(systemctl show -P MainPID "$1")"
}

# as USER CMD: CMD over ssh to this machine's sshd as USER (root's key).
as() {
	u=$1
	shift
	ssh "$u@localhost" "$@"
}

# new_session ID: ID is a dynamic session (not one of the well-known).
new_session() {
	case $1 in
	0x3e[4-7] | '') return 1 ;;
	0x*) return 0 ;;
	esac
	return 1
}


# logind_has SESSION: logind lists its session SESSION.
logind_has() {
	loginctl list-sessions --no-legend | awk '{ print $1 }' | grep -qx "$1"
}

# logind_session_of ID: logind's session whose leader (the login program's
# process) is in logonsess session ID.
logind_session_of() {
	for s in $(loginctl list-sessions --no-legend | awk '{ print $1 }'); do
		leader=$(loginctl show-session -P Leader "$s")
		[ "$(pid_session "$leader")" = "$1" ] && echo "$s"
	done
}

# audit_before [BEFORE]: the logonsess records (AUDIT_LOGONSESS, 1427)
# auditd wrote, found by ausearch, those stamped before BEFORE (seconds
# since the epoch) only if given.
audit_before() {
	ausearch -m 1427 --raw 2>/dev/null | awk -v before="${1:-9999999999}" '
		{ t = $2; sub(/^msg=audit\(/, "", t); sub(/\..*/, "", t) }
		t < before'
}

# audited OP ID [BEFORE]: an op=OP record of session ID in the audit log.
audited() {
	audit_before "${3:-}" | grep " op=$1 " | grep -q " logon_id=$2 "
}

# both_audited ID: the logon and the destroy of session ID are logged.
both_audited() {
	audited logon "$1" && audited destroy "$1"
}

# audit_counts [BEFORE]: "logons=N destroys=N", the op=logon (res=1) and
# op=destroy records of audit_before.
audit_counts() {
	audit_before "${1:-}" | awk '
		/ op=logon / && / res=1/ { l++ }
		/ op=destroy / { d++ }
		END { printf "logons=%d destroys=%d\n", l, d }'
}

# stats_counts: the same from the kernel's counters (created less the
# four well-known sessions, which are never logged on).
stats_counts() {
	line=$(cat $LS/stats)
	echo "logons=$(($(field "$line" created) - 4)) destroys=$(field "$line" destroyed)"
}

same_counts() {
	test "$(audit_counts)" = "$(stats_counts)"
}

# two_sessions A B: A and B are dynamic sessions, and not the same.
two_sessions() {
	new_session "$1" && new_session "$2" && [ "$1" != "$2" ]
}

self_of() { # self_of OUTPUT: the id of the first self line in OUTPUT
	field "$(echo "$1" | grep '^id=' | head -n 1)" id
}

boot_id=$(cat $LS/boot_id)
if [ ! -e $STATE/boot1 ]; then
	boot=1
else
	boot=2
fi
echo "# boot $boot, logonsess boot_id $boot_id"

# --- both boots: the system is up, and its daemons are in SYSTEM

check "systemd reached multi-user.target" systemctl is-active multi-user.target
state=$(systemctl is-system-running)
failed=$(systemctl --failed --no-legend --plain | awk '{ print $1 }' | paste -sd' ')
check "... with no failed unit (state $state${failed:+: $failed})" test -z "$failed"
check "PID 1 (systemd) is in SYSTEM (0x3e7)" test "$(pid_session 1)" = 0x3e7
# active_in UNIT ID: UNIT is active, its main process in session ID.
active_in() {
	systemctl is-active -q "$1" && test "$(unit_session "$1")" = "$2"
}
for u in ssh cron auditd systemd-logind dbus systemd-journald; do
	check "$u.service is active, its main process in SYSTEM" active_in "$u.service" 0x3e7
done
check "pam_logonsess is in common-session (pam-auth-update)" \
	grep -q '^session.*pam_logonsess.so' /etc/pam.d/common-session
check "the tmpdir cleanup unit ran at boot" sh -c \
	"systemctl show -P Result logonsess-clean-tmpdirs.service | grep -qx success &&
	 test \"\$(systemctl show -P ExecMainStartTimestampMonotonic logonsess-clean-tmpdirs.service)\" != 0"

if [ $boot = 2 ]; then
	. /tests/distro-boot2.sh
	finish
fi

# --- boot 1

echo "$boot_id" >$STATE/boot1
# cron: a job every minute; it fires while the checks below run.
rm -f /tmp/cron-self
echo '* * * * * user cat /sys/kernel/security/logonsess/self >/tmp/cron-self' \
	>/etc/cron.d/logonsess-test

# ssh: a real login through sshd.service.
reply=$(as user 'cat /sys/kernel/security/logonsess/self; id -u; echo "TMPDIR=$TMPDIR"')
st=$?
line=$(echo "$reply" | head -n 1)
ssh_id=$(field "$line" id)
check "ssh user@localhost runs a command (status $st)" test "$st" = 0
check "... as user 1000" test "$(echo "$reply" | sed -n 2p)" = 1000
check "... in a new session ($ssh_id)" new_session "$ssh_id"
check "... remote_interactive, origin the client's address, the user's SID, auth=sshd" \
	fields_are "$line" type=remote_interactive origin=127.0.0.1 \
	user=S-1-22-1-1000 auth=sshd state=active
check "... its TMPDIR is the session's own directory" \
	test "$(echo "$reply" | sed -n 's/^TMPDIR=//p')" = "/tmp/logonsess/$ssh_id"
check "... the session ends with the connection" wait_for 20 not listed "$ssh_id"
check "... its logon and destroy are in auditd's log" wait_for 20 both_audited "$ssh_id"
echo "$ssh_id" >$STATE/ssh-id

# Two concurrent logins.
rm -f /tmp/go /tmp/ssh-a /tmp/ssh-b
WAIT_GO='cat /sys/kernel/security/logonsess/self; while [ ! -e /tmp/go ]; do sleep 0.2; done'
as user "$WAIT_GO" >/tmp/ssh-a 2>&1 &
ssh_a=$!
as user "$WAIT_GO" >/tmp/ssh-b 2>&1 &
ssh_b=$!
check "two concurrent ssh logins are both in" \
	wait_for 60 sh -c 'test -s /tmp/ssh-a && test -s /tmp/ssh-b'
id_a=$(self_of "$(cat /tmp/ssh-a)")
id_b=$(self_of "$(cat /tmp/ssh-b)")
check "... in two sessions ($id_a, $id_b)" \
	sh -c "test -n '$id_a' && test -n '$id_b' && test '$id_a' != '$id_b'"
check "... logind has a session for each" \
	sh -c "test \"\$(loginctl list-sessions --no-legend | grep -c ' user ')\" -ge 2"
touch /tmp/go
wait $ssh_a
wait $ssh_b
check "... both end with their connections" \
	wait_for 20 sh -c "! grep -qE '^id=($id_a|$id_b) ' $LS/sessions"

# logoff_on_close (pam_logonsess(8)): the background process of a login
# dies with the connection, and sshd survives.
sshd_pid=$(systemctl show -P MainPID ssh.service)
sed -i 's/pam_logonsess.so.*/& logoff_on_close/' /etc/pam.d/common-session
LEAVE='setsid sleep 1000 </dev/null >/dev/null 2>&1 & echo $!; cat /sys/kernel/security/logonsess/self'
reply=$(as user "$LEAVE")
left_pid=$(echo "$reply" | head -n 1)
left=$(self_of "$reply")
check "with logoff_on_close: a login leaves a process behind ($left_pid in $left)" \
	new_session "$left"
check "... which is killed when the connection closes" \
	wait_for 20 not kill -0 "$left_pid"
check "... and the session is gone" wait_for 20 not listed "$left"
check "... its logoff is audited" wait_for 20 audited logoff "$left"
check "... sshd.service's main process is unharmed" \
	test "$(systemctl show -P MainPID ssh.service)" = "$sshd_pid"
sed -i 's/ logoff_on_close//' /etc/pam.d/common-session

# su - and sudo -i inside an ssh login: each elevation is a logon of its
# own (a new interactive session for the target user), not the caller's.
reply=$(as root "cat $LS/self; su - user -c 'cat $LS/self; id -u'")
outer=$(field "$(echo "$reply" | sed -n 1p)" id)
line=$(echo "$reply" | sed -n 2p)
inner=$(field "$line" id)
check "su - user in a root ssh login: runs as user" \
	test "$(echo "$reply" | sed -n 3p)" = 1000
check "... in a new session ($inner), not the ssh login's ($outer)" \
	two_sessions "$inner" "$outer"
check "... interactive, for S-1-22-1-1000, auth=su-l" \
	fields_are "$line" type=interactive user=S-1-22-1-1000 auth=su-l
reply=$(as user "cat $LS/self; sudo -i cat $LS/self; sudo id -u; sudo cat $LS/self")
outer=$(field "$(echo "$reply" | sed -n 1p)" id)
line=$(echo "$reply" | sed -n 2p)
inner=$(field "$line" id)
check "sudo -i in a user's ssh login: a new interactive session ($inner) for S-1-22-1-0, auth=sudo-i" \
	fields_are "$line" type=interactive user=S-1-22-1-0 auth=sudo-i
check "... not the ssh login's ($outer)" two_sessions "$inner" "$outer"
line=$(echo "$reply" | sed -n 4p)
check "sudo CMD runs as root" test "$(echo "$reply" | sed -n 3p)" = 0
check "... in a session of its own too" two_sessions "$(field "$line" id)" "$outer"
check "... interactive, S-1-22-1-0, auth=sudo" \
	fields_are "$line" type=interactive user=S-1-22-1-0 auth=sudo

# A container inside an ssh login: root in a user namespace cannot
# open the control files and sees only its own session.
reply=$(as user "unshare -U -r sh -c 'id -u; cat $LS/self; wc -l <$LS/sessions;
	for f in logon join logoff; do echo x >$LS/\$f 2>/dev/null && echo \$f-opened; done; true'")
check "unshare -U -r in an ssh login: root (0) in the namespace" \
	test "$(echo "$reply" | sed -n 1p)" = 0
check "... cannot write logon, join or logoff" test "$(echo "$reply" | grep -c opened)" = 0
check "... sees one line in sessions" test "$(echo "$reply" | sed -n 3p)" = 1
check "... its own, a dynamic session" new_session "$(field "$(echo "$reply" | sed -n 2p)" id)"

# A service with User= and PAMName=: a service session; with User= and no
# PAMName=: SYSTEM, as a Windows service of a built-in account.
printf '%s\n' '@include common-auth' '@include common-account' \
	'@include common-session-noninteractive' >/etc/pam.d/logonsess-test
cat >/run/systemd/system/ls-pam.service <<'EOF'
[Service]
User=user
PAMName=logonsess-test
ExecStart=/bin/sleep 1000
EOF
cat >/run/systemd/system/ls-nopam.service <<'EOF'
[Service]
User=user
ExecStart=/bin/sleep 1000
EOF
systemctl daemon-reload
systemctl start ls-pam.service ls-nopam.service
svc=$(unit_session ls-pam.service)
check "a service with User=user and PAMName=: a session of its own ($svc)" new_session "$svc"
check "... of type service, S-1-22-1-1000, auth=logonsess-test" \
	fields_are "$(sess_line "$svc")" type=service user=S-1-22-1-1000 auth=logonsess-test
check "a service with User=user and no PAMName=: SYSTEM" \
	test "$(unit_session ls-nopam.service)" = 0x3e7
systemctl stop ls-pam.service ls-nopam.service
check "... the service's session ends when it stops" wait_for 20 not listed "$svc"

# The user manager (user@1000.service, PAM service systemd-user): a
# service session of its own; the user's units run in it, not in a login.
reply=$(as user 'cat /sys/kernel/security/logonsess/self
	systemd-run --user --quiet --unit=ls-user-sleep sleep 1000
	systemctl --user show -P MainPID ls-user-sleep')
login_id=$(self_of "$reply")
unit_pid=$(echo "$reply" | tail -n 1)
mgr=$(pid_session "$(systemctl show -P MainPID user@1000.service)")
check "the user manager of user is in a session of its own ($mgr)" new_session "$mgr"
check "... type service, S-1-22-1-1000, auth=systemd-user" \
	fields_are "$(sess_line "$mgr")" type=service user=S-1-22-1-1000 auth=systemd-user
check "... not the ssh login's ($login_id)" test "$mgr" != "$login_id"
check "a unit started with systemd-run --user runs in the user manager's session" \
	test "$(pid_session "$unit_pid")" = "$mgr"
as user 'systemctl --user stop ls-user-sleep'

# logind beside logonsess: loginctl terminate-session ends the logonsess
# session of that login.
rm -f /tmp/go
as user "$WAIT_GO" >/tmp/ssh-c 2>&1 &
ssh_c=$!
check "an ssh login for loginctl terminate-session" wait_for 60 test -s /tmp/ssh-c
term=$(self_of "$(cat /tmp/ssh-c)")
lsid=$(logind_session_of "$term")
check "... logind's session $lsid has its leader in $term" sh -c "test -n '$lsid'"
loginctl terminate-session "$lsid"
check "... terminate-session ends the logonsess session" wait_for 30 not listed "$term"
wait $ssh_c

# KillUserProcesses=yes: a login's background process dies at logout and
# its session with it.
mkdir -p /run/systemd/logind.conf.d
printf '[Login]\nKillUserProcesses=yes\n' >/run/systemd/logind.conf.d/kill.conf
systemctl restart systemd-logind
reply=$(as user "$LEAVE")
kup_pid=$(echo "$reply" | head -n 1)
kup=$(self_of "$reply")
check "KillUserProcesses=yes: the login's background process dies at logout" \
	wait_for 30 not kill -0 "$kup_pid"
check "... and its logonsess session ends ($kup)" wait_for 30 not listed "$kup"
rm /run/systemd/logind.conf.d/kill.conf
systemctl restart systemd-logind

# A logonsess logoff of an ssh login: logind's scope and session go too.
as user "$WAIT_GO" >/tmp/ssh-d 2>&1 &
ssh_d=$!
check "an ssh login to log off" wait_for 60 test -s /tmp/ssh-d
off=$(self_of "$(cat /tmp/ssh-d)")
off_lsid=$(logind_session_of "$off")
off_scope=$(loginctl show-session -P Scope "$off_lsid" 2>/dev/null)
check "... logind's session $off_lsid ($off_scope) for it" test -n "$off_scope"
echo "id=$off" >$LS/logoff
check "... logoff ends the logonsess session" wait_for 30 not listed "$off"
check "... logind no longer lists its session" wait_for 30 not logind_has "$off_lsid"
check "... its scope is gone" wait_for 30 not systemctl is-active -q "$off_scope"
wait $ssh_d

# The console login on ttyS1: serial-getty@ttyS1 and login(1), typed by
# tests/distro-console.py on the host (user, password, then a command
# that writes the shell's self line to /tmp/console-self).
check "a console login on ttyS1 (serial-getty, login)" wait_for 240 test -s /tmp/console-self
line=$(cat /tmp/console-self)
con=$(field "$line" id)
check "... a new session ($con)" new_session "$con"
check "... interactive, origin ttyS1, S-1-22-1-1000, auth=login" \
	fields_are "$line" type=interactive origin=ttyS1 user=S-1-22-1-1000 auth=login
con_lsid=$(logind_session_of "$con")
check "... logind's session $con_lsid is on seat0's ttyS1" \
	test "$(loginctl show-session -P TTY "$con_lsid" 2>/dev/null)" = ttyS1
echo "id=$con" >$LS/logoff
check "... logged off: the session ends" wait_for 30 not listed "$con"
check "... logind no longer lists it" wait_for 30 not logind_has "$con_lsid"
check "... and serial-getty@ttyS1 prompts again" \
	wait_for 60 systemctl is-active -q serial-getty@ttyS1.service

# cron (its job was written at the start): a batch session.
check "the cron job ran" wait_for 150 test -s /tmp/cron-self
line=$(cat /tmp/cron-self)
check "... in a batch session for S-1-22-1-1000, auth=cron" \
	fields_are "$line" type=batch user=S-1-22-1-1000 auth=cron
rm -f /etc/cron.d/logonsess-test

# logonsessions -p: the daemons in SYSTEM, a login's processes in its own.
as user "$WAIT_GO" >/tmp/ssh-e 2>&1 &
ssh_e=$!
check "an ssh login for logonsessions -p" wait_for 60 test -s /tmp/ssh-e
live=$(self_of "$(cat /tmp/ssh-e)")
json=$(logonsessions -p --json)
check "logonsessions -p --json lists sshd, cron and auditd in SYSTEM" sh -c "
	for c in sshd cron auditd systemd-logind; do
		echo '$json' | jq -e --arg c \$c '.[] | select(.id == \"0x3e7\") | .processes[] | select(.comm == \$c)' >/dev/null || exit 1
	done"
check "... and the login's shell in $live" sh -c "
	echo '$json' | jq -e '.[] | select(.id == \"$live\") | .processes[] | select(.comm == \"sh\" or .comm == \"bash\")' >/dev/null"

# A reboot with live sessions: this ssh login, a service session and its
# TMPDIR stay until the reboot (boot 2 checks what is left).
systemctl start ls-pam.service
echo "$live" >$STATE/live-id
# A per-session directory of this boot outside /tmp/logonsess (which
# the cleanup unit empties): boot 2 must refuse it.
mkdir -p $STATE/stale
chmod 0777 $STATE/stale
/tests/xattr set $STATE/stale "$(logonsessions --label -s "$live")"
check "a directory labelled for $live, left for the next boot" \
	sh -c "test \"\$(/tests/xattr get $STATE/stale)\" = '$(logonsessions --label -s "$live")'"
# Debian's tmpfiles.d empties /tmp at boot; keep it, so that the cleanup
# unit is what removes the previous boot's directories.
echo 'd /tmp 1777 root root -' >/etc/tmpfiles.d/tmp.conf
check "the live login's TMPDIR exists" test -d "/tmp/logonsess/$live"
# auditd (started by systemd) has every logon and destroy so far.
check "auditd logged a logon for every session and a destroy for every end ($(stats_counts))" \
	wait_for 30 same_counts
stats_counts >$STATE/boot1-counts
# This boot ends in a reboot with these sessions live (boot 2 powers off).
touch /run/logonsess-test-reboot
echo "# leaving $live, $(field "$(sess_line "$svc")" id) for the shutdown"
finish
