"""Notes follow their words when a turn's text is corrected, or are detached.

When a turn's text changes, each span note's quote is looked for again (using
its prefix and suffix to tell repeats apart). Found: the note's offsets and
context follow it. Not found: the note is marked ``detached`` and readers no
longer see it against words it was not written for.
"""
from django.db.models.signals import post_save, pre_save

from .anchoring import context_for, locate


def reanchor_notes(turn):
    """Re-locate every span note on ``turn``; returns (followed, detached) counts."""
    followed = detached = 0
    for note in turn.annotations.exclude(quote=""):
        span = locate(turn.text, note.quote, note.prefix, note.suffix, hint=note.start)
        if span is None:
            if note.detached:
                continue
            note.detached, note.start, note.end = True, None, None
            detached += 1
        else:
            prefix, suffix = context_for(turn.text, span)
            unchanged = (note.start, note.end, note.prefix, note.suffix, note.detached) == (
                span.start, span.end, prefix, suffix, False
            )
            if unchanged:
                continue
            note.start, note.end, note.prefix, note.suffix, note.detached = span.start, span.end, prefix, suffix, False
            followed += 1
        note._history_user = getattr(turn, "_history_user", None)
        note.save()
    return followed, detached


def remember_old_text(sender, instance, raw=False, **kwargs):
    instance._text_before_save = None
    if not raw and instance.pk is not None and not instance._state.adding:
        instance._text_before_save = (
            sender._default_manager.filter(pk=instance.pk).values_list("text", flat=True).first()
        )


def reanchor_if_text_changed(sender, instance, created=False, raw=False, **kwargs):
    before = getattr(instance, "_text_before_save", None)
    if not raw and not created and before is not None and before != instance.text:
        instance.reanchor_result = reanchor_notes(instance)


def connect():
    from .models import Turn

    pre_save.connect(remember_old_text, sender=Turn, dispatch_uid="turn_remember_old_text")
    post_save.connect(reanchor_if_text_changed, sender=Turn, dispatch_uid="turn_reanchor_notes")
