#!/usr/bin/env python3
"""Keeps tool output quoted in the docs true.

Two kinds of generated sections in a Markdown file:

  <!-- corridor-run: route --from XIAN --to BAKU -->      (any shell pipeline after "corridor")
  ```text
  ...exact output...
  ```

  <!-- corridor-route-table -->
  | route | corridor | hours | days | km | path | published |
  |---|---|---:|---:|---:|---|---|
  | XIAN -> BAKU | any | ... | ... | ... | ... | hand-written published figure |

In a route table the columns hours, days, km and path are computed with `corridor route
--format json`; the others are kept as written. `check` exits 1 and prints a diff when the
document and the model disagree; `update` rewrites the document.

usage: doc_blocks.py check|update CORRIDOR_BINARY DOC.md [DOC.md...]
"""
import difflib
import json
import os
import subprocess
import sys

RUN = "<!-- corridor-run:"
TABLE = "<!-- corridor-route-table -->"


def run_tool(binary, args):
    env = dict(os.environ)
    result = subprocess.run(["bash", "-c", f'corridor() {{ "{binary}" "$@"; }}; corridor {args}'],
                            capture_output=True, text=True, env=env)
    if result.returncode not in (0, 2):
        sys.exit(f"doc_blocks: `corridor {args}` failed ({result.returncode}): {result.stderr}")
    return result.stdout


def route_row(binary, cells):
    route, corridor = cells[0].strip(), cells[1].strip()
    origin, destination = [part.strip() for part in route.split("->")]
    args = f"route --from {origin} --to {destination} --format json"
    if corridor != "any":
        args += f" --corridor {corridor}"
    answer = json.loads(run_tool(binary, args))
    if not answer["found"]:
        return cells[:2] + ["no route", "", "", ""] + cells[6:]
    best = answer["routes"][0]
    return cells[:2] + [f'{best["hours"]:.1f}', f'{best["days"]:.2f}', f'{best["distance_km"]:,.0f}',
                        " > ".join(best["nodes"])] + cells[6:]


def regenerate(binary, lines):
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if line.startswith(RUN):
            args = line[len(RUN):].rsplit("-->", 1)[0].strip()
            if i >= len(lines) or not lines[i].startswith("```"):
                sys.exit(f"doc_blocks: a fenced block must follow: {line}")
            out.append(lines[i])
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                i += 1
            out.extend(run_tool(binary, args).splitlines())
            out.append("```")
            i += 1
        elif line.strip() == TABLE:
            out.extend(lines[i:i + 2])  # header and separator
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                cells = lines[i].strip().strip("|").split("|")
                out.append("| " + " | ".join(c.strip() for c in route_row(binary, cells)) + " |")
                i += 1
    return out


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("check", "update"):
        sys.exit(__doc__)
    mode, binary, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
    failed = False
    for doc in docs:
        with open(doc, encoding="utf-8") as f:
            lines = f.read().splitlines()
        fresh = regenerate(binary, lines)
        if fresh == lines:
            continue
        if mode == "update":
            with open(doc, "w", encoding="utf-8") as f:
                f.write("\n".join(fresh) + "\n")
            print(f"updated {doc}")
        else:
            failed = True
            print(f"{doc} disagrees with the model (run `make docs` to regenerate):")
            sys.stdout.writelines(difflib.unified_diff([l + "\n" for l in lines], [l + "\n" for l in fresh],
                                                       doc, "model"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
