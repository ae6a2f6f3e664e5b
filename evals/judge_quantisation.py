"""The judge in fp32 against int8 dynamic quantisation of its linear layers.

120 (claim, answer) pairs: the first three key points of the first 40 answers of
training/answers/part-1.jsonl, each answer cut to 300 characters. For each way of running
the judge: how often its label is the fp32 model's, the largest probability it moves, how
much a pair's probabilities move with its batch-mates (batches of 32 against one pair at a
time) and the seconds for the 120 pairs in batches of 32.

    .venv/bin/python evals/judge_quantisation.py [--report evals/reports/judge_quantisation.json]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import torch
from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

from interviewer.evals.measure import provenance
from interviewer.judge.model import batch_tensors, load_judge, pair_ids
from interviewer.judge.runtime import DEFAULT_MODEL
from interviewer.resources import default_corpus_dir
from interviewer.rubric import RubricBook
from interviewer.settings import offline_environment

ANSWERS = Path("training/answers/part-1.jsonl")


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--report", type=Path)
    args = ap.parse_args()
    torch.set_num_threads(2)
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    rows = [json.loads(line) for line in ANSWERS.read_text(encoding="utf-8").splitlines()][:40]
    pairs = [(p.claim, r["answer"][:300]) for r in rows for p in book.get(r["item"]).points[:3]]
    judge = load_judge(args.model)
    ids = [pair_ids(judge.tokenizer, *p) for p in pairs]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))

    def run(model, one_at_a_time: bool = False) -> tuple[np.ndarray, float]:
        out = np.zeros((len(ids), 3))
        start = time.perf_counter()
        chunks = (
            [[i] for i in order]
            if one_at_a_time
            else [order[s : s + 32] for s in range(0, len(order), 32)]
        )
        with torch.inference_mode():
            for chunk in chunks:
                x, mask = batch_tensors([ids[i] for i in chunk], judge.tokenizer.pad)
                out[chunk] = model(x, mask).softmax(-1).numpy()
        return out, time.perf_counter() - start

    fp32, seconds = run(judge.model)
    linear = [n for n, m in judge.model.named_modules() if isinstance(m, torch.nn.Linear)]
    ways = {
        "int8, every linear layer (per tensor)": {torch.nn.Linear},
        "int8 per channel, every linear layer": {torch.nn.Linear: per_channel_dynamic_qconfig},
        "int8 per channel, all but the feed-forward output": {
            n: per_channel_dynamic_qconfig for n in linear if not n.endswith(".fo")
        },
    }
    results = {
        "fp32": {
            "agree": 1.0,
            "max_moved": 0.0,
            "batch_moved": round(float(np.abs(fp32 - run(judge.model, True)[0]).max()), 3),
            "seconds": round(seconds, 2),
        }
    }
    for name, spec in ways.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = quantize_dynamic(copy.deepcopy(judge.model), spec, dtype=torch.qint8)
        probs, seconds = run(model)
        results[name] = {
            "agree": round(float((probs.argmax(1) == fp32.argmax(1)).mean()), 3),
            "max_moved": round(float(np.abs(probs - fp32).max()), 3),
            "batch_moved": round(float(np.abs(probs - run(model, True)[0]).max()), 3),
            "seconds": round(seconds, 2),
        }
    print(json.dumps(results, indent=1))
    if args.report:
        report = {
            **provenance("python evals/judge_quantisation.py", sys.argv[1:]),
            "pairs": len(pairs),
            "ways": results,
        }
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
