"""Note files -> items -> store, file by file, reporting what happened to each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from interviewer.corpus import NoteError, iter_note_files, load_note, parse_note
from interviewer.store import IngestReport, ItemStore, NoteReport


def ingest_paths(
    paths: list[Path],
    store: ItemStore,
    *,
    max_bytes: int,
    on_total: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Sync the store with the notes under `paths` (files or folders).

    A note that cannot be read is reported and its items already in the store are kept;
    items of note files that were deleted from an ingested folder are removed.
    """
    report = IngestReport()
    parsed = []
    for given in paths:
        try:
            files = list(iter_note_files(given))
        except NoteError as exc:
            report.notes.append(NoteReport(path=exc.path, source=given.name, error=exc.reason))
            continue
        root = given if given.is_dir() else given.parent
        for file in files:
            note = NoteReport(path=str(file.resolve()), source=file.relative_to(root).as_posix())
            report.notes.append(note)
            try:
                result = parse_note(load_note(file, max_bytes), note.source)
            except NoteError as exc:
                note.error = exc.reason
                continue
            parsed.append((note, result))
        if given.is_dir():
            prefix = str(given.resolve()) + "/"
            for path in sorted(store.paths()):
                if path.startswith(prefix) and not Path(path).exists():
                    report.removed_files += 1
                    report.removed_items += store.remove_note(path)

    if on_total:
        on_total(sum(len(r.items) for _, r in parsed))
    for note, result in parsed:
        note.items = len(result.items)
        note.text = sum(it.answer_kind == "text" for it in result.items)
        note.image = note.items - note.text
        note.langs = dict(Counter(it.lang for it in result.items))
        note.skipped_questions = result.skipped
        store.sync_note(note.path, result.items, note, on_embedded=on_progress)
        if on_progress and note.unchanged:
            on_progress(note.unchanged)
    return report
