"""The glossary finds the concepts a text names, in English and Chinese."""

from interviewer.corpus.glossary import Glossary, default_glossary


def _concepts(text: str) -> list[str]:
    return [concept for _, concept in default_glossary().surfaces(text)]


def test_the_longest_form_wins_in_either_language():
    assert _concepts("Batch normalization helps") == ["batch_norm"]
    assert _concepts("批归一化可以加速训练") == ["batch_norm"]
    assert _concepts("mini-batch gradient descent, then the batch size") == [
        "mini_batch_gradient_descent", "batch_size"]


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
