#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Summarise the figures of scripts/bench.sh.

    bench-report.py RESULTS.csv [--json FILE] [--markdown FILE] [--meta K=V]...

RESULTS.csv has one row per repetition: phase,round,lsm,name,value,unit.
A figure is the median over the boots (rounds) of each boot's median, with
the spread (min-max) of those per-boot medians. Prints a markdown table;
writes the summary as JSON and the table as markdown if asked.
"""

import argparse
import csv
import json
import statistics
import sys
from collections import OrderedDict

LOOPS = {
    "fork_exit": "fork+exit",
    "fork_exec_exit": "fork+exec+exit",
    "setresuid": "setresuid()",
}
CTX = {"system": "in SYSTEM", "session": "in one dynamic session"}
SCALE = {
    "create": "create one (logon + open)",
    "sessions_line": "one line of `sessions`",
    "line_bytes": "bytes per line of `sessions`",
    "join": "join a random session",
    "self": "open+read+close `self`",
    "destroy": "destroy one (close, RCU, reaper)",
}
OTHER = {
    "session.logon": "logon (create, move, destroy the previous)",
    "session.join_session_keyring": "KEYCTL_JOIN_SESSION_KEYRING",
    "procs.processes_read": "read `processes`",
    "procs.processes_line": "one line of `processes`",
    "mem.slab_per_cred_file": "slab per file held by its own credential (baseline)",
    "mem.slab_per_session_file": "slab per file held in a session of its own",
    "mem.slab_per_session": "slab per session (the difference)",
    "path.stat": "stat() of an unlabeled file 5 directories down (tmpfs)",
    "path.open": "open()+close() of that file",
    "session.logon_link": "logon with lineage (link=self)",
    "session.logon_link_ratio": "logon with link=self against a plain one",
    "agent.exec_alone": "fork+exec+exit, no agent (the baseline of the agent's)",
    "agent.exec_tp": "fork+exec+exit, the eBPF agent attached (tracepoint)",
    "agent.exec_tp_cost": "the agent's cost per exec (tracepoint)",
    "agent.exec_tp_ratio": "with the agent (tracepoint) against without",
    "agent.exec_tp_lost": "events the agent lost (tracepoint)",
    "agent.exec_lsm": "fork+exec+exit, the eBPF agent attached (BPF LSM)",
    "agent.exec_lsm_cost": "the agent's cost per exec (BPF LSM)",
    "agent.exec_lsm_ratio": "with the agent (BPF LSM) against without",
    "agent.exec_lsm_lost": "events the agent lost (BPF LSM)",
}
CASCADE = {
    "chain": "a chain (each created by the one before)",
    "flat": "a flat tree (all created by the root)",
    "logoff": "the logoff",
    "per_session": "per session",
}


def describe(phase, name):
    parts = name.split(".")
    if parts[0] in ("cred", "par") and len(parts) == 3:
        what = LOOPS.get(parts[1], parts[1]) + ", " + CTX.get(parts[2], parts[2])
        if parts[0] == "par":
            what += ", on every vCPU at once"
        return what
    if parts[0] == "scale" and len(parts) == 3:
        return f"{int(parts[1]):,} sessions: {SCALE.get(parts[2], parts[2])}"
    if parts[0] == "cascade" and len(parts) == 3:
        shape, _, what = parts[2].partition("_")
        return (f"cascade logoff of {int(parts[1]):,} sessions, "
                f"{CASCADE.get(shape, shape)}: {CASCADE.get(what, what)}")
    return OTHER.get(name, name)


def target(name):
    parts = name.split(".")
    if parts[0] in ("cred", "par", "path"):
        return "ratio <= 1.01"
    if name == "session.logon":
        return "<= keyring"
    if parts[0] == "scale" and parts[-1] == "sessions_line":
        return "<= 3 us"
    if name == "mem.slab_per_session":
        return "<= 256 bytes"
    return ""


def stats(per_round):
    values = sorted(per_round.values())
    return {
        "median": statistics.median(values),
        "min": values[0],
        "max": values[-1],
        "boots": len(values),
    }


def fmt(s, unit):
    if s is None:
        return ""
    m, lo, hi = s["median"], s["min"], s["max"]
    digits = 0 if m >= 1000 else 1 if m >= 100 else 2 if m >= 1 else 3
    text = f"{m:,.{digits}f} {unit}"
    if s["boots"] > 1:
        text += f" [{lo:,.{digits}f}-{hi:,.{digits}f}]"
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    ap.add_argument("--meta", action="append", default=[])
    args = ap.parse_args()

    reps = OrderedDict()  # (phase, name) -> lsm -> round -> [values]
    units = {}
    with open(args.csv, newline="") as f:
        for row in csv.DictReader(f):
            key = (row["phase"], row["name"])
            reps.setdefault(key, {}).setdefault(row["lsm"], {}).setdefault(
                row["round"], []).append(float(row["value"]))
            units[key] = row["unit"]
    if not reps:
        sys.exit("bench-report: no figures in " + args.csv)

    summary = []
    for key, by_lsm in reps.items():
        phase, name = key
        entry = {"phase": phase, "name": name, "unit": units[key],
                 "what": describe(phase, name), "target": target(name)}
        for lsm in ("on", "off"):
            if lsm in by_lsm:
                per_round = {r: statistics.median(v)
                             for r, v in by_lsm[lsm].items()}
                entry[lsm] = stats(per_round)
        if "on" in entry and "off" in entry and entry["off"]["median"]:
            entry["ratio"] = entry["on"]["median"] / entry["off"]["median"]
        summary.append(entry)
    # logon against the closest existing kernel operation, same boots.
    by_name = {(e["phase"], e["name"]): e for e in summary}
    logon = by_name.get(("icount", "session.logon"))
    keyring = by_name.get(("icount", "session.join_session_keyring"))
    if logon and keyring and "on" in logon and "on" in keyring:
        logon["ratio"] = logon["on"]["median"] / keyring["on"]["median"]
        logon["ratio_note"] = "against KEYCTL_JOIN_SESSION_KEYRING"

    meta = dict(m.split("=", 1) for m in args.meta)
    lines = []
    for k, v in meta.items():
        lines.append(f"- {k}: {v}")
    lines.append("")
    lines.append("| phase | figure | with logonsess | without | ratio | target |")
    lines.append("| --- | --- | --- | --- | --- | --- |")
    for e in summary:
        ratio = f"{e['ratio']:.4f}" if "ratio" in e else ""
        if e.get("ratio_note"):
            ratio += " (vs keyring)"
        lines.append(f"| {e['phase']} | {e['what']} | "
                     f"{fmt(e.get('on'), e['unit'])} | "
                     f"{fmt(e.get('off'), e['unit'])} | {ratio} | "
                     f"{e['target']} |")
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "figures": summary}, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
