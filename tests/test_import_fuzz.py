"""The importer under malformed and random text, and interrupted mid-way.

Whatever a file holds, ``import_record`` either imports it correctly or refuses it with
an error naming the file, and a refused or interrupted file leaves no trace.
"""
import io
import json
import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings, strategies as st

from catalog.importer import load as importer_load
from catalog.models import Record

SOURCE = (Path(__file__).parent / "samples" / "111247.txt").read_text(encoding="utf-8")
HISTORICAL = [f"catalog.historical{m}" for m in ("record", "turn", "participant", "person", "topic", "annotation")]
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def import_files(*paths, update=False):
    """(exit status, error text) of one import_record run."""
    args = [str(p) for p in paths] + (["--update"] if update else [])
    try:
        call_command("import_record", *args, stdout=io.StringIO(), stderr=(err := io.StringIO()))
    except CommandError as exc:
        return 1, err.getvalue() + str(exc)
    return 0, err.getvalue()


def catalogue_state():
    out = io.StringIO()
    call_command("dumpdata", "catalog", natural_foreign=True, natural_primary=True, exclude=HISTORICAL, stdout=out)
    return json.loads(out.getvalue())


def with_record_id(text, record_id):
    return re.sub(r"(Record ID\s*\n\s*\n?)\d+", rf"\g<1>{record_id}", text)


@pytest.fixture
def imported(db, tmp_path):
    """Record 111247 already in the catalogue, as an update would find it."""
    path = tmp_path / "111247.txt"
    path.write_text(SOURCE, encoding="utf-8")
    assert import_files(path)[0] == 0
    return path


def assert_refused_cleanly_or_imported(path, update, before):
    status, error = import_files(path, update=update)
    if status:
        assert str(path) in error, error
        assert "Traceback" not in error
        assert catalogue_state() == before, "a refused file left data behind"
    else:
        for record in Record.objects.all():
            numbers = list(record.turns.order_by("number").values_list("number", flat=True))
            assert numbers == list(range(1, len(numbers) + 1))
            assert all(record.turns.values_list("text", flat=True))


lines = SOURCE.splitlines()
line_index = st.integers(min_value=0, max_value=len(lines) - 1)


@st.composite
def mangled_source(draw):
    """The real page with lines dropped, repeated, swapped, cut short or replaced by noise."""
    text = list(lines)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        i, j = sorted((draw(line_index), draw(line_index)))
        operation = draw(st.sampled_from(["drop", "repeat", "swap", "noise", "truncate"]))
        if operation == "drop":
            del text[i : j + 1]
        elif operation == "repeat":
            text[i:i] = text[i : j + 1]
        elif operation == "swap" and j < len(text):
            text[i], text[j] = text[j], text[i]
        elif operation == "noise" and i < len(text):
            text[i] = draw(st.text(max_size=80))
        elif operation == "truncate":
            text = text[: i + 1]
    return "\n".join(text)


@pytest.mark.django_db
@FUZZ
@given(text=st.text(max_size=3000))
def test_random_text_is_refused_cleanly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "random.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = catalogue_state()
    assert_refused_cleanly_or_imported(path, update=False, before=before)


@pytest.mark.django_db
@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_refused_cleanly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "random.bin"
    path.write_bytes(data)
    assert_refused_cleanly_or_imported(path, update=False, before=catalogue_state())


@settings(FUZZ, max_examples=10)
@given(text=mangled_source(), update=st.booleans())
def test_a_mangled_page_is_refused_cleanly_or_imported_whole(imported, tmp_path_factory, text, update):
    path = tmp_path_factory.mktemp("fuzz") / "mangled.txt"
    path.write_text(text, encoding="utf-8")
    assert_refused_cleanly_or_imported(path, update=update, before=catalogue_state())


# --- Interrupted imports ---------------------------------------------------------------


def test_an_import_interrupted_mid_file_leaves_each_record_wholly_old_or_wholly_new(imported, tmp_path):
    """Three files; the process dies while writing the second one's turns."""
    first, second, third = (tmp_path / f"{n}.txt" for n in ("first", "second", "third"))
    first.write_text(with_record_id(SOURCE, 5001), encoding="utf-8")
    second.write_text(SOURCE.replace("STALIN answers", "STALIN replies"), encoding="utf-8")
    third.write_text(with_record_id(SOURCE, 5003), encoding="utf-8")
    old_111247 = [r for r in catalogue_state() if r["model"] == "catalog.turn"]

    real_turns = importer_load._Loader._turns
    calls = []

    def dies_on_second_file(self, *args, **kwargs):
        calls.append(self.parsed.record_id)
        if len(calls) == 2:
            real_turns(self, *args, **kwargs)  # the turns are written, then the power goes
            raise KeyboardInterrupt
        return real_turns(self, *args, **kwargs)

    with mock.patch.object(importer_load._Loader, "_turns", dies_on_second_file):
        with pytest.raises(KeyboardInterrupt):
            import_files(first, second, third, update=True)

    assert Record.objects.get(record_id=5001).turns.count() == 72, "the file before the failure is wholly new"
    assert [r for r in catalogue_state() if r["model"] == "catalog.turn"
            and r["fields"]["record"] == [111247]] == [t for t in old_111247 if t["fields"]["record"] == [111247]]
    assert not Record.objects.filter(record_id=5003).exists()
