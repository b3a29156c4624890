"""Names as documents write them, and the keys that tell whether two spellings are one person.

"Comrade STALIN", "I.V. Stalin" and "Stalin" share the key ``stalin``;
"ZHOU ENLAI" and "Zhou Enlai" share ``zhou enlai``.
"""
import re
import unicodedata
from functools import lru_cache

#: honorifics and offices that precede a name and are not part of it
TITLES = [
    "comrade", "comrades", "comr.", "comrs.", "comr", "comrs", "cde.", "cdes.", "cde", "cdes",
    "tov.", "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "general", "marshal", "ambassador",
    "chairman", "premier", "president", "secretary", "minister", "prime", "vice", "deputy",
    "foreign", "general-secretary", "secretary-general", "state", "governor", "comandante",
    "envoy", "counsellor", "counselor", "advisor", "adviser", "first", "the", "party", "lord",
    "sir", "chancellor", "senator", "mister", "madame", "madam", "premier's", "king", "prince",
]
_TITLE_SET = set(TITLES)
_INITIAL = re.compile(r"^(?:[A-ZÀ-Ý]\.)+(?:-?[A-ZÀ-Ý]\.)*$", re.IGNORECASE)
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)")


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def clean_name(text):
    """The name without honorifics, brackets and surrounding punctuation, e.g. "Comrade STALIN" → "STALIN"."""
    text = _BRACKETED.sub(" ", text)
    words = [w for w in re.split(r"\s+", text.strip(" .,;:!-–—\t")) if w]
    while words and words[0].lower().rstrip(",") in _TITLE_SET:
        words.pop(0)
    return " ".join(words).strip(" .,;:")


@lru_cache(maxsize=4096)
def name_key(text):
    """A spelling-independent key: no titles, no initials, no accents, lower case."""
    words = clean_name(text).replace("’", "'").split()
    words = [w for w in words if not _INITIAL.match(w)]
    # "N.S.KHRUSHCHEV" written without a space
    words = [re.sub(r"^(?:[A-Za-z]\.)+", "", w) or w for w in words]
    return strip_accents(" ".join(words)).lower().strip(" .,'")


def display_form(text):
    """A readable form of a name written in capitals: "ZHOU ENLAI" → "Zhou Enlai", "PERES de CUELLAR" kept mixed."""
    name = clean_name(text)
    words = name.split()
    if any(is_upper(w) for w in words) and all(is_upper(w) or w in PARTICLES for w in words):
        return " ".join(w if w in PARTICLES else _title_word(w) for w in words)
    return name


#: lower-case particles inside names ("PERES de CUELLAR", "van der Berg")
PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "la", "le", "du", "dos", "bin", "al", "y"}


def is_upper(word):
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def trailing_name(text):
    """The name at the end of a list item, offices before it removed: "Secretary of State Henry A. Kissinger" → "Henry A. Kissinger"."""
    words = clean_name(text).split()
    start = len(words)
    while start > 0 and (words[start - 1][:1].isupper() or words[start - 1] in PARTICLES):
        start -= 1
    words = words[start:]
    while words and words[0].lower() in _TITLE_SET:
        words.pop(0)
    return " ".join(words)


def _title_word(word):
    if _INITIAL.match(word):
        return word.upper()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def slugify_name(text):
    from django.utils.text import slugify

    return slugify(strip_accents(text))[:120] or "person"


def same_person(key_a, key_b):
    """Whether two keys name one person: equal, or one is a single word of the other ("stalin" / "joseph stalin")."""
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    a, b = key_a.split(), key_b.split()
    if len(a) == 1 and len(b) > 1:
        return a[0] in (b[0], b[-1])
    if len(b) == 1 and len(a) > 1:
        return b[0] in (a[0], a[-1])
    return False
