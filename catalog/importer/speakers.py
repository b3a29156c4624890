"""Recognising a speaker's label at the start of a paragraph.

Three ways the documents mark a speaker (see VARIANTS.md):
- a name in capitals followed by speech ("STALIN answers ...", "ZHOU ENLAI. text",
  "Comrade STALIN answers", "N.S. KHRUSHCHEV: text", "J. PERES de CUELLAR. text");
- a mixed-case label and a colon ("Chairman Mao: text", "Kissinger:" alone on its line,
  "Prime Minister Pham (hereafter, Pham): text");
- a known participant's name in mixed case followed by a verb of speech ("Stalin asks ...").
Headings, captions, salutations and signatures in capitals are not speakers: a label
must be followed by ordinary (lower-case) text, or be a colon label alone on its line.
"""
import re
from dataclasses import dataclass
from itertools import islice

from .names import PARTICLES, TITLES, clean_name, name_key, same_person

#: capitalised words that open sentences but are not names
ACRONYMS = {
    "UN", "USSR", "USA", "US", "UK", "PRC", "CPC", "CC", "CPSU", "DPRK", "ROK", "PLA", "TASS", "NATO",
    "KGB", "GDR", "FRG", "SED", "WPK", "ZIS", "ZIM", "CCP", "KMT", "DRV", "SRV", "VWP", "NKVD", "MGB",
    "MFA", "I", "A", "AND", "THE", "OF", "TO", "IN", "ON", "FROM", "FOR", "TOP", "SECRET", "COPY",
    "NO", "NOTE", "NOTES", "PS", "P.S.", "RECORD", "MINUTES", "MEMORANDUM", "JOURNAL", "TELEGRAM",
    "CABLE", "LETTER", "REPORT", "CONVERSATION", "STAMP", "SIGNATURE",
}
_HONORIFIC = {t for t in TITLES if t in {
    "comrade", "comrades", "comr.", "comrs.", "comr", "comrs", "cde.", "cdes.", "cde", "cdes", "tov.",
    "mr.", "mrs.", "ms.", "dr.",
}}
#: labels with a colon that introduce metadata, not speech
NOT_SPEAKERS = {
    "present", "source", "note", "notes", "copies", "time", "place", "date", "participants", "subject",
    "recorded by", "translator's note", "translators note", "editor's note", "cc", "to", "from", "re",
    "date and time", "attachment", "enclosure", "distribution", "citation", "summary", "credits",
    "original language", "contents", "author(s)", "author", "interpreter", "interpreters",
    "interpreter and recorder", "interpreted by", "agenda", "p.s.", "ps", "appendix", "annex",
    "addressee", "attendees", "also present", "location", "topic", "topics", "question", "answer",
    "translation", "remark", "remarks", "comment", "comments", "conclusion", "result", "decision",
    "draft", "resolution", "copy", "signed", "sent", "received", "classification", "purpose",
}
SPEECH_VERBS = (
    "says", "said", "asks", "asked", "answers", "answered", "replies", "replied", "notes", "noted",
    "adds", "added", "explains", "explained", "remarks", "remarked", "states", "stated", "emphasizes",
    "emphasized", "emphasises", "emphasised", "agrees", "agreed", "continues", "continued", "responds",
    "responded", "points", "pointed", "declares", "declared", "informs", "informed", "stresses",
    "stressed", "expresses", "expressed", "thanks", "thanked", "raises", "raised", "reports", "reported",
    "suggests", "suggested", "proposes", "proposed", "mentions", "mentioned", "underscores",
    "underscored", "underlines", "underlined", "observes", "observed", "concedes", "conceded",
    "acknowledges", "acknowledged", "repeats", "repeated", "objects", "objected", "interjects",
    "interjected", "inquires", "inquired", "enquires", "recalls", "recalled", "affirms", "affirmed",
    "introduces", "introduced", "talks", "talked", "speaks", "spoke", "shifts", "shifted", "comments",
    "commented", "confirms", "confirmed", "considers", "considered", "believes", "believed", "thinks",
    "thought", "welcomes", "welcomed", "greets", "greeted", "opens", "opened", "begins", "began",
    "concludes", "concluded", "requests", "requested", "insists", "insisted", "assures", "assured",
    "advises", "advised", "returns", "returned", "wonders", "wondered", "used", "uses", "told", "tells",
    "interrupts", "interrupted", "indicates", "indicated", "summarizes", "summarized", "turns", "turned",
)
_SPEECH_VERB_SET = set(SPEECH_VERBS)
_COLON_LABEL = re.compile(
    r"^(?P<label>[^:：\[\]\d]{1,80}?)\s*(?:\((?P<aside>[^)]{1,80})\))?\s*[:：]\s*(?P<rest>.*)$"
)
_ALIAS = re.compile(r"^\s*(?:hereafter|hereinafter|henceforth)[,:]?\s*(?:referred to as\s*)?[\"“]?(?P<alias>[^\"”]+?)[\"”]?\s*$", re.I)


@dataclass(frozen=True)
class Label:
    """A speaker label found at the start of a paragraph."""

    #: the label as written, e.g. "Comrade STALIN" or "Chairman Mao"
    written: str
    #: the name without honorifics, e.g. "STALIN" or "Mao"
    name: str
    #: the label stands alone on its line; the speech follows in the next paragraphs
    alone: bool = False
    #: a short name the document sets up for later labels ("hereafter, Pham")
    alias: str = ""


def is_upper_word(word):
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ]\.-?)+$")
_TRAILING = ",.:;!?"


def uppercase_label(paragraph, known_keys=()):
    """A label in capitals at the start of ``paragraph`` ("Comrade STALIN answers ..."), or None."""
    tokens = list(islice(re.finditer(r"\S+", paragraph), 12))  # a label is in the first few words
    i = 0
    while i < len(tokens) and tokens[i].group().lower().rstrip(",") in _HONORIFIC:
        i += 1
    first_name_token = i
    name_words, label_end = [], None
    while i < len(tokens):
        token = tokens[i]
        if _INITIALS.match(token.group()):  # "N.S." before a surname
            name_words.append(token.group())
            label_end = token.end()
            i += 1
            continue
        core = token.group().split("--")[0].split("—")[0]
        core = core.rstrip(_TRAILING)
        if core and len(core) > 1 and is_upper_word(core):
            name_words.append(core)
            label_end = token.start() + len(core)
            i += 1
            if core != token.group():  # punctuation right after the word ends the name
                break
        elif core in PARTICLES and name_words and i + 1 < len(tokens) and is_upper_word(tokens[i + 1].group()):
            name_words.append(core)
            i += 1
        else:
            break
    surnames = [w for w in name_words if not _INITIALS.match(w) and w not in PARTICLES]
    if not surnames or len(name_words) > 6:
        return None
    if all(w in ACRONYMS for w in surnames):
        return None
    name = paragraph[tokens[first_name_token].start():label_end]
    if len(surnames) == 1 and len(surnames[0]) < 4 and name_key(name) not in known_keys:
        return None  # "PVO", "CC": short capitals are more likely acronyms than names
    rest = paragraph[label_end:]
    # speech follows a label: lower-case text after it, once editorial brackets are set aside
    if not any(c.islower() for c in re.sub(r"\[[^\]]*\]|\([^)]*\)", "", rest)):
        return None
    following = rest.lstrip()
    if rest and not rest[0].isspace() and rest[0] not in _TRAILING + "-–—[(":
        return None
    if following and following[0].isalpha() and following[0].isupper():
        return None
    written = paragraph[:label_end]
    return Label(written=written, name=name)


def colon_label(paragraph):
    """A mixed-case "Name:" label, or None."""
    match = _COLON_LABEL.match(paragraph)
    if not match:
        return None
    label = match.group("label").strip()
    words = label.split()
    if not words or len(words) > 7:
        return None
    if label.lower().strip(" .") in NOT_SPEAKERS or clean_name(label).lower() in NOT_SPEAKERS:
        return None
    for word in words:
        bare = word.strip(".,'’\"“”")
        if not bare:
            continue
        if bare.lower() in PARTICLES:
            continue
        if bare[0].islower():  # capitalised or caseless (Chinese "主席：") words only
            return None
    name = clean_name(label)
    if not name or not any(c.isalpha() for c in name):
        return None
    alias = ""
    aside = match.group("aside") or ""
    alias_match = _ALIAS.match(aside)
    if alias_match:
        alias = alias_match.group("alias").strip()
    rest = match.group("rest").strip()
    written = paragraph[: match.start("rest")].rstrip().rstrip(":：").rstrip()
    return Label(written=written, name=name, alone=not rest, alias=alias)


def reported_speech_label(paragraph, known_keys):
    """A known participant's mixed-case name followed by a verb of speech ("Stalin asks ..."), or None."""
    words = paragraph.split()
    i = 0
    while i < len(words) and words[i].lower().rstrip(",") in TITLES:
        i += 1
    for size in (4, 3, 2, 1):
        name_words = words[i:i + size]
        if len(name_words) < size or i + size >= len(words):
            continue
        if not all(w[:1].isupper() or w.lower() in PARTICLES for w in name_words):
            continue
        candidate = " ".join(name_words)
        if all(is_upper_word(w) for w in name_words):
            continue  # names in capitals are the other style's business
        follower = words[i + size].lower().strip(",.;:")
        key = name_key(candidate)
        if not key or not any(same_person(key, k) for k in known_keys):
            continue
        if follower in _SPEECH_VERB_SET:
            written = " ".join(words[:i + size]).rstrip(",")
            return Label(written=written, name=clean_name(candidate))
    return None


def find_label(paragraph, known_keys=()):
    """The speaker label opening ``paragraph``, trying each style; None for other paragraphs."""
    text = paragraph.strip()
    if not text or text[0] in "[(\"“'…." or text.startswith("..."):
        return None
    heading = re.match(r"^([^:：]{1,40})[:：]", text)
    if heading and (heading.group(1).strip().lower() in NOT_SPEAKERS or clean_name(heading.group(1)).lower() in NOT_SPEAKERS):
        return None  # "DATE AND TIME:", "Note:", "Copies:" introduce metadata, not speech
    return uppercase_label(text, known_keys) or colon_label(text) or reported_speech_label(text, known_keys)
