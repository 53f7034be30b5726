"""Live checks of ID and mobile numbers, in plain words (reason codes from
terminal.checkdigits turned into sentences)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from terminal.checkdigits import id_number_problem, mobile_problem


def check_id_number(text: str) -> tuple[bool | None, str]:
    """(True, ok) / (False, what is wrong) / (None, progress) for a typed ID number."""
    if not text:
        return None, QCoreApplication.translate("Checks", "18 characters; the last may be X.")
    problem = id_number_problem(text)
    if problem is None:
        return True, QCoreApplication.translate("Checks", "✓ This ID number looks right.")
    if problem == "length" and len(text) < 18:
        return None, QCoreApplication.translate("Checks", "{n} of 18 entered.").format(n=len(text))
    messages = {
        "characters": QCoreApplication.translate(
            "Checks", "Only digits are allowed, and X only as the last character."
        ),
        "region": QCoreApplication.translate(
            "Checks", "The first six digits are not an area code. Please check them."
        ),
        "birth_date": QCoreApplication.translate(
            "Checks", "Digits 7 to 14 should be your date of birth. Please check them."
        ),
        "check_digit": QCoreApplication.translate(
            "Checks", "The last character does not match the others. Please check each digit."
        ),
    }
    return False, messages.get(
        problem, QCoreApplication.translate("Checks", "Please check the number.")
    )


def check_mobile(text: str) -> tuple[bool | None, str]:
    """The same for a mainland mobile number (11 digits starting 13–19)."""
    if not text:
        return None, QCoreApplication.translate("Checks", "11 digits, starting with 1.")
    problem = mobile_problem(text)
    if problem is None:
        return True, QCoreApplication.translate("Checks", "✓ This phone number looks right.")
    if problem == "length" and len(text) < 11:
        return None, QCoreApplication.translate("Checks", "{n} of 11 digits entered.").format(
            n=len(text)
        )
    if problem == "prefix":
        return False, QCoreApplication.translate(
            "Checks", "A mobile number starts with 13 to 19. Please check the first digits."
        )
    return False, QCoreApplication.translate("Checks", "Please check the number.")


def check_name(text: str) -> tuple[bool | None, str]:
    """A name is anything non-empty, up to the field's length."""
    if not text.strip():
        return None, QCoreApplication.translate("Checks", "As on your ID card.")
    return True, ""
