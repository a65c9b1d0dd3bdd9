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
	audit_between 0 "${1:-9999999999}"
}

# audit_between AFTER BEFORE: those stamped in [AFTER, BEFORE), without
# what auditd's log_format=ENRICHED (Debian's default) appends after a
# GS byte (UID="root" AUID="unset"), so that res= is the last field.
audit_between() {
	ausearch -m 1427 --raw 2>/dev/null | awk -v after="$1" -v before="$2" '
		{ i = index($0, "\035"); if (i) $0 = substr($0, 1, i - 1) }
		{ t = $2; sub(/^msg=audit\(/, "", t); sub(/\..*/, "", t) }
		t + 0 >= after + 0 && t + 0 < before + 0'
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

# Lineage (issue 19): pam_logonsess links the sessions of the PAM services
# its profile names with link= (/usr/share/pam-configs/logonsess, from the
# libpam-logonsess package, put in common-session by pam-auth-update) to
# the session that started them. "link" alone links every service's
# sessions ("*" here).
link_services=$(sed -n 's/^session.*pam_logonsess\.so//p' /etc/pam.d/common-session |
	tr ' \t' '\n\n' | sed -n 's/^link$/*/p; s/^link=//p' | tail -n 1)
echo "# pam_logonsess link services of the profile: ${link_services:-none}"

# linked_for SERVICE CREATOR: the linked= of a session that PAM service
# SERVICE opened from session CREATOR ("-": not linked).
linked_for() {
	case ",$link_services," in
	*",$1,"* | ",*,") echo "$2" ;;
	*) echo - ;;
	esac
}

# audit_id ID: an ID as audit records give it ("-" is "?").
audit_id() {
	if [ "$1" = - ]; then echo '?'; else echo "$1"; fi
}

# try_write FILE REQUEST: REQUEST written to FILE in one write(2) by a
# process of its own (perl); prints "ok" and that process's self line
# afterwards, or the name of the errno (EINVAL, ...).
cat >/tmp/ls-write.pl <<'PERL'
use Errno;
my ($file, $req) = @ARGV;
sub err { my ($e) = grep { $!{$_} } keys %!; return $e // "errno-" . ($! + 0); }
open(my $f, ">", $file) or do { print "open-", err(), "\n"; exit 0 };
if (defined syswrite($f, $req)) {
	close $f;
	open(my $s, "<", "/sys/kernel/security/logonsess/self") or die;
	print "ok ", scalar <$s>;
} else {
	print err(), "\n";
}
PERL
chmod 0644 /tmp/ls-write.pl
try_write() {
	perl /tmp/ls-write.pl "$@"
}

# logoff_records ID: auditd's op=logoff records of session ID.
logoff_records() {
	audit_before | grep " op=logoff " | grep " logon_id=$1 "
}

# gone_or_off ID: session ID is not listed, or listed as logged off.
gone_or_off() {
	! listed "$1" || sess_line "$1" | grep -q ' state=logged_off'
}

# created: the kernel's count of sessions created.
created() {
	field "$(cat $LS/stats)" created
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
check "... created by SYSTEM (sshd's session), not linked" \
	fields_are "$line" creator=0x3e7 linked=-
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
check "... created by the ssh login, linked=$(linked_for su-l "$outer")" \
	fields_are "$line" creator="$outer" linked="$(linked_for su-l "$outer")"
reply=$(as user "cat $LS/self; sudo -i cat $LS/self; sudo id -u; sudo cat $LS/self")
outer=$(field "$(echo "$reply" | sed -n 1p)" id)
line=$(echo "$reply" | sed -n 2p)
inner=$(field "$line" id)
check "sudo -i in a user's ssh login: a new interactive session ($inner) for S-1-22-1-0, auth=sudo-i" \
	fields_are "$line" type=interactive user=S-1-22-1-0 auth=sudo-i
check "... not the ssh login's ($outer)" two_sessions "$inner" "$outer"
check "... created by the ssh login, linked=$(linked_for sudo-i "$outer")" \
	fields_are "$line" creator="$outer" linked="$(linked_for sudo-i "$outer")"
line=$(echo "$reply" | sed -n 4p)
check "sudo CMD runs as root" test "$(echo "$reply" | sed -n 3p)" = 0
check "... in a session of its own too" two_sessions "$(field "$line" id)" "$outer"
check "... interactive, S-1-22-1-0, auth=sudo" \
	fields_are "$line" type=interactive user=S-1-22-1-0 auth=sudo
check "... created by the ssh login, linked=$(linked_for sudo "$outer")" \
	fields_are "$line" creator="$outer" linked="$(linked_for sudo "$outer")"

# Lineage and cascade (issue 19): an ssh login (creator SYSTEM) -> sudo -i
# inside it -> su - inside that, each created by the one before; a root
# process left behind in each elevation; then one logoff of the ssh login
# ends all three, and nothing else (a second login of the same user,
# created by SYSTEM too, stays).
cat >/tmp/ls-chain.sh <<'CHAIN'
#!/bin/sh
LS=/sys/kernel/security/logonsess
echo "sudo-self $(cat $LS/self)"
setsid sleep 1000 </dev/null >/dev/null 2>&1 &
echo "sudo-pid $!"
su - -c "echo \"su-self \$(cat $LS/self)\"; setsid sleep 1000 </dev/null >/dev/null 2>&1 & echo \"su-pid \$!\""
CHAIN
chmod 0755 /tmp/ls-chain.sh
rm -f /tmp/chain-go /tmp/ssh-chain /tmp/ssh-chain.exit /tmp/ssh-bystander
WAIT_CHAIN='while [ ! -e /tmp/chain-go ]; do sleep 0.2; done'
(
	as user "cat $LS/self; sudo -i /tmp/ls-chain.sh; echo waiting; $WAIT_CHAIN" \
		>/tmp/ssh-chain 2>&1
	echo "$?" >/tmp/ssh-chain.exit
) &
chain_pid=$!
as user "cat $LS/self; echo waiting; $WAIT_CHAIN" >/tmp/ssh-bystander 2>&1 &
bystander_pid=$!
check "ssh user@localhost, sudo -i and su - inside it, a process left in each elevation" \
	wait_for 90 grep -qx waiting /tmp/ssh-chain
check "... and a second ssh login of user, for a bystander" \
	wait_for 60 grep -qx waiting /tmp/ssh-bystander
sed 's/^/#   /' /tmp/ssh-chain
c1=$(self_of "$(cat /tmp/ssh-chain)")
c2=$(field "$(sed -n 's/^sudo-self //p' /tmp/ssh-chain)" id)
c3=$(field "$(sed -n 's/^su-self //p' /tmp/ssh-chain)" id)
c2_pid=$(sed -n 's/^sudo-pid //p' /tmp/ssh-chain)
c3_pid=$(sed -n 's/^su-pid //p' /tmp/ssh-chain)
by=$(self_of "$(cat /tmp/ssh-bystander)")
check "... three sessions ($c1 ssh, $c2 sudo -i, $c3 su -) and the bystander's ($by)" \
	sh -c "[ -n '$c1' ] && [ -n '$c2' ] && [ -n '$c3' ] && [ -n '$by' ] &&
		[ \$(printf '%s\n' '$c1' '$c2' '$c3' '$by' | sort -u | wc -l) = 4 ]"
l2=$(linked_for sudo-i "$c1")
l3=$(linked_for su-l "$c2")
check "sessions: $c1 created by SYSTEM, not linked" \
	fields_are "$(sess_line "$c1")" creator=0x3e7 linked=- auth=sshd
check "sessions: $c2 (sudo -i, root) created by $c1, linked=$l2" \
	fields_are "$(sess_line "$c2")" creator="$c1" linked="$l2" auth=sudo-i \
	user=S-1-22-1-0 state=active
check "sessions: $c3 (su -, root) created by $c2, linked=$l3" \
	fields_are "$(sess_line "$c3")" creator="$c2" linked="$l3" auth=su-l \
	user=S-1-22-1-0 state=active
check "sessions: the bystander $by created by SYSTEM" \
	fields_are "$(sess_line "$by")" creator=0x3e7 linked=-
check "the process left by sudo -i ($c2_pid) is in $c2" \
	test "$(pid_session "$c2_pid")" = "$c2"
check "the process left by su - ($c3_pid) is in $c3" \
	test "$(pid_session "$c3_pid")" = "$c3"
logoff_before=$(audit_before | grep -c ' op=logoff ')
check "logoff id=$c1 (the ssh login) succeeds" sh -c "echo id=$c1 >$LS/logoff"
for s in "$c1" "$c2" "$c3"; do
	check "... $s is gone or logged off" wait_for 30 gone_or_off "$s"
done
chain_in_processes() {
	grep -E " id=($c1|$c2|$c3) " $LS/processes
}
check "... no process is left in $c1, $c2 or $c3 (processes)" \
	wait_for 30 not chain_in_processes
check "... the root process sudo -i left ($c2_pid) is dead" wait_for 30 not kill -0 "$c2_pid"
check "... and the one su - left ($c3_pid)" wait_for 30 not kill -0 "$c3_pid"
check "... the ssh connection ended" wait_for 30 test -e /tmp/ssh-chain.exit
wait "$chain_pid"
check "... the bystander's session $by is untouched (creator SYSTEM: no cascade)" \
	fields_are "$(sess_line "$by")" state=active
check "... and its shell is still there" sh -c "grep -q ' id=$by ' $LS/processes"
touch /tmp/chain-go
wait "$bystander_pid"
# The audit records: one op=logoff per session, this boot's boot_id, the
# creator and link of each.
three_logoffs() {
	[ "$(audit_before | grep -c ' op=logoff ')" -ge $((logoff_before + 3)) ] &&
		logoff_records "$c3" | grep -q .
}
check "auditd has the cascade's op=logoff records" wait_for 30 three_logoffs
for s in "$c1:0x3e7:-" "$c2:$c1:$l2" "$c3:$c2:$l3"; do
	id=${s%%:*}
	rest=${s#*:}
	cr=${rest%%:*}
	lk=$(audit_id "${rest#*:}")
	recs=$(logoff_records "$id")
	check "... exactly one op=logoff record of $id" \
		test "$(echo "$recs" | grep -c .)" = 1
	check "... with creator=$cr linked=$lk boot_id=$boot_id res=1" \
		fields_are "$recs" creator="$cr" linked="$lk" boot_id="$boot_id" res=1
done
order=$(audit_before | grep ' op=logoff ' |
	sed -n "s/.* logon_id=\($c1\|$c2\|$c3\) .*/\1/p" | paste -sd' ')
check "... in the order $c1 (the one logged off), then increasing IDs ($order)" \
	test "$order" = "$c1 $c2 $c3"

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

# link=self and the keys a request may not carry (issue 19). This runner
# is in SYSTEM (logonsess-test.service): it has no session to link to.
check "the test runner is in SYSTEM" test "$(pid_session $$)" = 0x3e7
req="type=interactive user=S-1-22-1-0 auth=linktest origin=ttyS9"
n0=$(created)
res=$(try_write $LS/logon "$req link=self")
n1=$(created)
check "link=self from SYSTEM: EINVAL ($res)" test "$res" = EINVAL
check "... nothing created (created=$n0, then $n1)" test "$n0" = "$n1"
reply=$(as root "perl /tmp/ls-write.pl $LS/logon '$req link=self'; cat $LS/self")
outer=$(self_of "$(echo "$reply" | sed -n 2p)")
line=$(echo "$reply" | sed -n 's/^ok //p')
check "link=self from a root ssh login ($outer): a new session ($(field "$line" id))" \
	two_sessions "$(field "$line" id)" "$outer"
check "... created by and linked to the ssh login" \
	fields_are "$line" creator="$outer" linked="$outer" auth=linktest
# In a root ssh login: the requests, each written by a process of its own,
# between two reads of stats.
cat >/tmp/ls-forged.sh <<'FORGED'
#!/bin/sh
LS=/sys/kernel/security/logonsess
req="type=interactive user=S-1-22-1-0 auth=linktest origin=ttyS9"
me=$(sed -n 's/^id=\([^ ]*\) .*/\1/p' $LS/self)
cat $LS/stats
for r in "link=$me" link=0x3e7 link=yes creator=0x3e7 "linked=$me"; do
	perl /tmp/ls-write.pl $LS/logon "$req $r"
done
cat $LS/stats
FORGED
chmod 0755 /tmp/ls-forged.sh
reply=$(as root /tmp/ls-forged.sh)
echo "$reply" | sed 's/^/#   /'
check "from an ssh login, link=<its own ID>, link=0x3e7, link=yes, creator= and linked=: EINVAL each" \
	test "$(echo "$reply" | grep -c '^EINVAL$')" = 5
check "... nothing created by them" \
	test "$(field "$(echo "$reply" | head -n 1)" created)" = "$(field "$(echo "$reply" | tail -n 1)" created)"

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
