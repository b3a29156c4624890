"""The catalogue's data: records, the people in them, their turns, topics and notes."""
from .annotations import Annotation
from .people import Person, PersonName
from .records import Footnote, Language, Record, RecordCredit, Repository
from .topics import Topic
from .turns import Participant, Turn

__all__ = [
    "Annotation",
    "Footnote",
    "Language",
    "Participant",
    "Person",
    "PersonName",
    "Record",
    "RecordCredit",
    "Repository",
    "Topic",
    "Turn",
]
