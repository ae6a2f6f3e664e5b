"""Note files -> items -> store, one file at a time, reporting what happened to each.

Ingest streams: a note is read, parsed and queued for the store before the next one is
opened, and the store embeds and writes full batches as they fill (`StoreWriter`). So
memory holds one note's items and one batch, whatever the size of the corpus, and an
interrupted ingest resumes: the next run embeds only what is not stored yet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from interviewer.corpus import NoteError, iter_note_files, load_note, parse_note
from interviewer.resources import default_corpus_dir
from interviewer.store import IngestReport, ItemStore, NoteReport


def ingest_paths(
    paths: list[Path],
    store: ItemStore,
    *,
    max_bytes: int,
    on_total: Callable[[int], None] | None = None,
    on_note: Callable[[NoteReport], None] | None = None,
    on_embedded: Callable[[int], None] | None = None,
) -> IngestReport:
    """Sync the store with the notes under `paths` (files or folders).

    `on_total` gets the number of note files found, `on_note` each note's report once the
    note is queued, `on_embedded` the size of each batch written. A note that cannot be
    read is reported and its items already in the store are kept; items of note files
    that were deleted from an ingested folder are removed.
    """
    report = IngestReport()
    found: list[tuple[Path, list[Path]]] = []
    for given in paths:
        try:
            found.append((given, list(iter_note_files(given))))
        except NoteError as exc:
            report.notes.append(NoteReport(path=exc.path, source=given.name, error=exc.reason))
    if on_total:
        on_total(sum(len(files) for _, files in found))

    shipped = default_corpus_dir().resolve()
    with store.writer(on_embedded) as writer:
        for given, files in found:
            root = given if given.is_dir() else given.parent
            keep_ids = root.resolve() == shipped  # its ids are what its rubrics key on
            for file in files:
                # a broken symlink is named as itself, not as the file it points to
                real = file.resolve() if file.exists() else file.absolute()
                note = NoteReport(path=str(real), source=file.relative_to(root).as_posix())
                report.notes.append(note)
                try:
                    result = parse_note(load_note(file, max_bytes), note.source)
                except NoteError as exc:
                    note.error = exc.reason
                else:
                    note.items = len(result.items)
                    note.text = sum(it.answer_kind == "text" for it in result.items)
                    note.image = note.items - note.text
                    note.langs = dict(Counter(it.lang for it in result.items))
                    note.skipped_questions = result.skipped
                    writer.sync_note(note.path, result.items, note, keep_ids=keep_ids)
                if on_note:
                    on_note(note)
            if given.is_dir():
                prefix = str(given.resolve()) + "/"
                for path in sorted(store.paths()):
                    if path.startswith(prefix) and not Path(path).exists():
                        report.removed_files += 1
                        report.removed_items += store.remove_note(path)
    return report
