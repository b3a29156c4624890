"""Writing a parsed record into the catalogue: one transaction per file.

People are matched by name and name variant, so the same person is one ``Person``
across records; a name seen for the first time makes a new ``Person``. With
``update``, the record's turns are replaced and editors' notes follow their turn
where its text is unchanged; the others are kept, detached, and reported.
"""
from collections import Counter
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from ..anchoring import context_for, locate
from ..models import Annotation, Footnote, Language, Participant, Person, PersonName, Record, RecordCredit, Repository, Topic, Turn
from .errors import SourceError
from .names import name_key, same_person, slugify_name
from .reference import LANGUAGES, REPOSITORIES

#: turn numbers are moved out of the way by this much while an update rewrites them
_RENUMBER_OFFSET = 1_000_000


@dataclass
class LoadResult:
    record: Record
    created: bool
    dry_run: bool = False
    kept_notes: int = 0
    detached_notes: list = field(default_factory=list)
    new_people: list = field(default_factory=list)


class _DryRun(Exception):
    """Raised to roll back a dry run's transaction once everything has been checked."""


def load_record(parsed, update=False, dry_run=False, reason=None):
    """Write ``parsed`` to the database, all or nothing. Raises SourceError on refusal."""
    result = None
    try:
        with transaction.atomic():
            result = _Loader(parsed, update, reason).load()
            if dry_run:
                result.dry_run = True
                raise _DryRun
    except _DryRun:
        pass
    except DatabaseError as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise SourceError(f"the database refused the record: {message}", path=parsed.path) from exc
    return result


class _Loader:
    def __init__(self, parsed, update, reason):
        self.parsed = parsed
        self.update = update
        self.reason = reason or f"Imported from {parsed.path or 'page text'}"
        self.people = {}  # name key -> Person, within this document
        self.new_people = []

    def load(self):
        parsed = self.parsed
        existing = Record.objects.filter(record_id=parsed.record_id).first()
        if existing and not self.update:
            raise SourceError(
                f"record {parsed.record_id} is already in the catalogue (use --update to replace it)", path=parsed.path
            )
        record = existing or Record(record_id=parsed.record_id)
        self._fill_record(record)
        record._change_reason = self.reason
        check_lengths(record, parsed.path)
        record.save()
        self._credits(record)
        self._footnotes(record)
        record.languages.set(self._languages())
        if parsed.topic_names:
            record.topics.add(*self._topics())
        participants = self._participants(record)
        result = LoadResult(record=record, created=existing is None, new_people=self.new_people)
        self._turns(record, participants, result)
        return result

    # -- the record itself ---------------------------------------------------

    def _fill_record(self, record):
        parsed = self.parsed
        for name in (
            "title", "date_text", "document_type", "summary", "source_text", "archival_citation", "fond", "opis",
            "delo", "folios", "rights", "original_uploaded", "preamble", "closing", "times_text", "started_at",
            "ended_at", "recorded_by_text",
        ):
            value = getattr(parsed, name)
            setattr(record, name, value if value is not None or name in ("original_uploaded", "started_at", "ended_at") else "")
        record.title = parsed.title[:500]
        record.date = parsed.date
        record.date_precision = parsed.date_precision if parsed.date else "unknown"
        record.repository = self._repository()

    def _repository(self):
        abbreviation = self.parsed.repository
        if not abbreviation:
            return None
        name, place = REPOSITORIES.get(abbreviation, (abbreviation, ""))
        repository, _ = Repository.objects.get_or_create(
            slug=slugify(abbreviation), defaults={"abbreviation": abbreviation, "name": name, "place": place}
        )
        return repository

    def _credits(self, record):
        record.credits.all().delete()
        credits = [
            RecordCredit(record=record, name=c.name, role=c.role, affiliation=c.affiliation, sort_order=i)
            for i, c in enumerate(self.parsed.credits, start=1)
        ]
        for credit in credits:
            check_lengths(credit, self.parsed.path)
        RecordCredit.objects.bulk_create(credits)

    def _footnotes(self, record):
        record.footnotes.all().delete()
        seen = set()
        notes = []
        for order, (marker, text) in enumerate(self.parsed.footnotes, start=1):
            if marker in seen:
                raise SourceError(f"footnote [{marker}] is given twice", path=self.parsed.path)
            seen.add(marker)
            notes.append(check_lengths(Footnote(record=record, marker=marker, text=text, sort_order=order), self.parsed.path))
        Footnote.objects.bulk_create(notes)

    def _languages(self):
        languages = []
        for name in self.parsed.languages:
            code = LANGUAGES.get(name.lower(), slugify(name)[:12] or "und")
            language, _ = Language.objects.get_or_create(code=code, defaults={"name": name.title()[:60]})
            languages.append(language)
        return languages

    def _topics(self):
        topics = []
        for name in self.parsed.topic_names:
            topic = Topic.objects.filter(name__iexact=name).first()
            if topic is None:
                topic = Topic.objects.create(name=name[:200], slug=self._free_slug(Topic, slugify(name)[:100] or "topic"))
            topics.append(topic)
        return topics

    # -- people ------------------------------------------------------------------

    def person_for(self, name, variant=""):
        """The Person this document's ``name`` refers to, made if the catalogue has none."""
        key = name_key(name)
        for known_key, person in self.people.items():
            if same_person(key, known_key):
                return person
        person = self._find_person(name, key) or (self._find_person(variant, name_key(variant)) if variant else None)
        if person is None:
            person = Person.objects.create(name=name[:200], slug=self._free_slug(Person, slugify_name(name)[:110]))
            self.new_people.append(person)
        if person.name.lower() != name.lower() and not person.names.filter(name__iexact=name).exists():
            PersonName.objects.create(person=person, name=name[:200])
        if variant and not person.names.filter(name__iexact=variant).exists() and person.name.lower() != variant.lower():
            PersonName.objects.create(person=person, name=variant[:200])
        self.people[key] = person
        return person

    @staticmethod
    def _find_person(name, key):
        if not name:
            return None
        exact = list(Person.objects.matching_name(name)[:2])
        if len(exact) == 1:
            return exact[0]
        words = key.split()
        if len(words) == 1 and len(words[0]) > 2:
            # a surname alone ("STALIN") matches a person known by a fuller name, if only one fits
            word = words[0]
            candidates = list(
                Person.objects.filter(
                    Q(name__iendswith=f" {word}") | Q(name__istartswith=f"{word} ")
                    | Q(names__name__iendswith=f" {word}") | Q(names__name__iexact=word)
                ).distinct()[:2]
            )
            if len(candidates) == 1:
                return candidates[0]
        return None

    @staticmethod
    def _free_slug(model, slug):
        candidate, n = slug, 2
        while model.objects.filter(slug=candidate).exists():
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def _participants(self, record):
        """Participants keyed by (person id, role); a re-import updates rather than duplicates them."""
        parsed = self.parsed
        # fuller forms first, so that "A. Vyshinskii" and "Vyshinskii" become one person named in full
        order = sorted(parsed.participants, key=lambda p: -len(p.key.split()))
        persons = {id(p): self.person_for(p.name, p.variant) for p in order}
        delegations = self._delegations(parsed.participants, persons)
        existing = {(p.person_id, p.role): p for p in record.participants.all()}
        kept = {}
        for position, item in enumerate(parsed.participants):
            person = persons[id(item)]
            slot = (person.pk, item.role)
            if slot in kept:
                continue
            participant = existing.get(slot) or Participant(record=record, person=person, role=item.role)
            participant.name_as_written = item.written[:200]
            participant.delegation = participant.delegation if participant.pk and participant.delegation else delegations.get(id(item), "")
            participant.sort_order = position
            participant.save()
            kept[slot] = participant
        self._stale_participants = [p for slot, p in existing.items() if slot not in kept]
        return kept

    def _delegations(self, items, persons):
        """A delegation's name: as the list gives it, else as earlier records give it, else its place in the list."""
        names = {}
        groups = sorted({p.group for p in items if p.group})
        for group in groups:
            members = [p for p in items if p.group == group]
            label = next((p.delegation for p in members if p.delegation), "")
            if not label:
                known = Counter(
                    Participant.objects.filter(person__in=[persons[id(p)] for p in members])
                    .exclude(delegation="")
                    .values_list("delegation", flat=True)
                )
                label = known.most_common(1)[0][0] if known else (f"Delegation {group}" if len(groups) > 1 else "")
            for member in members:
                names[id(member)] = label
        for item in items:
            if not item.group:
                known = Counter(
                    Participant.objects.filter(person=persons[id(item)]).exclude(delegation="").values_list("delegation", flat=True)
                )
                names[id(item)] = known.most_common(1)[0][0] if known else ""
        return names

    # -- turns -------------------------------------------------------------------

    def _turns(self, record, participants, result):
        parsed = self.parsed
        speaking = {}
        for (person_pk, role), participant in participants.items():
            if role != "recorder":
                speaking.setdefault(person_pk, participant)
        old_turns = list(record.turns.all())
        if old_turns:
            Turn.objects.filter(record=record).update(number=_number_offset())
        new_turns = []
        for turn in parsed.turns:
            speaker = None
            if turn.kind == "speech":
                person = self.person_for(turn.name)
                speaker = speaking.get(person.pk)
            new_turns.append(
                Turn(record=record, number=turn.number, kind=turn.kind, speaker=speaker,
                     speaker_label=turn.label[:200], text=turn.text)
            )
        new_turns = bulk_create_with_history(new_turns, Turn, default_change_reason=self.reason)
        if not new_turns or new_turns[0].pk is None:
            new_turns = list(record.turns.filter(number__lt=_RENUMBER_OFFSET).order_by("number"))
        if old_turns:
            self._carry_notes(old_turns, new_turns, result)
            Turn.objects.filter(pk__in=[t.pk for t in old_turns]).delete()
        for participant in self._stale_participants:
            if not participant.turns.exists():
                participant.delete()

    @staticmethod
    def _carry_notes(old_turns, new_turns, result):
        """Notes follow a turn whose text is unchanged. Otherwise a span note moves to the turn of the
        same number if its words are still there, and is kept there detached if they are not."""
        by_text = {}
        for turn in new_turns:
            by_text.setdefault(turn.text, []).append(turn)
        by_number = {t.number: t for t in new_turns}
        notes_by_turn = {}
        for note in Annotation.objects.filter(turn__in=old_turns).order_by("pk"):
            notes_by_turn.setdefault(note.turn_id, []).append(note)
        for old in old_turns:
            notes = notes_by_turn.get(old.pk)
            if not notes:
                continue
            candidates = by_text.get(old.text, [])
            target = next((t for t in candidates if t.number == old.number), candidates[0] if candidates else None)
            if target is not None:
                Annotation.objects.filter(pk__in=[note.pk for note in notes]).update(turn=target)
                result.kept_notes += len(notes)
                continue
            fallback = by_number.get(old.number) or (new_turns[-1] if new_turns else None)
            if fallback is None:
                raise SourceError("the new text has no turns left to keep the editors' notes on; nothing was changed")
            for note in notes:
                note.turn = fallback
                span = locate(fallback.text, note.quote, note.prefix, note.suffix, hint=note.start) if note.quote else None
                if span:
                    note.start, note.end = span.start, span.end
                    note.prefix, note.suffix = context_for(fallback.text, span)
                    result.kept_notes += 1
                else:
                    note.detached = True
                    result.detached_notes.append((old.number, note))
                note.save()


def check_lengths(instance, path):
    """Refuse, with the field's name, a value longer than its column (SQLite would not)."""
    for model_field in instance._meta.concrete_fields:
        limit = getattr(model_field, "max_length", None)
        value = getattr(instance, model_field.attname, None)
        if limit and isinstance(value, str) and len(value) > limit:
            raise SourceError(
                f"{instance._meta.verbose_name} {model_field.verbose_name} is {len(value)} characters long "
                f"(at most {limit}): {value[:60]!r}...",
                path=path,
            )
    return instance


def _number_offset():
    from django.db.models import F

    return F("number") + _RENUMBER_OFFSET
