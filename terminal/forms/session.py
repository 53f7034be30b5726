"""One citizen filling in one form: values, problems, relevance, pages and the payload.

A pure, in-memory model (no Qt, no I/O): the application screen binds its widgets to
it and the idle timeout simply drops it, which discards everything entered. Values of
fields that become hidden are kept (going back loses nothing) but never reach the
payload.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from terminal.forms.messages import message_for
from terminal.forms.model import FieldDefinition, FieldType, FormDefinition
from terminal.forms.regions import RegionResolver
from terminal.forms.relevance import is_met
from terminal.forms.text import LocalizedText
from terminal.forms.values import (
    AttachmentRef,
    Issue,
    Unreadable,
    read_value,
    value_issues,
    value_to_json,
)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """What is wrong with one field: a stable code and the words for the citizen."""

    field: str
    code: str
    message: LocalizedText


@dataclass(frozen=True, slots=True)
class SessionPage:
    """One screen as the citizen sees it now: its number and its visible fields."""

    number: int  # 1-based, for the step counter
    title: LocalizedText | None
    fields: tuple[FieldDefinition, ...]


class FormIncompleteError(ValueError):
    """A payload was asked for while fields still have problems."""

    def __init__(self, problems: dict[str, tuple[FieldProblem, ...]]) -> None:
        self.problems = problems
        super().__init__("form incomplete: " + ", ".join(sorted(problems)))


class FormSession:
    """The state of one form being filled in.

    ``regions`` is needed when the form has a region field (the catalog provides it);
    ``today`` fixes the date for date limits and ID birth dates (default: the date of
    each check).
    """

    def __init__(
        self,
        definition: FormDefinition,
        regions: RegionResolver | None = None,
        today: date | None = None,
    ) -> None:
        needs_regions = any(f.type is FieldType.REGION for f in definition.fields.values())
        if needs_regions and regions is None:
            raise ValueError(f"form '{definition.id}' has a region field: pass the regions")
        self.definition = definition
        self._regions = regions
        self._today = today
        self._raw: dict[str, Any] = {}

    @property
    def form_version(self) -> str:
        """The definition's version, sent beside the payload as ``form_version``."""
        return self.definition.version

    def set(self, key: str, value: object) -> None:
        """Enter a value (None, "" or an empty list clears it). KeyError for unknown keys."""
        self.definition.field(key)
        if value is None or value == "" or value == [] or value == ():
            self._raw.pop(key, None)
        else:
            self._raw[key] = value

    def clear(self, key: str) -> None:
        """Forget a field's value."""
        self.set(key, None)

    def raw_value(self, key: str) -> object:
        """What was entered, as entered (for the widget that edits it), or None."""
        self.definition.field(key)
        return self._raw.get(key)

    def value(self, key: str) -> Any:
        """The field's canonical value, or None when empty or unreadable."""
        try:
            return read_value(self.definition.field(key), self._raw.get(key))
        except Unreadable:
            return None

    def relevant_keys(self) -> tuple[str, ...]:
        """The keys of the fields the citizen sees now, in form order."""
        shown: set[str] = set()
        for key, definition in self.definition.fields.items():
            rule = definition.relevant_when
            # Controllers come earlier in the form (checked at load), so one pass is enough.
            if rule is None or (rule.field in shown and is_met(rule, self.value(rule.field))):
                shown.add(key)
        return tuple(k for k in self.definition.fields if k in shown)

    def is_relevant(self, key: str) -> bool:
        """Whether the field is shown now."""
        self.definition.field(key)
        return key in self.relevant_keys()

    def problems(self, key: str) -> tuple[FieldProblem, ...]:
        """What is wrong with one field now; nothing for a hidden field."""
        if not self.is_relevant(key):
            return ()
        return self._problems(self.definition.field(key))

    def all_problems(self) -> dict[str, tuple[FieldProblem, ...]]:
        """Problems of every visible field that has any, by key."""
        found = {}
        for key in self.relevant_keys():
            problems = self._problems(self.definition.field(key))
            if problems:
                found[key] = problems
        return found

    def pages(self) -> tuple[SessionPage, ...]:
        """The screens to show: each defined page's visible fields; empty pages skipped."""
        shown = set(self.relevant_keys())
        pages: list[SessionPage] = []
        for page in self.definition.pages:
            visible = tuple(self.definition.field(k) for k in page.field_keys if k in shown)
            if visible:
                pages.append(SessionPage(len(pages) + 1, page.title, visible))
        return tuple(pages)

    def is_complete(self) -> bool:
        """Whether every visible field is valid (required ones filled)."""
        return not self.all_problems()

    def to_payload(self) -> dict[str, object]:
        """The ``fields`` of an application: visible, filled fields only, as JSON values.

        Attachments appear as references (sha256, media type, name). Raises
        FormIncompleteError while any visible field has a problem.
        """
        problems = self.all_problems()
        if problems:
            raise FormIncompleteError(problems)
        payload: dict[str, object] = {}
        for key in self.relevant_keys():
            value = self.value(key)
            if value is not None:
                payload[key] = value_to_json(self.definition.field(key), value)
        return payload

    def attachments(self) -> tuple[AttachmentRef, ...]:
        """Every attachment reference the payload carries, in form order."""
        refs: list[AttachmentRef] = []
        for key in self.relevant_keys():
            if self.definition.field(key).type is FieldType.ATTACHMENT:
                refs.extend(self.value(key) or ())
        return tuple(refs)

    def _problems(self, definition: FieldDefinition) -> tuple[FieldProblem, ...]:
        try:
            value = read_value(definition, self._raw.get(definition.key))
        except Unreadable as exc:
            return (self._word(definition, Issue(str(exc))),)
        if value is None:
            return (self._word(definition, Issue("required")),) if definition.required else ()
        today = self._today or date.today()
        issues = value_issues(definition, value, self._regions, today)
        return tuple(self._word(definition, issue) for issue in issues)

    @staticmethod
    def _word(definition: FieldDefinition, issue: Issue) -> FieldProblem:
        message = message_for(definition, issue.code, **issue.params)
        return FieldProblem(definition.key, issue.code, message)
