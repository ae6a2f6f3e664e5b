#!/usr/bin/env python3
"""Expand compact source files src/src-NN.txt into part-NN.jsonl (stdlib only).

Source format (one record per line, blank lines and lines starting with '#' ignored):
  T <topic>                      set current topic
  C <lang> <claim text>          start a new base claim (lang: en|zh|tw)
  R <substring>                  re-open an earlier claim (from any src file) whose text
                                 contains <substring> (must be unique); topic is restored too
  <code> <lang> <statement>      a statement for the current claim
codes: pa tf fw xl cs+ cs- ng rs wq wd pt ro ks ; langs: en zh tw mx
"""
import json, sys, glob, os, re

LANG = {"en": "en", "zh": "zh-Hans", "tw": "zh-Hant", "mx": "mixed"}
KIND = {
    "pa": ("paraphrase", "entailed"),
    "tf": ("termfree", "entailed"),
    "fw": ("formula_words", "entailed"),
    "xl": ("cross_lang", "entailed"),
    "cs+": ("code_switched", "entailed"),
    "cs-": ("code_switched", "contradicted"),
    "ng": ("negation", "contradicted"),
    "rs": ("role_swap", "contradicted"),
    "wq": ("wrong_quantity", "contradicted"),
    "wd": ("wrong_direction", "contradicted"),
    "pt": ("partial", "not_addressed"),
    "ro": ("related_other", "not_addressed"),
    "ks": ("keyword_salad", "not_addressed"),
}

REGISTRY = {}  # claim text -> (lang, topic)

def convert(src):
    out, topic, claim, clang = [], None, None, None
    for n, raw in enumerate(open(src, encoding="utf-8"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        code, _, rest = line.partition(" ")
        if code == "T":
            topic = rest.strip(); continue
        if code == "R":
            sub = rest.strip()
            hits = [c for c in REGISTRY if sub in c]
            if len(hits) != 1:
                sys.exit(f"{src}:{n}: R '{sub}' matched {len(hits)} claims")
            claim = hits[0]; clang, topic = REGISTRY[claim]; continue
        lang, _, text = rest.strip().partition(" ")
        text = text.strip()
        if lang not in LANG or not text:
            sys.exit(f"{src}:{n}: bad lang/text: {line[:60]}")
        if code == "C":
            if lang == "mx":
                sys.exit(f"{src}:{n}: claim cannot be mixed")
            claim, clang = text, LANG[lang]
            REGISTRY.setdefault(claim, (clang, topic)); continue
        if code not in KIND:
            sys.exit(f"{src}:{n}: bad code {code}")
        if claim is None or topic is None:
            sys.exit(f"{src}:{n}: statement before claim/topic")
        kind, label = KIND[code]
        out.append({"claim": claim, "claim_lang": clang, "statement": text,
                    "statement_lang": LANG[lang], "label": label, "kind": kind, "topic": topic})
    return out

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for src in sorted(glob.glob(os.path.join(here, "src", "src-*.txt"))):
        num = re.search(r"src-(\d+)\.txt$", src).group(1)
        rows = convert(src)
        dst = os.path.join(here, f"part-{num}.jsonl")
        with open(dst, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{os.path.basename(dst)}: {len(rows)}")
