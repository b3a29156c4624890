"""Synthetic record pages in the Digital Archive page-text format, for the import benchmark."""
import datetime

from bench.corpus import CorpusWriter

SURNAMES = ["Ivanov", "Petrova", "Liang", "Okafor", "Moreau", "Novak", "Tanaka", "Kowalski", "Haddad", "Silva"]
GIVEN = ["Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Irina", "Jonas"]


def page_text(writer: CorpusWriter, record_id, turns=60):
    """One page: date, title, participants, "Name: text" dialogue, summary and Document Information."""
    rng = writer.rng
    day = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 30))
    people = [f"{g} {s}" for g, s in zip(rng.sample(GIVEN, 3), rng.sample(SURNAMES, 3))]
    lines = [
        "Skip to content", "",
        f"{day:%B} {day.day}, {day.year}", "",
        f"Memorandum of Conversation between {people[0]} and {people[1]}", "",
        "PARTICIPANTS:", *people, "",
    ]
    for number in range(turns):
        speaker = people[number % len(people)]
        lines += [f"{speaker}: {writer.paragraph()}", ""]
    lines += [
        writer.paragraph(), "",
        "Document Information", "", "Source", "",
        f"Archive of Example Records, f. {rng.randint(1, 99)}, op. 1, d. {rng.randint(1, 900)}. Translated by Jane Doe.", "",
        "Rights", "", "Free to reuse for research.", "",
        "Original Uploaded Date", "", "2015-03-04", "",
        "Type", "", "Memorandum of Conversation", "",
        "Language", "", "English", "",
        "Record ID", "", str(record_id), "",
    ]
    return "\n".join(lines)


def write_pages(directory, first_record_id, count, seed=7):
    writer = CorpusWriter(seed=seed)
    paths = []
    for record_id in range(first_record_id, first_record_id + count):
        path = directory / f"{record_id}.txt"
        path.write_text(page_text(writer, record_id), encoding="utf-8")
        paths.append(path)
    return paths
