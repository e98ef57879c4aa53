"""UPN, ULN, NHS number and postcode checks, against the published algorithms worked by hand."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from opensend.children.identifiers import normalise_postcode, validate_nhs_number, validate_uln, validate_upn

LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def _message(validator, value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return " ".join(caught.value.messages)


# Worked by hand from the DfE guidance: the check letter is LETTERS[sum(char * position) mod 23],
# positions 2 to 13; a letter in position 13 (temporary UPN) counts as its place in LETTERS.
#   801200001001: 8*2 + 1*4 + 2*5 + 1*10 + 1*13 = 53; 53 mod 23 = 7 -> H
#   000000000001: 1*13 = 13 -> P
#   123456789012: 2+6+12+20+30+42+56+72+90+0+12+26 = 368; 368 mod 23 = 0 -> A
HAND_WORKED_UPNS = ["H801200001001", "P000000000001", "A123456789012"]
# Temporary UPNs, last character a letter:
#   93902000100A: 9*2 + 3*3 + 9*4 + 2*6 + 1*10 + A(0)*13 = 85; 85 mod 23 = 16 -> T
#   82090312345Z: 16+6+0+45+0+21+8+18+30+44+60 + Z(22)*13 = 534; 534 mod 23 = 5 -> F
HAND_WORKED_TEMPORARY_UPNS = ["T93902000100A", "F82090312345Z"]


@pytest.mark.parametrize("upn", HAND_WORKED_UPNS + HAND_WORKED_TEMPORARY_UPNS)
def test_upn_with_the_right_check_letter_is_accepted(upn):
    assert validate_upn(upn) == upn


def test_upn_is_normalised_to_capitals_without_spaces():
    assert validate_upn(" h8012 0000 1001 ") == "H801200001001"


@pytest.mark.parametrize("upn", ["B801200001001", "H801200001002", "A801200001001"])
def test_upn_with_the_wrong_check_letter_says_the_check_letter_does_not_match(upn):
    assert "check letter does not match" in _message(validate_upn, upn)


def test_temporary_upn_with_the_wrong_check_letter_is_refused():
    assert "check letter does not match" in _message(validate_upn, "T93902000100B")


def test_upn_of_the_wrong_length_says_how_long_it_should_be_and_what_was_entered():
    message = _message(validate_upn, "H80120000100")
    assert "13 characters long" in message
    assert "(you entered 12)" in message


def test_upn_with_a_letter_in_the_middle_says_what_shape_it_should_have():
    message = _message(validate_upn, "H8012000X1001")
    assert "starts with a letter, then 11 numbers, then a number or a letter" in message


def test_upn_starting_with_a_number_says_what_shape_it_should_have():
    assert "starts with a letter" in _message(validate_upn, "1801200001001")


@pytest.mark.parametrize("letter", ["I", "O", "S"])
def test_upn_starting_with_a_letter_never_used_names_the_letter(letter):
    message = _message(validate_upn, f"{letter}801200001001")
    assert f"cannot be {letter}" in message


def test_temporary_upn_ending_in_a_letter_never_used_is_refused():
    assert "starts with a letter, then 11 numbers" in _message(validate_upn, "A93902000100I")


# ULN: weights 10 to 2, check digit = 10 - (sum mod 11); remainder 0 has no check digit.
#   943476591: 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 299 mod 11 = 2 -> 8
#   123456789: 10+18+24+28+30+30+28+24+18 = 210; 210 mod 11 = 1 -> 9
#   400000000: 40 mod 11 = 7 -> 3
@pytest.mark.parametrize("uln", ["9434765918", "1234567899", "4000000003", "943 476 5918"])
def test_uln_with_the_right_check_digit_is_accepted(uln):
    assert validate_uln(uln) == uln.replace(" ", "")


@pytest.mark.parametrize("uln", ["9434765919", "1234567890", "4000000004"])
def test_uln_with_the_wrong_last_number_says_it_does_not_match(uln):
    assert "last number does not match" in _message(validate_uln, uln)


def test_uln_whose_remainder_is_zero_is_never_valid():
    # 100000006: 1*10 + 6*2 = 22; 22 mod 11 = 0, so no last digit makes a valid ULN.
    for last in "0123456789":
        assert "last number does not match" in _message(validate_uln, f"100000006{last}")


def test_uln_with_letters_says_it_is_ten_numbers():
    assert "10 numbers, with no letters or spaces" in _message(validate_uln, "94347659A8")


def test_uln_that_is_too_short_says_it_is_ten_numbers():
    assert "10 numbers" in _message(validate_uln, "943476591")


def test_uln_starting_with_zero_says_so():
    assert "cannot start with 0" in _message(validate_uln, "0434765918")


# NHS number: weights 10 to 2, check digit = 11 - (sum mod 11); 11 means 0 and 10 is invalid.
#   943476591 -> 299 mod 11 = 2 -> 9 (the NHS's own example 943 476 5919)
#   400000000 -> 40 mod 11 = 7 -> 4
#   100000001 -> 12 mod 11 = 1 -> 10: no valid NHS number starts 100000001
#   100000006 -> 22 mod 11 = 0 -> 11 -> 0
@pytest.mark.parametrize("nhs", ["9434765919", "4000000004", "1000000060", "943 476 5919", "943-476-5919"])
def test_nhs_number_with_the_right_check_digit_is_accepted(nhs):
    assert validate_nhs_number(nhs) == nhs.replace(" ", "").replace("-", "")


@pytest.mark.parametrize("nhs", ["9434765918", "4000000005", "1000000061"])
def test_nhs_number_with_the_wrong_check_digit_says_it_is_not_valid(nhs):
    assert "not a valid NHS number" in _message(validate_nhs_number, nhs)


def test_nhs_number_whose_check_would_be_ten_is_never_valid():
    for last in "0123456789":
        assert "not a valid NHS number" in _message(validate_nhs_number, f"100000001{last}")


@pytest.mark.parametrize("nhs", ["943476591", "94347659190", "94347A5919", ""])
def test_nhs_number_of_the_wrong_shape_says_it_is_ten_numbers(nhs):
    assert "An NHS number is 10 numbers" in _message(validate_nhs_number, nhs)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        (" ec1a  1bb ", "EC1A 1BB"),
        ("W1A0AX", "W1A 0AX"),
        ("m1 1ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_postcode_is_normalised_to_capitals_with_one_space(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    "postcode", ["SW1", "12345", "QA1 1AA", "SW1A 1AAA", "SW1A 1CA", "not a postcode", ""]
)
def test_postcode_that_is_not_real_asks_for_a_real_one_with_an_example(postcode):
    assert "Enter a real postcode, like SW1A 1AA" in _message(normalise_postcode, postcode)


# Properties. The reference check digits below are written from the specifications, not the app.
def _weighted_remainder(body: str) -> int:
    return sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11


def _reference_nhs_check(body: str) -> int | None:
    check = 11 - _weighted_remainder(body)
    return {11: 0, 10: None}.get(check, check)


def _reference_uln_check(body: str) -> int | None:
    remainder = _weighted_remainder(body)
    return None if remainder == 0 else 10 - remainder


nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def _one_digit_changed(number: str, data) -> str:
    position = data.draw(st.integers(0, 9), label="position")
    replacement = data.draw(
        st.sampled_from([d for d in "0123456789" if d != number[position]]), label="digit"
    )
    return number[:position] + replacement + number[position + 1 :]


@given(body=nine_digits, data=st.data())
def test_any_nhs_number_with_its_check_digit_validates_and_any_one_digit_changed_fails(body, data):
    check = _reference_nhs_check(body)
    if check is None:
        with pytest.raises(ValidationError):
            validate_nhs_number(body + "0")
        return
    number = f"{body}{check}"
    assert validate_nhs_number(number) == number
    with pytest.raises(ValidationError):
        validate_nhs_number(_one_digit_changed(number, data))


@given(
    body=st.text(alphabet="123456789", min_size=1, max_size=1).flatmap(
        lambda first: nine_digits.map(lambda rest: first + rest[1:])
    ),
    data=st.data(),
)
def test_any_uln_with_its_check_digit_validates_and_any_one_digit_changed_fails(body, data):
    check = _reference_uln_check(body)
    if check is None:
        return
    number = f"{body}{check}"
    assert validate_uln(number) == number
    with pytest.raises(ValidationError):
        validate_uln(_one_digit_changed(number, data))


@given(
    body=st.text(alphabet="0123456789", min_size=11, max_size=11),
    last=st.sampled_from("0123456789" + LETTERS),
)
def test_any_upn_with_its_check_letter_validates(body, last):
    digits = body + last
    total = sum((int(c) if c.isdigit() else LETTERS.index(c)) * pos for pos, c in enumerate(digits, start=2))
    upn = LETTERS[total % 23] + digits
    assert validate_upn(upn) == upn
