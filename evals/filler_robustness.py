"""How much content-free filler moves a grade, on dev answers only.

Each dev answer of seed_gold (partial, strong, misconception) and realistic (terse correct,
partial, one wrong claim) is graded as it is and with one filler sentence before it and one
after it ("Good question — I actually reviewed this topic last week." … "I hope that
answers it; thanks for asking.", or their Chinese). The filler here is not in the judge's
training filler (training/filler/). A grade should not move: seed_gold's padded gate allows
0.5.

    .venv/bin/python evals/filler_robustness.py [--grader claim|rubric] [--model M] [--report R]

`--style topical` pads with sentences about the interview and the topic's importance
instead (as seed_gold's padded answers do); `--net` and `--set NAME=VALUE` grade under
other settings of the claim grader (JudgeConfig), to measure a candidate on dev.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
from calibrate_claims import calibration_store
from tqdm import tqdm

from interviewer.evals import grading as ev
from interviewer.evals.measure import provenance
from interviewer.grading.judge_grader import NET_OF_CONTRADICTION, ClaimGrader, JudgeConfig
from interviewer.grading.rubric_grader import RubricGrader
from interviewer.judge.claims import WINDOW_TOKENS
from interviewer.judge.runtime import DEFAULT_MODEL, ClaimJudge
from interviewer.resources import default_corpus_dir
from interviewer.rubric import RubricBook
from interviewer.settings import offline_environment

FILLER = {
    "zh": ("面试官您好，这道题我之前复习过。", "希望我的回答对您有帮助，谢谢。"),
    "en": (
        "Good question — I actually reviewed this topic last week.",
        "I hope that answers it; thanks for asking.",
    ),
}
TOPICAL = {
    "zh": (
        "这是一个非常好的问题，在机器学习面试中经常出现。",
        "理解这个概念对于每一位从事机器学习的工程师来说都非常重要。",
    ),
    "en": (
        "This is a great question that comes up in many machine learning interviews.",
        "Understanding this concept is really important for every machine learning engineer.",
    ),
}
SETS = [
    ("seed_gold", "evals/data/seed_gold.jsonl", ("partial", "strong", "misconception")),
    ("realistic", "evals/data/realistic.jsonl", ("terse_correct", "partial", "one_wrong")),
]


def padded(answer: str, lang: str, filler: dict = FILLER) -> str:
    before, after = filler["en" if lang == "en" else "zh"]
    glue = " " if lang == "en" else ""
    return glue.join([before, answer, after])


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--grader", choices=["claim", "rubric"], default="claim")
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--store", type=Path, default=Path("/tmp/interviewer-calibrate-store"))
    ap.add_argument("--report", type=Path, help="write the deltas here (JSON)")
    ap.add_argument(
        "--window", type=int, nargs="+", default=[WINDOW_TOKENS], help="window sizes (tokens)"
    )
    ap.add_argument("--style", choices=["smalltalk", "topical"], default="smalltalk")
    ap.add_argument("--net", type=float, default=NET_OF_CONTRADICTION)
    ap.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="a JudgeConfig setting"
    )
    args = ap.parse_args()
    config = JudgeConfig()
    for setting in args.set:
        name, value = setting.split("=", 1)
        kind = {f.name: f.type for f in fields(JudgeConfig)}.get(name)
        if kind not in ("float", "bool"):
            sys.exit(f"--set: {name!r} is not a number or flag of JudgeConfig")
        config = replace(config, **{name: value == "True" if kind == "bool" else float(value)})
    filler = TOPICAL if args.style == "topical" else FILLER
    store = calibration_store(args.store)
    embedder = store.embedder
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    if args.grader == "claim":
        grader = ClaimGrader(
            embedder,
            pool=store.items(),
            judge=ClaimJudge(args.model),
            window_tokens=tuple(args.window),
            judge_config=config,
            net=args.net,
        )
    else:
        grader = RubricGrader(embedder, pool=store.items())
    deltas, moved = [], {}
    for kind, path, kinds in SETS:
        rows = ev.load_rows(ev.DatasetSpec(kind=kind, path=path, split="dev"), Path("."))
        for row in tqdm([r for r in rows if r.kind in kinds], desc=kind, file=sys.stderr):
            target = ev.target_for(row, store.get, book.get)
            plain = grader.grade(*target, row.answer).score
            filled = grader.grade(*target, padded(row.answer, row.lang, filler)).score
            deltas.append(round(filled - plain, 2))
            if abs(deltas[-1]) > 0.5:
                moved[row.id] = deltas[-1]
    d = np.array(deltas)
    result = {
        "answers": len(d),
        "mean_delta": round(float(d.mean()), 3),
        "mean_abs_delta": round(float(np.abs(d).mean()), 3),
        "max_delta": float(d.max()),
        "min_delta": float(d.min()),
        "up_over_0.5": int((d > 0.5).sum()),
        "down_over_0.5": int((d < -0.5).sum()),
        "moved_over_0.5": moved,  # answer id -> its delta
    }
    print(json.dumps(result))
    if args.report:
        report = {
            **provenance("python evals/filler_robustness.py", sys.argv[1:]),
            "grader": grader.name,
            "model": str(args.model) if args.grader == "claim" else None,
            "window_tokens": args.window if args.grader == "claim" else None,
            "style": args.style,
            "net": args.net if args.grader == "claim" else None,
            "settings": dict(s.split("=", 1) for s in args.set),
            **result,
        }
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
