"""Service-item forms: the definition format, its checks, and the field engine.

A form is defined in the catalog (pages of typed fields with constraints and
relevance); :func:`parse_form_definition` reads and checks one, and
:class:`FormSession` fills one in for a citizen and produces the ``fields`` of an
application submission. See docs/catalog.md for the format.
"""

from terminal.forms.definition import FormDefinitionError, parse_form_definition
from terminal.forms.model import (
    Capture,
    Choice,
    FieldDefinition,
    FieldType,
    FormDefinition,
    PageDefinition,
    Relevance,
)
from terminal.forms.regions import AdminLevel, RegionResolver
from terminal.forms.session import FieldProblem, FormIncompleteError, FormSession, SessionPage
from terminal.forms.text import LocalizedText
from terminal.forms.values import AttachmentRef

__all__ = [
    "AdminLevel",
    "AttachmentRef",
    "Capture",
    "Choice",
    "FieldDefinition",
    "FieldProblem",
    "FieldType",
    "FormDefinition",
    "FormDefinitionError",
    "FormIncompleteError",
    "FormSession",
    "LocalizedText",
    "PageDefinition",
    "RegionResolver",
    "Relevance",
    "SessionPage",
    "parse_form_definition",
]
