#!/usr/bin/env python3
"""Validate training/judge/part-*.jsonl and print counts (stdlib only).

usage: python3 check.py            # validate + print counts
       python3 check.py --readme   # also rewrite the counts block in README.md
"""
import json, glob, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = {"claim", "claim_lang", "statement", "statement_lang", "label", "kind", "topic"}
LABELS = {"entailed", "contradicted", "not_addressed"}
KIND_LABELS = {
    "paraphrase": {"entailed"}, "termfree": {"entailed"}, "formula_words": {"entailed"},
    "cross_lang": {"entailed"}, "code_switched": {"entailed", "contradicted"},
    "negation": {"contradicted"}, "role_swap": {"contradicted"},
    "wrong_quantity": {"contradicted"}, "wrong_direction": {"contradicted"},
    "partial": {"not_addressed"}, "related_other": {"not_addressed"},
    "keyword_salad": {"not_addressed"},
}
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# characters that exist only in one script (small list, heuristic warnings only)
TRAD = set("這們學數會為時個練歸變參過樣與經對將說於還機網絡層權損題應從後總體關點實現計標準確類訓誤資碼圖輸際測試驗擬據頻隨處選擇優級鄰積閾錯義詞語讀寫門態徵萬億達並邊盡")
SIMP = set("这们学数会为时个练归变参过样与经对将说于还机网络层权损题应从后总体关点实现计标准确类训误资码图输际测试验拟据频随处选择优级邻积阈错义词语读写门态征万亿达并边尽")
TRAD -= SIMP; SIMP -= TRAD

def script_of(text):
    t = sum(c in TRAD for c in text); s = sum(c in SIMP for c in text)
    return "hant" if t > s else "hans" if s > t else None

def main():
    rows, errors, warns = [], [], []
    files = sorted(glob.glob(os.path.join(HERE, "part-*.jsonl")))
    for fn in files:
        for n, line in enumerate(open(fn, encoding="utf-8"), 1):
            where = f"{os.path.basename(fn)}:{n}"
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad json {e}"); continue
            if set(r) != FIELDS:
                errors.append(f"{where}: fields {sorted(r)}"); continue
            if any(not isinstance(r[k], str) or not r[k].strip() for k in FIELDS):
                errors.append(f"{where}: empty/non-string field"); continue
            if r["label"] not in LABELS:
                errors.append(f"{where}: label {r['label']}")
            if r["kind"] not in KIND_LABELS:
                errors.append(f"{where}: kind {r['kind']}")
            elif r["label"] not in KIND_LABELS[r["kind"]]:
                errors.append(f"{where}: kind {r['kind']} with label {r['label']}")
            if r["claim_lang"] not in {"en", "zh-Hans", "zh-Hant"}:
                errors.append(f"{where}: claim_lang {r['claim_lang']}")
            if r["statement_lang"] not in {"en", "zh-Hans", "zh-Hant", "mixed"}:
                errors.append(f"{where}: statement_lang {r['statement_lang']}")
            for fld, lang in (("claim", r["claim_lang"]), ("statement", r["statement_lang"])):
                txt = r[fld]
                if lang == "en" and CJK.search(txt):
                    errors.append(f"{where}: {fld} tagged en but has CJK")
                if lang in ("zh-Hans", "zh-Hant", "mixed") and not CJK.search(txt):
                    errors.append(f"{where}: {fld} tagged {lang} but has no CJK")
                if lang == "mixed" and not LATIN_WORD.search(txt):
                    errors.append(f"{where}: {fld} tagged mixed but has no Latin word")
                sc = script_of(txt)
                if lang == "zh-Hans" and sc == "hant" or lang == "zh-Hant" and sc == "hans":
                    warns.append(f"{where}: {fld} tagged {lang} looks like {sc}: {txt[:40]}")
            if r["kind"] == "cross_lang":
                c_en = r["claim_lang"] == "en"; s_en = r["statement_lang"] == "en"
                if c_en == s_en:
                    errors.append(f"{where}: cross_lang but same language family")
            r["_where"] = where
            rows.append(r)
    seen, pair = {}, {}
    for r in rows:
        key = (r["claim"], r["statement"], r["label"])
        if key in seen:
            errors.append(f"{r['_where']}: exact duplicate of {seen[key]}")
        seen.setdefault(key, r["_where"])
        pk = (r["claim"], r["statement"])
        if pk in pair and pair[pk][0] != r["label"]:
            errors.append(f"{r['_where']}: same pair, conflicting label vs {pair[pk][1]}")
        pair.setdefault(pk, (r["label"], r["_where"]))
        if r["claim"].strip() == r["statement"].strip():
            errors.append(f"{r['_where']}: statement identical to claim")

    claims = {}
    for r in rows:
        claims.setdefault(r["claim"], r["claim_lang"])
    out = []
    p = out.append
    p(f"files: {len(files)}  rows: {len(rows)}  base claims: {len(claims)}  topics: {len({r['topic'] for r in rows})}")
    def table(title, counter):
        p(f"\n{title}:")
        tot = sum(counter.values()) or 1
        for k, v in sorted(counter.items(), key=lambda kv: -kv[1]):
            p(f"  {k:<28} {v:>5}  ({100*v/tot:.1f}%)")
    table("label", Counter(r["label"] for r in rows))
    table("kind", Counter(r["kind"] for r in rows))
    table("kind/label", Counter(f"{r['kind']}/{r['label']}" for r in rows))
    table("statement_lang", Counter(r["statement_lang"] for r in rows))
    table("claim_lang (rows)", Counter(r["claim_lang"] for r in rows))
    table("claim_lang (base claims)", Counter(claims.values()))
    report = "\n".join(out)
    print(report)
    for w in warns[:40]:
        print("WARN", w)
    if len(warns) > 40:
        print(f"WARN ... {len(warns)-40} more")
    for e in errors[:60]:
        print("ERROR", e)
    print(f"\n{len(errors)} errors, {len(warns)} warnings")
    if "--readme" in sys.argv:
        path = os.path.join(HERE, "README.md")
        text = open(path, encoding="utf-8").read()
        block = "<!-- counts:start -->\n```\n" + report + "\n```\n<!-- counts:end -->"
        text = re.sub(r"<!-- counts:start -->.*?<!-- counts:end -->", lambda m: block, text, flags=re.S)
        open(path, "w", encoding="utf-8").write(text)
    sys.exit(1 if errors else 0)

if __name__ == "__main__":
    main()
