"""A synthetic catalogue at archive scale, written with bulk_create.

Records of 20 to 400 turns (most short, a few long, as real minutes are), their
participants, people with name variants, nested topics, languages, repositories
and published notes on about one turn in eight. The text draws on a Zipf-shaped
vocabulary, so search meets very common and very rare words as it would in a real
archive, and a few marked words and phrases occur at known rates for the search
benchmark. The same seed always gives the same corpus.
"""
import datetime
import itertools
import multiprocessing
import random

from django.db import transaction

#: (word or phrase, share of turns it is planted in): the search benchmark's queries
PLANTED = {
    "rare": ("plenipotentiary", 0.0002),
    "uncommon": ("armistice", 0.01),
    "common": ("comrade", 0.35),
    "phrase": ("peace treaty", 0.005),
}
#: the full-text indexes: kept current row by row they slow a bulk load several times
#: over, so the writer drops them first and builds each once at the end (as a restore does)
FULL_TEXT_INDEXES = {
    "catalog_turn_search_vector": "CREATE INDEX IF NOT EXISTS catalog_turn_search_vector "
                                  "ON catalog_turn USING GIN (search_vector)",
    "catalog_record_search_document": "CREATE INDEX IF NOT EXISTS catalog_record_search_document "
                                      "ON catalog_record USING GIN (search_document)",
    "catalog_annotation_body_fts": "CREATE INDEX IF NOT EXISTS catalog_annotation_body_fts ON catalog_annotation "
                                   "USING GIN (to_tsvector('english'::regconfig, COALESCE(body, ''::text)))",
}
#: record IDs of the two records whose pages the benchmark reads
RECORD_72_TURNS = 1
RECORD_300_TURNS = 2
FIRST_RECORD_ID = 1

FUNCTION_WORDS = (
    "the of and to in that a is was he said for it with as on this we be they by not at "
    "but from which would are have there will their his also all should question"
).split()
SYLLABLES = "ka lo mi ne ru sa to vi zen dor pal gri hu ost ber an el in ov sk ya chu li mo".split()


def make_vocabulary(rng, size=4000):
    """Function words first (most frequent), then invented words, with Zipf weights 1/rank."""
    invented = set()
    while len(invented) < size:
        invented.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    planted = {w for word, _ in PLANTED.values() for w in word.split()}
    words = FUNCTION_WORDS + sorted(invented - planted)
    cumulative = list(itertools.accumulate(1.0 / rank for rank in range(1, len(words) + 1)))
    return words, cumulative


class CorpusWriter:
    """Writes ``count`` records, in batches, each batch in its own transaction."""

    def __init__(self, seed=1952, batch_records=250, sentences=40000):
        self.seed = seed
        self.rng = random.Random(seed)
        self.words, self.cumulative = make_vocabulary(self.rng)
        self.batch_records = batch_records
        # Drawing every word afresh makes Python, not the database, the limit at 100k
        # records; paragraphs are drawn from a pool of sentences instead, whose words
        # keep the Zipf shape.
        self.sentences = [self.sentence(self.rng.randint(8, 24)) for _ in range(sentences)]

    # -- text ---------------------------------------------------------------

    def sentence(self, length):
        words = self.rng.choices(self.words, cum_weights=self.cumulative, k=length)
        return " ".join(words).capitalize() + "."

    def paragraph(self):
        return " ".join(self.rng.choices(self.sentences, k=self.rng.randint(1, 4)))

    def turn_text(self, label):
        paragraphs = [self.paragraph() for _ in range(self.rng.choice((1, 1, 1, 2, 2, 3)))]
        for word, share in PLANTED.values():
            if self.rng.random() < share:
                paragraphs[-1] += f" The {word} was raised again."
        paragraphs[0] = f"{label} {paragraphs[0][0].lower()}{paragraphs[0][1:]}"
        return "\n\n".join(paragraphs)

    def turn_count(self, record_id):
        if record_id == RECORD_72_TURNS:
            return 72
        if record_id == RECORD_300_TURNS:
            return 300
        return int(self.rng.triangular(20, 400, 40))

    # -- reference data -------------------------------------------------------

    def write_reference_data(self, people=2000, topics=200):
        from catalog.models import Language, Person, PersonName, Repository, Topic

        languages = [Language.objects.get_or_create(code=c, defaults={"name": n})[0]
                     for c, n in (("en", "English"), ("ru", "Russian"), ("zh", "Chinese"), ("de", "German"))]
        repositories = [
            Repository.objects.get_or_create(slug=s, defaults={"abbreviation": a, "name": n})[0]
            for s, a, n in (
                ("aprf", "APRF", "Archive of the President of the Russian Federation"),
                ("rgaspi", "RGASPI", "Russian State Archive of Socio-Political History"),
                ("prc-fma", "PRC FMA", "Archive of the Ministry of Foreign Affairs of the PRC"),
            )
        ]
        existing = set(Topic.objects.values_list("slug", flat=True))
        roots = [Topic(slug=f"bench-topic-{i}", name=f"Subject {i}") for i in range(topics // 10)]
        Topic.objects.bulk_create([t for t in roots if t.slug not in existing])
        roots = list(Topic.objects.filter(slug__in=[t.slug for t in roots]))
        children = [
            Topic(slug=f"bench-topic-{r.pk}-{j}", name=f"{r.name}, aspect {j}", parent=r)
            for r in roots for j in range(9)
        ]
        Topic.objects.bulk_create([t for t in children if t.slug not in existing])
        existing_people = set(Person.objects.values_list("slug", flat=True))
        new_people = [
            Person(slug=f"bench-person-{i}", name=f"{self.sentence(2)[:-1]} {i}", sort_name=f"Person {i:05d}")
            for i in range(people) if f"bench-person-{i}" not in existing_people
        ]
        Person.objects.bulk_create(new_people)
        PersonName.objects.bulk_create(
            [PersonName(person=p, name=f"{p.name} (variant)", romanization="other") for p in new_people],
        )
        self.languages = languages
        self.repositories = repositories
        self.topics = list(Topic.objects.filter(slug__startswith="bench-topic-").order_by("pk"))
        self.people = list(Person.objects.filter(slug__startswith="bench-person-").order_by("pk"))

    # -- records ----------------------------------------------------------------

    def write(self, count, progress=None, workers=1):
        """Adds records until bench records 1 to ``count`` exist, ``workers`` processes at a time.

        Records are written in batches, each in one transaction and from its own seed, so
        a batch is wholly there or not at all, an interrupted run resumes where it
        stopped, and the corpus is the same whatever the number of workers.
        """
        from django.db import connections

        from catalog.models import Record

        global _WRITER
        self.write_reference_data()
        last = FIRST_RECORD_ID + count
        present = set(Record.objects.filter(record_id__lt=last).values_list("record_id", flat=True))
        batches = [(start, min(start + self.batch_records, last))
                   for start in range(FIRST_RECORD_ID, last, self.batch_records)]
        todo = [b for b in batches if b[1] - 1 not in present]
        done = count - sum(stop - start for start, stop in todo)
        if len(todo) > 1:
            self.drop_full_text_indexes()
        if workers > 1 and len(todo) > 1:
            _WRITER = self
            connections.close_all()  # each forked worker opens its own connection
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for written in pool.imap_unordered(_write_batch, todo):
                    done += written
                    if progress:
                        progress(done, count)
        else:
            for start, stop in todo:
                done += self.write_batch(range(start, stop))
                if progress:
                    progress(done, count)
        # also after an interrupted run: the indexes come back whatever was written
        self.create_full_text_indexes()

    @staticmethod
    def drop_full_text_indexes():
        from django.db import connection

        with connection.cursor() as cursor:
            for name in FULL_TEXT_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")

    @staticmethod
    def create_full_text_indexes():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for definition in FULL_TEXT_INDEXES.values():
                cursor.execute(definition)

    @transaction.atomic
    def write_batch(self, record_ids):
        """One batch in one transaction; each record's search document is built once, at the end.

        The search-document triggers would rebuild a record's document for every statement
        that adds its turns or notes, so they are paused (session_replication_role, which
        needs a superuser, as the benchmark's database user is) and the batch's documents
        are built by the same function the triggers call.
        """
        from django.db import connection

        from catalog.models import Annotation, Participant, Record, Turn

        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
        rng = self.rng = random.Random(self.seed * 1_000_003 + record_ids[0])
        records = []
        for record_id in record_ids:
            day = datetime.date(1945, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 46))
            records.append(Record(
                record_id=record_id,
                title=f"Minutes of conversation {record_id}: {self.sentence(6)[:-1]}",
                date=day,
                date_precision="day",
                date_text=day.strftime("%B %d, %Y"),
                document_type=rng.choice(("Minutes of Conversation", "Telegram", "Letter", "Report", "Memorandum")),
                summary=self.paragraph(),
                repository=rng.choice(self.repositories),
                archival_citation=f"f. {rng.randint(1, 99)}, op. 1, d. {rng.randint(1, 900)}, ll. 1-9",
                rights="Reuse for research and education is welcome.",
            ))
        records = Record.objects.bulk_create(records)

        Record.languages.through.objects.bulk_create([
            Record.languages.through(record_id=r.pk, language_id=lang.pk)
            for r in records for lang in rng.sample(self.languages, rng.choice((1, 1, 2)))
        ])
        Record.topics.through.objects.bulk_create([
            Record.topics.through(record_id=r.pk, topic_id=t.pk)
            for r in records for t in rng.sample(self.topics, rng.randint(1, 4))
        ])

        participants = []
        for r in records:
            for order, person in enumerate(rng.sample(self.people, rng.randint(2, 6))):
                participants.append(Participant(
                    record=r, person=person, sort_order=order,
                    role="principal" if order < 2 else "present",
                    name_as_written=person.name.upper(),
                ))
        participants = Participant.objects.bulk_create(participants)
        by_record = {}
        for p in participants:
            by_record.setdefault(p.record_id, []).append(p)

        turns = []
        for r in records:
            speakers = by_record[r.pk][:3]
            for number in range(1, self.turn_count(r.record_id) + 1):
                speaker = speakers[(number - 1) % len(speakers)] if rng.random() < 0.95 else speakers[0]
                label = speaker.name_as_written
                turns.append(Turn(record=r, number=number, speaker=speaker, speaker_label=label,
                                  text=self.turn_text(label)))
        turns = Turn.objects.bulk_create(turns, batch_size=2000)

        notes = []
        for t in turns:
            if rng.random() < 0.125:
                notes.append(Annotation(
                    turn=t, body=f"**Context.** {self.paragraph()}", kind="context", status="published",
                    author_name="Editors",
                ))
        Annotation.objects.bulk_create(notes, batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
            cursor.execute("SELECT catalog_refresh_record_documents(%s::bigint[])", [[r.pk for r in records]])
        return len(records)


#: the writer a forked worker process inherits
_WRITER = None


def _write_batch(bounds):
    return _WRITER.write_batch(range(*bounds))
