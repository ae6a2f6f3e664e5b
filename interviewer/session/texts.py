"""What the interviewer says, in English and Chinese (traditional by conversion)."""

from __future__ import annotations

import re

from interviewer.corpus.lang import to_traditional

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)[^>]*>", re.I)

TEXTS = {
    "en": {
        "question": "**Question {n}/{total}** · {topic} · {level}\n\n{question}",
        "commands": "_Answer in English or Chinese. Commands: `skip`, `hint`, `repeat`, `end`._",
        "hint": "Hint ({n}): {point}\nThe maximum score for this question is now {max}/10.",
        "no_hint": "No more hints: every key point has been revealed.",
        "capped": "With {n} hint(s) the maximum is {max}/10: your score is {score}/10.",
        "reference": "**Reference answer** ({source}, lines {a}–{b}):\n\n{answer}",
        "skipped": "Skipped (scored 0).",
        "empty": "Please type an answer, or one of: `skip`, `hint`, `repeat`, `end`.",
        "follow_up": "**Follow-up:** {question}",
        "follow_up_score": "Follow-up: {score}/10 on this point.",
        "over": "This session is over. Start a new one to keep practising.",
        "resumed": "Welcome back: resuming this session.",
        "no_more": "No more questions match these settings.",
    },
    "zh": {
        "question": "**第 {n}/{total} 题** · {topic} · {level}\n\n{question}",
        "commands": "_可以用中文或英文作答。命令：`跳过`（skip）、`提示`（hint）、`重复`（repeat）、`结束`（end）。_",
        "hint": "提示（{n}）：{point}\n本题最高分降为 {max}/10。",
        "no_hint": "没有更多提示了：所有要点都已给出。",
        "capped": "用了 {n} 个提示，最高分为 {max}/10：你的得分是 {score}/10。",
        "reference": "**参考答案**（{source} 第 {a}–{b} 行）：\n\n{answer}",
        "skipped": "已跳过（记 0 分）。",
        "empty": "请输入回答，或输入命令：`跳过`、`提示`、`重复`、`结束`。",
        "follow_up": "**追问：**{question}",
        "follow_up_score": "追问：这一点得分 {score}/10。",
        "over": "本次练习已结束。开始新的练习继续吧。",
        "resumed": "欢迎回来：继续上次的练习。",
        "no_more": "没有符合这些设置的题目了。",
    },
}

LEVEL_NAMES = {
    "en": {"easy": "easy", "medium": "medium", "hard": "hard"},
    "zh": {"easy": "简单", "medium": "中等", "hard": "困难"},
}

COMMANDS = {
    "skip": {"skip", "/skip", "跳过", "跳過", "pass"},
    "hint": {"hint", "/hint", "提示"},
    "repeat": {"repeat", "/repeat", "重复", "重複", "again"},
    "end": {"end", "/end", "结束", "結束", "quit", "stop"},
}


def command_of(text: str) -> str | None:
    key = text.strip().strip("。.!！").lower()
    return next((c for c, words in COMMANDS.items() if key in words), None)


def say(lang: str, key: str, **kw) -> str:
    text = TEXTS["en" if lang == "en" else "zh"][key].format(**kw)
    return to_traditional(text) if lang == "zh-Hant" else text


def level_name(lang: str, level: str) -> str:
    text = LEVEL_NAMES["en" if lang == "en" else "zh"][level]
    return to_traditional(text) if lang == "zh-Hant" else text


def _image_link(src: str, alt: str = "") -> str:
    label = f"image: {alt.strip()}" if alt.strip() else "image"
    if src.startswith(("http://", "https://")):
        return f"[{label}]({src})"  # a link the reader may follow, never loaded by itself
    return f"({label} in the note: {src})"


def offline_markdown(text: str) -> str:
    """Note text as shown to the candidate: images become links, so showing a reference
    answer never makes the browser fetch anything from the web."""
    text = _MD_IMAGE.sub(lambda m: _image_link(m.group(2), m.group(1)), text)
    return _HTML_IMAGE.sub(lambda m: _image_link(m.group(1)), text)
