"""Every database gets England's local authorities, regions and the DfE (see accounts/data/README.md)."""

from django.db import migrations


def load(apps, schema_editor):
    from opensend.accounts.reference_data import load_reference_data

    load_reference_data(apps.get_model("accounts", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        # Reversing leaves the rows: other records may point at them, and the loader is idempotent.
        migrations.RunPython(load, migrations.RunPython.noop, elidable=False),
    ]
