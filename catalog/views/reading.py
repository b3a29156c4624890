"""What the record page computes from rows it already holds, without further queries."""
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..models import Participant
from ..transcript import anchor_notes, layout, word_count


def lay_out_turns(turns, notes):
    """Give each turn its numbered notes and its text laid out in pieces, quotes marked."""
    notes_by_turn = {}
    for note in notes:
        notes_by_turn.setdefault(note.turn_id, []).append(note)
    marker = 0
    person_urls = {}
    for turn in turns:
        anchored = anchor_notes(turn.text, notes_by_turn.get(turn.pk, []))
        anchored.sort(key=lambda a: (a.start is None, a.start or 0))
        for a in anchored:
            marker += 1
            a.note.marker = marker
            a.note.located = a.start is not None
        turn.notes = [a.note for a in anchored]
        turn.paragraphs_laid_out = layout(turn.text, anchored, label=turn.speaker_label)
        turn.speaker_slug = turn.speaker.person.slug if turn.speaker_id else ""
        if turn.speaker_id and turn.speaker_slug not in person_urls:
            person_urls[turn.speaker_slug] = turn.speaker.person.get_absolute_url()
        turn.speaker_url = person_urls.get(turn.speaker_slug, "")
        turn.word_count = word_count(turn.text)


def transcript_html(turns, record, request):
    """The laid-out turns as HTML, rendered by the Jinja2 engine (the page's costliest part)."""
    # the template autoescapes every value, so its output is safe to insert as it is
    return mark_safe(
        render_to_string(
            "catalog/transcript.html", {"turns": turns, "record": record, "request": request}, request, using="jinja2"
        )
    )


@dataclass
class SpeakerShare:
    name: str
    slug: str
    turns: int = 0
    words: int = 0
    percent: int = 0


def conversation_at_a_glance(turns):
    """Turns and words per speaker, in order of first speaking; narrative paragraphs counted apart."""
    rows = {}
    for turn in turns:
        key = turn.speaker_slug
        if key not in rows:
            rows[key] = SpeakerShare(turn.speaker.person.name if turn.speaker_id else "Narrative (no speaker)", key)
        rows[key].turns += 1
        rows[key].words += turn.word_count
    total = sum(r.words for r in rows.values()) or 1
    for row in rows.values():
        row.percent = round(100 * row.words / total)
    return list(rows.values())


ROLE_ORDER = [r.value for r in Participant.Role]
#: how a role heads a list of people
ROLE_HEADINGS = {
    "principal": ("Principal", "Principals"),
    "present": ("Present", "Present"),
    "recorder": ("Recorder", "Recorders"),
    "interpreter": ("Interpreter", "Interpreters"),
    "author": ("Author", "Authors"),
    "addressee": ("Addressee", "Addressees"),
    "mentioned": ("Mentioned", "Mentioned"),
}


def participant_groups(participants):
    """Participants by delegation (in the order the document lists them), then by role."""
    groups = {}
    for p in participants:
        groups.setdefault(p.delegation, {}).setdefault(p.role, []).append(p)
    # people on no side (often those only mentioned) come after the delegations
    ordered = sorted(groups.items(), key=lambda item: item[0] == "")
    return [
        {
            "delegation": delegation,
            "roles": [
                {"heading": ROLE_HEADINGS[role][len(members) > 1], "members": members}
                for role, members in sorted(roles.items(), key=lambda item: ROLE_ORDER.index(item[0]))
            ],
        }
        for delegation, roles in ordered
    ]
