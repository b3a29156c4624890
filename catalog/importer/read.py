"""From a file's bytes to numbered, normalised lines."""
import unicodedata
from dataclasses import dataclass

from ..line_endings import plain_newlines
from .errors import SourceError

#: characters that count as blank besides ordinary white space
_INVISIBLE = "\u00a0\u200b\ufeff\u2007\u202f"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as an editor sees it in the file
    text: str

    @property
    def blank(self):
        return not self.text.strip()


def read_source(path):
    """Read ``path`` as UTF-8 text, or raise SourceError naming the first bad byte's line."""
    try:
        data = open(path, "rb").read()
    except OSError as exc:
        raise SourceError(f"cannot read the file ({exc.strerror})", path=path) from exc
    return decode(data, path)


def decode(data, path=None):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"unreadable bytes: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            line=line,
            path=path,
        ) from exc


def split_lines(text):
    """Numbered lines with line endings unified, trailing space removed and invisible blanks made blank."""
    text = unicodedata.normalize("NFC", plain_newlines(text))
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\x00" in raw:
            raise SourceError("unreadable bytes: the file holds NUL characters", line=number)
        stripped = raw.rstrip()
        if not stripped.strip(_INVISIBLE + " \t"):
            stripped = ""
        lines.append(Line(number, stripped))
    return lines
