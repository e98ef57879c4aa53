"""factory_boy factories for tests. Real models, real database: nothing of ours is mocked."""

import datetime as dt

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.roles import OrganisationKind, Role
from opensend.children.identifiers import UPN_LETTERS, upn_check_letter
from opensend.children.models import Child, FamilyLink, ProfessionalInvolvement

PASSWORD = "a-long-test-password-42"
# RFC 6238's test secret ("12345678901234567890"), so tests can compute codes.
TOTP_KEY_HEX = "3132333435363738393031323334353637383930"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.LOCAL_AUTHORITY
    name = factory.Sequence(lambda n: f"Organisation {n}")


class LocalAuthorityFactory(OrganisationFactory):
    kind = OrganisationKind.LOCAL_AUTHORITY
    name = factory.Sequence(lambda n: f"Borough {n}")
    # Test LAs carry no DfE codes: the real 153 are loaded by a data migration and own those codes.
    la_code_old = ""
    la_code_new = ""


class SettingFactory(OrganisationFactory):
    kind = OrganisationKind.EDUCATION_SETTING
    name = factory.Sequence(lambda n: f"Oak Tree Primary School {n}")
    urn = factory.Sequence(lambda n: f"{100000 + n}")
    setting_type = "Community school"
    phase = "Primary"
    local_authority = factory.SubFactory(LocalAuthorityFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(LocalAuthorityFactory)
    role = Role.LA_CASEWORKER
    valid_from = dt.date(2020, 1, 1)


def _valid_upn(n: int) -> str:
    body = f"8{n:011d}"[-12:]
    letter = upn_check_letter(body)
    assert letter in UPN_LETTERS
    return letter + body


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = dt.date(2015, 3, 27)
    sex = "F"
    ethnicity = "WBRI"
    upn = factory.Sequence(_valid_upn)
    responsible_la = factory.SubFactory(LocalAuthorityFactory)
    current_setting = None


class FamilyLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyLink

    child = factory.SubFactory(ChildFactory)
    user = factory.SubFactory(UserFactory)
    relationship = "mother"
    has_parental_responsibility = True
    valid_from = dt.date(2015, 3, 27)


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfessionalInvolvement

    child = factory.SubFactory(ChildFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.HEALTH_BODY)
    reason = "Medical advice"
    valid_from = dt.date(2020, 1, 1)
    valid_to = dt.date(2099, 1, 1)


def confirmed_totp(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", key=TOTP_KEY_HEX, confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"
