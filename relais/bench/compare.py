"""`python -m relais.bench.compare var/bench/results-*.json`: the runs side by side as a Markdown table (median
in ms, SQL queries, ratio to the floor), one column per database and scale, for the README's performance section.
"""

import json
import sys
from pathlib import Path


def table(paths: list[Path]) -> str:
    runs = []
    for path in paths:
        rows = json.loads(path.read_text())
        if rows:
            runs.append((f"{rows[0]['database']} {rows[0]['scale']:g}", {row["name"]: row for row in rows}))
    names = list(dict.fromkeys(name for _, rows in runs for name in rows))
    lines = [
        "| mesure | type | " + " | ".join(f"{label} : ms (requêtes, ×plancher)" for label, _ in runs) + " |",
        "|---|---|" + "---:|" * len(runs),
    ]
    for name in names:
        cells, kind = [], ""
        for _, rows in runs:
            row = rows.get(name)
            if row is None or row["median_ms"] is None:
                cells.append("—")
                continue
            kind = row["kind"]
            ratio = f", ×{row['ratio']:g}" if row["ratio"] is not None else ""
            median = f"{row['median_ms']:_.1f}".replace("_", " ")
            cells.append(f"{median} ({row['queries']}{ratio})")
        lines.append(f"| {name} | {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table([Path(p) for p in sys.argv[1:]]))
