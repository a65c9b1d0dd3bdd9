#!/bin/bash
# What logonsess costs: build the guest kernel once, boot that same image
# with and without logonsess in lsm= (alternately, A B A B), run
# tests/bench/logonsess_bench in the guest, and print the medians as a
# markdown table. See --help and README.md ("Benchmarks").
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

usage() {
	cat <<EOF2
Usage: ${0##*/} [OPTIONS]

Boots the guest kernel (scripts/build-qemu.sh --build-only) with
lsm=$LS_BENCH_ON and lsm=$LS_BENCH_OFF (--on, --off), alternately, and
measures:

  icount  1 vCPU, -icount shift=0,sleep=off (guest time counts executed
          instructions, so A/B ratios repeat): fork+exit, fork+exec+exit
          and setresuid() loops in SYSTEM and in a dynamic session; logon
          against KEYCTL_JOIN_SESSION_KEYRING, and a logon with lineage
          (link=self) against a plain one (ratio); stat() and open()+close()
          of an unlabeled file five directories down (the path walk); one
          cascade logoff of the root of a chain, and of a flat tree, of
          --cascade sessions (per op and per session); fork+exec+exit with
          the example eBPF agent (userspace/agent) attached against the
          same loop without it (ratio, and its cost per exec; its BPF LSM
          program too when --on/--off have bpf)
  smp     2 vCPUs under icount (run in turn, so guest time still counts
          instructions): the same loops on both vCPUs at once; what
          contention costs in instructions (spinning on a lock) repeats,
          what it costs in cache-line transfers is not modelled
  tcg     2 vCPUs, plain TCG (wall time, what a user feels): the same
          loops, alone and on both vCPUs at once
  scale   1 vCPU, icount, logonsess on, once: sessions held by open files
          (per size: create, a line of "sessions", join, read "self",
          destroy), "processes" with many processes, slab memory per
          session

Options:
  --rounds N        A/B pairs of boots in the icount and tcg phases (default 3)
  --iters N         iterations of the fork loops (default 2000; fork+exec a
                    quarter of it, setresuid ten times it)
  --reps N          repetitions of each loop in a boot (default 5)
  --sizes LIST      session counts of the scale phase
                    (default 1000,10000,100000,1000000)
  --procs N         processes alive while "processes" is read (default 10000)
  --mem-sessions N  sessions for the memory figure (default 100000)
  --cascade N       sessions under the root of a cascade logoff (default 1000)
  --phases LIST     some of icount,smp,tcg,scale (default all four)
  --on LIST         lsm= of the boots with logonsess (default
                    $LS_BENCH_ON)
  --off LIST        lsm= of the boots without it (default $LS_BENCH_OFF);
                    the guest kernel also has SELinux, AppArmor, Smack,
                    Landlock and Yama, e.g. --on capability,landlock,logonsess
                    --off capability,landlock measures logonsess beside a
                    module with credential blobs of its own
  --output FILE     CSV of every figure (default
                    \$LOGONSESS_BUILD/bench/bench-<UTC time>.csv); the summary
                    goes to FILE with .json instead of .csv, the table to
                    FILE with .md
  --name NAME       the kernel of build-qemu.sh --name NAME (default: default);
                    with LOGONSESS_CONFIG_FRAGMENT=FILE, a kernel of another
                    configuration, to compare two configurations' figures
  --quick           a tiny run that only checks that everything works
                    (1 round, few iterations, sizes 100,1000): for the suite
  -h, --help        this text

Every figure is a median over the boots (the median of each boot's
repetitions), with its spread (min-max over the boots). Logs of every
boot: \$LOGONSESS_BUILD/logs/bench/<UTC time>/.
EOF2
}

LS_BENCH_ON=capability,logonsess
LS_BENCH_OFF=capability
rounds=3 iters=2000 reps=5 sizes=1000,10000,100000,1000000 procs=10000
mem_sessions=100000 cascade=1000 phases=icount,smp,tcg,scale output='' quick=0
name=default

while (($#)); do
	case $1 in
	--rounds) rounds=${2:?} && shift ;;
	--iters) iters=${2:?} && shift ;;
	--reps) reps=${2:?} && shift ;;
	--sizes) sizes=${2:?} && shift ;;
	--procs) procs=${2:?} && shift ;;
	--mem-sessions) mem_sessions=${2:?} && shift ;;
	--cascade) cascade=${2:?} && shift ;;
	--phases) phases=${2:?} && shift ;;
	--output) output=${2:?} && shift ;;
	--on) LS_BENCH_ON=${2:?} && shift ;;
	--off) LS_BENCH_OFF=${2:?} && shift ;;
	--name) name=${2:?} && shift ;;
	--quick)
		quick=1 rounds=1 iters=40 reps=2 sizes=100,1000 procs=200
		mem_sessions=2000
		;;
	-h | --help)
		usage
		exit 0
		;;
	*) ls_die "unknown argument: $1 (see --help)" ;;
	esac
	shift
done
for v in rounds iters reps procs mem_sessions cascade; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || ls_die "bad value for ${v//_/-}: ${!v}"
done
[[ $sizes =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || ls_die "bad --sizes: $sizes"
[[ $LS_BENCH_ON == *logonsess* && $LS_BENCH_OFF != *logonsess* ]] ||
	ls_die "--on must name logonsess and --off must not"
[[ $phases =~ ^(icount|smp|tcg|scale)(,(icount|smp|tcg|scale))*$ ]] || ls_die "bad --phases: $phases"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
[[ -n $output ]] || output=$LOGONSESS_BUILD/bench/bench-$stamp.csv
[[ $output == *.csv ]] || ls_die "--output must end in .csv: $output"
logdir=$LOGONSESS_BUILD/logs/bench/$stamp
mkdir -p -- "$(dirname -- "$output")" "$logdir" ||
	ls_die "cannot create the output directories"

# The kernel, built once and copied: every boot runs this same image, even
# if the series changes meanwhile.
"$LOGONSESS_TOP/scripts/build-qemu.sh" --build-only --name "$name"
work=$(mktemp -d "${TMPDIR:-/tmp}/logonsess-bench.XXXXXX") || ls_die "mktemp failed"
trap 'rm -rf -- "$work"' EXIT
cp -- "$LOGONSESS_BUILD/obj/$name/arch/x86/boot/bzImage" "$work/bzImage" ||
	ls_die "no kernel in $LOGONSESS_BUILD/obj/$name"
kernel_release=$(cd "$LOGONSESS_SRC" && make -s O="$LOGONSESS_BUILD/obj/$name" kernelrelease 2>/dev/null) ||
	kernel_release=unknown
series_head=$(git -C "$LOGONSESS_SRC" rev-parse --short HEAD 2>/dev/null) || series_head=unknown

mkdir -p -- "$work/tests"
gcc -O2 -Wall -Wextra -Werror -static -o "$work/tests/logonsess_bench" \
	"$LOGONSESS_TOP/tests/bench/logonsess_bench.c" ||
	ls_die "building tests/bench/logonsess_bench.c failed"
# The example eBPF agent (userspace/agent), static, built from a copy:
# the clone is never written to.
ls_ensure_deps clang bpftool libbpf-dev libzstd-dev zlib1g-dev
mkdir -p -- "$work/userspace"
cp -a -- "$LOGONSESS_TOP/userspace/." "$work/userspace/"
make -s -C "$work/userspace" agent LDFLAGS=-static \
	AGENT_LIBS='-lbpf -lelf -lz -lzstd' >"$logdir/agent-build.log" 2>&1 ||
	ls_die "building userspace/agent failed (log: $logdir/agent-build.log)"
cp -- "$work/userspace/agent/logonsess-execsnoop" "$work/tests/"
args="-n $iters -r $reps -c $cascade"
# One guest script per phase; each prints the lsm list it booted with.
for phase in icount smp tcg scale; do
	case $phase in
	icount) tests="cred session path cascade agent" ;; # cascade: on only
	smp) tests="par" ;;
	tcg) tests="cred par" ;;
	scale) tests="mem scale procs" ;; # mem first: a fresh slab
	esac
	cat >"$work/tests/bench-$phase.sh" <<-SCRIPT
		echo "bench-lsm: \$(cat /sys/kernel/security/lsm)"
		exec /tests/logonsess_bench $args -s $sizes -p $procs -m $mem_sessions $tests
	SCRIPT
done
ls_initramfs bench --output "$work/initramfs.cpio.gz" "$work/tests/"*

csv=$work/results.csv
echo "phase,round,lsm,name,value,unit" >"$csv"
# shellcheck disable=SC2054 # commas: one QEMU option value
icount=(--qemu-arg -icount --qemu-arg shift=0,sleep=off)
# boot PHASE ROUND on|off QEMU-OPTIONS...: one boot, its figures into $csv.
boot() {
	local phase=$1 round=$2 which=$3 lsm log st
	shift 3
	lsm=$LS_BENCH_OFF
	[[ $which == on ]] && lsm=$LS_BENCH_ON
	log=$logdir/$phase-$round-$which.log
	ls_log "bench: $phase, round $round, lsm=$lsm"
	st=0
	# The same address space layout in every boot and process
	# (norandmaps, nokaslr): how many page tables a fork copies depends
	# on it, and a random layout moved fork+exit by 4% between boots.
	ls_boot bench run "bench-$phase.sh" --kernel "$work/bzImage" \
		--initrd "$work/initramfs.cpio.gz" \
		--append "lsm=$lsm norandmaps nokaslr" "$@" \
		>"$log" 2>&1 || st=$?
	grep -E '^(bench|#)' "$log" | grep -v '^bench: ' | sed 's/^/    /' || true
	if ((st != 0)); then
		tail -n 20 -- "$log"
		ls_die "the $phase boot (lsm=$lsm) failed with status $st; log: $log"
	fi
	grep -qx "bench-lsm: $lsm" "$log" ||
		ls_die "the guest did not boot with lsm=$lsm (log: $log)"
	awk -v p="$phase" -v r="$round" -v l="$which" \
		'$1 == "bench:" && NF == 4 { printf "%s,%s,%s,%s,%s,%s\n", p, r, l, $2, $3, $4 }' \
		"$log" >>"$csv"
}

start=$SECONDS
for ((r = 1; r <= rounds; r++)); do
	if [[ ,$phases, == *,icount,* ]]; then
		boot icount "$r" on --smp 1 "${icount[@]}" --timeout 3600
		boot icount "$r" off --smp 1 "${icount[@]}" --timeout 3600
	fi
	if [[ ,$phases, == *,smp,* ]]; then
		boot smp "$r" on --smp 2 "${icount[@]}" --timeout 3600
		boot smp "$r" off --smp 2 "${icount[@]}" --timeout 3600
	fi
done
for ((r = 1; r <= rounds; r++)); do
	if [[ ,$phases, == *,tcg,* ]]; then
		boot tcg "$r" on --smp 2 --timeout 3600
		boot tcg "$r" off --smp 2 --timeout 3600
	fi
done
if [[ ,$phases, == *,scale,* ]]; then
	boot scale 1 on --smp 1 "${icount[@]}" --mem 4G --timeout 7200
fi

cp -- "$csv" "$output"
python3 "$LOGONSESS_TOP/scripts/bench-report.py" "$output" \
	--json "${output%.csv}.json" --markdown "${output%.csv}.md" \
	--meta "date=$(date -u +%Y-%m-%dT%H:%MZ)" \
	--meta "host=$(uname -n), $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)" \
	--meta "qemu=$(qemu-system-x86_64 --version | head -n 1)" \
	--meta "kernel=$kernel_release (series HEAD $series_head)" \
	--meta "lsm=on: $LS_BENCH_ON, off: $LS_BENCH_OFF" \
	--meta "command=scripts/bench.sh$( ((quick)) && echo " --quick") --on $LS_BENCH_ON --off $LS_BENCH_OFF --rounds $rounds --iters $iters --reps $reps --sizes $sizes --procs $procs --mem-sessions $mem_sessions --cascade $cascade --phases $phases" \
	--meta "elapsed=$((SECONDS - start)) s"
ls_log "figures: $output, summary: ${output%.csv}.json, table: ${output%.csv}.md"
