"""Check an answers file against the bundled rubrics: python3 training/answers/check.py K
(reads training/answers/part-K.jsonl; stdlib + PyYAML)."""
import collections
import glob
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
k = sys.argv[1]
items = {
    r["item"]: r
    for f in sorted(glob.glob(str(HERE.parents[1] / "corpus" / "rubrics" / "*.yaml")))
    for r in yaml.safe_load(open(f, encoding="utf-8"))["rubrics"]
}
KINDS = {"thorough_correct", "terse_correct", "termfree_correct", "code_switched", "one_wrong", "related_other", "spoken", "mixed_partial",
         "fluent_wrong", "partial", "compact_correct", "swap_correct", "swap_wrong"}
LANGS = {"zh-Hans", "zh-Hant", "en", "mixed"}
LABELS = {"entailed", "contradicted", "not_addressed"}
bad = 0
per_item = collections.Counter()
kinds = collections.Counter()
labels = collections.Counter()
seen = set()
for no, line in enumerate(open(HERE / f"part-{k}.jsonl", encoding="utf-8"), 1):
    if not line.strip():
        continue
    try:
        r = json.loads(line)
        assert set(r) >= {"item", "kind", "lang", "answer", "labels"}, f"missing keys {set(r)}"
        assert set(r) <= {"item", "kind", "lang", "answer", "labels", "wrong_span"}, "extra keys"
        assert r["item"] in items, f"unknown item {r['item']}"
        assert r["kind"] in KINDS, f"kind {r['kind']}"
        assert r["lang"] in LANGS, f"lang {r['lang']}"
        assert len(r["answer"].strip()) >= 10, "answer too short"
        ids = {p["id"] for p in items[r["item"]]["points"]}
        assert set(r["labels"]) == ids, f"labels keys {sorted(r['labels'])} != points {sorted(ids)}"
        assert set(r["labels"].values()) <= LABELS, f"label values {set(r['labels'].values())}"
        if "contradicted" in r["labels"].values():
            assert r.get("wrong_span") and r["wrong_span"] in r["answer"], "wrong_span must be an exact substring of the answer"
        key = (r["item"], r["answer"])
        assert key not in seen, "duplicate answer"
        seen.add(key)
        per_item[r["item"]] += 1
        kinds[r["kind"]] += 1
        labels.update(r["labels"].values())
    except (AssertionError, KeyError, ValueError) as e:
        bad += 1
        print(f"line {no}: {e}")
print(f"{sum(per_item.values())} answers ok, {bad} bad; items {len(per_item)}")
print("kinds", dict(kinds))
print("labels", dict(labels))
sys.exit(1 if bad else 0)
