"""The glossary finds the concepts a text names, in English and Chinese."""

from interviewer.corpus.glossary import Glossary, default_glossary


def _concepts(text: str) -> list[str]:
    return [concept for _, concept in default_glossary().surfaces(text)]


def test_the_longest_form_wins_in_either_language():
    assert _concepts("Batch normalization helps") == ["batch_norm"]
    assert _concepts("批归一化可以加速训练") == ["batch_norm"]
    assert _concepts("mini-batch gradient descent, then the batch size") == [
        "mini_batch_gradient_descent",
        "batch_size",
    ]


def test_english_forms_are_whole_words_with_their_endings():
    assert _concepts("it normalizes inputs") == ["feature_normalization"]
    assert _concepts("two batches") == ["batch"]
    assert _concepts("batch sizes") == ["batch_size"]
    assert _concepts("rebatch") == []
    assert _concepts("l1") == ["l1_regularization"]
    assert _concepts("l10") == []


def test_separators_and_traditional_chinese_are_folded():
    assert _concepts("mini batch") == _concepts("minibatch") == _concepts("Mini_batch")
    assert _concepts("批標準化") == ["batch_norm"]
    assert _concepts("L1正則化") == ["l1_regularization"]


def test_a_glossary_of_only_one_script_still_matches():
    english = Glossary.from_rows([("dropout", ["dropout"], [""])])
    chinese = Glossary.from_rows([("dropout", [""], ["丢弃法"])])
    assert [c for _, c in english.surfaces("Dropout, 丢弃法")] == ["dropout"]
    assert [c for _, c in chinese.surfaces("Dropout, 丢弃法")] == ["dropout"]
    assert Glossary.from_rows([]).surfaces("dropout") == []


def test_the_same_matches_as_one_alternation_of_every_form():
    """The pattern groups English forms under one word-boundary check; it must find what
    one alternation of all forms, longest first (the old pattern), finds."""
    import re

    from interviewer.corpus.glossary import GLOSSARY_PATH
    from interviewer.resources import default_corpus_dir

    forms = set()
    for line in GLOSSARY_PATH.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            _, en, zh = line.split("\t")
            forms.update(f.strip().lower() for f in [*en.split("|"), *zh.split("|")] if f.strip())
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = r"[\s\-_]*".join(re.escape(p) for p in re.split(r"[\s\-_]+", form))
        if re.match(r"[a-z0-9]", form):
            escaped = rf"(?<![a-z0-9]){escaped}(?:s|es|ed|ing)?(?![a-z0-9])"
        parts.append(escaped)
    glossary = default_glossary()
    old = Glossary(glossary.forms, glossary.canonical, re.compile("|".join(parts)))
    lines = [
        line
        for note in sorted(default_corpus_dir().glob("*.txt"))
        for line in note.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 500
    assert [glossary.surfaces(x) for x in lines] == [old.surfaces(x) for x in lines]
