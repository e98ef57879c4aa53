"""Errors a person can cause when asking the rule book for a deadline.

They are `ApplicationError`s with status 422, so the API answers them in the one error shape and
pages show them in the GOV.UK error summary. The engine itself stays free of Django.
"""

from opensend.core.errors import ApplicationError


class InvalidInput(ApplicationError):
    """The question cannot be answered as asked: nothing is guessed."""

    status_code = 422


class UnknownRule(InvalidInput):
    def __init__(self, rule_id: str, *, field: str = "rule") -> None:
        super().__init__(f"There is no rule with the id {rule_id!r}", field=field)
        self.rule_id = rule_id


class SecondDateRequired(InvalidInput):
    def __init__(self, rule_id: str, label: str, *, field: str = "second") -> None:
        super().__init__(f"Rule {rule_id} needs a second date: {label}", field=field)


class SecondDateNotUsed(InvalidInput):
    def __init__(self, rule_id: str, *, field: str = "second") -> None:
        super().__init__(
            f"Rule {rule_id} is counted from one date only: leave the second date out", field=field
        )


class NoRuleSetInForce(InvalidInput):
    def __init__(self, message: str, *, field: str = "trigger") -> None:
        super().__init__(message, field=field)


class OutOfRange(InvalidInput):
    def __init__(self, message: str, *, field: str = "trigger") -> None:
        super().__init__(message, field=field)


class RuleSetError(Exception):
    """A rule set file is malformed. A programming or data error, never shown to the public."""


class SecondDateBeforeTrigger(InvalidInput):
    """A 'later of' rule's second date cannot come before the first: the events happen in order."""

    def __init__(self, rule_id: str, message: str, *, field: str = "second") -> None:
        super().__init__(message, field=field)
        self.rule_id = rule_id


class RuleNotInForce(InvalidInput):
    """The rule set is in force on the date, but this rule's own provision came into force later."""

    def __init__(self, message: str, *, field: str = "trigger") -> None:
        super().__init__(message, field=field)
