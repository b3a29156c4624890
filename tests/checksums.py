"""Checksums of every record, turn and note, keyed by natural key, so two databases can be compared."""
import hashlib
import json

from django.db import models


def _value(obj, field):
    if field.many_to_many:
        return sorted(str(related.natural_key()) for related in getattr(obj, field.name).all())
    if field.is_relation:
        related = getattr(obj, field.name)
        if related is None:
            return None
        return list(related.natural_key()) if hasattr(related, "natural_key") else str(related.pk)
    if isinstance(field, models.DateTimeField) and getattr(obj, field.attname) is not None:
        # JSON fixtures keep times to the millisecond (Django's JSON encoder); that is the precision compared
        moment = getattr(obj, field.attname)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000).isoformat()
    return field.value_to_string(obj)


def row_checksum(obj):
    fields = [f for f in obj._meta.get_fields() if (f.concrete or f.many_to_many) and not f.auto_created]
    content = {f.name: _value(obj, f) for f in fields if not getattr(f, "primary_key", False)}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def catalogue_checksums():
    """{(model, natural key): sha256 of every field} for every record, turn and note."""
    from catalog.models import Annotation, Record, Turn

    sums = {}
    for model in (Record, Turn, Annotation):
        for obj in model._default_manager.all():
            sums[f"{model._meta.model_name} {obj.natural_key()}"] = row_checksum(obj)
    return sums


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(catalogue_checksums(), sort_keys=True))
