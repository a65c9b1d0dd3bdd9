#!/bin/bash
# Build the logonsess userspace (userspace/, with its debian/ directory) as
# Debian packages, check them with lintian, and put them in OUTDIR.  See
# --help.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

usage() {
	cat <<EOF
Usage: ${0##*/} [OUTDIR]

Build liblogonsess1, liblogonsess-dev, logonsessions and libpam-logonsess
from a copy of this clone's userspace/ (and include/uapi/) with
dpkg-buildpackage, fail on any lintian error (warnings are printed), and
put the four .debs in OUTDIR (default \$LOGONSESS_BUILD/debs/out), their
debug symbols in OUTDIR/dbgsym.  Missing build tools are installed with
apt-get.  Nothing is rebuilt when the sources, this script and
DEB_BUILD_OPTIONS are unchanged since the packages in OUTDIR were made.

Environment:
  LOGONSESS_BUILD   build directory (default /var/tmp/logonsess-build);
                    the copy is built in \$LOGONSESS_BUILD/debs/src, the
                    logs are in \$LOGONSESS_BUILD/logs/debs-*.log
EOF
}

case ${1:-} in
-h | --help)
	usage
	exit 0
	;;
-*) ls_die "unknown option: $1 (see --help)" ;;
esac
(($# <= 1)) || ls_die "too many arguments (see --help)"

self=$(realpath -- "${BASH_SOURCE[0]}")
work=$LOGONSESS_BUILD/debs
src=$work/src
out=${1:-$work/out}
[[ $out == /* ]] || out=$PWD/$out
stamp=$out/.build-debs.stamp
# What the build needs; build-essential is not among debian/control's
# Build-Depends (it never is) but dpkg-buildpackage needs it.
deps=(build-essential debhelper dpkg-dev lintian libpam0g-dev pkgconf zlib1g-dev git)

# The packages of $deps that are missing, installed with apt-get (not
# ls_ensure_deps, which also installs the kernel build's and QEMU's).
ensure_deps() {
	local missing=() p st
	for p in "${deps[@]}"; do
		st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || st=
		[[ $st == 'install ok installed' ]] || missing+=("$p")
	done
	((${#missing[@]})) || return 0
	((EUID == 0)) || ls_die "missing packages (${missing[*]}); run as root or install them"
	ls_log "installing: ${missing[*]}"
	ls_stage apt-update apt-get update
	ls_stage apt-install env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

# copy_sources DIR: the source files of userspace/ and include/uapi/ into
# DIR: git's tracked and untracked files, without the ignored ones (a
# build in the clone leaves objects there); every file outside git.
copy_sources() {
	local dir=$1 f files=()
	rm -rf -- "$dir"
	mkdir -p -- "$dir" || ls_die "cannot create $dir"
	cd -- "$LOGONSESS_TOP" || ls_die "cannot enter $LOGONSESS_TOP"
	while IFS= read -r -d '' f; do
		# Deleted in the working tree, still in the index: not a source.
		[[ -e $f || -L $f ]] && files+=("$f")
	done < <(if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -z --cached --others --exclude-standard -- userspace include/uapi
	else
		find userspace include/uapi \( -type f -o -type l \) -print0
	fi)
	((${#files[@]})) || ls_die "no files in $LOGONSESS_TOP/userspace"
	cp -a --parents -- "${files[@]}" "$dir/" || ls_die "cannot copy the sources to $dir"
	[[ -f $dir/userspace/debian/control ]] || ls_die "no userspace/debian/control in $LOGONSESS_TOP"
	ls_note "${#files[@]} files"
}

# The inputs' hash: every copied file's path, type, mode and content, this
# script, and the build options that change the packages.
inputs_hash() {
	local dir=$1 sum
	sum=$({
		echo "build-debs v1 ${DEB_BUILD_OPTIONS:-} ${DEB_BUILD_PROFILES:-}"
		sha256sum <"$self"
		cd -- "$dir" &&
			find . -printf '%y %m %p\n' | LC_ALL=C sort &&
			find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
	} | sha256sum) || ls_die "hashing $dir failed"
	echo "${sum%% *}"
}

# True when OUTDIR holds every package the stamp names, made from $1.
up_to_date() {
	local f have=()
	[[ -f $stamp ]] || return 1
	mapfile -t have <"$stamp"
	[[ ${have[0]:-} == "$1" ]] || return 1
	((${#have[@]} > 1)) || return 1
	for f in "${have[@]:1}"; do
		[[ -f $out/$f ]] || return 1
	done
}

build() {
	cd -- "$src/userspace"
	dpkg-buildpackage -us -uc -b
}

# lintian on the .changes (all the .debs): exit status 2 on an error.
run_lintian() {
	local changes
	changes=$(find "$src" -maxdepth 1 -name 'logonsess_*.changes' -print -quit)
	[[ -n $changes ]] || ls_die "no .changes in $src"
	lintian --fail-on error "$changes" | tee -- "$work/lintian.txt"
}

# install_debs HASH: the packages of this build into OUTDIR, in place of
# the previous build's, and the stamp last: an interrupted copy is never
# up to date.
install_debs() {
	local f name names=() old=()
	if [[ -f $stamp ]]; then
		mapfile -t old <"$stamp"
		for f in "${old[@]:1}"; do rm -f -- "$out/$f"; done
	fi
	rm -f -- "$stamp"
	mkdir -p -- "$out/dbgsym" || ls_die "cannot create $out/dbgsym"
	for f in "$src"/*.deb; do
		[[ -f $f ]] || ls_die "dpkg-buildpackage made no .deb"
		name=${f##*/}
		# Out of the way of "dpkg -i OUTDIR/*.deb".
		[[ $name == *-dbgsym_* ]] && name=dbgsym/$name
		cp -- "$f" "$out/$name" || ls_die "cannot copy $f to $out"
		names+=("$name")
	done
	printf '%s\n' "$1" "${names[@]}" >"$stamp.tmp" || ls_die "cannot write $stamp.tmp"
	mv -- "$stamp.tmp" "$stamp" || ls_die "cannot write $stamp"
}

mkdir -p -- "$work" "$out" || ls_die "cannot create $work or $out"
# Two runs at once would share $src (not ls_lock: build-qemu.sh holds it
# while it runs this).
exec 7>>"$work/.lock" || ls_die "cannot open $work/.lock"
if ! flock -n 7; then
	ls_log "waiting for another ${0##*/} ..."
	flock 7 || ls_die "flock failed"
fi

t=$SECONDS
ensure_deps
ls_log "debs-deps ... ok ($((SECONDS - t))s)"
ls_stage debs-sources copy_sources "$work/src.new"
hash=$(inputs_hash "$work/src.new")
if up_to_date "$hash"; then
	rm -rf -- "$work/src.new"
	ls_log "debs up to date: $out"
	exit 0
fi
rm -rf -- "$src"
mv -- "$work/src.new" "$src" || ls_die "cannot rename $work/src.new"
ls_stage debs-build build
ls_stage debs-lintian run_lintian
# Warnings (and infos, if any) do not fail the build; show them.
if grep -E '^[EWIPX]: ' "$work/lintian.txt" >/dev/null; then
	grep -E '^[EWIPX]: ' "$work/lintian.txt" | sed 's/^/[logonsess] lintian: /'
fi
install_debs "$hash"
ls_log "debs in $out: $(cd -- "$out" && echo *.deb)"
