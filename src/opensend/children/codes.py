"""Code lists for children's records (DfE Common Basic Data Set and SEN2; Open Government Licence v3.0)."""

from django.db import models


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


class Ethnicity(models.TextChoices):
    """CBDS main ethnicity codes (DfE Common Basic Data Set, item CS029)."""

    WBRI = "WBRI", "White - British"
    WIRI = "WIRI", "White - Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy / Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black - African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class UpnUnknown(models.TextChoices):
    """SEN2 `UPNunknown`: why a child has neither UPN nor ULN."""

    UN1 = "UN1", "Aged under 6 and not yet given a UPN"
    UN2 = "UN2", "Never attended a state-funded school in England"
    UN3 = "UN3", "Educated outside England"
    UN5 = "UN5", "UPN sources disagree (name or date of birth)"
    UN8 = "UN8", "New to the local authority, UPN or ULN not yet known"
    UN9 = "UN9", "Never attended a state school or further education in England"
    UN10 = "UN10", "Request ended before the UPN or ULN was known"


class FamilyRelationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    GRANDPARENT = "grandparent", "Grandparent"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    CORPORATE_PARENT = "corporate_parent", "Corporate parent (local authority)"
    OTHER_CARER = "other_carer", "Other carer"
