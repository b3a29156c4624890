"""The life of an editor's note: draft → submitted → published, and unpublished again.

Writing and submitting is every editor's; publishing and unpublishing need
``catalog.publish_annotation``. Each step is a saved change, so history records
who took it and when.
"""
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import Annotation
from .roles import PUBLISH_PERMISSION

Status = Annotation.Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    done: str
    permission: str = "catalog.change_annotation"


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "submit", "Submit for review", (Status.DRAFT, Status.UNPUBLISHED), Status.SUBMITTED,
            "Submitted for review",
        ),
        Transition(
            "return", "Return to draft", (Status.SUBMITTED, Status.UNPUBLISHED), Status.DRAFT,
            "Returned to draft",
        ),
        Transition(
            "publish", "Publish", (Status.DRAFT, Status.SUBMITTED, Status.UNPUBLISHED), Status.PUBLISHED,
            "Published: readers now see it", PUBLISH_PERMISSION,
        ),
        Transition(
            "unpublish", "Unpublish", (Status.PUBLISHED,), Status.UNPUBLISHED,
            "Unpublished: readers no longer see it", PUBLISH_PERMISSION,
        ),
    )
}


class TransitionNotAllowed(ValueError):
    """The note is not in a state this step can start from."""


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def available(note, user):
    """The steps ``user`` may take with ``note`` now, in display order."""
    return [
        t for t in TRANSITIONS.values()
        if note.status in t.sources and user.has_perm(t.permission)
    ]


def check(note, name, user):
    """Raise unless ``user`` may take step ``name`` with ``note`` (PermissionDenied before state errors)."""
    try:
        transition = TRANSITIONS[name]
    except KeyError:
        raise TransitionNotAllowed(f"There is no step called “{name}”.") from None
    if not user.has_perm(transition.permission):
        raise PermissionDenied(f"You may not {transition.label.lower()} notes.")
    if note.status not in transition.sources:
        raise TransitionNotAllowed(
            f"A {note.get_status_display()} note cannot be sent to “{Status(transition.target).label}”."
        )
    return transition


def apply(note, name, user, save=True):
    """Take step ``name`` with ``note`` on behalf of ``user``."""
    transition = check(note, name, user)
    note.status = transition.target
    if transition.target == Status.PUBLISHED:
        note.published = timezone.now()
    if save:
        note._history_user = user
        note.save()
    return note
