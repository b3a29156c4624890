"""History in the admin: every change with who and when, as a readable diff, restorable."""
import difflib

from django.utils.html import escape
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

#: text longer than this is shown as a word diff rather than old → new
LONG_TEXT = 60


def word_diff(old, new):
    """(old, new) as HTML, with removed words in <del> and added words in <ins>."""
    a, b = old.split(" "), new.split(" ")
    old_html, new_html = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        removed, added = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "equal":
            old_html.append(escape(removed))
            new_html.append(escape(added))
            continue
        if removed:
            old_html.append(f"<del>{escape(removed)}</del>")
        if added:
            new_html.append(f"<ins>{escape(added)}</ins>")
    return mark_safe(" ".join(old_html)), mark_safe(" ".join(new_html))


class DiffContextHelper(HistoricalRecordContextHelper):
    """Shows long text changes word by word instead of cutting them short."""

    def stringify_delta_change_values(self, change, old, new):
        if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
            return word_diff(old, new)
        return super().stringify_delta_change_values(change, old, new)


class HistoryAdmin(SimpleHistoryAdmin):
    """An admin whose history page shows diffs and offers to restore any version."""

    object_history_list_template = "admin/catalog/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return DiffContextHelper(self.model, historical_record)
