# shellcheck shell=bash
# scripts/lib.sh -- shared functions of the logonsess kernel build.
#
# Source it; sourcing only sets the variables below and defines functions.
# The functions check their own errors (ls_die) instead of relying on
# `set -e`, because bash ignores errexit inside functions that are called
# from an if/||/&& context.
#
# Layout (outside the clone on purpose, so fresh clones reuse the source
# repository and the object trees):
#   $LOGONSESS_BUILD/linux        pristine kernel source repo + series
#   $LOGONSESS_BUILD/obj/NAME     object tree of config NAME (make O=...)
#   $LOGONSESS_BUILD/logs         one log per stage, boot-NAME.log per boot

LOGONSESS_TOP=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
LOGONSESS_BUILD=${LOGONSESS_BUILD:-/var/tmp/logonsess-build}
# make -C changes directory: every path handed to it must be absolute.
[[ $LOGONSESS_BUILD == /* ]] || LOGONSESS_BUILD=$PWD/$LOGONSESS_BUILD
LOGONSESS_SRC=$LOGONSESS_BUILD/linux

# The Debian package providing the default kernel source.
LS_DEB_PKG=linux-source-6.12
# Fixed identity and date: the pristine commit (and the series commits,
# via --committer-date-is-author-date) get the same ids on every machine.
LS_GIT_NAME='logonsess build'
LS_GIT_EMAIL='build@logonsess.invalid'
LS_GIT_DATE='2000-01-01T00:00:00Z'
# Guest kernel architecture; the host is x86_64 too (no cross compiler).
LS_ARCH=x86_64

ls_log() {
	printf '[logonsess] %s\n' "$*"
}

ls_die() {
	printf '[logonsess] error: %s\n' "$*" >&2
	exit 1
}

# ls_note MSG: log MSG; inside ls_stage it is also appended to the stage's
# progress line ("ok (3s, MSG)").
ls_note() {
	ls_log "$*"
	if [[ -n ${LS_STAGE_NOTE:-} ]]; then
		printf '%s\n' "$*" >>"$LS_STAGE_NOTE"
	fi
}

# ls_stage NAME CMD...: run CMD (a command or a function) in a subshell with
# all its output in $LOGONSESS_BUILD/logs/NAME.log; print one progress
# line.  On failure show the end of the log and exit with CMD's status.
ls_stage() {
	local name=${1:?ls_stage: NAME missing}
	shift
	(($#)) || ls_die "ls_stage $name: no command"
	local logdir=$LOGONSESS_BUILD/logs
	local log=$logdir/$name.log
	local LS_STAGE_NOTE=$logdir/$name.note
	local start=$SECONDS rc=0 opts=$- tty=0 notes=
	mkdir -p -- "$logdir" || ls_die "cannot create $logdir"
	rm -f -- "$LS_STAGE_NOTE"
	# On a terminal show the stage name while it runs; either way the
	# finished line is a single line.
	[[ -t 1 ]] && tty=1
	((tty)) && printf '[logonsess] %s ... ' "$name"
	set +e
	# stdin from /dev/null: nothing in a stage may wait for input.
	(set -eo pipefail; "$@") >"$log" 2>&1 </dev/null
	rc=$?
	[[ $opts == *e* ]] && set -e
	((tty)) || printf '[logonsess] %s ... ' "$name"
	if [[ -s $LS_STAGE_NOTE ]]; then
		notes=$(paste -sd';' -- "$LS_STAGE_NOTE")
		notes=", ${notes//;/; }"
	fi
	rm -f -- "$LS_STAGE_NOTE"
	if ((rc == 0)); then
		printf 'ok (%ds%s)\n' "$((SECONDS - start))" "$notes"
		return 0
	fi
	printf 'FAILED (%ds), last lines of %s:\n' "$((SECONDS - start))" "$log"
	tail -n 40 -- "$log"
	exit "$rc"
}

# _ls_flock FD FILE WHAT: hold an exclusive lock on FILE through FD,
# saying so when WHAT (another build) holds it first.
_ls_flock() {
	mkdir -p -- "${2%/*}" || ls_die "cannot create ${2%/*}"
	eval "exec $1>>\"\$2\"" || ls_die "cannot open $2"
	if ! flock -n "$1"; then
		ls_log "waiting for $3 ..."
		flock "$1" || ls_die "flock failed"
	fi
}

# ls_lock: serialise builds sharing $LOGONSESS_BUILD (they share the source
# tree).  Held until ls_unlock or exit.
ls_lock() {
	_ls_flock 9 "$LOGONSESS_BUILD/.lock" "another build using $LOGONSESS_BUILD"
}

ls_unlock() {
	exec 9>&-
}

# --- dependencies -----------------------------------------------------------

_ls_pkg_installed() {
	local st
	st=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
	[[ $st == 'install ok installed' ]]
}

# ls_ensure_deps: apt-get install what the build and the guest need.
ls_ensure_deps() { # [EXTRA-PACKAGE...]
	local pkgs=(build-essential flex bison bc libelf-dev libssl-dev cpio
		xz-utils git rsync python3 qemu-system-x86 busybox-static dwarves "$@")
	local missing=() sudo=() p
	command -v dpkg-query >/dev/null || ls_die "dpkg-query not found: this build supports Debian only"
	# The Debian tarball is only needed when no own tree is given.
	[[ -n ${KSRC:-} ]] || pkgs+=("$LS_DEB_PKG")
	for p in "${pkgs[@]}"; do
		_ls_pkg_installed "$p" || missing+=("$p")
	done
	((${#missing[@]})) || return 0
	ls_log "installing: ${missing[*]}"
	if ((EUID != 0)); then
		command -v sudo >/dev/null ||
			ls_die "missing packages (${missing[*]}); run as root or install them"
		sudo=(sudo)
	fi
	ls_stage apt-update "${sudo[@]}" apt-get update
	ls_stage apt-install "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y "${missing[@]}"
}

# --- source repository --------------------------------------------------------

# git on the source repo, isolated from the user's ~/.gitconfig (autocrlf,
# excludes, hooks ... would change what gets committed) and never gc'ing in
# the background while we build.
_ls_git() {
	GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
		GIT_AUTHOR_NAME=$LS_GIT_NAME GIT_AUTHOR_EMAIL=$LS_GIT_EMAIL \
		GIT_COMMITTER_NAME=$LS_GIT_NAME GIT_COMMITTER_EMAIL=$LS_GIT_EMAIL \
		git -c gc.auto=0 -c init.defaultBranch=master -c advice.detachedHead=false \
		"$@"
}

# Kernel version (6.12.117) from a tree's top Makefile.
_ls_kernel_version() {
	awk -F' *= *' '
		$1 == "VERSION" && v == "" { v = $2 }
		$1 == "PATCHLEVEL" && p == "" { p = $2 }
		$1 == "SUBLEVEL" && s == "" { s = $2 }
		$1 == "EXTRAVERSION" && !e++ { x = $2 }
		END { if (v == "") exit 1; printf "%s.%s.%s%s\n", v, p, s, x }
	' "$1/Makefile"
}

# The marker the source repo should carry: deb:PKG:VERSION or
# ksrc:ABSPATH:HEAD (or nogit).
_ls_source_marker() {
	local abs top ver
	if [[ -n ${KSRC:-} ]]; then
		abs=$(realpath -e -- "$KSRC" 2>/dev/null) || ls_die "KSRC: no such directory: $KSRC"
		[[ -d $abs && -f $abs/Makefile && -d $abs/kernel ]] ||
			ls_die "KSRC=$KSRC is not a kernel source tree"
		top=$(git -C "$abs" rev-parse --show-toplevel 2>/dev/null) || top=
		if [[ $top == "$abs" ]]; then
			printf 'ksrc:%s:%s\n' "$abs" "$(git -C "$abs" rev-parse --verify HEAD)"
		else
			printf 'ksrc:%s:nogit\n' "$abs"
		fi
	else
		_ls_pkg_installed "$LS_DEB_PKG" || ls_die "$LS_DEB_PKG is not installed (run ls_ensure_deps)"
		ver=$(dpkg-query -W -f='${Version}' "$LS_DEB_PKG") || ls_die "dpkg-query $LS_DEB_PKG failed"
		printf 'deb:%s:%s\n' "$LS_DEB_PKG" "$ver"
	fi
}

# git init + one commit of everything in DIR, tagged pristine.
_ls_commit_tree() {
	local dir=$1 msg=$2
	_ls_git -C "$dir" init -q || ls_die "git init $dir failed"
	_ls_git -C "$dir" add -A || ls_die "git add failed in $dir"
	GIT_AUTHOR_DATE=$LS_GIT_DATE GIT_COMMITTER_DATE=$LS_GIT_DATE \
		_ls_git -C "$dir" commit -q --no-verify -m "$msg" || ls_die "git commit failed in $dir"
	_ls_git -C "$dir" tag -f pristine >/dev/null || ls_die "git tag failed in $dir"
}

# Build a fresh repo as NEW (a not yet existing dir) for marker MARKER.
_ls_create_source() {
	local new=$1 marker=$2 kind rest path head tarball ver kver top
	kind=${marker%%:*}
	rest=${marker#*:}
	case $kind in
	deb)
		ver=${rest#*:}
		tarball=$(dpkg -L "$LS_DEB_PKG" | grep -m 1 -E '/linux-source-[^/]*\.tar\.xz$') || tarball=''
		[[ -f $tarball ]] || ls_die "no kernel tarball in package $LS_DEB_PKG"
		mkdir -p -- "$new.x" || ls_die "mkdir $new.x failed"
		ls_log "extracting $tarball"
		tar -C "$new.x" -xf "$tarball" || ls_die "extracting $tarball failed"
		top=$(find "$new.x" -mindepth 1 -maxdepth 1 -type d)
		[[ -n $top && $top != *$'\n'* ]] || ls_die "unexpected layout of $tarball"
		mv -- "$top" "$new" || ls_die "mv $top failed"
		rmdir -- "$new.x" || ls_die "rmdir $new.x failed"
		# Debian's .gitignore ends with "ignore everything at the top level"
		# for its packaging repo: without this `git add -A` adds nothing.
		sed -i '/^# Debian packaging/,$d' "$new/.gitignore" || ls_die "editing .gitignore failed"
		kver=$(_ls_kernel_version "$new") || ls_die "no version in $new/Makefile"
		_ls_commit_tree "$new" "Linux $kver (Debian $LS_DEB_PKG $ver)"
		;;
	ksrc)
		path=${rest%:*}
		head=${rest##*:}
		kver=$(_ls_kernel_version "$path") || ls_die "no version in $path/Makefile"
		[[ $kver == 6.12.* ]] || ls_note "warning: KSRC is Linux $kver, the series targets 6.12"
		if [[ $head == nogit ]]; then
			ls_log "copying $path"
			rsync -a --exclude=/.git -- "$path/" "$new/" || ls_die "rsync $path failed"
			_ls_commit_tree "$new" "Linux $kver (from $path)"
			# Drop build artifacts of an in-tree build (they are ignored, so
			# not committed): make O=... refuses an unclean source tree.
			_ls_git -C "$new" clean -fdxq || ls_die "git clean failed in $new"
		else
			[[ -z $(git -C "$path" status --porcelain --untracked-files=no 2>/dev/null) ]] ||
				ls_note "warning: uncommitted changes in $path are not used (only HEAD ${head:0:12})"
			ls_log "cloning $path"
			git clone -q --no-checkout -- "$path" "$new" || ls_die "git clone $path failed"
			_ls_git -C "$new" checkout -q --detach "$head" || ls_die "checkout $head failed"
			_ls_git -C "$new" tag -f pristine "$head" >/dev/null || ls_die "git tag failed"
		fi
		;;
	*) ls_die "bad source marker $marker" ;;
	esac
	# Written last: a tree without it is never reused.
	printf '%s\n' "$marker" >"$new/.git/logonsess-source" || ls_die "cannot write marker"
}

# ls_ensure_source: make $LOGONSESS_SRC the pristine repo of the Debian
# tarball (or of $KSRC); reuse it when its marker matches.
ls_ensure_source() {
	local marker have='' tmp
	marker=$(_ls_source_marker) || exit 1
	if [[ -f $LOGONSESS_SRC/.git/logonsess-source ]]; then
		have=$(<"$LOGONSESS_SRC/.git/logonsess-source")
	fi
	if [[ $have == "$marker" ]]; then
		ls_note "reusing $marker"
		return 0
	fi
	ls_log "creating $LOGONSESS_SRC for $marker${have:+ (was $have)}"
	mkdir -p -- "$LOGONSESS_BUILD" || ls_die "cannot create $LOGONSESS_BUILD"
	# Leftovers of interrupted runs (we hold the lock, so none is live).
	rm -rf -- "$LOGONSESS_BUILD"/.linux-new.*
	# Build next to the final place, then rename: an interrupted run never
	# leaves a half tree that looks valid.
	tmp=$(mktemp -d "$LOGONSESS_BUILD/.linux-new.XXXXXX") || ls_die "mktemp failed"
	_ls_create_source "$tmp/linux" "$marker"
	if [[ -e $LOGONSESS_SRC ]]; then
		mv -- "$LOGONSESS_SRC" "$tmp/old" || ls_die "cannot move old $LOGONSESS_SRC away"
	fi
	mv -- "$tmp/linux" "$LOGONSESS_SRC" || ls_die "cannot rename $tmp/linux"
	rm -rf -- "$tmp"
	# Object trees hold objects newer than the new tree's files (tar keeps
	# the archive mtimes), so make would not rebuild them: start over.
	if [[ -d $LOGONSESS_BUILD/obj ]]; then
		rm -rf -- "$LOGONSESS_BUILD/obj"
		ls_note "new source: removed old object trees"
	fi
	ls_note "created from $marker"
}

# --- patch series ---------------------------------------------------------------

# The series, in order: patches/*.patch except the cover letter (0000-*).
_ls_series_files() {
	local dir=$LOGONSESS_TOP/patches
	[[ -d $dir ]] || return 0
	find "$dir" -maxdepth 1 -type f -name '*.patch' ! -name '0000-*' -print0 | LC_ALL=C sort -z
}

# "<HEAD sha>" when the source tree is clean, "dirty" otherwise; stamps
# never match a dirty tree, so hand edits in $LOGONSESS_SRC are built.
_ls_src_state() {
	local head st
	head=$(_ls_git -C "$LOGONSESS_SRC" rev-parse --verify -q HEAD) || ls_die "no HEAD in $LOGONSESS_SRC"
	st=$(_ls_git -C "$LOGONSESS_SRC" status --porcelain) || ls_die "git status failed in $LOGONSESS_SRC"
	if [[ -n $st ]]; then
		echo dirty
	else
		echo "$head"
	fi
}

# ls_apply_series: working tree of $LOGONSESS_SRC = pristine + git am of the
# series, HEAD detached at the last patch.  Files whose content ends up as
# before keep their mtime, so make only rebuilds what really changed.
ls_apply_series() {
	local src=$LOGONSESS_SRC rec=$LOGONSESS_SRC/.git/logonsess-series
	local patches=() f sum oldsum='' old_head new_head n failed
	local -A mtime=() differs=()
	[[ -f $src/.git/logonsess-source ]] || ls_die "no source repo in $src (ls_ensure_source)"
	while IFS= read -r -d '' f; do patches+=("$f"); done < <(_ls_series_files)
	sum=$(cat -- "${patches[@]}" /dev/null | sha256sum) || ls_die "sha256sum failed"
	sum=${sum%% *}
	[[ -f $rec ]] && oldsum=$(<"$rec")
	if [[ $oldsum == "$sum" ]]; then
		ls_note "series unchanged (${#patches[@]} patches)"
		return 0
	fi

	# A git am interrupted in an earlier run: abort it (HEAD goes back).
	if [[ -d $src/.git/rebase-apply ]]; then
		_ls_git -C "$src" am --abort || ls_die "git am --abort failed in $src"
	fi
	# Refuse to throw away hand edits.
	[[ -z $(_ls_git -C "$src" status --porcelain --untracked-files=no) ]] ||
		ls_die "uncommitted changes in $src; commit them or discard them with: git -C $src reset --hard"
	old_head=$(_ls_git -C "$src" rev-parse --verify HEAD) || ls_die "no HEAD in $src"

	# mtimes of everything the old series changed.
	while IFS= read -r -d '' f; do
		[[ -f $src/$f && ! -L $src/$f ]] && mtime[$f]=$(stat -c %.9Y -- "$src/$f")
	done < <(_ls_git -C "$src" diff -z --name-only --no-renames pristine "$old_head")

	# Forget the old record first: if we are interrupted, the next run
	# must apply again.
	rm -f -- "$rec"
	_ls_git -C "$src" checkout -q --detach pristine || ls_die "git checkout pristine failed in $src"
	if ((${#patches[@]})); then
		if ! _ls_git -C "$src" am --quiet --committer-date-is-author-date "${patches[@]}"; then
			n=$(cat "$src/.git/rebase-apply/next" 2>/dev/null) || n=0
			failed=${patches[n - 1]:-?}
			_ls_git -C "$src" am --abort
			# Back to the old state, old mtimes included.
			if _ls_git -C "$src" checkout -q --detach "$old_head"; then
				for f in "${!mtime[@]}"; do
					touch -m -d "@${mtime[$f]}" -- "$src/$f"
				done
				[[ -n $oldsum ]] && printf '%s\n' "$oldsum" >"$rec"
			fi
			ls_die "patch ${failed##*/} does not apply (git am output above)"
		fi
	fi
	new_head=$(_ls_git -C "$src" rev-parse --verify HEAD) || ls_die "no HEAD in $src"

	while IFS= read -r -d '' f; do
		differs[$f]=1
	done < <(_ls_git -C "$src" diff -z --name-only --no-renames "$old_head" "$new_head")
	n=0
	for f in "${!mtime[@]}"; do
		if [[ -z ${differs[$f]:-} && -f $src/$f ]]; then
			touch -m -d "@${mtime[$f]}" -- "$src/$f" || ls_die "touch $f failed"
			n=$((n + 1))
		fi
	done
	printf '%s\n' "$sum" >"$rec.tmp" || ls_die "cannot write $rec.tmp"
	mv -- "$rec.tmp" "$rec" || ls_die "cannot write $rec"
	ls_note "applied ${#patches[@]} patches (HEAD ${new_head:0:12}, $n unchanged files kept their mtime)"
}

# --- configuration and build ----------------------------------------------------

_ls_make() {
	local obj=$1
	shift
	make -C "$LOGONSESS_SRC" O="$obj" ARCH="$LS_ARCH" "$@"
}

# Check that every CONFIG_X=value / "# CONFIG_X is not set" line of the
# fragments (later ones win, as in merge_config.sh) holds in CONFIG.
_ls_verify_config() {
	local config=$1 f line opt w h bad=()
	shift
	local -A want=() have=()
	local re_set='^(CONFIG_[A-Za-z0-9_]+)=(.*)$'
	local re_unset='^# (CONFIG_[A-Za-z0-9_]+) is not set'
	for f in "$@" "$config"; do
		while IFS= read -r line || [[ -n $line ]]; do
			if [[ $line =~ $re_set ]]; then
				opt=${BASH_REMATCH[1]}
				w=${BASH_REMATCH[2]}
			elif [[ $line =~ $re_unset ]]; then
				opt=${BASH_REMATCH[1]}
				w=n
			else
				continue
			fi
			if [[ $f == "$config" ]]; then
				have[$opt]=$w
			else
				want[$opt]=$w
			fi
		done <"$f"
	done
	for opt in "${!want[@]}"; do
		w=${want[$opt]}
		h=${have[$opt]-absent}
		# An option missing from .config (dependencies unmet) is off.
		[[ $w == n && $h == absent ]] && continue
		[[ $w == "$h" ]] && continue
		if [[ $h == absent ]]; then
			bad+=("$opt: fragment wants $w, not in .config (unknown option or unmet dependencies)")
		else
			bad+=("$opt: fragment wants $w, .config has $h")
		fi
	done
	((${#bad[@]})) || return 0
	printf '[logonsess] config mismatch: %s\n' "${bad[@]}" | LC_ALL=C sort >&2
	ls_die "$config: ${#bad[@]} fragment option(s) did not take effect: $(printf '%s\n' "${bad[@]}" | cut -d: -f1 | LC_ALL=C sort | paste -sd' ')"
}

# ls_config NAME [EXTRA_FRAGMENT...]: tinyconfig + .config.fragment
# (or $LOGONSESS_CONFIG_FRAGMENT) + extra fragments in obj/NAME, verified.
ls_config() {
	local name=${1:?ls_config: NAME missing}
	shift
	local obj=$LOGONSESS_BUILD/obj/$name
	local base=${LOGONSESS_CONFIG_FRAGMENT:-$LOGONSESS_TOP/.config.fragment}
	local frags=() f state want stamp=$obj/.logonsess-config.stamp
	for f in "$base" "$@"; do
		[[ -f $f ]] || ls_die "config fragment not found: $f"
		frags+=("$(realpath -- "$f")")
	done
	mkdir -p -- "$obj" || ls_die "cannot create $obj"
	state=$(_ls_src_state) || exit 1
	want=$({
		echo "ls_config v1 $LS_ARCH $state"
		for f in "${frags[@]}"; do
			echo '--- fragment'
			cat -- "$f"
		done
	} | sha256sum) || ls_die "hashing fragments failed"
	want=${want%% *}
	if [[ $state != dirty && -f $obj/.config && -f $stamp && $(<"$stamp") == "$want" ]]; then
		ls_note "config unchanged"
		return 0
	fi
	rm -f -- "$stamp"
	_ls_make "$obj" tinyconfig || ls_die "make tinyconfig failed"
	# merge_config.sh finds its helpers relative to the source tree.
	(cd -- "$LOGONSESS_SRC" &&
		scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" "${frags[@]}") ||
		ls_die "merge_config.sh failed"
	_ls_make "$obj" olddefconfig || ls_die "make olddefconfig failed"
	_ls_verify_config "$obj/.config" "${frags[@]}"
	printf '%s\n' "$want" >"$stamp" || ls_die "cannot write $stamp"
}

# ls_build NAME: make bzImage in obj/NAME; no make at all when the source
# HEAD and .config are unchanged since the last successful build.
ls_build() {
	local name=${1:?ls_build: NAME missing}
	local obj=$LOGONSESS_BUILD/obj/$name
	local stamp=$obj/.logonsess-build.stamp state want
	[[ -f $obj/.config ]] || ls_die "no $obj/.config (run ls_config $name first)"
	state=$(_ls_src_state) || exit 1
	want=$({ echo "ls_build v1 $LS_ARCH $state"; cat -- "$obj/.config"; } | sha256sum) ||
		ls_die "hashing .config failed"
	want=${want%% *}
	if [[ $state != dirty && -f $obj/arch/x86/boot/bzImage && -f $stamp && $(<"$stamp") == "$want" ]]; then
		ls_note "kernel up to date"
		return 0
	fi
	rm -f -- "$stamp"
	_ls_make "$obj" -j"$(nproc)" bzImage || ls_die "kernel build failed"
	printf '%s\n' "$want" >"$stamp" || ls_die "cannot write $stamp"
	ls_note "built $(_ls_make "$obj" -s kernelrelease 2>/dev/null)"
}

# --- initramfs and boot -------------------------------------------------------------

# Write a gzip'd newc cpio of the entries given on stdin (NUL separated,
# relative to DIR), owned by UID:GID whoever runs this.
_ls_cpio() {
	local dir=$1 owner=$2
	(cd -- "$dir" && cpio --null -o -H newc -R "$owner" --quiet) | gzip -n
}

# Staging Debian's binaries for the guest (tests/stage-*.sh): packages are
# downloaded and unpacked, never installed on the host.

# ls_unpack_debs DIR PACKAGE...: download the packages into DIR (empty
# first) and unpack them all into DIR/root.
ls_unpack_debs() {
	local dir=$1 deb
	shift
	rm -rf -- "$dir" && mkdir -p -- "$dir" || return 1
	(cd -- "$dir" && apt-get download "$@" >/dev/null 2>&1) || {
		apt-get update -qq &&
			(cd -- "$dir" && apt-get download "$@" >/dev/null)
	} || return 1
	for deb in "$dir"/*.deb; do
		dpkg-deb -x "$deb" "$dir/root" || return 1
	done
}

# ls_copy_libs ROOT UNPACKED BINARY...: copy every shared library the
# binaries load into ROOT/lib/x86_64-linux-gnu, resolved against the
# unpacked packages under UNPACKED first and the host (libc) second, and
# the dynamic loader into ROOT/lib64. Fails if one is not found.
ls_copy_libs() {
	local root=$1 unpacked=$2 libdirs lib
	shift 2
	libdirs=$unpacked/lib/x86_64-linux-gnu:$unpacked/usr/lib/x86_64-linux-gnu
	mkdir -p -- "$root/lib/x86_64-linux-gnu" "$root/lib64" || return 1
	if LD_LIBRARY_PATH=$libdirs ldd "$@" | grep 'not found' >&2; then
		echo "${root##*/}: unresolved libraries" >&2
		return 1
	fi
	LD_LIBRARY_PATH=$libdirs ldd "$@" | awk '/=> \// { print $3 }' |
		sort -u | while read -r lib; do
			cp -L -- "$lib" "$root/lib/x86_64-linux-gnu/" || exit 1
		done || return 1
	cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
}

# ls_initramfs NAME [--output FILE] [PATHS...]: busybox initramfs with
# scripts/guest-init.sh as /init; PATHS are copied into /tests/.
# Default output: $LOGONSESS_BUILD/obj/NAME/initramfs.cpio.gz.
ls_initramfs() {
	local name=${1:?ls_initramfs: NAME missing}
	shift
	local out=$LOGONSESS_BUILD/obj/$name/initramfs.cpio.gz
	if [[ ${1:-} == --output ]]; then
		out=${2:?ls_initramfs: --output needs a FILE}
		shift 2
	fi
	local root=$out.d bb=/bin/busybox applet p hdr
	[[ -x $bb ]] || ls_die "$bb not found (install busybox-static)"
	# A dynamic busybox would need the host's libc in the guest.
	hdr=$(LC_ALL=C readelf -l "$bb" 2>/dev/null) || hdr=''
	[[ $hdr != *'program interpreter'* ]] || ls_die "$bb is dynamically linked; install busybox-static"
	# Staging dir kept next to the output for inspection.
	rm -rf -- "$root"
	mkdir -p -- "$root" || ls_die "cannot create $root"
	(
		cd -- "$root" || exit 1
		mkdir -p bin sbin usr/bin usr/sbin etc proc sys dev tmp run root home/user tests || exit 1
		cp -- "$bb" bin/busybox || exit 1
		while IFS= read -r applet; do
			[[ $applet == bin/busybox || -e $applet ]] && continue
			mkdir -p -- "$(dirname -- "$applet")"
			ln -s /bin/busybox "$applet" || exit 1
		done < <("$bb" --list-full)
		cp -- "$LOGONSESS_TOP/scripts/guest-init.sh" init || exit 1
		# Debian's busybox lacks setuidgid; tests use it to drop to `user`.
		if [[ ! -e usr/bin/setuidgid ]]; then
			cp -- "$LOGONSESS_TOP/scripts/guest-setuidgid.sh" usr/bin/setuidgid || exit 1
			chmod 0755 usr/bin/setuidgid
		fi
		printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
			'user:x:1000:1000:user:/home/user:/bin/sh' \
			'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >etc/passwd
		printf '%s\n' 'root:x:0:' 'user:x:1000:' 'nogroup:x:65534:' >etc/group
		# ls_boot overrides this with the mode it is asked for.
		echo demo >etc/guest-mode
		# The archive's "." becomes the guest's /: mktemp/umask modes
		# (0700) would keep unprivileged users from exec'ing anything.
		chmod 0755 . bin sbin usr usr/bin usr/sbin etc proc sys dev run home home/user tests
		chmod 0755 init
		chmod 1777 tmp
		chmod 0700 root
	) || ls_die "populating $root failed"
	for p in "$@"; do
		[[ -e $p ]] || ls_die "no such file: $p"
		cp -a -- "$p" "$root/tests/" || ls_die "copying $p failed"
	done
	# Two concatenated archives (the kernel unpacks both): everything owned
	# by root, then /home/user owned by user.  Works without root on the
	# host and never leaks host uids into the guest.
	{
		(cd -- "$root" && find . -print0 | LC_ALL=C sort -z) | _ls_cpio "$root" 0:0 &&
			printf '%s\0' ./home/user | _ls_cpio "$root" 1000:1000
	} >"$out.tmp" || ls_die "packing $out failed"
	mv -- "$out.tmp" "$out" || ls_die "cannot write $out"
	ls_note "$(du -h -- "$out" | cut -f1) initramfs"
}

# ls_boot NAME demo|shell|run FILE [--kvm] [--timeout S] [--mem SIZE]
#         [--smp N] [--qemu-arg ARG]... [--append ARGS] [--initrd FILE]
#         [--image IMG --overlay QCOW2 [--tests-disk IMG] [--serial2 SOCK]]
# Boot obj/NAME's bzImage with its initramfs, or with --image the Debian
# image (scripts/lib-image.sh) as /dev/vda through the copy-on-write
# QCOW2 (created when missing, kept: a second boot sees the first's
# writes), the test disk as /dev/vdb and a second serial port (a unix
# socket SOCK, or nothing). The guest console goes to stdout (CR
# stripped) and to $LOGONSESS_BUILD/logs/boot-NAME.log.  Returns the
# guest's status (logonsess-guest-exit=N), or 125 if the guest did not
# finish (panic, hang, timeout).
ls_boot() {
	local name=${1:?ls_boot: NAME missing} mode=${2:?ls_boot: MODE missing} arg=
	shift 2
	if [[ $mode == run ]]; then
		arg=${1:?ls_boot: run needs a FILE in /tests}
		shift
	fi
	local obj=$LOGONSESS_BUILD/obj/$name
	local timeout=600 mem=2G append='' initrd=$obj/initramfs.cpio.gz kvm=0
	local smp=2 extra=() image='' overlay='' tests_disk='' serial2=''
	local kernel=$obj/arch/x86/boot/bzImage
	[[ $mode == shell ]] && timeout=0 # interactive: no limit unless asked
	while (($#)); do
		case $1 in
		--kvm) kvm=1 ;;
		--timeout) timeout=${2:?--timeout needs seconds} && shift ;;
		--mem) mem=${2:?--mem needs a size} && shift ;;
		--smp) smp=${2:?--smp needs a number} && shift ;;
		--qemu-arg) extra+=("${2?--qemu-arg needs an argument}") && shift ;;
		--append) append+=" ${2?--append needs arguments}" && shift ;;
		--initrd) initrd=${2:?--initrd needs a file} && shift ;;
		--kernel) kernel=${2:?--kernel needs a file} && shift ;;
		--image) image=${2:?--image needs a file} && shift ;;
		--overlay) overlay=${2:?--overlay needs a file} && shift ;;
		--tests-disk) tests_disk=${2:?--tests-disk needs a file} && shift ;;
		--serial2) serial2=${2:?--serial2 needs a socket path} && shift ;;
		*) ls_die "ls_boot: unknown option $1" ;;
		esac
		shift
	done
	case $mode in demo | shell | run) ;; *) ls_die "ls_boot: unknown mode $mode" ;; esac
	[[ $timeout =~ ^[0-9]+$ ]] || ls_die "bad timeout: $timeout"
	[[ $smp =~ ^[1-9][0-9]*$ ]] || ls_die "bad --smp: $smp"
	local log=$LOGONSESS_BUILD/logs/boot-$name.log
	[[ -f $kernel ]] || ls_die "no kernel $kernel (ls_build $name)"
	[[ -n $image || -f $initrd ]] || ls_die "no initramfs $initrd (ls_initramfs $name)"
	mkdir -p -- "${log%/*}" || ls_die "cannot create ${log%/*}"

	# Private copies: another build may replace the originals while we run.
	local tmp media=()
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/logonsess-boot.XXXXXX") || ls_die "mktemp failed"
	cp -- "$kernel" "$tmp/bzImage" || ls_die "copy to $tmp failed"
	if [[ -n $image ]]; then
		[[ -n $overlay ]] || ls_die "ls_boot: --image needs --overlay"
		# The base image stays read-only: every boot writes to its overlay.
		if [[ ! -f $overlay ]]; then
			qemu-img create -q -f qcow2 -F raw -b "$(realpath -- "$image")" "$overlay" ||
				ls_die "qemu-img create $overlay failed"
		fi
		media=(-drive "file=$overlay,format=qcow2,if=virtio")
		[[ -z $tests_disk ]] ||
			media+=(-drive "file=$tests_disk,format=raw,if=virtio,readonly=on")
		if [[ -n $serial2 ]]; then
			media+=(-chardev "socket,id=serial2,path=$serial2,server=on,wait=off"
				-serial chardev:serial2)
		else
			media+=(-serial null)
		fi
		append=" root=/dev/vda rw$append"
		[[ $mode == shell ]] || append+=" logonsess.test systemd.mask=serial-getty@ttyS0.service"
	else
		mkdir -p -- "$tmp/ov/etc" || ls_die "mkdir $tmp/ov/etc failed"
		printf '%s\n' "$mode${arg:+ $arg}" >"$tmp/ov/etc/guest-mode"
		# The mode is an extra archive appended to the initramfs.
		{ cat -- "$initrd" && printf '%s\0' ./etc/guest-mode | _ls_cpio "$tmp/ov" 0:0; } >"$tmp/initrd" ||
			ls_die "cannot write $tmp/initrd"
		media=(-initrd "$tmp/initrd")
	fi

	# What -nographic does (serial + monitor muxed on stdio, Ctrl-A x
	# quits), except that -nographic also makes SeaBIOS mirror its screen
	# on the serial line with escape codes that reset the user's terminal
	# (and disable line wrap).  -nic none: no NIC, no iPXE ROM to run.
	# In shell mode Ctrl-C goes to the guest (signal=off).
	local sig=on
	[[ $mode == shell ]] && sig=off
	local qemu=(qemu-system-x86_64 -m "$mem" -smp "$smp" -no-reboot
		-display none -chardev "stdio,id=con,mux=on,signal=$sig"
		-serial chardev:con -mon "chardev=con,mode=readline" -nic none
		-kernel "$tmp/bzImage" "${media[@]}"
		-append "console=ttyS0 panic=-1$append")
	if ((kvm)); then qemu+=(-accel kvm); else qemu+=(-accel tcg); fi
	qemu+=("${extra[@]}")
	# --foreground: qemu stays in our process group, so Ctrl-C reaches it
	# and, in shell mode, it may read the terminal.
	local run=(timeout --foreground -k 10 "$timeout" "${qemu[@]}")
	local start=$SECONDS st marker opts=$- console=$tmp/console.log
	ls_log "boot $name ($mode${arg:+ $arg}, $([[ $kvm == 1 ]] && echo kvm || echo tcg), timeout ${timeout}s, log $log)"
	set +e
	if [[ $mode == shell ]]; then
		# Keystrokes go to the guest (Ctrl-C included); Ctrl-A x quits QEMU.
		ls_log "shell: Ctrl-A x kills QEMU"
		"${run[@]}" | tee -- "$console"
		sed -i 's/\r//g' -- "$console"
	else
		"${run[@]}" </dev/null 2>&1 | sed -u 's/\r//g' | tee -- "$console"
	fi
	[[ $opts == *e* ]] && set -e
	# Boots of one configuration may run in parallel: each has its own
	# console log, and the last to finish is left in $log.
	cp -- "$console" "$log.$$" && mv -- "$log.$$" "$log"
	marker=$(grep -ao 'logonsess-guest-exit=[0-9]*' -- "$console" | tail -n 1) || marker=''
	rm -rf -- "$tmp"
	if [[ -z $marker || $marker == *= ]]; then
		ls_log "guest did not finish (see $log)"
		tail -n 40 -- "$log"
		return 125
	fi
	st=${marker#*=}
	ls_log "boot $name ... guest exit status $st ($((SECONDS - start))s)"
	return "$st"
}
