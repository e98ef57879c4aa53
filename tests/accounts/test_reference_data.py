import csv
from collections import Counter

import pytest

from opensend.accounts.models import Organisation
from opensend.accounts.reference_data import (
    D2I_LOOKUP_CSV,
    DFE_NAME,
    REGION_CODES,
    load_reference_data,
    local_authority_rows,
)
from opensend.accounts.roles import OrganisationKind

pytestmark = pytest.mark.django_db


def _las():
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).select_related("region")


def _snapshot():
    return sorted(
        Organisation.objects.filter(
            kind__in=[
                OrganisationKind.LOCAL_AUTHORITY,
                OrganisationKind.REGION,
                OrganisationKind.NATIONAL_BODY,
            ]
        ).values_list("pk", "kind", "name", "la_code_old", "la_code_new", "region_id", "code", "updated_at")
    )


def test_migration_loads_all_153_english_local_authorities():
    assert _las().count() == 153
    assert len({la.la_code_old for la in _las()}) == 153
    assert all(la.la_code_new.startswith("E") and len(la.la_code_new) == 9 for la in _las())


def test_kent_has_its_dfe_and_ons_codes_and_is_in_the_south_east():
    kent = _las().get(la_code_old="886")
    assert (kent.name, kent.la_code_new, kent.region.name) == ("Kent", "E10000016", "South East")
    assert kent.region.code == "E12000008"


@pytest.mark.parametrize(
    ("code", "name", "region"),
    [
        ("201", "City of London", "London"),
        ("420", "Isles of Scilly", "South West"),
        ("302", "Barnet", "London"),
    ],
)
def test_smallest_authorities_are_present(code, name, region):
    la = _las().get(la_code_old=code)
    assert (la.name, la.region.name) == (name, region)


def test_every_local_authority_has_one_of_the_nine_regions():
    regions = Organisation.objects.filter(kind=OrganisationKind.REGION)
    assert sorted(regions.values_list("code", flat=True)) == sorted(REGION_CODES.values())
    assert not _las().filter(region__isnull=True).exists()
    assert set(_las().values_list("region__kind", flat=True)) == {OrganisationKind.REGION}
    assert Counter(_las().values_list("region__name", flat=True))["London"] == 33


def test_department_for_education_is_the_one_national_body():
    assert list(
        Organisation.objects.filter(kind=OrganisationKind.NATIONAL_BODY).values_list("name", flat=True)
    ) == [DFE_NAME]


def test_abolished_authorities_in_the_d2i_file_are_not_loaded():
    assert not Organisation.objects.filter(la_code_old__in=["909", "928", "836"]).exists()


def test_current_ons_codes_are_taken_from_d2i_where_the_dfe_file_is_out_of_date():
    assert _las().get(la_code_old="825").la_code_new == "E06000060"  # Buckinghamshire, unitary since 2020
    assert _las().get(la_code_old="815").la_code_new == "E06000065"  # North Yorkshire, unitary since 2023


def test_region_codes_agree_with_most_rows_of_the_d2i_lookup():
    with D2I_LOOKUP_CSV.open(encoding="utf-8-sig") as handle:
        votes = Counter((row["region_name"].lower(), row["rgn22cd"]) for row in csv.DictReader(handle))
    for name, code in REGION_CODES.items():
        best = max((n for (region, _), n in votes.items() if region == name.lower()), default=0)
        assert votes[(name.lower(), code)] == best


def test_running_the_loader_again_changes_nothing():
    before = _snapshot()
    result = load_reference_data()
    assert not result.changed
    assert load_reference_data().created == 0
    assert _snapshot() == before


def test_loader_repairs_a_changed_or_missing_authority():
    kent = _las().get(la_code_old="886")
    kent.name = "Kent County Council (renamed)"
    kent.save()
    Organisation.objects.filter(la_code_old="420").delete()

    result = load_reference_data()

    assert (result.created, result.updated) == (1, 1)
    assert _las().get(la_code_old="886").name == "Kent"
    assert _las().get(la_code_old="420").region.name == "South West"
    assert _las().count() == len(local_authority_rows()) == 153
