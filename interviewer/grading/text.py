"""Answer text before grading: sentences, injected instructions, "don't know", keyword lists.

Everything here is plain text processing (no model), so each guard is cheap, deterministic
and testable on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ANSWER_CHARS = 4000  # longer answers are graded on their first MAX_ANSWER_CHARS characters

# sentence ends, plus the edges of {...} / [...] / <...> blocks (fake JSON, [SYSTEM] tags)
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=[.])(?=\s)|\n+|(?<=\})\s*|\s+(?=[{\[<])")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:\.\d+)?|[\u4e00-\u9fff]")

# Text addressed to the grader rather than answering the question.
_INJECTION = re.compile(
    r"ignore (?:all |any |the |your |previous |prior |above |earlier )*(?:instructions?|rubric|rules|grading|criteria|prompt)"
    r"|disregard (?:the |all |any |previous )*(?:instructions?|rubric|rules|criteria)"
    r"|(?:give|award|assign|grant)s? (?:this|the|my|me)?\s*(?:answer |response )?(?:a )?(?:full|maximum|max|perfect|top|10|ten)\b"
    r"|full (?:marks|score|points)|perfect score|(?:score|grade|rating|mark)s?\s*(?:[:=]|is|of|should be|must be)\s*\"?(?:10|ten)\b"
    r"|\b10\s*/\s*10\b|\b10 out of 10\b"
    r"|(?:as|you are) (?:the|a|an) (?:grader|examiner|evaluator|judge|scorer)"
    r"|(?:grader|examiner|evaluator|judge|scorer|assistant|system)\s*(?:note|instruction|message|override)?\s*[:：]"
    r"|\[\s*(?:system|grader|admin|assistant|instruction)s?\s*\]|<\s*/?\s*(?:system|answer|instructions?|grader)\b"
    # a fake end of the answer ("END OF CANDIDATE ANSWER", "</answer"): a boundary for the grader
    r"|end of (?:the )?(?:candidate'?s? |student'?s? |my )?(?:answer|response|submission)\b(?![ \t]*\w)"
    r"|new instructions?"
    r"|\{\s*\"?(?:score|grade|verdict|points|result)\"?\s*:"
    # 忽略 / 无视 only with what a grader is told to drop: "忽略边界" and "可以忽略" are prose
    r"|(?:忽略|无视|無視|不要理会|不要理會|别管|別管)[^。！？\n]{0,8}?"
    r"(?:指令|指示|提示|规则|規則|要求|评分|評分|标准|標準|说明|說明|rubric|instruction|prompt)"
    r"|(?:无需|無需|不用|不必)[^。！？\n]{0,4}(?:对照|對照|参考|參考|按照)?(?:评分标准|評分標準)"
    r"|满分|滿分|(?:[给給](?:我)?(?:打|出)?|打出?)\s*10\s*分(?![类類布佈位钟鐘之割组組支量析解母子数數别別配段])"
    # "please act as ...": a request to whoever reads the answer, never an answer
    r"|(?:请|請)(?:你)?(?:扮演|充当|充當|假装|假裝|作为|作為)"
    r"|(?:作为|作為|你是)(?:一名|一个|一個)?(?:评分|評分|阅卷|閱卷)|(?:评分|評分|阅卷|閱卷)(?:员|員|老师|老師|系统|系統)\s*[:：]?"
    r"|系统提示|系統提示|(?:给|給|打)[^。！？\n]{0,6}最高分|回答结束|回答結束|答案结束|答案結束",
    re.I,
)

_DONT_KNOW = re.compile(
    r"(?:i\s*(?:do not|don't|dont)\s*(?:really\s*)?know|no idea|not sure|can'?t recall|cannot recall|"
    r"can'?t remember|don'?t remember|do not remember|have(?:n't| not) (?:learned|studied)|no clue|"
    r"never (?:learned|heard)|only heard of|"
    r"不知道|不清楚|不了解|不太了解|不记得|不記得|不太记得|不太記得|记不清|記不清|想不起|说不上来|說不上來|"
    r"说不清|說不清|忘了|忘记了|忘記了|没学过|沒學過|我不会|我不會|不懂|不确定|不確定|只听说过|只聽說過|没仔细想过|沒仔細想過)",
    re.I,
)

_LIST_SPLIT = re.compile(r"[,，、;；/|\n]+|\s+-\s+|\s*\d+[.)]\s+")
_DIGIT = re.compile(r"\d")
_FUNCTION_WORDS = re.compile(
    r"\b(?:is|are|was|were|be|it|this|that|which|because|so|the|a|an|to|of|in|by|when|if|"
    r"makes?|means?|reduces?|prevents?|helps?|uses?|can|will|does|do)\b"
    r"|是|的|了|会|會|可以|因为|因為|所以|通过|通過|使|让|讓|能|把|被|就|在|用|对|對|而|则|則",
    re.I,
)


@dataclass(frozen=True)
class CleanAnswer:
    text: str  # what is graded: injected sentences removed, cut to the length limit
    sentences: list[str]
    injected: list[str]  # sentences removed as addressed to the grader
    too_long: bool


def split_sentences(text: str) -> list[str]:
    # a closing bracket left at a sentence's start (where a removed sentence sat in
    # brackets, or a split) carries nothing
    parts = [p.strip(" \t-*•>").lstrip(")）]】」』 ") for p in _SENTENCE_END.split(text)]
    return [p for p in parts if p and re.search(r"[\w\u4e00-\u9fff]", p)]


def word_count(text: str) -> int:
    """English words plus Chinese characters (one character ~ one word)."""
    return len(_WORDS.findall(text))


def clean_answer(answer: str, max_chars: int = MAX_ANSWER_CHARS) -> CleanAnswer:
    """Cut to the length limit, then drop every sentence that talks to the grader."""
    too_long = len(answer) > max_chars
    text = answer[:max_chars]
    kept: list[str] = []
    injected: list[str] = []
    for sentence in split_sentences(text):
        (injected if _INJECTION.search(sentence) else kept).append(sentence)
    return CleanAnswer(" ".join(kept), kept, injected, too_long)


def says_dont_know(clean: CleanAnswer) -> bool:
    """The answer is essentially "I don't know" (short, and says so)."""
    return bool(_DONT_KNOW.search(clean.text)) and word_count(clean.text) <= 40


# a piece of a keyword list this long (words, or Chinese characters) is a sentence, not a
# term: "不完全可靠，資料不平衡時全部猜多數類準確率也會很高。我會看混淆矩陣、precision、recall、F1
# 跟 ROC-AUC。" was capped as a list (a realistic dev answer, session 22); the longest piece
# of the dev keyword lists (seed_gold) has 6
LIST_SENTENCE_WORDS = 12


def is_keyword_list(text: str) -> bool:
    """Terms without explanation: several short separated pieces and no sentence glue."""
    pieces = [p.strip() for p in _LIST_SPLIT.split(text) if p.strip()]
    if len(pieces) < 3:
        return False
    if sum(bool(_DIGIT.search(p)) for p in pieces) * 2 >= len(pieces):
        return False  # mostly numbers and formulas ("n/2; (2n+1)/3"): a short answer, not terms
    lengths = [word_count(p) for p in pieces]
    if max(lengths) >= LIST_SENTENCE_WORDS:
        return False  # a sentence among the pieces: a terse answer that ends with terms
    short = sum(n <= 6 for n in lengths) / len(pieces)
    glue = len(_FUNCTION_WORDS.findall(text)) / max(1, word_count(text))
    return short >= 0.8 and glue < 0.12
