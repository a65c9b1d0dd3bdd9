#!/bin/sh
# Guest test: userspace on a kernel booted without logonsess (lsm= list
# without it; issue 11). logonsessions fails with one clear line;
# pam_logonsess returns PAM_IGNORE, so a login still works. Needs
# /tests/login-root and /tests/userspace-root, as login.sh.
. /tests/tap.sh

cp -a /tests/login-root/. / || exit 1
cp -a /tests/userspace-root/. / || exit 1

check "logonsess is not active" test ! -e "$LS"

for args in '' -p -c -ct --json '-s 0x3e7'; do
	# shellcheck disable=SC2086 # $args: the options, split
	logonsessions $args >/tmp/out 2>/tmp/err
	st=$?
	check "logonsessions $args: exits non-zero (status $st)" test "$st" != 0
	check "... with exactly one line on stderr: $(head -n 1 /tmp/err)" \
		test "$(wc -l </tmp/err)" = 1
	check "... and nothing on stdout" test ! -s /tmp/out
done
check "as user too" sh -c '! setuidgid user logonsessions 2>/dev/null'

# pam_exec shows what the stack left in the PAM environment.
cat >/tmp/env.sh <<'EOF'
#!/bin/sh
echo "LOGONSESS_ID=$LOGONSESS_ID" >/tmp/env.out
EOF
chmod 0755 /tmp/env.sh
mkdir -p /etc/pam.d
printf '%s\n' 'auth required pam_permit.so' 'account required pam_permit.so' \
	'session required pam_logonsess.so' 'session required pam_permit.so' \
	'session optional pam_exec.so /tmp/env.sh' >/etc/pam.d/ignored
check "pamtester with 'session required pam_logonsess.so' then pam_permit succeeds" \
	pamtester ignored user open_session close_session
check "... and no LOGONSESS_ID is set" grep -qx 'LOGONSESS_ID=' /tmp/env.out
printf '%s\n' 'auth required pam_permit.so' 'account required pam_permit.so' \
	'session required pam_logonsess.so type=batch logoff_on_close debug' \
	'session required pam_permit.so' >/etc/pam.d/ignored-args
check "... also with arguments and logoff_on_close" \
	pamtester ignored-args user open_session close_session

# The eBPF agent (issue 20): the kfuncs are there, and give no logon ID.
AGENT=/tests/logonsess-execsnoop
$AGENT >/tmp/agent.out 2>/tmp/agent.err &
agent_pid=$!
check "logonsess-execsnoop attaches without logonsess" \
	wait_for 20 grep -q '^logonsess-execsnoop: tracing execve' /tmp/agent.err
check "... saying first, in one line, that there are no logon IDs" sh -c \
	"head -n 1 /tmp/agent.err | grep -qx 'logonsess-execsnoop: logonsess is not active (not in lsm=): no logon IDs'"
printf '%s\n' '#!/bin/sh' : >/tmp/probe
chmod 0755 /tmp/probe
/tmp/probe
check "... records an exec with no logon ID" wait_for 10 \
	grep -q ' logon_id=- cred_logon_id=- comm=probe filename=/tmp/probe$' /tmp/agent.out
kill -TERM "$agent_pid"
wait "$agent_pid"
st=$?
check "... and stops on SIGTERM (status $st)" test "$st" = 0
check "... no event has a logon ID" sh -c "! grep -v ' logon_id=- cred_logon_id=- ' /tmp/agent.out"
$AGENT --lsm >/tmp/agent.out 2>/tmp/agent.err
st=$?
check "logonsess-execsnoop --lsm without bpf in lsm=: fails (status $st) with one line" sh -c \
	"test $st != 0 && test \$(wc -l </tmp/agent.err) = 1 &&
	grep -q 'the BPF LSM is not active' /tmp/agent.err && test ! -s /tmp/agent.out"
check "no kernel warnings" sh -c "! dmesg | grep -E 'BUG:|WARNING:|KASAN:|Oops'"

finish
