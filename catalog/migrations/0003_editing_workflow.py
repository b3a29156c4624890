"""Editorial workflow: a version counter against lost edits, an "unpublished" status,
and the two editorial groups with their permissions."""
from django.db import migrations, models

#: codenames each group holds; Editors-in-chief hold the Editors' too
EDITOR_PERMISSIONS = {
    "catalog": [
        "view_record", "view_recordcredit", "view_footnote", "view_participant",
        "view_repository", "view_language",
        "view_turn", "change_turn",
        "view_annotation", "add_annotation", "change_annotation",
        "view_person", "add_person", "change_person",
        "view_personname", "add_personname", "change_personname", "delete_personname",
        "view_topic", "add_topic", "change_topic",
    ],
}
CHIEF_EXTRA_PERMISSIONS = {"catalog": ["publish_annotation", "delete_annotation"]}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; make sure
    # they exist now, on a fresh database too.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(spec):
        found = []
        for app_label, codenames in spec.items():
            rows = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
            missing = set(codenames) - {p.codename for p in rows}
            if missing:
                raise RuntimeError(f"Missing permissions: {sorted(missing)}")
            found += rows
        return found

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*permissions(EDITOR_PERMISSIONS))
    chiefs, _ = Group.objects.get_or_create(name="Editors-in-chief")
    chiefs.permissions.add(*permissions(EDITOR_PERMISSIONS), *permissions(CHIEF_EXTRA_PERMISSIONS))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Editors-in-chief"]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0002_turn_speaker_same_record'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='annotation',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='historicalannotation',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='historicalturn',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='turn',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AlterField(
            model_name='annotation',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('submitted', 'submitted for review'), ('published', 'published'), ('unpublished', 'unpublished')], default='draft', max_length=12),
        ),
        migrations.AlterField(
            model_name='historicalannotation',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('submitted', 'submitted for review'), ('published', 'published'), ('unpublished', 'unpublished')], default='draft', max_length=12),
        ),
        migrations.RunPython(create_groups, remove_groups),
    ]
