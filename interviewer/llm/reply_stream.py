"""The model's feedback stream made into what the coach checks: the finished sentences
of what has arrived, without the lines that repeat the prompt's layout (or a "Reply:"
before the first words), up to the end of the first paragraph. Closing a stream here
ends the generation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from interviewer.grading.faithful import echoes_prompt

_SENTENCE = re.compile(r".*?(?:[。！？!?；;]|\.(?=\s))", re.DOTALL)  # a finished sentence


def finished_sentences(text: str) -> tuple[list[str], str]:
    """The finished sentences at the start of `text` (each with the spaces before it) and
    what is left, still being written."""
    done, pos = [], 0
    for match in _SENTENCE.finditer(text):
        done.append(match.group(0))
        pos = match.end()
    return done, text[pos:]


# the prompt's layout copied at the start of a reply ("Reply: ...", a point's letter as
# in the key points' list: "A. Hyperparameters can be ..."): cut off
_REPLY = re.compile(
    r"^\s*(?:(?:reply|feedback|answer|回复|回答|反馈)\s*[:：]|(?-i:[A-F])[.．、:：])\s*",
    re.IGNORECASE,
)
ECHO_CHARS = 24  # a first line this long that repeats nothing of the prompt is let through
ECHO_LINE_CHARS = 160  # a line that repeats it is dropped when it ends before this length


def without_echo(chunks: Iterable[str]) -> Iterator[str]:
    """The chunks without the lines at their start that repeat the prompt's layout (a small
    model sometimes opens with "Verdict: Nothing covered." before its feedback), and
    without a "Reply:" before the first words. A line opening in Latin letters is held
    until it is long enough to tell (the layout's words are English); closing this closes
    `chunks`."""
    held: str | None = ""
    try:
        for chunk in chunks:
            if held is None:
                yield chunk
                continue
            held += chunk
            while True:
                stop = held.find("\n")
                line = held if stop < 0 else held[:stop]
                if echoes_prompt(line) and (stop >= 0 or len(line) < ECHO_LINE_CHARS):
                    if stop < 0:
                        break  # dropped once it ends
                    held = held[stop + 1 :]
                    continue
                start = line.strip()[:1]
                if stop >= 0 or len(line.strip()) >= ECHO_CHARS or (start and not start.isascii()):
                    out, held = _REPLY.sub("", held, count=1), None
                    yield out
                break
        if held:  # a last line: its sentences are checked one by one (check_sentences)
            yield held
    finally:
        if hasattr(chunks, "close"):
            chunks.close()


def first_paragraph(chunks: Iterable[str]) -> Iterator[str]:
    """The chunks up to the first line break after some text: feedback is one paragraph,
    and what a small model writes after it repeats, rambles or echoes the prompt's
    layout. The stream is then closed, which ends the generation."""
    text = ""
    for chunk in chunks:
        text += chunk
        start = len(text) - len(text.lstrip())
        stop = text.find("\n", start)
        if stop < 0:
            yield chunk
            continue
        if stop > len(text) - len(chunk):
            yield chunk[: stop - (len(text) - len(chunk))]
        if hasattr(chunks, "close"):
            chunks.close()
        return
