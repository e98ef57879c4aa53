"""National identifiers for children: UPN, ULN and NHS number, with their check characters.

Each validator raises ValidationError with a message that says what is wrong in plain words.
Algorithms: DfE "Unique pupil numbers (UPN): guidance" (check letter, modulus 23, positions 2-13
weighted 2-13); Learning Records Service ULN specification (modulus 11, weights 10-2); NHS Data
Dictionary "NHS number" (modulus 11, weights 10-2).
"""

import re

from django.core.exceptions import ValidationError

# The 23 letters used for UPN check letters and for the last character of a temporary UPN.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_check_letter(body: str) -> str:
    """The check letter for the 12 characters after it (11 digits then a digit or letter)."""
    total = 0
    for position, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_LETTERS.index(char)
        total += value * position
    return UPN_LETTERS[total % 23]


def validate_upn(value: str) -> str:
    upn = value.strip().upper().replace(" ", "")
    if len(upn) != 13:
        raise ValidationError(
            "A unique pupil number (UPN) is 13 characters long, a letter followed by 12 numbers "
            f"(you entered {len(upn)})"
        )
    if not upn[0].isalpha() or not upn[1:12].isdigit() or not (upn[12].isdigit() or upn[12] in UPN_LETTERS):
        raise ValidationError(
            "A unique pupil number (UPN) starts with a letter, then 11 numbers, then a number or a letter"
        )
    if upn[0] not in UPN_LETTERS:
        raise ValidationError(f"The first letter of a UPN cannot be {upn[0]}: check it was copied correctly")
    if upn_check_letter(upn[1:]) != upn[0]:
        raise ValidationError(
            "This UPN's check letter does not match its numbers: check each character was copied correctly"
        )
    return upn


def uln_check_digit(first_nine: str) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True)) % 11
    return None if remainder == 0 else 10 - remainder


def validate_uln(value: str) -> str:
    uln = value.strip().replace(" ", "")
    if not re.fullmatch(r"\d{10}", uln):
        raise ValidationError("A unique learner number (ULN) is 10 numbers, with no letters or spaces")
    if uln[0] == "0":
        raise ValidationError("A unique learner number (ULN) cannot start with 0")
    if uln_check_digit(uln[:9]) != int(uln[9]):
        raise ValidationError(
            "This ULN's last number does not match the rest: check each number was copied correctly"
        )
    return uln


def nhs_check_digit(first_nine: str) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        return 0
    return None if check == 10 else check


def validate_nhs_number(value: str) -> str:
    nhs = value.strip().replace(" ", "").replace("-", "")
    if not re.fullmatch(r"\d{10}", nhs):
        raise ValidationError("An NHS number is 10 numbers, for example 485 777 3456")
    if nhs_check_digit(nhs[:9]) != int(nhs[9]):
        raise ValidationError("This is not a valid NHS number: check each number was copied correctly")
    return nhs


_POSTCODE = re.compile(r"^(GIR 0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$")


def normalise_postcode(value: str) -> str:
    pc = re.sub(r"\s+", "", value.strip().upper())
    if len(pc) < 5 or not _POSTCODE.match(f"{pc[:-3]} {pc[-3:]}"):
        raise ValidationError("Enter a real postcode, like SW1A 1AA")
    return f"{pc[:-3]} {pc[-3:]}"
