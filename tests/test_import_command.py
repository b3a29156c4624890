"""import_record as an editor runs it: all or nothing, refusals, dry runs, updates and bad input."""
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from catalog.models import Annotation, Record, Turn

SAMPLES = Path(__file__).parent / "samples"
SOURCE = SAMPLES / "111247.txt"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_record", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def snapshot():
    out = io.StringIO()
    call_command("dumpdata", "catalog", natural_foreign=True, natural_primary=True, stdout=out,
                 exclude=[f"catalog.historical{m}" for m in ("record", "turn", "participant", "person", "topic", "annotation")])
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_import_prints_a_summary():
    status, out, _ = run(SOURCE)
    assert status == 0
    assert "created 111247" in out and "72 turns (Stalin 35, Zhou Enlai 35, Molotov 2)" in out


@pytest.mark.django_db
def test_second_import_without_update_is_refused_and_changes_nothing():
    run(SOURCE)
    before = snapshot()
    status, _, err = run(SOURCE)
    assert status == 1
    assert "record 111247 is already in the catalogue (use --update to replace it)" in err
    assert snapshot() == before


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    status, out, _ = run(SOURCE, "--dry-run")
    assert status == 0
    assert out.startswith("would create 111247")
    assert Record.objects.count() == 0 and Turn.objects.count() == 0


@pytest.mark.django_db
def test_update_keeps_notes_on_unchanged_turns_and_detaches_the_others(tmp_path):
    run(SOURCE)
    record = Record.objects.get(record_id=111247)
    kept_turn = record.turns.get(number=41)
    changed_turn = record.turns.get(number=2)
    kept = Annotation.objects.create(turn=kept_turn, quote="Wang Zhen", body="Who he was.", status="published")
    followed = Annotation.objects.create(turn=changed_turn, quote="expedient", start=200, end=209,
                                         body="Mao's view.", status="published")
    lost = Annotation.objects.create(turn=changed_turn, quote="Burma [?]", body="Burma then.", status="published")
    corrected = SOURCE.read_text().replace("India and Burma [?]", "India and Burma[?]")
    path = tmp_path / "111247.txt"
    path.write_text(corrected)

    status, out, _ = run(path, "--update")

    assert status == 0
    assert "updated 111247" in out
    assert "kept 2 editors' note(s)" in out
    assert f"could not keep note {lost.uuid} on turn 2" in out
    kept.refresh_from_db()
    lost.refresh_from_db()
    assert kept.turn.number == 41 and kept.turn.record_id == record.pk and not kept.detached
    assert lost.detached and lost.turn.number == 2
    followed.refresh_from_db()
    assert not followed.detached and followed.turn.number == 2
    assert followed.turn.text[followed.start:followed.end] == "expedient"
    assert record.turns.count() == 72
    assert record.turns.get(number=2).text.count("Burma[?]") == 1


@pytest.mark.django_db
def test_update_of_an_unchanged_page_changes_no_turn_text():
    run(SOURCE)
    before = list(Turn.objects.order_by("number").values_list("number", "text", "speaker_label"))
    status, _, _ = run(SOURCE, "--update")
    assert status == 0
    assert list(Turn.objects.order_by("number").values_list("number", "text", "speaker_label")) == before


def bad(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


BAD_INPUT = {
    "no_record_id": (SOURCE.read_text().rsplit("Record ID", 1)[0], "no Record ID"),
    "empty_record_id": (SOURCE.read_text().rsplit("111247", 1)[0], "no Record ID"),
    "bad_record_id": (SOURCE.read_text().rsplit("111247", 1)[0] + "abc", "bad Record ID 'abc'"),
    "no_title": ("\n\nDocument Information\n\nRecord ID\n\n5\n", "no title"),
    "empty_body": ("September 19, 1952\n\nA title\n\n###\n\nSummary.\n\nDocument Information\n\nRecord ID\n\n5\n", "empty body"),
    "empty_file": ("", "the file is empty"),
    "unreadable_bytes": (b"September 19, 1952\n\nTitle \xff\xfe here\n", "unreadable bytes"),
    "overlong_type": (SOURCE.read_text().replace("Type\n\nMinutes of Conversation", "Type\n\n" + "Minutes " * 40),
                      "record document type is 319 characters long (at most 120)"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_exits_non_zero_with_one_clear_line_and_writes_nothing(tmp_path, case):
    content, message = BAD_INPUT[case]
    path = bad(tmp_path, f"{case}.txt", content)
    status, out, err = run(path)
    assert status == 1
    first_line = err.splitlines()[0]
    assert first_line.startswith(f"error: {path}")
    assert message in first_line
    assert Record.objects.count() == 0 and Turn.objects.count() == 0


@pytest.mark.django_db
def test_bad_input_names_the_line(tmp_path):
    path = bad(tmp_path, "bytes.txt", b"September 19, 1952\n\nTitle\n\nbad \xff here\n")
    _, _, err = run(path)
    assert ", line 5: unreadable bytes" in err


@pytest.mark.django_db
def test_a_bad_file_does_not_stop_the_good_ones(tmp_path):
    broken = bad(tmp_path, "broken.txt", "")
    status, out, err = run(broken, SOURCE)
    assert status == 1
    assert "created 111247" in out
    assert "1 of 2 file(s) not imported" in err
    assert Record.objects.filter(record_id=111247).exists()


@pytest.mark.django_db
def test_missing_file_is_a_clear_error(tmp_path):
    status, _, err = run(tmp_path / "nowhere.txt")
    assert status == 1 and "cannot read the file" in err
