"""Refusing passwords that appear in public lists of breached passwords, with no network call (ADR 0171).

The list ships as a Bloom filter in `accounts/data/breached-passwords.bloom`: a bit array in which
each listed password set `k` bits. A password whose `k` bits are all set is (almost certainly)
listed; one with any bit clear is certainly not. About 2 in 10,000 passwords that are not listed
are refused all the same (each password is looked up as typed and in small letters), and the person
chooses another; no listed password gets through. Where the
list comes from, its licence and how to rebuild the file: `accounts/data/README.md`.
"""

import functools
import hashlib
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

MAGIC = b"OSBLOOM1"
HEADER = struct.Struct(">8sQIII")  # magic, bits, hashes, entries, shortest password listed
DATA_FILE = Path(__file__).resolve().parent / "data" / "breached-passwords.bloom"


def _positions(password: str, bits: int, hashes: int) -> Iterable[int]:
    # Double hashing (Kirsch and Mitzenmacher): k positions from two 64-bit halves of one digest.
    digest = hashlib.sha256(password.encode()).digest()
    h1, h2 = struct.unpack(">QQ", digest[:16])
    h2 |= 1
    return ((h1 + i * h2) % bits for i in range(hashes))


class BloomFilter:
    def __init__(
        self, bits: int, hashes: int, entries: int = 0, min_length: int = 0, array: bytes = b""
    ) -> None:
        self.bits = bits
        self.hashes = hashes
        self.entries = entries
        self.min_length = min_length
        self.array = bytearray(array or bytes((bits + 7) // 8))

    @classmethod
    def sized_for(cls, entries: int, hashes: int = 13, bits_per_entry: float = 19.2) -> "BloomFilter":
        """19.2 bits per entry and 13 hashes: about 1 false positive in 10,000 look-ups."""
        return cls(bits=int(entries * bits_per_entry) | 7, hashes=hashes)

    def add(self, password: str) -> None:
        array = self.array
        for p in _positions(password, self.bits, self.hashes):
            array[p >> 3] |= 1 << (p & 7)
        self.entries += 1

    def __contains__(self, password: object) -> bool:
        if not isinstance(password, str):
            return False
        array = self.array
        return all(array[p >> 3] & (1 << (p & 7)) for p in _positions(password, self.bits, self.hashes))

    def to_bytes(self) -> bytes:
        return HEADER.pack(MAGIC, self.bits, self.hashes, self.entries, self.min_length) + bytes(self.array)

    @classmethod
    def from_bytes(cls, data: bytes) -> "BloomFilter":
        magic, bits, hashes, entries, min_length = HEADER.unpack_from(data)
        if magic != MAGIC or len(data) - HEADER.size != (bits + 7) // 8:
            raise ValueError("Not a breached-password filter, or a damaged one")
        return cls(bits, hashes, entries, min_length, data[HEADER.size :])


@functools.cache
def shipped() -> BloomFilter:
    """The shipped filter, read once per process (about 3.5 MB)."""
    return BloomFilter.from_bytes(DATA_FILE.read_bytes())


def is_breached(password: str, bloom: BloomFilter | None = None) -> bool:
    bloom = bloom or shipped()
    # The list is case-sensitive; people also type a listed password in capitals.
    return password in bloom or password.lower() in bloom


class BreachedPasswordValidator:
    """AUTH_PASSWORD_VALIDATORS entry: refuse a password found in the breached-password list."""

    def validate(self, password: str, user: Any = None) -> None:
        if is_breached(password):
            raise ValidationError(
                "This password has appeared in a data breach elsewhere, so people trying to get into "
                "accounts will guess it. Choose a different password",
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return "Your password cannot be one that has appeared in a known data breach."
