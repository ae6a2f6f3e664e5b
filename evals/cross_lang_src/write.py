#!/usr/bin/env python3
"""Cross-language evaluation set: 30 questions x 4 answers (strong, strong_other_lang,
partial_other_lang, one_wrong_other_lang) with gold scores.  Writes cross_lang.jsonl.
The answers are in answers_*.py (by note), the shared pieces in common.py."""
import json
import os

# each adds its questions to ITEMS, in the order the helper wrote them
import answers_000_001  # noqa: F401, I001
import answers_003_004  # noqa: F401
import answers_002_004  # noqa: F401
from common import HERE, ITEMS, KINDS, questions

OUT = os.path.join(HERE, 'cross_lang.jsonl')
QS = questions()


def main():
    rows = []
    for qid, kinds in ITEMS:
        q = QS[qid]
        so_id = f'{qid}-strong_other_lang'
        for kind in KINDS:
            lang, gold, answer, rationale = kinds[kind]
            rows.append({
                'id': f'{qid}-{kind}',
                'item_id': qid,
                'question': q['question'],
                'kind': kind,
                'lang': lang,
                'answer': answer,
                'gold': gold,
                'rationale': rationale,
                'twin': so_id if kind in ('partial_other_lang', 'one_wrong_other_lang') else None,
            })
    with open(OUT, 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(f'wrote {len(rows)} rows for {len(ITEMS)} questions to {OUT}')


if __name__ == '__main__':
    main()
