"""Optimistic concurrency for records editors change by hand: turns and notes.

Every save bumps the row's ``version``. A form remembers the version it was opened
at; if the row has moved on when it is saved, the save is refused rather than
silently overwriting somebody else's work.
"""
from django.db.models.signals import pre_save


class StaleVersion(Exception):
    """Somebody else saved the row since this copy was opened."""

    def __init__(self, current):
        super().__init__("The row was changed by somebody else.")
        self.current = current


def locked_current(instance):
    """The saved row behind ``instance``, locked until the transaction ends."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def check_version(instance, opened_version):
    """Raise StaleVersion unless the saved row is still at ``opened_version``."""
    current = locked_current(instance)
    if current.version != opened_version:
        raise StaleVersion(current)
    return current


def bump_version(sender, instance, raw=False, **kwargs):
    """Every save of an existing row is a new version (fixture loading keeps theirs)."""
    if not raw and instance.pk is not None and not instance._state.adding:
        instance.version = (instance.version or 0) + 1


def connect():
    from .models import Annotation, Turn

    for model in (Annotation, Turn):
        pre_save.connect(bump_version, sender=model, dispatch_uid=f"bump_version_{model.__name__}")
