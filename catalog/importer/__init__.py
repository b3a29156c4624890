"""Import record pages in the Digital Archive page-text format.

The path of the data: ``read`` (bytes → numbered lines) → ``parse`` (lines →
``ParsedRecord``: metadata, participants, turns) → ``load`` (one transaction
writing the record, its people and turns).
"""
from .errors import SourceError
from .load import LoadResult, load_record
from .parse import ParsedRecord, parse_page
from .read import read_source

__all__ = ["LoadResult", "ParsedRecord", "SourceError", "load_record", "parse_page", "read_source"]
