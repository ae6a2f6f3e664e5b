import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
QS = {}
for l in open(os.path.join(ROOT, 'questions.jsonl'), encoding='utf-8'):
    d = json.loads(l); QS[d['id'].split('-', 1)[1]] = d
SPLITS = json.load(open(os.path.join(ROOT, 'splits.json')))['splits']
KINDS = ['terse_correct', 'thorough_correct', 'termfree_correct', 'one_wrong',
         'fluent_wrong', 'partial', 'code_switched', 'related_other']

def emit(part, items):
    out = []
    for short, rows in items:
        q = QS[short]; qid = q['id']
        assert [r[0] for r in rows] == KINDS, (short, [r[0] for r in rows])
        for kind, lang, ans, gold, rat in rows:
            out.append({'id': f'{qid}-{kind}', 'item_id': qid, 'question': q['question'],
                        'kind': kind, 'lang': lang, 'answer': ans.strip(), 'gold': gold,
                        'rationale': rat, 'split': SPLITS[qid],
                        'twin': f'{qid}-thorough_correct' if kind == 'one_wrong' else None})
    with open(os.path.join(ROOT, f'part-{part}.jsonl'), 'w', encoding='utf-8') as f:
        for o in out: f.write(json.dumps(o, ensure_ascii=False) + '\n')
    print(part, len(out))
