"""Editorial workflow: a version counter against lost edits, an "unpublished" status,
and the two editorial groups with their permissions."""
import importlib

from django.db import migrations, models

from catalog.roles import EDITORS, EDITORS_IN_CHIEF, ensure_groups


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; make sure
    # they exist now, on a fresh database too.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    ensure_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def restore_sqlite_speaker_triggers(apps, schema_editor):
    """Adding a column on SQLite rebuilds catalog_turn, which drops its triggers (0002)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    same_record = importlib.import_module("catalog.migrations.0002_turn_speaker_same_record")
    for sql in same_record.SQLITE_REVERSE + same_record.SQLITE:
        schema_editor.execute(sql)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, EDITORS_IN_CHIEF]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0002_turn_speaker_same_record'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # Run last when migrating backwards, after the columns are removed again.
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_speaker_triggers),
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
        migrations.RunPython(restore_sqlite_speaker_triggers, migrations.RunPython.noop),
        migrations.RunPython(create_groups, remove_groups),
    ]
