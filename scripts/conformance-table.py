#!/usr/bin/env python3
"""Prints the conformance table of a build: case x backend x emulator -> pass / fail / gap / skipped.

Reads what the build left behind, from the repository root:
  */target/conformance/<backend>-<emulator>.tsv   one line per conformance test (testkit's
                                                   ConformanceResults: case, backend, emulator,
                                                   result, reason)
  */target/failsafe-reports*/TEST-*ConformanceIT.xml
                                                   to name suites that ran no case at all (every
                                                   test skipped before it started, e.g. pulumi
                                                   without its engine)
  */target/emulator-logs/shared-emulators.tsv      which emulator each test JVM used and its
                                                   start-up time (testkit's AwsEmulators)
Writes the same text (Markdown) to --out when given. Exit status 0, or 1 when a result is "fail".
Standard library only.
"""
import argparse
import csv
import glob
import os
import sys
import xml.etree.ElementTree as ET

RESULT_ORDER = ["fail", "gap", "skipped", "n/a", "pass"]
# Backends in the order the project presents them; any other name (the testkit's test-only
# reference backend) comes after, alphabetically.
BACKEND_ORDER = ["direct", "cloudformation", "pulumi"]


# Emulators in the order the testkit prefers them here.
EMULATOR_ORDER = ["moto", "localstack-process", "localstack", "external"]
NOT_APPLICABLE = "not applicable"


def emulator_key(emulator):
    return (EMULATOR_ORDER.index(emulator) if emulator in EMULATOR_ORDER else len(EMULATOR_ORDER),
            emulator)


def reason_text(reason):
    """The reason without the GAP[case on emulator/backend]: prefix the table already shows."""
    if reason.startswith("GAP[") and "]: " in reason:
        return reason.split("]: ", 1)[1]
    return reason


def case_key(case):
    if case.startswith("canonical/"):
        return (0, case)
    return (1, case)


def backend_key(backend):
    return (BACKEND_ORDER.index(backend) if backend in BACKEND_ORDER else len(BACKEND_ORDER), backend)


def read_results(root):
    rows = []
    for path in sorted(glob.glob(os.path.join(root, "*", "target", "conformance", "*.tsv"))):
        module = os.path.relpath(path, root).split(os.sep)[0]
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                row["module"] = module
                rows.append(row)
    return rows


def suites_that_ran_nothing(root, seen_modules):
    """Conformance suites whose every test was skipped without a results line (class disabled)."""
    notes = []
    pattern = os.path.join(root, "*", "target", "failsafe-reports*", "TEST-*ConformanceIT.xml")
    for path in sorted(glob.glob(pattern)):
        module = os.path.relpath(path, root).split(os.sep)[0]
        leg = os.path.basename(os.path.dirname(path)).replace("failsafe-reports", "").lstrip("-")
        try:
            suite = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        cases = suite.findall("testcase")
        skipped = [c.find("skipped") for c in cases]
        if cases and all(s is not None for s in skipped) and module not in seen_modules:
            reasons = sorted({(s.get("message") or "").strip() for s in skipped})
            notes.append("%s, %s (%s run): all %d cases skipped before they started: %s" % (
                module, suite.get("name", "?").rsplit(".", 1)[-1], leg or "default", len(cases),
                "; ".join(reasons)))
    return notes


def startups(root):
    lines = []
    for path in sorted(glob.glob(os.path.join(root, "*", "target", "emulator-logs",
                                              "shared-emulators.tsv"))):
        module = os.path.relpath(path, root).split(os.sep)[0]
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 3:
                    lines.append((module, parts[0], int(parts[2])))
    return lines


def render(root):
    rows = read_results(root)
    out = []
    if not rows:
        out.append("No conformance results found under */target/conformance/.")
    columns = sorted({(r["backend"], r["emulator"]) for r in rows},
                     key=lambda c: (backend_key(c[0]), emulator_key(c[1])))
    cases = sorted({r["case"] for r in rows}, key=case_key)
    cell = {}
    for r in rows:
        cell[(r["case"], r["backend"], r["emulator"])] = r
    footnotes = []
    not_applicable = set()
    if rows:
        out.append("| case | " + " | ".join("%s / %s" % c for c in columns) + " |")
        out.append("|---" * (len(columns) + 1) + "|")
        for case in cases:
            cells = []
            for backend, emulator in columns:
                r = cell.get((case, backend, emulator))
                if r is None:
                    cells.append("-")
                    continue
                result = r["result"]
                reason = reason_text(r.get("reason") or "")
                if result == "pass":
                    cells.append("pass")
                elif result == "gap" and reason.startswith(NOT_APPLICABLE):
                    cells.append("n/a")
                    not_applicable.add(reason)
                else:
                    footnotes.append("%s, %s on %s: %s: %s" % (case, backend, emulator, result,
                                                              reason or "(no reason given)"))
                    cells.append("%s [%d]" % (result, len(footnotes)))
            out.append("| %s | %s |" % (case, " | ".join(cells)))
        out.append("")
        totals = {}
        for r in rows:
            shown = r["result"]
            if shown == "gap" and reason_text(r.get("reason") or "").startswith(NOT_APPLICABLE):
                shown = "n/a"
            totals[shown] = totals.get(shown, 0) + 1
        out.append("Totals: " + ", ".join("%s %d" % (k, totals[k]) for k in RESULT_ORDER
                                          if k in totals) + " (%d results)" % len(rows))
    if footnotes:
        out.append("")
        for i, note in enumerate(footnotes, 1):
            out.append("[%d] %s" % (i, note))
    if not_applicable:
        out.append("")
        for reason in sorted(not_applicable):
            out.append("n/a: " + reason)
    notes = suites_that_ran_nothing(root, {r["module"] for r in rows if r["backend"] != "reference-test"})
    if notes:
        out.append("")
        out.append("Suites that ran no case:")
        out.extend("- " + n for n in notes)
    starts = startups(root)
    if starts:
        out.append("")
        out.append("Shared emulator start-up per test JVM:")
        for module, kind, ms in starts:
            out.append("- %s: %s %.1f s" % (module, kind, ms / 1000.0))
    return "\n".join(out) + "\n", any(r["result"] == "fail" for r in rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="repository root (default: .)")
    parser.add_argument("--out", help="also write the table to this file")
    args = parser.parse_args()
    text, failed = render(args.root)
    sys.stdout.write(text)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
