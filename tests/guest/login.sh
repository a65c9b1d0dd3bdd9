#!/bin/sh
# Guest test: userspace with real login programs (issue 11). pam_logonsess
# driven by pamtester, a real sshd on the loopback interface and
# util-linux's su; the logonsessions tool in every output mode, checked
# field by field against the kernel's sessions and processes files.
# Needs /tests/login-root (Debian's PAM, pamtester, sshd, ssh, su and jq
# with their libraries, tests/stage-login.sh) and /tests/userspace-root
# (make -C userspace DESTDIR=... install).
. /tests/tap.sh

cp -a /tests/login-root/. / || exit 1
cp -a /tests/userspace-root/. / || exit 1

SU=/usr/local/bin/su
SSH_KEY=/root/.ssh/id_ed25519

# --- helpers

# sess_field ID KEY: KEY of session ID's line in sessions (root's view).
sess_field() {
	field "$(grep "^id=$1 " $LS/sessions)" "$2"
}

# gone PID: PID has exited (gone, or a zombie nobody reaped yet).
gone() {
	case $(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) in
	'' | Z) return 0 ;;
	*) return 1 ;;
	esac
}

# kept_by ID PID: session ID is listed, active, and PID is in it.
kept_by() {
	grep "^id=$1 " $LS/sessions | grep -Eq ' state=active( |$)' &&
		test "$(pid_session "$2")" = "$1"
}

# only_process ID PID: PID is the only process in session ID.
only_process() {
	test "$(grep -c " id=$1 " $LS/processes)" = 1 && test "$(pid_session "$2")" = "$1"
}

# closed_off TAG ID: at close_session (capture TAG), session ID was logged
# off or gone already.
closed_off() {
	test -s "/tmp/cap/$1.close" &&
		! tail -n +3 "/tmp/cap/$1.close" | grep -Eq "^id=$2 .* state=active( |$)"
}

# logon_sid ID: the logon SID of session ID.
logon_sid() {
	echo "S-1-5-5-$(($1 >> 32))-$(($1 & 0xffffffff))"
}

# same WANT GOT: the files are equal; else print the differences.
same() {
	if cmp -s "$1" "$2"; then
		return 0
	fi
	diff -u "$1" "$2"
	return 1
}

# luid ID|-: ID as the tool's text output writes it, 00000000:000003ea;
# - (none) as it is.
luid() {
	case $1 in
	'' | -) echo - ;;
	*) printf '%08x:%08x\n' $(($1 >> 32)) $(($1 & 0xffffffff)) ;;
	esac
}

# label ID: the label of session ID, what getxattr of security.logonsess
# returns: its logon SID bound to this boot.
label() {
	echo "$(logon_sid "$1") boot=$(cat $LS/boot_id)"
}

# --- the system: loopback, accounts, PAM, sshd

check "the su setuidgid runs is still busybox's" sh -c 'su --help 2>&1 | grep -q BusyBox'
check "setuidgid still drops to user" sh -c 'setuidgid user id | grep -q "^uid=1000(user) gid=1000(user)"'
check "lo comes up" ip link set lo up
check "lo has 127.0.0.1" sh -c "ip addr show lo | grep -q 'inet 127.0.0.1/8'"

echo 'sshd:x:100:65534:sshd privsep:/run/sshd:/bin/false' >>/etc/passwd
printf '%s\n' 'passwd: files' 'group: files' 'shadow: files' 'hosts: files' \
	>/etc/nsswitch.conf
echo /bin/sh >/etc/shells
mkdir -p /etc/pam.d /etc/ssh /run/sshd /root/.ssh /home/user/.ssh /var/log
chmod 0755 /run/sshd
chmod 0700 /root/.ssh

# pam_exec runs this in every stack below, after pam_logonsess: it runs in
# the session the module left the login program in, with the PAM
# environment. capture TAG [leave]: TAG.open/TAG.close get its session's
# line, its LOGONSESS_ID and, at close, the line of the session open made;
# with "leave", open also starts a process that stays in the session (its
# pid in TAG.pid), as a user's leftover background job would.
cat >/tmp/capture.sh <<'EOF'
#!/bin/sh
out=/tmp/cap/$1
case $PAM_TYPE in
open_session)
	cat /sys/kernel/security/logonsess/self >"$out.open"
	echo "LOGONSESS_ID=$LOGONSESS_ID" >>"$out.open"
	echo "TMPDIR=$TMPDIR" >>"$out.open"
	if [ "$2" = leave ]; then
		setsid sleep 1000 </dev/null >/dev/null 2>&1 &
		echo $! >"$out.pid"
	fi
	;;
close_session)
	cat /sys/kernel/security/logonsess/self >"$out.close"
	echo "LOGONSESS_ID=$LOGONSESS_ID" >>"$out.close"
	id=$(sed -n 's/^id=\([^ ]*\) .*/\1/p' "$out.open")
	grep "^id=$id " /sys/kernel/security/logonsess/sessions >>"$out.close"
	;;
esac
exit 0
EOF
chmod 0755 /tmp/capture.sh
mkdir -p /tmp/cap

# service NAME LOGONSESS-ARGS [CAPTURE-ARGS]: /etc/pam.d/NAME, a stack that
# lets everyone in (pam_permit) and logs a session on with pam_logonsess.
service() {
	cat >"/etc/pam.d/$1" <<-EOF
		auth		sufficient	pam_rootok.so
		auth		required	pam_permit.so
		account		required	pam_permit.so
		session		required	pam_permit.so
		session		required	pam_logonsess.so $2
		session		optional	pam_exec.so /tmp/capture.sh ${3:-$1}
	EOF
}

# cap_field TAG open|close KEY: KEY of the session line captured.
cap_field() {
	field "$(head -n 1 "/tmp/cap/$1.$2")" "$3"
}

# closed_in TAG ID: at close_session (capture TAG) the login program was
# in session ID.
closed_in() {
	test -s "/tmp/cap/$1.close" && test "$(cap_field "$1" close id)" = "$2"
}

# cap_env TAG open|close: LOGONSESS_ID the captured process saw.
cap_env() {
	sed -n 's/^LOGONSESS_ID=//p' "/tmp/cap/$1.$2"
}

# pt ARGS...: pamtester ARGS, with no capture left from an earlier run.
pt() {
	rm -f /tmp/cap/*
	pamtester "$@"
}

ROOT_ID=$(field "$(cat $LS/self)" id)
echo "# this script runs in session $ROOT_ID"

# --- pamtester: the module's arguments

service pt-args 'type=batch auth=pamtest origin=test-origin user_sid=S-1-5-21-1-2-3-1001' 'pt-args leave'
check "pamtester open_session close_session succeeds" \
	pt pt-args user open_session close_session
id=$(cap_field pt-args open id)
line=$(head -n 1 /tmp/cap/pt-args.open)
check "open_session put the login program in a new session ($id)" \
	sh -c "test -n '$id' && test '$id' != '$ROOT_ID'"
check "... with the module's type, user_sid, auth and origin" fields_are "$line" \
	type=batch user=S-1-5-21-1-2-3-1001 auth=pamtest origin=test-origin \
	"logon_sid=$(logon_sid "$id")" state=active
check "... and LOGONSESS_ID=$id in the PAM environment" test "$(cap_env pt-args open)" = "$id"
check "close_session without logoff_on_close leaves it active" \
	sh -c "tail -n 1 /tmp/cap/pt-args.close | grep -Eq '^id=$id .* state=active( |$)'"
leftover=$(cat /tmp/cap/pt-args.pid)
check "without logoff_on_close a process left in the session survives pamtester" \
	not gone "$leftover"
check "... and keeps the session alive (listed, its process in processes)" \
	kept_by "$id" "$leftover"
echo "id=$id" >$LS/logoff
check "(clean up: logged off)" wait_for 10 not listed "$id"

service pt-logoff 'type=batch auth=pamtest user_sid=S-1-5-21-1-2-3-1001 logoff_on_close' 'pt-logoff leave'
pt pt-logoff user open_session close_session
st=$?
id=$(cap_field pt-logoff open id)
leftover=$(cat /tmp/cap/pt-logoff.pid)
check "with logoff_on_close pamtester survives close_session and exits 0" test "$st" = 0
check "... the session was made ($id, type=batch)" \
	sh -c "test '$(cap_field pt-logoff open type)' = batch && test '$id' != '$ROOT_ID'"
check "... close_session took the login program back to $ROOT_ID" \
	closed_in pt-logoff "$ROOT_ID"
check "... and logged it off (logged_off or gone right after close_session)" \
	closed_off pt-logoff "$id"
check "... the process left in it is killed" wait_for 10 gone "$leftover"
check "... and the session is destroyed" wait_for 10 not listed "$id"

# --- issue 16 item 5: close_session never takes its target from the PAM
# environment. A victim session, kept alive by a process left in it; a
# stack whose open_session makes no session (a type the kernel refuses,
# optional) and where pam_env sets LOGONSESS_ID to the victim's ID.
pt pt-args user open_session
victim=$(cap_field pt-args open id)
echo "LOGONSESS_ID DEFAULT=$victim" >/tmp/env-victim.conf
cat >/etc/pam.d/pt-envid <<-EOF
	auth		required	pam_permit.so
	account		required	pam_permit.so
	session		required	pam_env.so conffile=/tmp/env-victim.conf readenv=0
	session		optional	pam_logonsess.so type=no-such-type logoff_on_close
EOF
pt pt-envid user open_session close_session
check "pam_env LOGONSESS_ID=$victim: close_session with logoff_on_close leaves that session active" \
	sh -c "grep -Eq '^id=$victim .* state=active( |$)' $LS/sessions"
echo "id=$victim" >$LS/logoff
check "(clean up: logged off)" wait_for 10 not listed "$victim"

# --- issue 16 item 2: a tmpdir= that cannot be made keeps the login in its
# session (no TMPDIR), rather than back in the login program's.
rm -rf /tmp/not-a-dir && : >/tmp/not-a-dir
service pt-tmpfail 'tmpdir=/tmp/not-a-dir logoff_on_close' 'pt-tmpfail'
check "tmpdir= a regular file: open_session close_session still succeeds" \
	pt pt-tmpfail user open_session close_session
id=$(cap_field pt-tmpfail open id)
check "... and the login was in a session of its own ($id)" \
	sh -c "test -n '$id' && test '$id' != '$ROOT_ID'"

# --- issue 16 item 6: without the privilege to log on (here: not root),
# PAM_IGNORE rather than a failed stack. The systemd-user service (a user
# manager, not a login) gets a service session (issue 18).
service pt-unpriv ''
check "pamtester as user (no CAP_SYS_ADMIN): open_session is ignored, the stack succeeds" \
	setuidgid user pamtester pt-unpriv user open_session
# (sd-pam): open_session as root, close_session after dropping to the user,
# with logoff_on_close: the close cannot log off, and must not fail.
service pt-sdpam 'logoff_on_close'
rm -f /tmp/cap/*
check "(sd-pam): close_session after dropping to the user succeeds (PAM_IGNORE)" \
	/tests/sdpam pt-sdpam user
check "... the session was made at open (not $ROOT_ID)" \
	sh -c '[ -n "$1" ] && [ "$1" != "$2" ]' _ "$(cap_field pt-sdpam open id)" "$ROOT_ID"
service systemd-user '' 'pt-sduser'
check "service systemd-user: open_session succeeds" pt systemd-user user open_session
check "... in a session of its own (not $ROOT_ID)" \
	sh -c '[ -n "$1" ] && [ "$1" != "$2" ]' _ "$(cap_field pt-sduser open id)" "$ROOT_ID"
check "... of type service, auth=systemd-user" \
	fields_are "$(head -n 1 /tmp/cap/pt-sduser.open)" type=service auth=systemd-user

# --- pamtester: the defaults (user SID from the uid, type from PAM_RHOST
# and PAM_TTY, origin from PAM_RHOST or PAM_TTY, auth = the service name)
service pt-defaults ''
check "defaults: pamtester open_session succeeds" pt pt-defaults user open_session
check "... interactive, S-1-22-1-<uid>, auth=service name, no origin" fields_are \
	"$(head -n 1 /tmp/cap/pt-defaults.open)" type=interactive user=S-1-22-1-1000 \
	auth=pt-defaults origin=- state=active
check "... LOGONSESS_ID is the session's ID" \
	test "$(cap_env pt-defaults open)" = "$(cap_field pt-defaults open id)"
check "PAM_TTY=cron: pamtester open_session succeeds" \
	pt -I tty=cron pt-defaults user open_session
check "... type batch, origin cron" fields_are "$(head -n 1 /tmp/cap/pt-defaults.open)" \
	type=batch origin=cron user=S-1-22-1-1000 auth=pt-defaults
check "PAM_TTY=tty3: pamtester open_session succeeds" \
	pt -I tty=tty3 pt-defaults user open_session
check "... type interactive, origin tty3" fields_are "$(head -n 1 /tmp/cap/pt-defaults.open)" \
	type=interactive origin=tty3
check "PAM_RHOST set: pamtester open_session succeeds" \
	pt -I rhost=client.example -I tty=ssh pt-defaults user open_session
check "... type remote_interactive, origin the remote host" fields_are \
	"$(head -n 1 /tmp/cap/pt-defaults.open)" type=remote_interactive \
	origin=client.example user=S-1-22-1-1000
# The type by service (pam_logonsess(8)'s table): sudo sets PAM_RHOST to
# the local host and is no remote login; FTP and IMAP give no shell; at
# jobs are batch.
for st in sudo:interactive:localhost vsftpd:network:client.example \
	dovecot:network:client.example atd:batch:; do
	svc=${st%%:*} want=${st#*:} host=${want#*:} want=${want%%:*}
	service "$svc" ''
	check "service $svc${host:+ with PAM_RHOST=$host}: pamtester open_session succeeds" \
		pt ${host:+-I rhost=$host} "$svc" user open_session
	check "... type $want" fields_are "$(head -n 1 "/tmp/cap/$svc.open")" \
		type="$want" auth="$svc"
	rm -f "/etc/pam.d/$svc"
done
check "the root user: S-1-22-1-0" pt pt-defaults root open_session
check "... user=S-1-22-1-0" fields_are "$(head -n 1 /tmp/cap/pt-defaults.open)" user=S-1-22-1-0
service pt-unknown 'no_such_option type=network'
check "an unknown module argument is ignored: pamtester succeeds" \
	pt pt-unknown user open_session
check "... and the other arguments apply" fields_are \
	"$(head -n 1 /tmp/cap/pt-unknown.open)" type=network auth=pt-unknown
service pt-bad 'user_sid=not-a-sid'
check "a SID the kernel refuses: open_session fails (PAM_SESSION_ERR)" \
	not pt pt-bad user open_session

# --- sshd on 127.0.0.1, public key authentication, UsePAM yes

check "ssh-keygen makes a host key" \
	ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key
check "ssh-keygen makes the user's key" ssh-keygen -q -t ed25519 -N '' -f "$SSH_KEY"
cp "$SSH_KEY.pub" /home/user/.ssh/authorized_keys
chown -R 1000:1000 /home/user/.ssh
chmod 0700 /home/user/.ssh
chmod 0600 /home/user/.ssh/authorized_keys
cat >/etc/ssh/sshd_config <<EOF
ListenAddress 127.0.0.1
Port 22
AddressFamily inet
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
UsePAM yes
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
StrictModes yes
UseDNS no
PrintMotd no
PrintLastLog no
LogLevel VERBOSE
EOF
service sshd ''

# ssh_user CMD: run CMD as user over ssh to 127.0.0.1.
ssh_user() {
	ssh -i "$SSH_KEY" -o BatchMode=yes -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR user@127.0.0.1 "$@"
}

listening() {
	grep -q ' 0100007F:0016 00000000:0000 0A ' /proc/net/tcp
}

check "sshd starts" /usr/sbin/sshd -f /etc/ssh/sshd_config -E /tmp/sshd.log
check "... and listens on 127.0.0.1:22" wait_for 20 listening
sshd_pid=$(cat /run/sshd.pid)

# (Replies go to $reply: check() sets $out.)
reply=$(ssh_user 'cat /sys/kernel/security/logonsess/self; echo "LOGONSESS_ID=$LOGONSESS_ID"; id -u')
st=$?
line=$(echo "$reply" | head -n 1)
id=$(field "$line" id)
if [ "$st" = 0 ]; then
	ok "ssh user@127.0.0.1 CMD runs CMD"
else
	not_ok "ssh user@127.0.0.1 CMD runs CMD (status $st)" "$reply" \
		"$(tail -n 20 /tmp/sshd.log)"
fi
check "... as user 1000" test "$(echo "$reply" | tail -n 1)" = 1000
check "... in a new session ($id)" \
	sh -c "test -n '$id' && test '$id' != '$ROOT_ID' && test '$id' != 0x3e7"
check "... remote_interactive, origin 127.0.0.1, S-1-22-1-1000, auth=sshd" \
	fields_are "$line" type=remote_interactive origin=127.0.0.1 \
	user=S-1-22-1-1000 auth=sshd "logon_sid=$(logon_sid "$id")" state=active
check "... LOGONSESS_ID in the user's environment is that session" \
	test "$(echo "$reply" | sed -n 's/^LOGONSESS_ID=//p')" = "$id"
check "... the session ends with the connection" wait_for 10 not listed "$id"

# Two logins of the same user at once: each waits until both are in.
rm -f /tmp/go /tmp/ssh-a /tmp/ssh-b
WAIT_GO='cat /sys/kernel/security/logonsess/self; while [ ! -e /tmp/go ]; do sleep 0.1; done'
ssh_user "$WAIT_GO" >/tmp/ssh-a 2>&1 &
ssh_a=$!
ssh_user "$WAIT_GO" >/tmp/ssh-b 2>&1 &
ssh_b=$!
check "two concurrent ssh logins of user are both in" \
	wait_for 60 sh -c 'test -s /tmp/ssh-a && test -s /tmp/ssh-b'
id_a=$(field "$(head -n 1 /tmp/ssh-a)" id)
id_b=$(field "$(head -n 1 /tmp/ssh-b)" id)
check "... in two different sessions ($id_a, $id_b)" \
	sh -c "test -n '$id_a' && test -n '$id_b' && test '$id_a' != '$id_b'"
check "... both listed at once, both remote_interactive for S-1-22-1-1000" sh -c "
	grep '^id=$id_a ' $LS/sessions | grep -q ' type=remote_interactive user=S-1-22-1-1000 ' &&
	grep '^id=$id_b ' $LS/sessions | grep -q ' type=remote_interactive user=S-1-22-1-1000 '"
touch /tmp/go
wait "$ssh_a"
st_a=$?
wait "$ssh_b"
st_b=$?
check "... both connections end normally" sh -c "test $st_a = 0 && test $st_b = 0"
check "... and both sessions end" wait_for 10 sh -c "! grep -qE '^id=($id_a|$id_b) ' $LS/sessions"

# A background process left behind by the user, without logoff_on_close:
# it outlives the connection and keeps the session.
LEAVE='setsid sleep 1000 </dev/null >/dev/null 2>&1 & echo $!; cat /sys/kernel/security/logonsess/self'
reply=$(ssh_user "$LEAVE")
kept_pid=$(echo "$reply" | head -n 1)
kept=$(field "$(echo "$reply" | sed -n 2p)" id)
check "without logoff_on_close: the login leaves a process ($kept_pid in $kept)" \
	test -n "$kept"
check "... which outlives the connection (sshd's processes left the session)" \
	wait_for 10 only_process "$kept" "$kept_pid"
check "... and keeps the session listed, active, with that process" \
	kept_by "$kept" "$kept_pid"

# With logoff_on_close (sshd reads its PAM stack for every connection).
service sshd logoff_on_close 'sshd-logoff leave'
reply=$(ssh_user "$LEAVE")
st=$?
left_pid=$(echo "$reply" | head -n 1)
left=$(field "$(echo "$reply" | sed -n 2p)" id)
check "with logoff_on_close: the login ends normally (status $st)" test "$st" = 0
check "... its session $left had a process left behind ($left_pid)" \
	sh -c "test -n '$left' && test '$left' != '$kept' && test -n '$left_pid'"
check "... which is killed when the connection ends" wait_for 10 gone "$left_pid"
check "... and so is the leftover of the PAM stack's own helper" \
	wait_for 10 gone "$(cat /tmp/cap/sshd-logoff.pid)"
check "... the session is gone" wait_for 10 not listed "$left"
check "... sshd's session process went back to $ROOT_ID before the logoff" \
	wait_for 10 closed_in sshd-logoff "$ROOT_ID"
check "... the listening sshd is unharmed" kill -0 "$sshd_pid"
check "the kept session of the earlier login is untouched" kept_by "$kept" "$kept_pid"

# --- su (util-linux, through PAM), as root
SELF_AND_ENV='cat /sys/kernel/security/logonsess/self; echo "LOGONSESS_ID=$LOGONSESS_ID"; id -u'
service su-l '' su-l
service su '' su
reply=$($SU - user -c "$SELF_AND_ENV" 2>&1)
st=$?
line=$(echo "$reply" | head -n 1)
id=$(field "$line" id)
check "su - user -c CMD runs CMD as user (status $st)" \
	sh -c "test $st = 0 && test '$(echo "$reply" | tail -n 1)' = 1000"
check "... in a new interactive session for S-1-22-1-1000, auth=su-l (the service of su -)" \
	fields_are "$line" type=interactive user=S-1-22-1-1000 auth=su-l origin=- state=active
check "... a session of its own ($id)" \
	sh -c "test -n '$id' && test '$id' != '$ROOT_ID' && test '$id' != '$kept'"
check "... LOGONSESS_ID is that session" \
	test "$(echo "$reply" | sed -n 's/^LOGONSESS_ID=//p')" = "$id"
check "... which ends with su" wait_for 10 not listed "$id"
reply=$($SU user -c "$SELF_AND_ENV" 2>&1)
st=$?
line=$(echo "$reply" | head -n 1)
check "su user -c CMD runs CMD as user (status $st)" \
	sh -c "test $st = 0 && test '$(echo "$reply" | tail -n 1)' = 1000"
check "... in a new interactive session for S-1-22-1-1000, auth=su" \
	fields_are "$line" type=interactive user=S-1-22-1-1000 auth=su origin=-
check "... which ends with su" wait_for 10 not listed "$(field "$line" id)"

# --- issue 19: sessions linked to the caller's (pam_logonsess link)
#
# From SYSTEM (this script) there is nothing to link to: an unlinked
# session, created by SYSTEM. From a dynamic session, link=self: the new
# session records it as creator and linked.
service pt-link 'link' pt-link
check "link from SYSTEM: pamtester open_session succeeds" pt pt-link user open_session
check "... an unlinked session, created by $ROOT_ID (the self line)" fields_are \
	"$(head -n 1 /tmp/cap/pt-link.open)" creator="$ROOT_ID" linked=- auth=pt-link
rm -f /tmp/cap/*
inner=$(sh -c "echo 'type=interactive user=S-1-22-1-1000 auth=outer' >$LS/logon &&
	sed 's/^id=\([^ ]*\) .*/\1/' $LS/self && pamtester pt-link root open_session >/dev/null")
check "link from a dynamic session ($inner): pamtester open_session makes a session" \
	sh -c 'test -s /tmp/cap/pt-link.open && test "$1" != "$2"' _ "$(cap_field pt-link open id)" "$inner"
check "... created by and linked to it (the self line)" fields_are \
	"$(head -n 1 /tmp/cap/pt-link.open)" creator="$inner" linked="$inner" user=S-1-22-1-0
service pt-link 'link=sudo,su-l'
rm -f /tmp/cap/*
inner=$(sh -c "echo 'type=interactive user=S-1-22-1-1000 auth=outer' >$LS/logon &&
	sed 's/^id=\([^ ]*\) .*/\1/' $LS/self && pamtester pt-link root open_session >/dev/null")
check "link=sudo,su-l: service pt-link (not named) from $inner: created by it, not linked" \
	fields_are "$(head -n 1 /tmp/cap/pt-link.open)" creator="$inner" linked=-

# su - root (SYSTEM -> A) -> su root (A -> B) -> su - root (B -> C), with
# link (su-l) and link=su,su-l (su): A unlinked, B linked to A, C to B; C
# draws the tree.
service su-l 'link' su-l
service su 'link=su,su-l' su
TREE=/usr/bin/logonsessions
printf '%s\n' "cat $LS/self >/tmp/chain.c" "$TREE --tree >/tmp/chain.tree" \
	"$TREE --tree -s \$(sed 's/^id=\([^ ]*\) .*/\1/' /tmp/chain.a) >/tmp/chain.sub" >/tmp/chain-c.sh
printf '%s\n' "cat $LS/self >/tmp/chain.b" "$SU - root -c 'sh /tmp/chain-c.sh'" >/tmp/chain-b.sh
printf '%s\n' "cat $LS/self >/tmp/chain.a" "$SU root -c 'sh /tmp/chain-b.sh'" >/tmp/chain-a.sh
rm -f /tmp/chain.*
$SU - root -c 'sh /tmp/chain-a.sh' >/tmp/chain.out 2>&1
st=$?
a=$(field "$(cat /tmp/chain.a 2>/dev/null)" id)
b=$(field "$(cat /tmp/chain.b 2>/dev/null)" id)
c=$(field "$(cat /tmp/chain.c 2>/dev/null)" id)
check "su - root, su root in it, su - root in that: three sessions ($a, $b, $c; status $st)" \
	sh -c 'test "$1" = 0 && test -n "$2" && test -n "$3" && test -n "$4" &&
		test "$2" != "$3" && test "$3" != "$4"' _ "$st" "$a" "$b" "$c"
check "... su - root from SYSTEM with link: created by $ROOT_ID, not linked" \
	fields_are "$(cat /tmp/chain.a)" creator="$ROOT_ID" linked=- auth=su-l
check "... su root in $a with link=su,su-l: linked=$a in its self line" \
	fields_are "$(cat /tmp/chain.b)" creator="$a" linked="$a" auth=su user=S-1-22-1-0
check "... su - root in $b with link: linked=$b" \
	fields_are "$(cat /tmp/chain.c)" creator="$b" linked="$b" auth=su-l
sed 's/^/#   /' /tmp/chain.tree
# chain_in FILE: FILE has A at the root, B under it, C under B, with
# nothing else under them.
chain_in() {
	awk -v a="$a" '$1 == a { on = 1; print; next }
		on && /^ / { print; next }
		{ on = 0 }' "$1" >/tmp/chain.got
	printf '%s\n' "$a interactive S-1-22-1-0 su-l - active" \
		" \\_ $b interactive S-1-22-1-0 su - active (linked)" \
		"     \\_ $c interactive S-1-22-1-0 su-l - active (linked)" >/tmp/chain.want
	same /tmp/chain.want /tmp/chain.got
}
check "--tree: $a a root (its creator SYSTEM), $b under it, $c under $b, both (linked)" \
	chain_in /tmp/chain.tree
check "--tree -s $a: that tree alone" chain_in /tmp/chain.sub
check "... and nothing else in it" test "$(wc -l </tmp/chain.sub)" = 3
check "the three sessions end with su" \
	wait_for 10 sh -c "! grep -qE '^id=($a|$b|$c) ' $LS/sessions"
service su 'link=sudo,sudo-i' su
reply=$($SU - root -c "$SU root -c 'cat $LS/self'; cat $LS/self" 2>&1)
outer=$(field "$(echo "$reply" | tail -n 1)" id)
check "link=sudo,sudo-i: su (not named) in a session ($outer): created by it, not linked" \
	fields_are "$(echo "$reply" | head -n 1)" creator="$outer" linked=- auth=su
service su-l '' su-l
service su '' su

# --- logonsessions, against the kernel's files
#
# The sessions on view: the four well-known ones, the kept ssh session
# (one process), a session whose auth and origin need CSV quoting (one
# process), and a logged-off session that an overlayfs mount keeps.
QUOTE_REQ='type=network user=S-1-5-21-7-8-9-1002 auth=ntlm,v2 origin=host"a,b'
printf '%s\n' '#!/bin/sh' \
	"echo '$QUOTE_REQ' >$LS/logon || exit 1" \
	'exec sleep 1000' >/tmp/quote-session.sh
sh /tmp/quote-session.sh &
quote_pid=$!
# moved PID: PID is in a session other than ROOT_ID.
moved() {
	test -n "$(pid_session "$1")" && test "$(pid_session "$1")" != "$ROOT_ID"
}
check "a session with a comma and a quote in auth and origin" wait_for 10 moved "$quote_pid"
quote=$(pid_session $quote_pid)
mkdir -p /tmp/ov/l /tmp/ov/u /tmp/ov/w /tmp/ov/m
off=$(sh -c "echo 'type=service user=S-1-5-21-1-2-3-1003 auth=svc' >$LS/logon &&
	mount -t overlay overlay -o lowerdir=/tmp/ov/l,upperdir=/tmp/ov/u,workdir=/tmp/ov/w /tmp/ov/m &&
	sed 's/^id=\([^ ]*\) .*/\1/' $LS/self")
echo "id=$off" >$LS/logoff
check "a logged-off session kept by an overlayfs mount ($off)" \
	sh -c "grep '^id=$off ' $LS/sessions | grep -Eq ' state=logged_off( |$)'"
# Only these, and nothing moving: earlier sessions are gone.
want_ids="0x3e4 0x3e5 0x3e6 0x3e7 $(printf '%s\n' "$kept" "$quote" "$off" | sort | paste -sd' ')"
ids_are() {
	test "$(sed 's/^id=\([^ ]*\) .*/\1/' $LS/sessions | paste -sd' ')" = "$1"
}
check "sessions lists exactly the sessions on view ($want_ids)" wait_for 20 ids_are "$want_ids"
cat $LS/sessions >/tmp/sessions
sed 's/^/# /' /tmp/sessions

# expect_text [-p] < SESSIONS: what the default output should say, labels
# as label=value (see normalize); with -p, each session's processes (from
# the processes file), but none for ROOT_ID's, which changes as we run.
expect_text() {
	n=0
	while read -r s; do
		sid=$(field "$s" id)
		printf '[%d] Logon session %08x:%08x:\n' "$n" $((sid >> 32)) $((sid & 0xffffffff))
		echo "User SID=$(field "$s" user)"
		echo "Auth package=$(field "$s" auth)"
		echo "Logon type=$(field "$s" type)"
		echo "Logon SID=$(field "$s" logon_sid)"
		echo "Logon time=$(field "$s" time | sed 's/T/ /; s/Z$//')"
		echo "Origin=$(field "$s" origin)"
		echo "State=$(field "$s" state)"
		echo "Creator=$(luid "$(field "$s" creator)")"
		echo "Linked to=$(luid "$(field "$s" linked)")"
		if [ "${1:-}" = -p ]; then
			echo "Processes="
			[ "$sid" = "$ROOT_ID" ] ||
				sed -n "s/^pid=\([0-9]*\) id=$sid comm=/        \1: /p" $LS/processes
		fi
		n=$((n + 1))
	done
}

# normalize: the tool's text output with "    Label:   value" as
# Label=value, blank lines dropped, and no process lines in ROOT_ID's block.
normalize() {
	root_hdr=$(printf 'Logon session %08x:%08x:' $((ROOT_ID >> 32)) $((ROOT_ID & 0xffffffff)))
	sed -e 's/^    \([A-Za-z ]*\): */\1=/' -e '/^$/d' |
		awk -v root="$root_hdr" '/^\[/ { inroot = index($0, root) > 0 }
			!(inroot && /^        [0-9]+: /)'
}

expect_text </tmp/sessions >/tmp/want.txt
logonsessions >/tmp/out.txt 2>/tmp/err.txt
st=$?
check "logonsessions exits 0 (status $st, stderr: $(cat /tmp/err.txt))" test "$st" = 0
normalize </tmp/out.txt >/tmp/got.txt
check "default output: one block per session, labels and values as in sessions" \
	same /tmp/want.txt /tmp/got.txt
# aligned FILE: the values of FILE's label lines start in one column.
aligned() {
	test "$(grep '^    [A-Za-z]' "$1" | sed 's/^\(    [A-Za-z ]*: *\).*/\1/' |
		awk '{ print length($0) }' | sort -u | wc -l)" = 1
}
check "... the values are aligned in one column" aligned /tmp/out.txt

expect_text -p </tmp/sessions >/tmp/want.txt
sh -c 'echo $$ >/tmp/tool.pid; exec logonsessions -p' >/tmp/out.txt 2>&1
normalize </tmp/out.txt >/tmp/got.txt
check "-p: each session's processes (PID: comm) under it, as in processes" \
	same /tmp/want.txt /tmp/got.txt
check "-p: the tool itself is listed in its session $ROOT_ID" \
	grep -q "^        $(cat /tmp/tool.pid): logonsessions$" /tmp/out.txt
check "-p: so is init (pid 1)" grep -q '^        1: init$' /tmp/out.txt

# expect_sv SEP < SESSIONS: the CSV (SEP ,) or tab-separated rows, quoted
# as RFC 4180 says for CSV.
expect_sv() {
	awk -v sep="$1" '
	function q(v) {
		if (sep != "," || v !~ /[,"]/)
			return v
		gsub(/"/, "\"\"", v)
		return "\"" v "\""
	}
	{
		delete f
		for (i = 1; i <= NF; i++)
			f[substr($i, 1, index($i, "=") - 1)] = substr($i, index($i, "=") + 1)
		n = split("id type user logon_sid auth time origin state refs creator linked", keys, " ")
		row = ""
		for (i = 1; i <= n; i++)
			row = row (i > 1 ? sep : "") q(f[keys[i]])
		print row
	}'
}

# rows_match WANT GOT: GOT has WANT's header and rows, each maybe followed
# by more columns.
rows_match() {
	rm_bad=
	[ "$(wc -l <"$1")" = "$(wc -l <"$2")" ] || rm_bad="different number of lines"
	exec 4<"$2"
	while IFS= read -r w; do
		IFS= read -r g <&4
		case $g in
		"$w" | "$w,"* | "$w	"*) ;;
		*) rm_bad="$rm_bad; want '$w' got '$g'" ;;
		esac
	done <"$1"
	exec 4<&-
	[ -z "$rm_bad" ] && return 0
	echo "$rm_bad"
	return 1
}
# The outputs with refs are compared with a sessions file read just
# before the tool runs (refs moves while freed credentials wait for RCU),
# and retried.
HEADER=id,type,user_sid,logon_sid,auth,time,origin,state,refs,creator,linked
TAB=$(printf '\t')
# sv_ok SEP OPTION: `logonsessions OPTION` prints what expect_sv SEP says.
sv_ok() {
	{
		echo "$HEADER" | tr , "$1"
		expect_sv "$1" <$LS/sessions
	} >/tmp/want.sv
	logonsessions "$2" >/tmp/got.sv &&
		rows_match /tmp/want.sv /tmp/got.sv
}
check "-c: CSV with the header and every field as the kernel prints it" \
	wait_for 5 sv_ok , -c
check "-c: RFC 4180 quoting of a comma and a double quote (the row of $quote)" \
	grep -qF "$quote,network,S-1-5-21-7-8-9-1002,$(logon_sid "$quote"),\"ntlm,v2\",$(sess_field "$quote" time),\"host\"\"a,b\",active," /tmp/got.sv
check "-ct: the same, tab-separated" wait_for 5 sv_ok "$TAB" -ct

# --json, read with jq: the kernel's line, field for field.
logonsessions --json >/tmp/got.json
check "--json: valid JSON, an array of objects" \
	jq -e 'type == "array" and all(.[]; type == "object")' /tmp/got.json
check "--json: the keys, with string values, origin a string or null, refs a number or null" jq -e '
	all(.[]; (([.id, .type, .user_sid, .logon_sid, .auth, .time, .state]
		| all(type == "string")) and (.origin == null or (.origin | type) == "string")
		and (.refs == null or (.refs | type) == "number")))' \
	/tmp/got.json
# json_ok: --json says what sessions says, field for field.
json_ok() {
	sed 's/^id=\([^ ]*\) type=\([^ ]*\) user=\([^ ]*\) logon_sid=\([^ ]*\) auth=\([^ ]*\) time=\([^ ]*\) origin=\([^ ]*\) refs=\([^ ]*\) state=\([^ ]*\).*/\1 \2 \3 \4 \5 \6 \7 \9 \8/' \
		$LS/sessions >/tmp/want.txt
	logonsessions --json | jq -r '.[] | [.id, .type, .user_sid, .logon_sid,
		.auth, .time, (.origin // "-"), .state,
		(if .refs == null then "-" else (.refs | tostring) end)] | join(" ")' \
		>/tmp/got.txt
	same /tmp/want.txt /tmp/got.txt
}
check "--json: every session, every field as in sessions (refs null for the well-known)" \
	wait_for 5 json_ok
# json_links_ok: creator and linked of every session as in sessions ("-"
# is null), and every session has them.
json_links_ok() {
	sed -n 's/^id=\([^ ]*\) .* creator=\([^ ]*\) linked=\([^ ]*\).*/\1 \2 \3/p' \
		$LS/sessions >/tmp/want.txt
	[ "$(wc -l </tmp/want.txt)" = "$(wc -l <$LS/sessions)" ] || return 1
	logonsessions --json | jq -r '.[] | [.id, (.creator // "-"), (.linked // "-")]
		| join(" ")' >/tmp/got.txt
	same /tmp/want.txt /tmp/got.txt
}
check "--json: creator and linked of every session as in sessions (null for -)" \
	wait_for 5 json_links_ok
check "--json: creator and linked are strings or null, null for the well-known" jq -e '
	all(.[]; (.creator == null or (.creator | type) == "string") and
		(.linked == null or (.linked | type) == "string")) and
	all(.[] | select(.id | IN("0x3e4", "0x3e5", "0x3e6", "0x3e7")); .creator == null and .linked == null)' \
	/tmp/got.json
check "--json: boot_id on every object, the kernel's boot_id" jq -e \
	--arg boot "$(cat $LS/boot_id)" 'length > 0 and all(.[]; .boot_id == $boot)' /tmp/got.json
sh -c 'echo $$ >/tmp/tool.pid; exec logonsessions --json -p' >/tmp/got.json
check "--json -p: every object has a processes array of {pid, comm}" jq -e '
	all(.[]; (.processes | type) == "array" and
		all(.processes[]; (.pid | type) == "number" and (.comm | type) == "string"))' \
	/tmp/got.json
jq -r --arg root "$ROOT_ID" '.[] | select(.id != $root) | .id as $id |
	.processes[] | "pid=\(.pid) id=\($id) comm=\(.comm)"' /tmp/got.json | sort >/tmp/got.txt
grep -v " id=$ROOT_ID " $LS/processes | sort >/tmp/want.txt
check "--json -p: the processes of each session as in processes" \
	same /tmp/want.txt /tmp/got.txt
check "--json -p: the tool in its own session" jq -e --arg root "$ROOT_ID" \
	--argjson pid "$(cat /tmp/tool.pid)" \
	'any(.[]; .id == $root and any(.processes[]; .pid == $pid and .comm == "logonsessions"))' \
	/tmp/got.json

# -s ID in its three spellings.
grep "^id=$kept " /tmp/sessions | expect_text >/tmp/want.txt
hex=${kept#0x}
long=$(printf '%08x:%08x' $((kept >> 32)) $((kept & 0xffffffff)))
for spelling in "$kept" "$hex" "$long"; do
	logonsessions -s "$spelling" | normalize >/tmp/got.txt
	check "-s $spelling: only that session" same /tmp/want.txt /tmp/got.txt
done
# --pid PID: the session of a process of another session, as -s prints it.
logonsessions --pid "$kept_pid" | normalize >/tmp/got.txt
check "--pid $kept_pid (a process of $kept): that session, as -s $kept" \
	same /tmp/want.txt /tmp/got.txt
check "--pid $kept_pid --json: that session's object" test \
	"$(logonsessions --pid "$kept_pid" --json | jq -r '[.[] | .id] | join(" ")')" = "$kept"
check "--pid 1: SYSTEM" sh -c 'logonsessions --pid 1 | grep -q "^\[0\] Logon session 00000000:000003e7:$"'
setuidgid user logonsessions --pid "$kept_pid" >/tmp/out.txt 2>/tmp/err.txt
st=$?
check "as user: --pid of a process of another session fails with one line (status $st: $(cat /tmp/err.txt))" \
	sh -c "test $st != 0 && test \$(wc -l </tmp/err.txt) = 1 && grep -q 'may not see' /tmp/err.txt && test ! -s /tmp/out.txt"
sleep 1000 &
gone_pid=$!
kill "$gone_pid"
wait "$gone_pid"
logonsessions --pid "$gone_pid" >/tmp/out.txt 2>/tmp/err.txt
st=$?
check "--pid of a process that is gone: no process (status $st: $(cat /tmp/err.txt))" \
	sh -c "test $st != 0 && grep -qx 'logonsessions: no process $gone_pid' /tmp/err.txt"
logonsessions -s 0x7fffffff >/tmp/out.txt 2>/tmp/err.txt
st=$?
check "-s of a session that does not exist: fails (status $st)" test "$st" != 0
check "... with one line on stderr ($(cat /tmp/err.txt))" test "$(wc -l </tmp/err.txt)" = 1

# An unprivileged user sees its own session only.
grep "^id=$ROOT_ID " /tmp/sessions | expect_text >/tmp/want.txt
setuidgid user logonsessions | normalize >/tmp/got.txt
check "as user: only the user's own session ($ROOT_ID)" same /tmp/want.txt /tmp/got.txt
setuidgid user logonsessions -s "$kept" >/tmp/out.txt 2>/tmp/err.txt
st=$?
check "as user: -s of a session not its own fails with one line (status $st)" \
	sh -c "test $st != 0 && test \$(wc -l </tmp/err.txt) = 1"
ssh_user 'logonsessions -c; echo "LOGONSESS_ID=$LOGONSESS_ID"' >/tmp/out.txt 2>&1
sid=$(sed -n 's/^LOGONSESS_ID=//p' /tmp/out.txt)
check "as user over ssh: one row, its own session ($sid)" sh -c "
	test \$(grep -c '^0x' /tmp/out.txt) = 1 &&
	grep -q '^$sid,remote_interactive,S-1-22-1-1000,' /tmp/out.txt"

# --label: the label of a session, for setxattr of security.logonsess.
check "boot_id is 32 lower-case hexadecimal digits" \
	grep -qxE '[0-9a-f]{32}' $LS/boot_id
check "--label: root's session's label, bound to boot_id ($(logonsessions --label 2>&1))" \
	test "$(logonsessions --label)" = "$(label "$ROOT_ID")"
check "--label -s $kept: that session's" \
	test "$(logonsessions --label -s "$kept")" = "$(label "$kept")"
logonsessions --label -s "$off" >/tmp/out.txt 2>/tmp/err.txt
st=$?
check "--label -s of the logged-off $off: fails with one line, nothing on stdout (status $st)" \
	sh -c "test $st != 0 && test \$(wc -l </tmp/err.txt) = 1 && test ! -s /tmp/out.txt"
check "as user: --label is the user's own session's" \
	test "$(setuidgid user logonsessions --label)" = "$(label "$ROOT_ID")"
mkdir -p /tmp/labeled
check "/tests/xattr set DIR \"\$(logonsessions --label)\" labels DIR; getxattr gives it back" \
	sh -c '/tests/xattr set /tmp/labeled "$(logonsessions --label)" &&
		test "$(/tests/xattr get /tmp/labeled)" = "$1"' _ "$(label "$ROOT_ID")"
check "... and the bare logon SID is refused (EINVAL)" sh -c '
	test "$(/tests/xattr set /tmp/labeled "$1" 2>&1)" = EINVAL' _ "$(logon_sid "$ROOT_ID")"
/tests/xattr rm /tmp/labeled
rmdir /tmp/labeled

# --- per-session temporary directories: pam_logonsess tmpdir=
#
# Each ssh login of user gets PARENT/<ID>, 0700, the user's, labeled with
# its logon SID bound to the boot (label), as TMPDIR; the other login of
# the same user cannot enter it. (xattr: tests/guest/xattr.c, for
# security.logonsess.)
TMPD=/tmp/logonsess
mkdir -p "$TMPD"
chmod 0755 "$TMPD"
# pamtester: two logins of user, two directories.
service tmpd "tmpdir=$TMPD" tmpd
pt tmpd user open_session >/dev/null 2>&1
tmp1=$(sed -n 's/^TMPDIR=//p' /tmp/cap/tmpd.open)
id1=$(cap_env tmpd open)
pt tmpd user open_session >/dev/null 2>&1
tmp2=$(sed -n 's/^TMPDIR=//p' /tmp/cap/tmpd.open)
id2=$(cap_env tmpd open)
check "pamtester tmpdir=: TMPDIR is $TMPD/<ID> ($tmp1)" \
	sh -c "test -n '$id1' && test '$tmp1' = '$TMPD/$id1' && test -d '$tmp1'"
check "... the user's, 0700, labeled with the session's logon SID bound to boot_id" sh -c "
	test \"\$(stat -c '%u %a' '$tmp1')\" = '1000 700' &&
	test \"\$(/tests/xattr get '$tmp1')\" = '$(label "$id1")'"
check "... a second login gets another one ($tmp2)" \
	sh -c "test -n '$id2' && test '$id2' != '$id1' && test '$tmp2' = '$TMPD/$id2' && test -d '$tmp2'"
service sshd "tmpdir=$TMPD"
rm -f /tmp/go /tmp/ssh-a /tmp/ssh-b
# Login A writes a secret into its TMPDIR, then waits; so does B, after
# trying to read A's (its path comes in /tmp/a-dir).
WAIT_A='echo "$TMPDIR"; sed "s/^id=\([^ ]*\) .*/\1/" /sys/kernel/security/logonsess/self
	echo secret >"$TMPDIR/f"; while [ ! -e /tmp/go ]; do sleep 0.1; done'
ssh_user "$WAIT_A" >/tmp/ssh-a 2>&1 &
ssh_a=$!
check "tmpdir=: an ssh login is in, with a TMPDIR" \
	wait_for 60 sh -c 'test "$(wc -l </tmp/ssh-a)" -ge 2'
dir_a=$(sed -n 1p /tmp/ssh-a)
id_a=$(sed -n 2p /tmp/ssh-a)
check "... TMPDIR is $TMPD/<its ID> ($dir_a)" test "$dir_a" = "$TMPD/$id_a"
check "... the user's, mode 0700" test "$(stat -c '%u %g %a' "$dir_a")" = "1000 1000 700"
check "... labeled with the session's logon SID bound to boot_id" \
	test "$(/tests/xattr get "$dir_a")" = "$(label "$id_a")"
check "... and the login wrote in it" wait_for 10 test -s "$dir_a/f"
TRY_A="echo \"\$TMPDIR\"; cat $dir_a/f 2>&1; ls $dir_a 2>&1; touch $dir_a/g 2>&1; cd $dir_a 2>&1; echo done"
ssh_user "$TRY_A" >/tmp/reply-b 2>&1
reply=$(cat /tmp/reply-b)
dir_b=$(echo "$reply" | head -n 1)
echo "$reply" | sed 's/^/#   /'
check "a second ssh login of user gets a TMPDIR of its own ($dir_b)" \
	sh -c "test -n '$dir_b' && test '$dir_b' != '$dir_a'"
check "... and cannot read, list, write or enter the first one's" test \
	"$(echo "$reply" | grep -c 'Permission denied')" = 4
check "... (the secret did not leak)" not grep -q secret /tmp/reply-b
touch /tmp/go
wait "$ssh_a"
check "without logoff_on_close the directories stay after the logins" \
	sh -c "test -d '$dir_a' && test -d '$dir_b'"
# A live session's directory, which the cleanup must keep.
ssh_user "$WAIT_A" >/tmp/ssh-c 2>&1 &
ssh_c=$!
rm -f /tmp/go
check "a third login is in" wait_for 60 sh -c 'test "$(wc -l </tmp/ssh-c)" -ge 2'
dir_c=$(sed -n 1p /tmp/ssh-c)
check "the directories of ended sessions wait for their sessions to go" \
	wait_for 10 sh -c "! grep -qE '^id=($id_a|${dir_b##*/}) ' $LS/sessions"
logonsessions --clean-tmpdirs "$TMPD" >/tmp/clean.txt 2>&1
st=$?
sed 's/^/#   /' /tmp/clean.txt
check "logonsessions --clean-tmpdirs removes them (status $st)" \
	sh -c "test $st = 0 && ! test -e '$dir_a' && ! test -e '$dir_b'"
check "... says which" sh -c "grep -qx 'removed $dir_a' /tmp/clean.txt &&
	grep -qx 'removed $dir_b' /tmp/clean.txt"
check "... and keeps the live session's ($dir_c)" test -s "$dir_c/f"
setuidgid user logonsessions --clean-tmpdirs "$TMPD" >/tmp/out.txt 2>/tmp/err.txt
st=$?
check "... refused to user, who cannot see every session (status $st)" \
	sh -c "test $st != 0 && test \$(wc -l </tmp/err.txt) = 1 && test -s '$dir_c/f'"
touch /tmp/go
wait "$ssh_c"
# With logoff_on_close the directory goes with the session.
service sshd "tmpdir=$TMPD logoff_on_close"
reply=$(ssh_user 'echo "$TMPDIR"; echo x >"$TMPDIR/f"; cat "$TMPDIR/f"')
dir_d=$(echo "$reply" | head -n 1)
check "tmpdir= logoff_on_close: the login used its TMPDIR ($dir_d)" \
	test "$(echo "$reply" | sed -n 2p)" = x
check "... which is removed when the login ends" wait_for 10 not test -e "$dir_d"
logonsessions --clean-tmpdirs "$TMPD" >/dev/null
service sshd ''

# --- issue 20: the logon ID in eBPF (userspace/agent/logonsess-execsnoop)
#
# The example agent records every exec, with the kfuncs' logon IDs, while
# an ssh login of user runs su - root inside it; both leave a process
# behind (a double fork, as a daemonizing job would). Every exec is checked
# against the processes file: run twice, with the BTF tracepoint and with
# the BPF LSM programs (this boot's lsm= has bpf), with --setuid the
# second time: sshd's and su's changes of user, after they logged on.
AGENT=/tests/logonsess-execsnoop
# su as user, inside the ssh login: setuid root, as Debian installs it.
chmod 4755 $SU
service su-l '' su-l
printf '%s\n' '#!/bin/sh' 'exec sleep 1000' >/tmp/marker-ssh
cp /tmp/marker-ssh /tmp/marker-su
chmod 0755 /tmp/marker-ssh /tmp/marker-su
INNER="cat $LS/self
setsid /tmp/marker-ssh </dev/null >/dev/null 2>&1 & echo \$!
$SU - root -c 'cat $LS/self; setsid /tmp/marker-su </dev/null >/dev/null 2>&1 & echo \$!'"

# ev_of PID: the exec events of PID, in order.
ev_of() {
	grep " event=exec pid=$1 " /tmp/agent.out
}

# ev_all KEY=VALUE PID: every event of PID has KEY=VALUE (and there is one).
ev_all() {
	ev_of "$2" | grep -q . && ! ev_of "$2" | grep -v " $1 " | grep -q .
}

# ev_marker PID NAME: PID exec'd /tmp/NAME, then something else (its
# sleep); else print PID's events.
ev_marker() {
	ev_of "$1" | grep -q " comm=$2 filename=/tmp/$2\$" &&
		! ev_of "$1" | tail -n 1 | grep -q " comm=$2 " && return 0
	grep " pid=$1 " /tmp/agent.out
	return 1
}

# ev_known IDS...: every event's two logon IDs are among IDS; else print
# the events that are not.
ev_known() {
	ek_re=$(echo "$@" | sed 's/ /|/g')
	! grep -vE " logon_id=($ek_re) (cred|old)_logon_id=($ek_re) " /tmp/agent.out
}

# ev_alive_match: every process still alive whose last exec was not a
# login program (sshd and su move to the new session after exec) is in the
# session its last exec recorded; prints the pids checked.
ev_alive_match() {
	eam_bad=0
	for p in $(sed -n 's/.* event=exec pid=\([0-9]*\) .*/\1/p' /tmp/agent.out | sort -un); do
		gone "$p" && continue
		last=$(ev_of "$p" | tail -n 1)
		case $(field "$last" comm) in sshd | su) continue ;; esac
		if [ "$(field "$last" logon_id)" = "$(pid_session "$p")" ]; then
			echo "$p"
		else
			echo "pid $p: $last; processes: $(pid_session "$p")" >&2
			eam_bad=1
		fi
	done
	return $eam_bad
}

for mode in '' '--lsm --setuid'; do
	what="logonsess-execsnoop${mode:+ $mode}"
	rm -f /tmp/agent.out /tmp/agent.err
	$AGENT $mode >/tmp/agent.out 2>/tmp/agent.err &
	agent_pid=$!
	check "$what attaches" wait_for 20 grep -q '^logonsess-execsnoop: tracing execve' /tmp/agent.err
	reply=$(ssh_user "$INNER" 2>&1)
	st=$?
	s1=$(field "$(echo "$reply" | sed -n 1p)" id)
	p1=$(echo "$reply" | sed -n 2p)
	s2=$(field "$(echo "$reply" | sed -n 3p)" id)
	p2=$(echo "$reply" | sed -n 4p)
	check "... an ssh login ($s1) runs su - root ($s2), each leaving a process ($p1, $p2)" \
		sh -c "test $st = 0 && test -n '$s1' && test -n '$s2' && test '$s1' != '$s2' &&
			test -n '$p1' && test -n '$p2' || { echo \"\$0\"; exit 1; }" "$reply"
	check "... both still in their sessions" sh -c \
		"test '$(pid_session "$p1")' = '$s1' && test '$(pid_session "$p2")' = '$s2'"
	kill -TERM "$agent_pid"
	wait "$agent_pid"
	st=$?
	check "... stops on SIGTERM (status $st), reporting lost=0" \
		sh -c "test $st = 0 && grep -qx 'logonsess-execsnoop: lost=0' /tmp/agent.err" \
		"$(cat /tmp/agent.err)"
	check "... every event has a logon ID: this script's, SYSTEM's, the ssh or the su session" \
		ev_known "$ROOT_ID" 0x3e7 "$s1" "$s2"
	check "... the ssh login's leftover exec'd the script, which exec'd sleep" \
		ev_marker "$p1" marker-ssh
	check "... both in $s1 (logon_id)" ev_all "logon_id=$s1" "$p1"
	check "... (cred_logon_id)" ev_all "cred_logon_id=$s1" "$p1"
	check "... as user 1000" ev_all uid=1000 "$p1"
	check "... su - root's leftover exec'd the script, which exec'd sleep" \
		ev_marker "$p2" marker-su
	check "... both in $s2 (logon_id)" ev_all "logon_id=$s2" "$p2"
	check "... (cred_logon_id)" ev_all "cred_logon_id=$s2" "$p2"
	check "... as root" ev_all uid=0 "$p2"
	check "... su itself exec'd in the ssh session, as user" \
		grep -q " uid=1000 logon_id=$s1 cred_logon_id=$s1 comm=su filename=$SU\$" /tmp/agent.out
	check "... the connection's sshd exec'd in this script's session (sshd re-executes itself)" \
		grep -q " logon_id=$ROOT_ID cred_logon_id=$ROOT_ID comm=sshd " /tmp/agent.out
	if [ -n "$mode" ]; then
		check "... --setuid: sshd became user in $s1 (both credentials)" grep -q \
			" event=setuid .* uid=0 new_uid=1000 logon_id=$s1 old_logon_id=$s1 comm=sshd\$" /tmp/agent.out
		check "... --setuid: su became root in $s2 (both credentials)" grep -q \
			" event=setuid .* uid=1000 new_uid=0 logon_id=$s2 old_logon_id=$s2 comm=su\$" /tmp/agent.out
	else
		check "... no setuid event without --setuid" not grep -q ' event=setuid ' /tmp/agent.out
	fi
	alive=$(ev_alive_match 2>/tmp/alive.err)
	st=$?
	check "... every process still alive is in the session of its last exec ($(echo $alive))" \
		sh -c "test $st = 0 && echo ' $(echo $alive) ' | grep -q ' $p1 ' &&
			echo ' $(echo $alive) ' | grep -q ' $p2 '" \
		"$(cat /tmp/alive.err)"
	kill "$p1" "$p2"
	check "... the two sessions end with their processes" \
		wait_for 10 sh -c "! grep -qE '^id=($s1|$s2) ' $LS/sessions"
done
check "the agent refuses an unknown option with a usage line" sh -c \
	"! $AGENT --bogus 2>/tmp/agent.err && grep -q '^Usage: ' /tmp/agent.err"

# The kfuncs on the credentials LSM hooks are handed (tests/guest/kfuncs.c,
# BPF LSM programs on cred_prepare and cred_free, run after logonsess's),
# in a session of its own, so that SYSTEM's ID cannot pass for it.
reply=$(sh -c 'echo "type=batch user=S-1-5-21-1-2-3-1001 auth=kfuncs" \
	>/sys/kernel/security/logonsess/logon && exec /tests/kfuncs' 2>&1)
st=$?
kf() {
	field "$reply" "$1"
}
check "kfuncs: BPF LSM programs on cred_prepare and cred_free load and run (status $st)" \
	sh -c "test $st = 0 && test '$(kf prepare_calls)' -gt 0 && test '$(kf free_calls)' -gt 0" "$reply"
check "... every new credential has its source's logon ID, never 0 ($reply)" \
	sh -c "test '$(kf prepare_mismatch)' = 0 && test '$(kf prepare_zero)' = 0"
check "... in the loader, the source of prepare_creds() is current's credentials" \
	sh -c "test '$(kf target_prepares)' -gt 0 && test '$(kf target_not_current)' = 0"
check "... and its ID is the loader's own session, a dynamic one" \
	sh -c "test '$(kf target_other_id)' = 0 && test \$(($(kf logon_id))) -gt 999"
check "... a credential in cred_free gives 0: logonsess has put its session" \
	test "$(kf free_nonzero)" = 0

# --- liblogonsess against the kernel (tests/guest/liblogonsess_test.c)
/tests/liblogonsess_test >/tmp/lib.out 2>&1
st=$?
grep -E '^(not )?ok [0-9]+ - ' /tmp/lib.out >/tmp/lib.tap
while IFS= read -r line; do
	case $line in
	"ok "*) ok "liblogonsess: ${line#ok * - }" ;;
	*) not_ok "liblogonsess: ${line#not ok * - }" ;;
	esac
done </tmp/lib.tap
check "liblogonsess_test exits 0 (status $st)" test "$st" = 0

# --- clean up, then the kernel log
umount /tmp/ov/m
echo "id=$quote" >$LS/logoff
# Reap it: a zombie holds its credentials, and so its session, until then.
wait "$quote_pid"
echo "id=$kept" >$LS/logoff
kill "$sshd_pid"
# only_well_known: live=4 in stats; else show what is left.
only_well_known() {
	grep -q '^live=4 ' $LS/stats && return 0
	cat $LS/stats $LS/sessions
	grep -v " id=$ROOT_ID " $LS/processes
	return 1
}
check "every session made here ends (live back to 4)" wait_for 20 only_well_known
check "no kernel warnings" sh -c "! dmesg | grep -E 'BUG:|WARNING:|KASAN:|Oops'"

finish
