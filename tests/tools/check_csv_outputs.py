#!/usr/bin/env python3
"""Every analysis command's CSV, read with Python's csv module as a spreadsheet user would:
exactly one header row (no blank or repeated header), a fixed column count, at least one row,
every line ending in CRLF (docs/outputs.md).

usage: check_csv_outputs.py CORRIDOR_BINARY
"""
import csv
import io
import subprocess
import sys

COMMANDS = [
    "route --from XIAN --to BAKU --format csv",
    "route --from XIAN --to ISTANBUL --k 3 --format csv",
    "flow --from KHORGOS,ALASHANKOU --to BAKU --format csv",
    "compare-routes --from XIAN --to DUISBURG --format csv",
    "assign --od XIAN:BAKU:1e6 --od KHORGOS:ISTANBUL:2e6 --format csv",
    "criticality --from KHORGOS --to BAKU --od XIAN:BAKU --top 10 --threads 1 --format csv",
    "upgrades --from KHORGOS,ALASHANKOU --to BAKU --target-tpy 12e6 --format csv",
    "reliability --from XIAN --to BAKU --samples 2000 --k 2 --format csv",
    "nodes --format csv",
    "run scenarios/baseline.json --format csv",
    "curve --from KHORGOS --to BAKU --volumes-mt 1,2 --format csv",
    "sweep scenarios/sweeps/caspian-transit.json --samples 20 --threads 1 --format csv",
]


def check(binary, args):
    result = subprocess.run([binary] + args.split(), capture_output=True)
    if result.returncode != 0:
        return f"`corridor {args}` exited {result.returncode}: {result.stderr.decode().strip()}"
    if result.stdout.count(b"\n") != result.stdout.count(b"\r\n"):
        return f"`corridor {args}`: a line ends in LF alone, not CRLF"
    rows = list(csv.reader(io.StringIO(result.stdout.decode(), newline="")))
    if len(rows) < 2:
        return f"`corridor {args}`: no data row"
    header = rows[0]
    if len(set(header)) != len(header) or any(not name for name in header):
        return f"`corridor {args}`: header with empty or repeated names: {header}"
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            return f"`corridor {args}`: row {number} has {len(row)} fields, the header {len(header)}: {row}"
        if row == header:
            return f"`corridor {args}`: the header repeats at row {number}"
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    failures = [message for message in (check(sys.argv[1], args) for args in COMMANDS) if message]
    for message in failures:
        print(message)
    print(f"{len(COMMANDS) - len(failures)}/{len(COMMANDS)} commands write well-formed CSV")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
