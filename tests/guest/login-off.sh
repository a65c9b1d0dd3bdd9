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
check "no kernel warnings" sh -c "! dmesg | grep -E 'BUG:|WARNING:|KASAN:|Oops'"

finish
