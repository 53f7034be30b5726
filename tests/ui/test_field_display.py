"""What the review page shows for each kind of value (ui.screens.services.application_draft)."""

from __future__ import annotations

from terminal.forms import FieldDefinition, FieldType, LocalizedText
from terminal.forms.model import Choice
from terminal.forms.values import AttachmentRef
from tests.ui.conftest import demo_catalog
from ui.screens.services.application_draft import field_display

SIZES = FieldDefinition(
    key="sizes",
    type=FieldType.MULTI_CHOICE,
    label=LocalizedText("尺寸", "Sizes"),
    choices=(
        Choice("s", LocalizedText("小", "Small")),
        Choice("m", LocalizedText("中", "Medium")),
        Choice("l", LocalizedText("大", "Large")),
    ),
)


def test_multi_choice_shows_the_chosen_labels_in_catalog_order() -> None:
    assert field_display(SIZES, ("l", "s"), demo_catalog(), "zh_CN") == "小、大"
    assert field_display(SIZES, ("m",), demo_catalog(), "en") == "Medium"


def test_attachments_show_how_many_were_taken() -> None:
    photos = FieldDefinition(key="photos", type=FieldType.ATTACHMENT, label=SIZES.label)
    refs = tuple(AttachmentRef("0" * 64, "image/jpeg", f"p{i}") for i in range(3))
    assert field_display(photos, refs, demo_catalog(), "en") == "3"


def test_region_shows_the_full_name_and_nothing_shows_a_dash() -> None:
    catalog = demo_catalog()
    code = next(iter(catalog.regions))
    place = FieldDefinition(key="place", type=FieldType.REGION, label=SIZES.label)
    assert field_display(place, code, catalog, "zh_CN") == catalog.region_full_name(code)
    assert field_display(place, None, catalog, "zh_CN") == "—"
