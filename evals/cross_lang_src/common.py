"""What write.py and check.py share: the questions export the helper read, and the
answers as the helper wrote them (`item` adds one question's four)."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
QFILE = '/work/helper-in/crosslang/questions.jsonl'  # the helper's input, not in the repo

ITEMS = []
KINDS = ['strong', 'strong_other_lang', 'partial_other_lang', 'one_wrong_other_lang']


def questions(path=QFILE):
    """The questions export, by id."""
    qs = {}
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                qs[d['id']] = d
    return qs


def A(lang, gold, answer, rationale):
    return (lang, gold, answer.strip(), rationale)


def item(qid, strong, sol, partial, wrong):
    ITEMS.append((qid, dict(zip(KINDS, (strong, sol, partial, wrong)))))
