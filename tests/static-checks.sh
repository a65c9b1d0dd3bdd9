#!/bin/bash
# Static checks of the series, each printed as one TAP line:
#  - checkpatch.pl --strict on every patch: no error, warning or check;
#  - every file the series adds is covered by the series' MAINTAINERS entry
#    (the question behind checkpatch's FILE_PATH_CHANGES warning, which
#    fires on any patch adding a file without touching MAINTAINERS and so
#    on every patch of a series whose MAINTAINERS patch comes last: that
#    one warning is checked here instead, and ignored in checkpatch);
#  - scripts/kernel-doc -none -Wall on every C file and header we add;
#  - W=1 and sparse (C=2) builds of security/logonsess/ without a warning;
#  - builds with the LSM (and securityfs) disabled and without audit;
#  - every patch of the series builds on its own (security/).
# Needs the series applied to $LOGONSESS_SRC (scripts/build-qemu.sh does).
set -uo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/../scripts/lib.sh"

n=0
failed=0
result() { # result STATUS DESCRIPTION [DETAILS_FILE]
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && sed 's/^/#   /' "$3" | head -n 60
	fi
}

src=$LOGONSESS_SRC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
patches=("$LOGONSESS_TOP"/patches/0*.patch)

for p in "${patches[@]}"; do
	case ${p##*/} in 0000-*) continue ;; esac
	"$src/scripts/checkpatch.pl" --strict --no-tree --ignore FILE_PATH_CHANGES \
		"$p" >"$tmp/cp" 2>&1
	if grep -qE '^(ERROR|WARNING|CHECK):' "$tmp/cp" ||
		! grep -q '^total: 0 errors, 0 warnings, 0 checks' "$tmp/cp"; then
		result 1 "checkpatch --strict: ${p##*/}" "$tmp/cp"
	else
		result 0 "checkpatch --strict: ${p##*/}"
	fi
done

# Files the series adds, and the F: patterns of our MAINTAINERS entry.
git -C "$src" diff --name-only --diff-filter=A pristine HEAD >"$tmp/added"
sed -n 's/^F:\t//p' "$LOGONSESS_TOP/MAINTAINERS.snippet" >"$tmp/patterns"
: >"$tmp/uncovered"
while read -r f; do
	covered=0
	while read -r pat; do
		case $pat in
		*/) case $f in "$pat"*) covered=1 ;; esac ;;
		*) case $f in $pat) covered=1 ;; esac ;;
		esac
	done <"$tmp/patterns"
	[ $covered = 1 ] || echo "$f" >>"$tmp/uncovered"
done <"$tmp/added"
[ -s "$tmp/added" ] && [ ! -s "$tmp/uncovered" ]
result $? "MAINTAINERS entry covers the $(wc -l <"$tmp/added") files the series adds" "$tmp/uncovered"
# (Not "git show | grep -q": with pipefail, git's SIGPIPE fails the check.)
git -C "$src" show HEAD:MAINTAINERS >"$tmp/MAINTAINERS"
grep -A20 -xF "$(head -n 1 "$LOGONSESS_TOP/MAINTAINERS.snippet")" "$tmp/MAINTAINERS" |
	head -n "$(wc -l <"$LOGONSESS_TOP/MAINTAINERS.snippet")" >"$tmp/entry"
cmp -s "$tmp/entry" "$LOGONSESS_TOP/MAINTAINERS.snippet"
result $? "the series' MAINTAINERS has the entry of MAINTAINERS.snippet" "$tmp/entry"

grep -E '\.(c|h)$' "$tmp/added" | grep -v '^tools/' >"$tmp/cfiles"
(cd "$src" && xargs scripts/kernel-doc -none -Wall <"$tmp/cfiles") >"$tmp/kdoc" 2>&1
[ ! -s "$tmp/kdoc" ]
result $? "kernel-doc -none -Wall: $(wc -l <"$tmp/cfiles") files" "$tmp/kdoc"

# The checks' configurations leave out the other modules the guest kernel
# has (for the stacking boots): they only lengthen the builds below.
cat >"$tmp/no-peers.fragment" <<'FRAG'
# CONFIG_SECURITY_SELINUX is not set
# CONFIG_SECURITY_APPARMOR is not set
# CONFIG_SECURITY_SMACK is not set
# CONFIG_SECURITY_LANDLOCK is not set
# CONFIG_SECURITY_YAMA is not set
FRAG

# A configuration of its own (KUnit tests included, so they are checked
# too): changing W= or C= must not dirty the objects the guest boots.
cat >"$tmp/check.fragment" <<'FRAG'
CONFIG_KUNIT=y
CONFIG_SECURITY_LOGONSESS_KUNIT_TEST=y
FRAG
if ls_config check "$tmp/no-peers.fragment" "$tmp/check.fragment" >/dev/null; then
	# Recompile every object so that each warning shows, every run.
	rm -f "$LOGONSESS_BUILD"/obj/check/security/logonsess/*.o
	make -s -C "$src" O="$LOGONSESS_BUILD/obj/check" -j"$(nproc)" W=1 \
		security/logonsess/ >"$tmp/w1" 2>&1
	w1=$?
	grep -q 'warning:' "$tmp/w1" && w1=1
	result $w1 "W=1 build of security/logonsess/ has no warning" "$tmp/w1"
	make -s -C "$src" O="$LOGONSESS_BUILD/obj/check" -j"$(nproc)" C=2 \
		security/logonsess/ >"$tmp/sparse" 2>&1
	sp=$?
	grep -qE 'warning:|error:' "$tmp/sparse" && sp=1
	result $sp "sparse (C=2) on security/logonsess/ is clean" "$tmp/sparse"
else
	result 1 "configure the check kernel" "$LOGONSESS_BUILD/logs/config-check.log"
fi

# The series must build with the LSM disabled and without audit: security/
# (where the LSM count and every user of the series' headers live; the
# series group builds the whole kernel) in configurations of their own.
variant() { # variant NAME DESCRIPTION FRAGMENT-LINES...
	local name=$1 desc=$2
	shift 2
	printf '%s\n' "$@" >"$tmp/$name.fragment"
	if ls_config "$name" "$tmp/no-peers.fragment" "$tmp/$name.fragment" \
		>"$tmp/$name.log" 2>&1 &&
		make -s -C "$src" O="$LOGONSESS_BUILD/obj/$name" -j"$(nproc)" \
			security/ >>"$tmp/$name.log" 2>&1 &&
		! grep -q 'warning:' "$tmp/$name.log"; then
		result 0 "builds $desc"
	else
		result 1 "builds $desc" "$tmp/$name.log"
	fi
}
# CONFIG_SECURITYFS=n is only possible without the LSM, which selects it.
variant nolsm "with CONFIG_SECURITY_LOGONSESS=n and CONFIG_SECURITYFS=n" \
	'# CONFIG_SECURITY_LOGONSESS is not set' '# CONFIG_SECURITYFS is not set'
variant noaudit "with CONFIG_AUDIT=n" '# CONFIG_AUDIT is not set' '# CONFIG_AUDITSYSCALL is not set'

# Each patch builds on its own (bisectability): security/ at every commit
# of the series, in a worktree and object tree of their own, configured
# as the check kernel above (olddefconfig drops what a commit does not
# know yet, e.g. the LSM's own options before its Kconfig exists).
wt=$LOGONSESS_BUILD/bisect
obj=$LOGONSESS_BUILD/obj/bisect
if ! git -C "$wt" rev-parse -q --verify HEAD >/dev/null 2>&1; then
	rm -rf -- "$wt"
	git -C "$src" worktree prune
	git -C "$src" worktree add -q --detach "$wt" pristine
fi
mkdir -p "$obj"
for c in $(git -C "$src" rev-list --reverse pristine..HEAD); do
	subject=$(git -C "$src" log -1 --format=%s "$c")
	if git -C "$wt" checkout -q --detach "$c" &&
		cp "$LOGONSESS_BUILD/obj/check/.config" "$obj/.config" &&
		make -s -C "$wt" O="$obj" olddefconfig >"$tmp/bisect" 2>&1 &&
		make -s -C "$wt" O="$obj" -j"$(nproc)" security/ >>"$tmp/bisect" 2>&1 &&
		! grep -q 'warning:' "$tmp/bisect"; then
		result 0 "builds at: $subject"
	else
		result 1 "builds at: $subject" "$tmp/bisect"
	fi
done

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
exit $((failed > 0))
