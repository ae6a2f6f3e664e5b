#!/usr/bin/env python3
"""Validate part-*.jsonl, merge into realistic.jsonl, print summary counts. Stdlib only."""
import glob, json, os, sys
from collections import Counter, defaultdict
ROOT = os.path.dirname(os.path.abspath(__file__))
KINDS = ['terse_correct', 'thorough_correct', 'termfree_correct', 'one_wrong',
         'fluent_wrong', 'partial', 'code_switched', 'related_other']
FIELDS = ['id', 'item_id', 'question', 'kind', 'lang', 'answer', 'gold', 'rationale', 'split', 'twin']
LANGS = {'en', 'zh-Hans', 'zh-Hant'}
qs = {}
for l in open(os.path.join(ROOT, 'questions.jsonl'), encoding='utf-8'):
    d = json.loads(l); qs[d['id']] = d
errs = []
rows = []
for fn in sorted(glob.glob(os.path.join(ROOT, 'part-*.jsonl'))):
    for n, l in enumerate(open(fn, encoding='utf-8'), 1):
        try:
            r = json.loads(l)
        except Exception as e:
            errs.append(f'{fn}:{n}: bad json {e}'); continue
        r['_where'] = f'{os.path.basename(fn)}:{n}'
        rows.append(r)
ids = Counter(r.get('id') for r in rows)
for i, c in ids.items():
    if c > 1: errs.append(f'duplicate id {i}')
byq = defaultdict(list)
for r in rows:
    w = r['_where']
    if list(k for k in r if k != '_where') != FIELDS:
        errs.append(f'{w}: fields {list(r)}')
    q = qs.get(r.get('item_id'))
    if q is None:
        errs.append(f'{w}: unknown item_id'); continue
    if r['question'] != q['question']: errs.append(f'{w}: question text mismatch')
    if r['kind'] not in KINDS: errs.append(f'{w}: kind {r["kind"]}')
    if r['id'] != f'{r["item_id"]}-{r["kind"]}': errs.append(f'{w}: id format')
    if r['lang'] not in LANGS: errs.append(f'{w}: lang {r["lang"]}')
    if not isinstance(r['answer'], str) or len(r['answer'].strip()) < 5: errs.append(f'{w}: answer empty')
    g = r['gold']
    if not isinstance(g, (int, float)) or not (0 <= g <= 10) or (g * 2) != int(g * 2):
        errs.append(f'{w}: gold {g}')
    if not r['rationale'].strip(): errs.append(f'{w}: rationale empty')
    if r['split'] not in ('dev', 'test'): errs.append(f'{w}: split')
    if r['kind'] == 'one_wrong':
        if r['twin'] != f'{r["item_id"]}-thorough_correct': errs.append(f'{w}: twin')
    elif r['twin'] is not None: errs.append(f'{w}: twin should be null')
    byq[r['item_id']].append(r)
byid = {r['id']: r for r in rows}
for qid, rs in byq.items():
    if sorted(r['kind'] for r in rs) != sorted(KINDS): errs.append(f'{qid}: kinds {sorted(r["kind"] for r in rs)}')
    if len({r['split'] for r in rs}) != 1: errs.append(f'{qid}: mixed splits')
    ow = [r for r in rs if r['kind'] == 'one_wrong']
    for r in ow:
        t = byid.get(r['twin'])
        if t is None: errs.append(f'{qid}: twin missing')
        elif not r['gold'] < t['gold']: errs.append(f'{qid}: one_wrong gold not below twin')
if errs:
    print('ERRORS:'); print('\n'.join(errs)); sys.exit(1)
order = {k: i for i, k in enumerate(KINDS)}
rows.sort(key=lambda r: (r['item_id'], order[r['kind']]))
with open(os.path.join(ROOT, 'realistic.jsonl'), 'w', encoding='utf-8') as f:
    for r in rows:
        r.pop('_where'); f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(f'OK: {len(rows)} answers, {len(byq)} questions -> realistic.jsonl')
def show(title, c):
    print(title + ': ' + ', '.join(f'{k}={v}' for k, v in sorted(c.items())))
show('questions per split', Counter(rs[0]['split'] for rs in byq.values()))
show('questions per source', Counter(q[:3] for q in byq))
show('questions per question-lang', Counter(qs[q]['lang'] for q in byq))
show('answers per lang', Counter(r['lang'] for r in rows))
show('answers per split', Counter(r['split'] for r in rows))
show('answers per source', Counter(r['item_id'][:3] for r in rows))
print('kind x lang:')
kl = Counter((r['kind'], r['lang']) for r in rows)
for k in KINDS:
    print(f'  {k:17s} ' + '  '.join(f'{l}={kl[(k, l)]}' for l in sorted(LANGS)))
print('mean gold per kind (min-max):')
for k in KINDS:
    gs = [r['gold'] for r in rows if r['kind'] == k]
    print(f'  {k:17s} n={len(gs):3d} mean={sum(gs)/len(gs):.2f} range={min(gs)}-{max(gs)}')
gaps = [byid[r['twin']]['gold'] - r['gold'] for r in rows if r['kind'] == 'one_wrong']
print(f'one_wrong vs twin: mean gap={sum(gaps)/len(gaps):.2f}, min gap={min(gaps)}')
