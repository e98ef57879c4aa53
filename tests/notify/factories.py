import datetime as dt

import factory

from opensend.notify.models import Notification, Status
from tests.factories import UserFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    email_address = factory.LazyAttribute(lambda n: n.recipient.email)
    kind = "message.received"
    category = "messages"
    subject = factory.Sequence(lambda n: f"New message from Sam Patel (number {n})")
    body = "Sam Patel has sent you a message about Amara.\n\nSign in to read it and reply."
    link = "http://localhost:8000/children/"
    status = Status.SENT
    attempts = 1
    sent_at = factory.Faker("date_time_this_year", tzinfo=dt.UTC)
