"""Split cross_lang.jsonl by question (fixed seed) and write evals/data/cross_lang.jsonl.

    python3 make_split.py path/to/cross_lang.jsonl   (the file write.py writes)

A third of the 30 questions (10, all four answers of each) is the test split; the rest is
dev, which calibration may read. Chosen before any grading run of the set.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 20261207
OUT = Path(__file__).resolve().parents[1] / "data" / "cross_lang.jsonl"


def main() -> None:
    rows = [json.loads(line) for line in Path(sys.argv[1]).read_text("utf-8").splitlines() if line]
    items = sorted({r["item_id"] for r in rows})
    test = set(random.Random(SEED).sample(items, len(items) // 3))
    with OUT.open("w", encoding="utf-8") as f:
        for r in rows:
            r = {**r, "split": "test" if r["item_id"] in test else "dev"}
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows, {len(items)} questions, {len(test)} in test -> {OUT}")


if __name__ == "__main__":
    main()
