"""The rebuild's writer takes shortcuts through Whoosh's internals; its index must be Whoosh's own."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from journal.records import Entry
from journal.search import analysis, rebuild, schema, store, writer
from journal.text import fold

BODIES = [
    "슬럼프가 왔다. 슬럼프는 지나간다 #일기",
    "TF Lite로 그냥 넣어서 경량화를 했다, models and more models",
    "팁",
    "",
    "a a a a b — distillation, distilled; 경량화 경량화 경량화",
    "2021-03-19 질문: 왜? #study #경량화",
    # junctions, kana and Hanja, full-width forms, emoji and symbols, words at and inside word starts, weights
    # that add boosts (a term at a start once and inside a word twice)
    "CUDA를 써서 이번에GPU를 3배 빠르게 ＧＰＵ로 日本語を勉強する 任用權者는 休職을 🍕피자 ^^ 산에 등산 산산이",
]


def entries(count: int = 60) -> list[Entry]:
    made = []
    for n in range(count):
        # "edge" is in exactly two full blocks' worth of notes (Whoosh writes 128 postings a block)
        body = BODIES[n % len(BODIES)] + (" 긴 문장" * (n % 7)) + (" edge" if n < 256 else "")
        made.append(
            Entry(
                id=n + 1,
                uuid=f"u{n}",
                notebook="Journal" if n % 3 else "Work",
                day=date(2021, 1 + n % 12, 1 + n % 28),
                created_at=datetime(2021, 1, 1, n % 24, tzinfo=UTC),
                updated_at=datetime(2021, 1, 1, n % 24, tzinfo=UTC),
                body=body,
                starred=n % 4 == 0,
                tags=tuple(t for t in ("일기", "study") if t in body),
                prompt=("p1", "무엇을 만들었나요?", "What did you build?") if n % 5 == 0 else None,
            )
        )
    return made


def build(folder: Path, ours: bool, count: int, made: list[Entry] | None = None):  # type: ignore[no-untyped-def]
    folder.mkdir()
    ix = FileStorage(str(folder), supports_mmap=False).create_index(store.make_schema())
    segment_writer = writer.rebuild_writer_class()(ix) if ours else ix.writer()
    for entry in entries(count) if made is None else made:
        segment_writer.add_document(**schema.document(entry, segment_writer.schema))
    segment_writer.commit(merge=False)
    return ix


def contents(ix) -> dict[str, object]:  # type: ignore[no-untyped-def]
    with ix.searcher() as searcher:
        reader = searcher.reader()
        newness = reader.column_reader("newness")
        terms = {}
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            terms[field, term] = (info.doc_frequency(), info.weight(), info.min_length(), info.max_length())
            terms[field, term] += (info.max_weight(),)
        return {
            "postings": list(reader.iter_postings()),
            "terms": terms,
            "stored": list(reader.iter_docs()),
            "lengths": [reader.doc_field_length(n, "body") for n in range(reader.doc_count_all())],
            "newness": [newness[n] for n in range(reader.doc_count_all())],
            "counts": (
                reader.doc_count_all(),
                reader.field_length("body"),
                # Whoosh's own reader fails on a segment without a word
                reader.max_field_length("body") if reader.field_length("body") else 0,
            ),
            "blocks": {key: blocks(reader, *key) for key in terms},
        }


def blocks(reader, field: str, term: bytes) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """Each posting block's statistics, which decide what a search may skip."""
    matcher = reader.postings(field, term)
    if not hasattr(matcher, "_next_block"):
        return [("inline", *matcher.all_ids())]
    found = []
    while matcher.is_active():
        found.append((matcher._blocklength, matcher._maxid, matcher._maxweight, matcher._minlength, matcher._maxlength))
        matcher._next_block()
    return found


@pytest.mark.parametrize("count", [60, 700])
def test_the_rebuild_writer_writes_the_index_whooshs_writer_writes(tmp_path: Path, count: int) -> None:
    """700 notes: terms of one to six blocks, one of exactly two, blocks of mixed lengths and weights."""
    theirs = contents(build(tmp_path / "whoosh", ours=False, count=count))
    ours = contents(build(tmp_path / "ours", ours=True, count=count))
    assert len(theirs["postings"]) > 500  # type: ignore[arg-type]
    for key in theirs:
        assert ours[key] == theirs[key], key


def test_a_segment_without_words_or_tags_is_written_as_whoosh_writes_it(tmp_path: Path) -> None:
    wordless = [replace(entry, body="— …", tags=(), prompt=None) for entry in entries(5)]
    theirs = contents(build(tmp_path / "whoosh", ours=False, count=0, made=wordless))
    ours = contents(build(tmp_path / "ours", ours=True, count=0, made=wordless))
    assert theirs["counts"] == (5, 0, 0)
    assert ours == theirs


def test_the_rebuild_tokens_are_the_analyzers_and_their_count_is_close() -> None:
    texts = [schema.indexed_text(entry) for entry in entries()] + [
        "",
        "팁",
        "팁 a 꿀팁 b_c ㅋㅋ 한글English섞임2021년",
        "snake_case __x__ 1,000원 — 「인용」 ㄱ ㅏ 가나다라마바사",
        "🙂 이모지 뒤 단어 tip! 끝.",
        "ＣＵＤＡ를 ｶﾀｶﾅ ❤️ 👨‍👩‍👧 C++ x^2 ①번 …",
    ]
    for text in texts:
        tokens = [token.text for token in analysis.ANALYZER(text, mode="index")]
        assert analysis.index_tokens(text)[0] == analysis.analyze(text) == tokens, text
        general = [(t, pos, boost) for t, pos, boost, *_ in analysis.tokens(fold(text))]
        terms, codes = analysis.index_tokens(text)
        assert [(t, code >> 1, analysis.weight(code)) for t, code in zip(terms, codes, strict=True)] == general
        junctions = sum(1 for *_, kind in analysis.tokens(fold(text)) if kind == analysis.JUNCTION)
        assert analysis.token_count(text) == len(tokens) - junctions, text  # an estimate: junctions left out
        with_offsets = [token.text for token in analysis.ANALYZER(text, chars=True, positions=True)]
        assert with_offsets == tokens, text


def test_a_rebuild_in_two_processes_writes_the_index_one_process_writes(journal, home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    made = [journal.entries.add(f"2021-05-{n % 28 + 1:02d}: {BODIES[n % len(BODIES)]} {n}").id for n in range(13)]
    slump = {i for n, i in enumerate(made) if "슬럼프" in BODIES[n % len(BODIES)]}
    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT", 2)
    journal.index.rebuild()
    one = contents(journal.index.open()._index())
    parallel = []
    real = rebuild._rebuild_in_parallel

    def spy(*args):  # type: ignore[no-untyped-def]
        segments = real(*args)
        parallel.append(len(segments))
        return segments

    monkeypatch.setattr(rebuild, "_rebuild_in_parallel", spy)
    monkeypatch.setattr(rebuild, "rebuild_processes", lambda notes: 2)  # a one-core CI machine too
    assert journal.index.rebuild() == len(made)
    assert parallel == [(len(made) + 1) // 2]
    assert contents(journal.index.open()._index()) == one
    assert [p for p in (home / "index").iterdir() if p.stat().st_mode & 0o077] == []
    assert {h.entry.id for h in journal.index.search("슬럼프")} == slump


def test_a_rebuild_whose_workers_cannot_start_is_done_by_one_process(journal, home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Inside the TUI, spawn failed with "bad value(s) in fds_to_keep" and the app crashed."""
    made = [journal.entries.add(f"2021-05-{n % 28 + 1:02d}: {BODIES[n % len(BODIES)]} {n}").id for n in range(9)]
    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT", 2)
    journal.index.rebuild()
    one = contents(journal.index.open()._index())

    def cannot_spawn(ix, ids, load, processes, progress):  # type: ignore[no-untyped-def]
        rebuild.write_segment(ix, load(ids[:2]))  # a segment written before it failed: not kept
        raise ValueError("bad value(s) in fds_to_keep")

    monkeypatch.setattr(rebuild, "_rebuild_in_parallel", cannot_spawn)
    monkeypatch.setattr(rebuild, "rebuild_processes", lambda notes: 2)
    assert journal.index.rebuild() == len(made)
    assert contents(journal.index.open()._index()) == one
    assert len(list((home / "index").glob("*.seg"))) == (len(made) + 1) // 2


TEXTUAL_STDERR = """
import sys
from pathlib import Path

from journal.search import rebuild
from journal.services import Journal


class PrintCapture:  # what Textual puts in place of sys.stderr while an app runs
    def write(self, text):
        return len(text)

    def flush(self):
        pass

    def fileno(self):
        return -1


if __name__ == "__main__":
    rebuild.REBUILD_SEGMENT = 2
    rebuild.rebuild_processes = lambda notes: 2
    real = rebuild._rebuild_in_parallel
    written = []

    def spy(*args):
        segments = real(*args)
        written.append(len(segments))
        return segments

    rebuild._rebuild_in_parallel = spy
    sys.stderr = PrintCapture()
    with Journal(Path(sys.argv[1])) as journal:
        count = journal.index.rebuild()
    print(count, written)
"""


def test_a_rebuild_runs_its_workers_where_stderr_has_no_file_descriptor(journal, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Inside the TUI, starting the workers failed ("bad value(s) in fds_to_keep"): Textual's stand-in
    for stderr has descriptor -1. A process of its own: the resource tracker starts once per process."""
    import subprocess
    import sys

    made = [journal.entries.add(f"{BODIES[n % len(BODIES)]} {n}").id for n in range(7)]
    script = tmp_path / "textual_stderr.py"
    script.write_text(TEXTUAL_STDERR)
    done = subprocess.run([sys.executable, str(script), str(home)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().split(maxsplit=1) == [str(len(made)), str([(len(made) + 1) // 2])]
    assert {h.entry.id for h in journal.index.search("슬럼프")} == {
        made[n] for n in range(7) if "슬럼프" in BODIES[n % len(BODIES)]
    }


@pytest.mark.parametrize("processes", [1, 2])
def test_notes_gone_by_the_time_a_rebuild_loads_them_are_left_out_and_progress_is_shown(
    journal, home: Path, tmp_path: Path, monkeypatch, processes: int
) -> None:  # type: ignore[no-untyped-def]
    """A rebuild lists the ids, then loads the notes (in workers, through connections of their own):
    a note deleted in between by another process is not indexed, and nothing else is lost."""
    from functools import partial

    from journal.repository import entry_rows

    made = [journal.entries.add(f"{BODIES[n % len(BODIES)]} {n}").id for n in range(7)]
    ids = entry_rows.live_ids_newest_first(journal.conn)
    assert sorted(ids) == sorted(made)
    gone = made[3]
    journal.entries.delete(gone)
    load = partial(entry_rows.entries_in_file, journal.db_path)
    assert [e.id for e in load([gone, made[1], 999_999, made[0]])] == [made[1], made[0]]
    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT", 2)
    monkeypatch.setattr(rebuild, "rebuild_processes", lambda notes: processes)
    real, in_parallel = rebuild._rebuild_in_parallel, []
    monkeypatch.setattr(
        rebuild, "_rebuild_in_parallel", lambda *args: in_parallel.append(real(*args)) or in_parallel[-1]
    )
    index = store.SearchIndex(tmp_path / "index")
    seen: list[int] = []
    assert index.rebuild(ids, load, seen.append) == len(made) - 1
    assert len(in_parallel) == (processes > 1)
    assert seen[0] == 0 and seen[-1] == len(made) - 1 and seen == sorted(seen) and len(set(seen)) >= 4, seen
    assert index.ids() == set(made) - {gone}
    index.close()
