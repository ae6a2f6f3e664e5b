"""Prompts are files: `prompts/<task>.yaml` with `system` and `user` Jinja templates.

Rendering uses StrictUndefined, so a variable missing from the call is an error, and a
variable passed but not declared in the file's `variables` list is one too.

A file may `extends: <other prompt>`: the other prompt's system message is its system
message and the other's user message opens its own. Prompts that extend the same one share
a prefix that a local model keeps cached (see prompts/coach_context.yaml).
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from interviewer.llm.client import Message
from interviewer.resources import prompts_dir

_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=False,
    trim_blocks=True,
)


class PromptFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    variables: list[str]
    extends: str | None = None  # a prompt file in the same folder that opens this one
    system: str = ""
    user: str

    @model_validator(mode="after")
    def _one_system(self) -> "PromptFile":
        if bool(self.system.strip()) == bool(self.extends):
            raise ValueError("a prompt file needs exactly one of `system` and `extends`")
        return self


class Prompt:
    def __init__(self, name: str, spec: PromptFile, base: "Prompt | None" = None):
        self.name = name
        self.spec = spec
        self.base = base
        self.variables: list[str] = [*(base.variables if base else []), *spec.variables]
        self._system = _ENV.from_string(spec.system)
        self._user = _ENV.from_string(spec.user)

    def render(self, **variables) -> list[Message]:
        unknown = set(variables) - set(self.variables)
        if unknown:
            raise ValueError(f"prompt {self.name}: unknown variables {sorted(unknown)}")
        missing = set(self.variables) - set(variables)
        if missing:
            raise ValueError(f"prompt {self.name}: missing variables {sorted(missing)}")
        user = self._user.render(**variables).strip()
        if self.base is None:
            return [
                Message(role="system", content=self._system.render(**variables).strip()),
                Message(role="user", content=user),
            ]
        system, head = self.base.render(**{k: variables[k] for k in self.base.variables})
        return [system, Message(role="user", content=f"{head.content}\n\n{user}")]


def load_prompt_file(path: Path) -> Prompt:
    spec = PromptFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    base = load_prompt_file(path.with_name(f"{spec.extends}.yaml")) if spec.extends else None
    return Prompt(path.stem, spec, base)


@lru_cache(maxsize=None)
def load_prompt(name: str) -> Prompt:
    path = prompts_dir() / f"{name}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no prompt file {path}")
    return load_prompt_file(path)


# -- candidate text inside a prompt --------------------------------------------------

_DELIMITER_CHARS = str.maketrans(
    {"<": "‹", ">": "›", "[": "(", "]": ")", "{": "(", "}": ")", "`": "'", "#": "＃"}
)


def neutralise(text: str) -> str:
    """Candidate text with delimiter-like characters replaced by look-alikes, so it cannot
    close the markers around it, open a fake system block, or mimic the JSON reply."""
    text = text.replace("\r", "")
    text = "\n".join(
        line.lstrip("=-*_~ ") if set(line.strip()) <= set("=-*_~") else line
        for line in text.split("\n")
    )
    return text.translate(_DELIMITER_CHARS)


def wrap_answer(answer: str, nonce: str | None = None) -> tuple[str, str, str]:
    """(block, begin marker, end marker): the neutralised answer between markers holding a
    fresh random nonce, which the answer cannot guess."""
    nonce = nonce or secrets.token_hex(6)
    begin, end = f"<<ANSWER {nonce}>>", f"<<END ANSWER {nonce}>>"
    return f"{begin}\n{neutralise(answer)}\n{end}", begin, end
