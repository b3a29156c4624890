"""Citing a record: its CSL-JSON, the exact Chicago forms, citeproc styles and export formats.

Everything here reads a ``Record`` loaded with ``Record.objects.for_detail()`` and
returns plain data or text; templates and views decide how to show it.
"""
