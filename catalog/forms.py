"""Admin forms for what editors write: notes on turns, and corrected turn text."""
from django import forms
from django.core.exceptions import ValidationError

from .anchoring import QuoteAmbiguous, QuoteNotFound, context_for, resolve
from .concurrency import StaleVersion, check_version
from .models import Annotation, Participant, Turn


class VersionedForm(forms.ModelForm):
    """Refuses to save over a row somebody else saved after this form was opened.

    The version the editor opened travels in a hidden field. On a conflict the form
    shows the other editor's version beside this one; the hidden field then moves to
    the current version, so saving again is a deliberate choice, never an accident.
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: fields compared and shown side by side on a conflict
    conflict_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None:
            # Read the saved version, not the instance's: a revert from history
            # starts from an old copy but replaces the current one.
            saved = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list("version", flat=True)
            self.fields["opened_version"].initial = saved.first()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or self.instance._state.adding:
            return cleaned
        opened = cleaned.get("opened_version")
        try:
            current = check_version(self.instance, opened)
        except StaleVersion as stale:
            self.conflict = self._describe_conflict(stale.current, cleaned)
            data = self.data.copy()
            data[self.add_prefix("opened_version")] = stale.current.version
            self.data = data
            who = self.conflict["user"] or "another editor"
            raise ValidationError(
                f"Not saved: {who} saved this {self._meta.model._meta.verbose_name} after you opened it "
                f"(now version {stale.current.version}). Their version is shown below beside yours; "
                "copy what you need, or save again to replace theirs with yours.",
                code="stale",
            )
        self.instance.version = current.version
        return cleaned

    def _describe_conflict(self, current, cleaned):
        last = current.history.select_related("history_user").first()
        differences = []
        for name in self.conflict_fields:
            theirs, yours = getattr(current, name), cleaned.get(name)
            if hasattr(theirs, "all"):
                theirs = ", ".join(str(o) for o in theirs.all())
                yours = ", ".join(str(o) for o in (yours or []))
            if (theirs or "") != (yours or ""):
                differences.append({"label": self.fields[name].label or name, "theirs": theirs, "yours": yours})
        return {
            "version": current.version,
            "user": last.history_user if last else None,
            "date": last.history_date if last else None,
            "differences": differences,
        }


class AnnotationForm(VersionedForm):
    """A note on a whole turn, or on a quoted span located and checked on the server."""

    conflict_fields = ("quote", "kind", "body", "people", "topics", "author_name")

    class Meta:
        model = Annotation
        fields = [
            "turn", "quote", "prefix", "suffix", "start", "end",
            "kind", "body", "people", "topics", "related_records", "author_name",
        ]
        widgets = {
            "quote": forms.Textarea(attrs={"rows": 2}),
            "start": forms.NumberInput(attrs={"min": 0}),
            "end": forms.NumberInput(attrs={"min": 0}),
            "body": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "prefix": "A few characters just before the quote, to tell repeated words apart.",
            "suffix": "A few characters just after the quote.",
            "start": "Filled in when you select words; corrected by the server.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The quote and its context are exact text: a space matters.
        for name in ("quote", "prefix", "suffix"):
            if name in self.fields:
                self.fields[name].strip = False

    def clean(self):
        cleaned = super().clean()
        turn, quote = cleaned.get("turn"), cleaned.get("quote") or ""
        if turn is None:
            return cleaned
        if not quote.strip():
            cleaned.update(quote="", prefix="", suffix="", start=None, end=None)
            return cleaned
        try:
            span = resolve(
                turn.text, quote, cleaned.get("prefix") or "", cleaned.get("suffix") or "", hint=cleaned.get("start")
            )
        except (QuoteNotFound, QuoteAmbiguous) as problem:
            self.add_error("quote", str(problem))
            return cleaned
        prefix, suffix = context_for(turn.text, span)
        cleaned.update(prefix=prefix, suffix=suffix, start=span.start, end=span.end)
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # The quote was checked against the turn just now: it is anchored again.
        if not self.errors:
            self.instance.detached = False


class TurnForm(VersionedForm):
    """Correcting a turn: its words and speaker; notes follow or detach on save."""

    conflict_fields = ("text", "speaker_label")

    class Meta:
        model = Turn
        fields = ["kind", "speaker", "speaker_label", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12, "cols": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "speaker" in self.fields:
            record_id = self.instance.record_id
            self.fields["speaker"].queryset = Participant.objects.filter(record_id=record_id).select_related("person")
