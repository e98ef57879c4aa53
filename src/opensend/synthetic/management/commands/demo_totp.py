from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from opensend.synthetic.demo import DEMO_TOTP_KEY_HEX


def demo_totp_code() -> str:
    """The security code the demo accounts' authenticator would show now (30-second steps, 6 digits)."""
    return f"{TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX), step=30, t0=0, digits=6).token():06d}"


class Command(BaseCommand):
    help = "Print the current 6-digit security code for every demo staff account."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(demo_totp_code())
