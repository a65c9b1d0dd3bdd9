# What the shell unit tests share (sourced): check WHAT COMMAND... prints
# one TAP line; $failed counts the failures.
n=0
failed=0

check() { # WHAT COMMAND...
	local what=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $what"
	else
		echo "not ok $n - $what"
		failed=$((failed + 1))
	fi
}
