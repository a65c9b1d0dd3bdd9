# shellcheck shell=sh
# TAP helpers for guest tests (busybox sh). Source it, call ok/not_ok/check,
# end with `finish`: the exit status is the number of failures.

LS=/sys/kernel/security/logonsess
tap_n=0
tap_failed=0

ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do
		echo "#   $line"
	done
}

# check DESCRIPTION COMMAND...: ok if COMMAND succeeds.
check() {
	desc=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc" "command: $*" "output: $out"
	fi
}

# field LINE KEY: the value of KEY in a key=value line.
field() {
	echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# without_refs LINE: the line minus its refs= pair, which moves with every fork.
without_refs() {
	echo "$1" | sed 's/ refs=[^ ]* / /'
}

# wait_for SECONDS COMMAND...: retry COMMAND until it succeeds (sessions die
# after an RCU grace period and a work item, not synchronously).
wait_for() {
	tries=$(($1 * 10))
	shift
	while [ "$tries" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		tries=$((tries - 1))
		sleep 0.1
	done
	"$@"
}

# Session helpers of the login and distribution tests (root's view).

# listed ID: session ID is in sessions.
listed() {
	grep -q "^id=$1 " $LS/sessions
}

# not COMMAND...: COMMAND fails (for check and wait_for, which run shell
# functions too, unlike sh -c).
not() {
	! "$@"
}

# pid_session PID: the session ID processes gives PID.
pid_session() {
	sed -n "s/^pid=$1 id=\([^ ]*\) .*/\1/p" $LS/processes
}

# fields_are LINE KEY=VALUE...: every KEY of LINE has its VALUE; prints
# the mismatches.
fields_are() {
	fa_line=$1
	fa_bad=
	shift
	for kv in "$@"; do
		v=$(field "$fa_line" "${kv%%=*}")
		[ "$v" = "${kv#*=}" ] || fa_bad="$fa_bad ${kv%%=*}=$v (want ${kv#*=})"
	done
	[ -z "$fa_bad" ] && return 0
	echo "line: $fa_line; wrong:$fa_bad"
	return 1
}

finish() {
	echo "1..$tap_n"
	echo "# $((tap_n - tap_failed)) passed, $tap_failed failed"
	exit "$tap_failed"
}
