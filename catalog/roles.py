"""The editorial groups and what each may do.

Migration 0003 creates them; ``create_editor`` re-creates them if they were removed.
"""

EDITORS = "Editors"
EDITORS_IN_CHIEF = "Editors-in-chief"
#: the permission that separates publishing from writing
PUBLISH_PERMISSION = "catalog.publish_annotation"

#: Editors write and submit notes, correct turn text, edit people and topics;
#: they cannot delete records or turns, and cannot publish.
EDITOR_PERMISSIONS = [
    "view_record", "view_recordcredit", "view_footnote", "view_participant",
    "view_repository", "view_language",
    "view_turn", "change_turn",
    "view_annotation", "add_annotation", "change_annotation",
    "view_person", "add_person", "change_person",
    "view_personname", "add_personname", "change_personname", "delete_personname",
    "view_topic", "add_topic", "change_topic",
]
#: Editors-in-chief also publish, unpublish and delete notes.
CHIEF_PERMISSIONS = EDITOR_PERMISSIONS + ["publish_annotation", "delete_annotation"]


def ensure_groups(Group, Permission):
    """Create both groups with their catalogue permissions (the model classes are passed
    in so that a migration can use its historical models)."""
    for name, codenames in ((EDITORS, EDITOR_PERMISSIONS), (EDITORS_IN_CHIEF, CHIEF_PERMISSIONS)):
        permissions = list(Permission.objects.filter(content_type__app_label="catalog", codename__in=codenames))
        missing = set(codenames) - {p.codename for p in permissions}
        if missing:
            raise LookupError(f"Permissions not created yet: {sorted(missing)}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
