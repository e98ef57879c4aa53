"""Seal each audit row onto a hash chain (access.chain), and refuse TRUNCATE on PostgreSQL and
DELETE on SQLite as well (access.triggers). Rows written before this migration keep no seal:
`audit_verify` counts them apart. On SQLite, adding the columns rebuilds the table and so drops its
triggers: `install` puts them back."""

from django.db import migrations, models


def install_triggers(apps, schema_editor):
    from opensend.access.triggers import install

    install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0005_action_registry"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(install_triggers, migrations.RunPython.noop),
    ]
