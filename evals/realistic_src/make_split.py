#!/usr/bin/env python3
"""Choose the test split: random.Random(SEED).sample over the chosen question ids (sorted)."""
import json, random
SEED = 20261206
CHOSEN = """865dd166eb 643284109a 741715227e e8067f05c3 0885903237 dd919241b3 2d6ef5d348
26db54cbb2 1b8d9294fc c41c322e3d ed750573e9 5356150c37 f035e433c5 8e3b529fe1 b30b88e059
9e17996db6 28065de898 b6a6231fd7 c286434c2c 46fcc2fbe7 f764db6b7b 9402298524 e676230e09
f4e0ec9251 8a2da878f0 7b1237cc79 2e6794723a 442fd74f67
377555fad6 5ce54d6032 1cdef80640
a785bb5973 b855ea8997 197e68ce54 9183690641""".split()
qs = {}
for l in open('questions.jsonl', encoding='utf-8'):
    d = json.loads(l); qs[d['id'].split('-', 1)[1]] = d
ids = sorted(qs[c]['id'] for c in CHOSEN)
assert len(ids) == len(CHOSEN) == len(set(ids))
n_test = len(ids) // 3
test = set(random.Random(SEED).sample(ids, n_test))
json.dump({'seed': SEED, 'splits': {i: ('test' if i in test else 'dev') for i in ids}},
          open('splits.json', 'w'), indent=1)
for i in ids: print(i, 'test' if i in test else 'dev')
