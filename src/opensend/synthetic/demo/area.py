"""A demo area in Barnet: settings, services, 50 synthetic children, their families and staff sign-ins.

Everything is made up (Faker en_GB, fixed seed). NHS numbers are in the 999 range that the NHS keeps
for testing, and email addresses are at example.org or opensend.test, which never deliver.
Records are written straight through the ORM (in bulk), not through services: seeding is not an
action by a person, so it is not audited, but each child gets a "Record created" timeline entry.
"""

import dataclasses
import datetime as dt
import random
import re
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.reference_data import DFE_NAME, REGION_CODES, load_reference_data
from opensend.accounts.roles import OrganisationKind, Role
from opensend.children.codes import Ethnicity, FamilyRelationship, Sex, UpnUnknown
from opensend.children.identifiers import nhs_check_digit, uln_check_digit, upn_check_letter
from opensend.children.models import Child, FamilyLink, ProfessionalInvolvement, TimelineEvent
from opensend.core import clock

DEMO_LA_CODE = "302"  # Barnet
DEMO_PASSWORD = "opensend-demo-2026"  # noqa: S105 - published in docs/demo.md
# RFC 6238's test secret ("12345678901234567890"): public on purpose, so anyone can sign in.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
SEED = 2026
CHILD_COUNT = 50
STAFF_FROM = dt.date(2024, 1, 1)


@dataclasses.dataclass(frozen=True)
class SettingSpec:
    name: str
    urn: str
    dfe_number: str  # the 4-digit DfE establishment number, which goes into UPNs
    setting_type: str
    phase: str
    ukprn: str = ""


SETTINGS = (
    SettingSpec("Hollybrook Primary School", "990101", "2101", "Community school", "Primary"),
    SettingSpec("St Aidan's CE Primary School", "990102", "3102", "Voluntary aided school", "Primary"),
    SettingSpec("Fernhill Primary Academy", "990103", "2103", "Academy converter", "Primary"),
    SettingSpec("Mill Ridge Academy", "990104", "4104", "Academy converter", "Secondary"),
    SettingSpec("Whitewood High School", "990105", "4105", "Community school", "Secondary"),
    SettingSpec("Beechcroft School", "990106", "7106", "Community special school", "Not applicable"),
    SettingSpec(
        "Little Acorns Nursery School", "990107", "1107", "Local authority nursery school", "Nursery"
    ),
    SettingSpec("North Barnet College", "990108", "", "Further education", "16 plus", ukprn="10099108"),
)
HEALTH_BODY = "North Central London Integrated Care Board"
SOCIAL_CARE_TEAM = "Barnet Children with Disabilities Team"
MEDIATION_SERVICE = "North London SEND Mediation Service"


@dataclasses.dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    organisation: str  # a key into the organisations made by the seed


STAFF_ACCOUNTS = (
    DemoAccount("caseworker@opensend.test", "Priya Shah", Role.LA_CASEWORKER, "la"),
    DemoAccount("manager@opensend.test", "Helen Murray", Role.LA_SEND_MANAGER, "la"),
    DemoAccount("panel@opensend.test", "David Cohen", Role.PANEL_MEMBER, "la"),
    DemoAccount("senco@opensend.test", "Grace Adeyemi", Role.SENCO, "first_primary"),
    DemoAccount("health@opensend.test", "Dr Tom Fletcher", Role.HEALTH_PROFESSIONAL, "health"),
    DemoAccount("socialcare@opensend.test", "Maria Costa", Role.SOCIAL_CARE_PROFESSIONAL, "social_care"),
    DemoAccount("mediator@opensend.test", "Rachel Green", Role.MEDIATOR, "mediation"),
    DemoAccount("analyst@opensend.test", "Ben Wright", Role.ANALYST_LA, "la"),
    DemoAccount("regional.analyst@opensend.test", "Aisha Khan", Role.ANALYST_REGIONAL, "region"),
    DemoAccount("national.analyst@opensend.test", "Owen Davies", Role.ANALYST_NATIONAL, "dfe"),
    DemoAccount("admin@opensend.test", "Chris Morgan", Role.SYSTEM_ADMIN, "dfe"),
)
PARENT_EMAIL = "parent@opensend.test"
PARENT_NAME = "Sam Taylor"
YOUNG_PERSON_EMAIL = "young.person@opensend.test"
YOUNG_PERSON_NAME = ("Jordan", "Okafor")
DEMO_EMAILS = frozenset({a.email for a in STAFF_ACCOUNTS} | {PARENT_EMAIL, YOUNG_PERSON_EMAIL})

# fmt: off
# Ages of the 50 children: a few under school age and over 16, most 4 to 16, as in an EHCP caseload.
# Positions 0 and 1 are Sam Taylor's children; position 2 is Jordan Okafor, aged 17.
AGES = (
    7, 12, 17,
    1, 2, 3, 3, 3,
    4, 5, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 10, 6, 7, 9, 8,
    11, 11, 12, 12, 13, 13, 13, 14, 14, 15, 15, 16, 16, 14,
    17, 18, 18, 19, 20, 21, 23, 25,
)
# Children (by position in AGES) who are new to the area and whose UPN is not yet known.
UPN_NOT_KNOWN = frozenset({37})
HEALTH_LIVE, HEALTH_EXPIRED = (3, 9, 20, 29, 45), 14
SOCIAL_CARE, MEDIATION = (10, 31, 46), 30

ETHNICITY_WEIGHTS = {
    Ethnicity.WBRI: 30, Ethnicity.WOTH: 14, Ethnicity.WIRI: 2, Ethnicity.AIND: 8, Ethnicity.AOTH: 6,
    Ethnicity.APKN: 3, Ethnicity.ABAN: 2, Ethnicity.BAFR: 9, Ethnicity.BCRB: 2, Ethnicity.BOTH: 2,
    Ethnicity.MWBC: 3, Ethnicity.MWAS: 3, Ethnicity.MOTH: 4, Ethnicity.CHNE: 3, Ethnicity.OOTH: 6,
    Ethnicity.REFU: 1, Ethnicity.NOBT: 1,
}
# Barnet's postcode districts, each with its post town.
POSTCODE_DISTRICTS = (
    ("N2", "London"), ("N3", "London"), ("N11", "London"), ("N12", "London"), ("N14", "London"),
    ("N20", "London"), ("NW4", "London"), ("NW7", "London"), ("NW9", "London"), ("NW11", "London"),
    ("EN4", "Barnet"), ("EN5", "Barnet"), ("HA8", "Edgware"),
)
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_STREET_SUFFIXES = (
    "Road", "Avenue", "Close", "Gardens", "Lane", "Way", "Crescent", "Drive", "Grove", "Street",
)
# Children's first names from the ONS lists of popular baby names in England and Wales, 2000-2024;
# Faker's lists suit their parents' generation better.
GIRLS_NAMES = (
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Sophia", "Grace", "Lily", "Freya", "Ella", "Evie", "Poppy",
    "Chloe", "Ruby", "Emily", "Sienna", "Aisha", "Maryam", "Zara", "Layla", "Hannah", "Chantelle",
    "Jessica", "Leah", "Amira", "Daisy", "Phoebe", "Niamh", "Priya", "Esther",
)
BOYS_NAMES = (
    "Muhammad", "Noah", "Oliver", "George", "Leo", "Arthur", "Oscar", "Harry", "Jack", "Charlie", "Theo",
    "Alfie", "Jacob", "Freddie", "Ethan", "Joshua", "Reuben", "Daniel", "Samuel", "Kai", "Aarav", "Yusuf",
    "Tyler", "Kyle", "Liam", "Ryan", "Elijah", "Isaac", "Luca", "Kofi",
)
# fmt: on


class AlreadySeeded(Exception):
    pass


@dataclasses.dataclass
class SeedResult:
    children: int
    users: int
    organisations: int


def demo_children() -> "list[Child]":
    la = Organisation.objects.filter(la_code_old=DEMO_LA_CODE).first()
    return list(Child.objects.filter(responsible_la=la)) if la else []


def is_seeded() -> bool:
    return (
        Child.objects.filter(responsible_la__la_code_old=DEMO_LA_CODE).exists()
        or User.objects.filter(email__in=DEMO_EMAILS).exists()
    )


@transaction.atomic
def seed_demo(*, reset: bool = False, extensions: bool = True) -> SeedResult:
    """Build the demo area. Raises AlreadySeeded unless `reset` asks to remove the old one first."""
    if reset:
        remove_demo()
    elif is_seeded():
        raise AlreadySeeded()
    result = _Seeder().run()
    for path in DEMO_EXTENSIONS if extensions else ():
        import_string(path)()
    return result


# Each app adds its part of the demo area on top of the children and people seeded here.
# They live beside this module (`synthetic/demo/<app>.py`): demo data is a client of the domain apps,
# which never import it. Named by path because each of them imports this module's constants.
DEMO_EXTENSIONS = (
    "opensend.synthetic.demo.support.seed_support_demo",
    "opensend.synthetic.demo.targeted.seed_targeted_demo",
    "opensend.synthetic.demo.casework.seed_casework_demo",
    "opensend.synthetic.demo.panels.seed_panels_demo",
    "opensend.synthetic.demo.notices.seed_notices_demo",
    "opensend.synthetic.demo.advice.seed_advice_demo",
    "opensend.synthetic.demo.plans.seed_plans_demo",
)
# And what each app removes before the children go, on `seed_demo --reset`.
DEMO_REMOVERS = ("opensend.synthetic.demo.panels.remove_panels_demo",)


@transaction.atomic
def remove_demo() -> None:
    """Delete the demo area's children, people and organisations (reference data stays)."""
    la = Organisation.objects.filter(la_code_old=DEMO_LA_CODE).first()
    children = Child.objects.filter(responsible_la=la)
    family_user_ids = set(
        FamilyLink.objects.filter(child__in=children, user__email__endswith="@example.org").values_list(
            "user_id", flat=True
        )
    )
    for path in DEMO_REMOVERS:
        import_string(path)()
    delete_with_protected_dependents(Child, children)
    children.delete()
    User.objects.filter(pk__in=family_user_ids).delete()
    User.objects.filter(email__in=DEMO_EMAILS).delete()
    Organisation.objects.filter(urn__in=[s.urn for s in SETTINGS]).delete()
    Organisation.objects.filter(
        local_authority=la, name__in=[HEALTH_BODY, SOCIAL_CARE_TEAM, MEDIATION_SERVICE]
    ).delete()


def delete_with_protected_dependents(model: type[models.Model], rows: models.QuerySet[Any]) -> None:
    """Delete the rows that PROTECT foreign keys hold on to `rows` (cases, plans), deepest first.
    The caller then deletes `rows` itself. For removing demo data only."""
    _clear(model, rows, seen=frozenset())


def _clear(model: type[models.Model], rows: models.QuerySet[Any], seen: frozenset[type]) -> None:
    # Follows CASCADE relations too, since a cascaded row may itself be held by a PROTECT one.
    for relation in model._meta.related_objects:
        on_delete = getattr(relation, "on_delete", None)
        if on_delete not in (models.PROTECT, models.CASCADE) or relation.related_model in seen:
            continue
        manager = relation.related_model._default_manager
        dependents = manager.filter(**{f"{relation.field.name}__in": rows})
        _clear(relation.related_model, dependents, seen | {model})
        if on_delete is models.PROTECT:
            dependents.delete()


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class _Seeder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(SEED)
        self.today = clock.today()
        self.now = timezone.now()
        # One hash for every demo account: hashing each would take most of the run (argon2).
        self.password = make_password(DEMO_PASSWORD)
        self.emails: set[str] = set()
        self.upns: set[str] = set()
        self.ulns: set[str] = set()
        self.nhs_numbers: set[str] = set()
        self.upn_serial = 0
        self.settings: dict[SettingSpec, Organisation] = {}

    # Organisations

    def organisations(self) -> dict[str, Organisation]:
        la = Organisation.objects.filter(la_code_old=DEMO_LA_CODE).first()
        if la is None:  # a database made before the reference data existed
            load_reference_data()
            la = Organisation.objects.get(la_code_old=DEMO_LA_CODE)
        orgs = {
            "la": la,
            "region": Organisation.objects.get(kind=OrganisationKind.REGION, code=REGION_CODES["London"]),
            "dfe": Organisation.objects.get(kind=OrganisationKind.NATIONAL_BODY, name=DFE_NAME),
        }
        settings = Organisation.objects.bulk_create(
            [
                Organisation(
                    kind=OrganisationKind.EDUCATION_SETTING,
                    name=s.name,
                    urn=s.urn,
                    ukprn=s.ukprn,
                    setting_type=s.setting_type,
                    phase=s.phase,
                    local_authority=la,
                    region=la.region,
                )
                for s in SETTINGS
            ]
        )
        self.settings = dict(zip(SETTINGS, settings, strict=True))
        orgs["first_primary"] = settings[0]
        orgs["health"] = Organisation.objects.create(
            kind=OrganisationKind.HEALTH_BODY,
            name=HEALTH_BODY,
            code="QMJ",
            local_authority=la,
            region=la.region,
        )
        orgs["social_care"] = Organisation.objects.create(
            kind=OrganisationKind.SOCIAL_CARE_TEAM,
            name=SOCIAL_CARE_TEAM,
            local_authority=la,
            region=la.region,
        )
        orgs["mediation"] = Organisation.objects.create(
            kind=OrganisationKind.MEDIATION_SERVICE,
            name=MEDIATION_SERVICE,
            local_authority=la,
            region=la.region,
        )
        return orgs

    # Identifiers

    def upn(self, setting: SettingSpec, started_school: int) -> str:
        while True:
            self.upn_serial += 1
            body = f"{DEMO_LA_CODE}{setting.dfe_number}{started_school % 100:02d}{self.upn_serial:03d}"
            upn = upn_check_letter(body) + body
            if upn not in self.upns:
                self.upns.add(upn)
                return upn

    def uln(self) -> str:
        while True:
            first_nine = f"{self.rng.randint(1, 9)}{self.rng.randint(0, 99_999_999):08d}"
            check = uln_check_digit(first_nine)
            if check is not None and (uln := f"{first_nine}{check}") not in self.ulns:
                self.ulns.add(uln)
                return uln

    def nhs_number(self) -> str:
        while True:
            first_nine = f"999{self.rng.randint(0, 999_999):06d}"
            check = nhs_check_digit(first_nine)
            if check is not None and (nhs := f"{first_nine}{check}") not in self.nhs_numbers:
                self.nhs_numbers.add(nhs)
                return nhs

    def email(self, full_name: str) -> str:
        stem = re.sub(r"[^a-z]+", ".", full_name.lower()).strip(".")
        email, n = f"{stem}@example.org", 1
        while email in self.emails:
            n += 1
            email = f"{stem}{n}@example.org"
        self.emails.add(email)
        return email

    def address(self) -> dict[str, str]:
        district, town = self.rng.choice(POSTCODE_DISTRICTS)
        inward = (
            f"{self.rng.randint(1, 9)}{self.rng.choice(_INWARD_LETTERS)}{self.rng.choice(_INWARD_LETTERS)}"
        )
        street = f"{self.fake.last_name()} {self.rng.choice(_STREET_SUFFIXES)}"
        return {
            "address_line_1": f"{self.rng.randint(1, 180)} {street}",
            "town": town,
            "postcode": f"{district} {inward}",
        }

    # Children

    def setting_for(self, index: int, age: int) -> SettingSpec | None:
        primaries, secondaries = SETTINGS[0:3], SETTINGS[3:5]
        special, nursery, college = SETTINGS[5], SETTINGS[6], SETTINGS[7]
        if age < 2:
            return None
        if age < 4:
            return nursery
        if age >= 19:
            return college if index % 2 else None
        if age >= 16:
            return college
        if index % 7 == 0:
            return special
        if age <= 10:
            # Hollybrook takes most primary-age children, so the demo SENCo has a real caseload.
            return primaries[0] if index % 3 != 2 else primaries[1 + index % 2]
        return secondaries[index % 2]

    def school_for_upn(self, index: int, age: int, setting: SettingSpec | None) -> SettingSpec:
        if setting is not None and setting.dfe_number and setting.phase != "Nursery":
            return setting
        return SETTINGS[index % 3]  # where a young person at college or out of education started school

    def child(self, index: int, age: int, la: Organisation) -> Child:
        sex = Sex.FEMALE if self.rng.random() < 0.4 else Sex.MALE  # boys are most of an EHCP caseload
        names = GIRLS_NAMES if sex == Sex.FEMALE else BOYS_NAMES
        first = self.rng.choice(names)
        middle = self.rng.choice(names) if self.rng.random() < 0.3 else ""
        last = self.fake.last_name()
        while last == first:  # Faker's surnames include first names (Oliver, Grace)
            last = self.fake.last_name()
        ethnicity = self.rng.choices(list(ETHNICITY_WEIGHTS), weights=list(ETHNICITY_WEIGHTS.values()))[0]
        if index < 2:  # Sam Taylor's two children
            last, ethnicity = "Taylor", Ethnicity.WBRI
        elif index == 2:
            first, last, sex, ethnicity, middle = *YOUNG_PERSON_NAME, Sex.MALE, Ethnicity.BAFR, ""
        start = _years_before(self.today, age)
        dob = start - dt.timedelta(days=self.rng.randint(0, 360))
        setting = self.setting_for(index, age)
        upn = uln = upn_unknown = ""
        if age < 4:
            upn_unknown = UpnUnknown.UN1
        elif index in UPN_NOT_KNOWN:
            upn_unknown = UpnUnknown.UN8
        else:
            upn = self.upn(self.school_for_upn(index, age, setting), dob.year + 5)
        if age >= 16 and index not in UPN_NOT_KNOWN:
            uln = self.uln()
        return Child(
            first_name=first,
            last_name=last,
            date_of_birth=dob,
            sex=sex,
            ethnicity=ethnicity,
            middle_names=middle,
            upn=upn,
            uln=uln,
            upn_unknown=upn_unknown,
            nhs_number=self.nhs_number(),
            responsible_la=la,
            current_setting=self.settings[setting] if setting else None,
            **self.address(),
        )

    def run(self) -> SeedResult:
        orgs = self.organisations()
        la = orgs["la"]
        children = Child.objects.bulk_create([self.child(i, age, la) for i, age in enumerate(AGES)])
        # Siblings share a home.
        Child.objects.filter(pk=children[1].pk).update(
            address_line_1=children[0].address_line_1, town=children[0].town, postcode=children[0].postcode
        )

        staff = self.staff(orgs)
        family = self.families(children)
        caseworker = staff["caseworker@opensend.test"]
        created_at = self.now - dt.timedelta(days=365)
        TimelineEvent.objects.bulk_create(
            [
                TimelineEvent(
                    child=child,
                    kind="child.created",
                    title="Record created",
                    actor=caseworker,
                    actor_name=caseworker.full_name,
                    organisation=la,
                    occurred_at=created_at,
                )
                for child in children
            ]
        )
        self.grants(children, staff, orgs)
        return SeedResult(children=len(children), users=len(staff) + family, organisations=len(SETTINGS) + 3)

    # People

    def users(self, specs: list[tuple[str, str]]) -> list[User]:
        return User.objects.bulk_create(
            [User(email=email, full_name=name, password=self.password) for email, name in specs]
        )

    def staff(self, orgs: dict[str, Organisation]) -> dict[str, User]:
        users = self.users([(a.email, a.full_name) for a in STAFF_ACCOUNTS])
        by_email = {u.email: u for u in users}
        admin = by_email["admin@opensend.test"]
        # is_superuser too: with is_staff alone the Django admin shows nothing to a system administrator.
        User.objects.filter(pk=admin.pk).update(is_staff=True, is_superuser=True)
        Membership.objects.bulk_create(
            [
                Membership(
                    user=by_email[a.email],
                    organisation=orgs[a.organisation],
                    role=a.role,
                    valid_from=STAFF_FROM,
                )
                for a in STAFF_ACCOUNTS
            ]
        )
        TOTPDevice.objects.bulk_create(
            [
                TOTPDevice(user=u, name="Demo authenticator", key=DEMO_TOTP_KEY_HEX, confirmed=True)
                for u in users
            ]
        )
        return by_email

    def families(self, children: list[Child]) -> int:
        """Parents and carers with parental responsibility, Sam Taylor and Jordan Okafor's own account."""
        sam, jordan = self.users(
            [(PARENT_EMAIL, PARENT_NAME), (YOUNG_PERSON_EMAIL, " ".join(YOUNG_PERSON_NAME))]
        )
        Child.objects.filter(pk=children[2].pk).update(young_person_user=jordan)
        links = [
            FamilyLink(child=c, user=sam, relationship=FamilyRelationship.MOTHER, valid_from=c.date_of_birth)
            for c in children[:2]
        ]
        specs: list[tuple[str, str]] = []
        plan: list[tuple[Child, str]] = []
        for child in children[2:]:
            count = 2 if self.rng.random() < 0.45 else 1
            relationships = [FamilyRelationship.MOTHER, FamilyRelationship.FATHER][:count]
            if count == 1 and self.rng.random() < 0.12:
                relationships = [
                    self.rng.choice([FamilyRelationship.GRANDPARENT, FamilyRelationship.SPECIAL_GUARDIAN])
                ]
            for relationship in relationships:
                if relationship == FamilyRelationship.FATHER:
                    first = self.fake.first_name_male()
                else:
                    first = self.fake.first_name_female()
                last = child.last_name if self.rng.random() < 0.85 else self.fake.last_name()
                name = f"{first} {last}"
                specs.append((self.email(name), name))
                plan.append((child, relationship))
        parents = self.users(specs)
        links += [
            FamilyLink(child=child, user=user, relationship=relationship, valid_from=child.date_of_birth)
            for (child, relationship), user in zip(plan, parents, strict=True)
        ]
        FamilyLink.objects.bulk_create(links)
        return len(parents) + 2

    def grants(self, children: list[Child], staff: dict[str, User], orgs: dict[str, Organisation]) -> None:
        manager = staff["manager@opensend.test"]
        in_six_months = self.today + dt.timedelta(days=182)
        started = self.today - dt.timedelta(days=30)
        rows = [
            (HEALTH_LIVE, "health@opensend.test", "health", "Health advice for an EHC needs assessment"),
            (
                SOCIAL_CARE,
                "socialcare@opensend.test",
                "social_care",
                "Social care advice for an EHC needs assessment",
            ),
            (
                (MEDIATION,),
                "mediator@opensend.test",
                "mediation",
                "Mediation about the contents of the EHC plan",
            ),
        ]
        grants = [
            ProfessionalInvolvement(
                child=children[i],
                user=staff[email],
                organisation=orgs[org],
                reason=reason,
                case_reference=f"DEMO-{children[i].pk}",
                granted_by=manager,
                valid_from=started,
                valid_to=in_six_months,
            )
            for indexes, email, org, reason in rows
            for i in indexes
        ]
        grants.append(
            ProfessionalInvolvement(
                child=children[HEALTH_EXPIRED],
                user=staff["health@opensend.test"],
                organisation=orgs["health"],
                reason="Health advice for an annual review",
                granted_by=manager,
                valid_from=self.today - dt.timedelta(days=270),
                valid_to=self.today - dt.timedelta(days=30),
            )
        )
        ProfessionalInvolvement.objects.bulk_create(grants)
        TimelineEvent.objects.bulk_create(
            [
                TimelineEvent(
                    child=g.child,
                    kind="involvement.granted",
                    actor=manager,
                    actor_name=manager.full_name,
                    organisation=orgs["la"],
                    body=g.reason,
                    occurred_at=self.now - dt.timedelta(days=(self.today - g.valid_from).days),
                    title=f"{g.organisation.name} given access until {g.valid_to:%-d %B %Y}",
                )
                for g in grants
            ]
        )
