"""Apply a blind label audit to a search evaluation set (tests/search/*.yml).

An audit is a JSON list of {"index", "q", "add": [{"loc", "why"}], "remove": [...]},
written by a reviewer who read the site's sections and never saw the engine's results
(tests/search/label-audit/PROMPT.md). Prints counts only, so it can be run on the
set-aside file without reading it.

    python scripts/label_audit.py tests/search/tune.yml tests/search/label-audit/tune-a.json ...
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml


def apply(set_path: Path, audits: list[Path]) -> None:
    text = set_path.read_text(encoding="utf-8")
    cases = yaml.safe_load(text)
    lines = text.splitlines()
    header = lines[: next(i for i, line in enumerate(lines) if line.startswith("- q:"))]
    q_lines = [line for line in lines if line.startswith("- q:")]
    assert len(q_lines) == len(cases)
    added = removed = 0
    for audit in audits:
        for item in json.loads(audit.read_text(encoding="utf-8")):
            case = cases[item["index"]]
            if case["q"] != item["q"]:
                sys.exit(f"{audit}: case {item['index']} is not the question the audit read")
            for change in item.get("remove", []):
                if change["loc"] in case["answers"]:
                    case["answers"].remove(change["loc"])
                    removed += 1
            for change in item.get("add", []):
                if change["loc"] not in case["answers"]:
                    case["answers"].append(change["loc"])
                    added += 1
    out = list(header)
    for q_line, case in zip(q_lines, cases, strict=True):
        if not case["answers"]:
            sys.exit(f"{set_path}: a case would be left without answers")
        out += [q_line, "  answers:", *(f"  - {loc}" for loc in case["answers"])]
        out += [f"  {k}: {json.dumps(v)}" for k, v in case.items() if k not in {"q", "answers"}]
    set_path.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{set_path}: {len(cases)} cases, {added} answers added, {removed} removed")


if __name__ == "__main__":
    apply(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
