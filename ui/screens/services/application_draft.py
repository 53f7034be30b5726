"""From a filled-in form to the `application` draft that core.confirm seals
(sync-protocol §2: item_code, form_version, fields, applicant, optional appointment)."""

from __future__ import annotations

from datetime import date, timedelta

from terminal.catalog import Catalog, Item
from terminal.forms import FieldDefinition, FieldType, FormDefinition, FormSession, LocalizedText
from terminal.forms.model import PageDefinition
from terminal.masking import masked_contact
from terminal.submissions.draft import AttachmentDraft, Draft


def _person_form(
    form_id: str,
    title: LocalizedText,
    page: LocalizedText,
    name: LocalizedText,
    id_label: LocalizedText,
) -> FormDefinition:
    fields = (
        FieldDefinition(
            key="name",
            type=FieldType.TEXT,
            label=name,
            help=LocalizedText("与身份证上一致", "As on the ID card"),
            required=True,
            max_length=30,
        ),
        FieldDefinition(key="id_number", type=FieldType.ID_NUMBER, label=id_label, required=True),
    )
    return FormDefinition(
        id=form_id,
        version="1",
        title=title,
        pages=(PageDefinition(page, ("name", "id_number")),),
        fields={f.key: f for f in fields},
    )


def applicant_form() -> FormDefinition:
    """Who the application is for: name and ID number, checked by the item forms' engine."""
    return _person_form(
        "applicant",
        LocalizedText("申请人", "Applicant"),
        LocalizedText("申请人", "Who is applying"),
        LocalizedText("申请人姓名", "Applicant's name"),
        LocalizedText("申请人身份证号码", "Applicant's ID number"),
    )


def agent_form() -> FormDefinition:
    """亲友代办: who files for a family member (the person at the terminal)."""
    return _person_form(
        "agent",
        LocalizedText("代办人", "Filed by"),
        LocalizedText("代办人（您本人）", "You, filing for them"),
        LocalizedText("代办人姓名", "Your name"),
        LocalizedText("代办人身份证号码", "Your ID number"),
    )


PERSON_FORMS = ("applicant", "agent")


def form_phone(session: FormSession) -> str | None:
    """The first mobile number the form asked for: the applicant's contact phone."""
    for key in session.relevant_keys():
        if session.definition.field(key).type is FieldType.MOBILE:
            return session.value(key)
    return None


def application_draft(
    item: Item,
    catalog_version: str,
    form: FormSession | None,
    applicant: FormSession,
    photos: dict[str, bytes],
    locale: str,
    *,
    phone: str | None = None,
    appointment: dict[str, str] | None = None,
    agent: FormSession | None = None,
) -> Draft:
    """The draft; raises FormIncompleteError if a session still has problems. ``agent``:
    who files for the applicant (亲友代办), recorded beside them, never in their place."""
    fields = form.to_payload() if form else {}
    person = applicant.to_payload()
    phone = phone or (form_phone(form) if form else None)
    payload: dict[str, object] = {
        "item_code": item.code,
        "form_version": form.form_version if form else "",
        "fields": fields,
        "applicant": {"name": person["name"], "id_number": person.get("id_number"), "phone": phone},
    }
    if agent is not None:
        filer = agent.to_payload()
        payload["agent"] = {"name": filer["name"], "id_number": filer.get("id_number")}
    if appointment is not None:
        payload["appointment"] = appointment
    refs = form.attachments() if form else ()
    return Draft(
        kind="application",
        code=item.code,
        payload=payload,
        catalog_version=catalog_version,
        attachments=tuple(AttachmentDraft(photos[r.sha256], r.media_type, r.name) for r in refs),
        subject_label=item.names.get(locale),
        masked_contact=masked_contact(str(person["name"]), phone),
    )


def is_person_name(key: str) -> bool:
    """A field holding a person's name: the applicant's ``name``, ``guardian_name``…
    (a business's name is not personal)."""
    return key == "name" or (key.endswith("_name") and key not in NOT_PERSONAL_NAMES)


NOT_PERSONAL_NAMES = frozenset({"business_name", "bank_name"})


def field_display(definition: FieldDefinition, value: object, catalog: Catalog, locale: str) -> str:
    """A value as the review page shows it: masked ID, phone and a person's name (as
    the appeal's review shows them), names for codes."""
    from terminal.masking import mask_id_number, mask_name, mask_phone

    if value is None:
        return "—"
    kind = definition.type
    if kind is FieldType.TEXT and is_person_name(definition.key):
        return mask_name(str(value))
    if kind is FieldType.ID_NUMBER:
        return mask_id_number(str(value))
    if kind is FieldType.MOBILE:
        return mask_phone(str(value))
    if kind is FieldType.SINGLE_CHOICE:
        choice = definition.choice(str(value))
        return choice.label.get(locale) if choice else str(value)
    # Multi-choice and attachment values are tuples (see terminal.forms.values.read_value).
    if kind is FieldType.MULTI_CHOICE:
        chosen = value if isinstance(value, tuple) else ()
        return "、".join(c.label.get(locale) for c in definition.choices if c.value in chosen)
    if kind is FieldType.REGION:
        return catalog.region_full_name(str(value), locale)
    if kind is FieldType.ATTACHMENT:
        return str(len(value)) if isinstance(value, tuple) else str(value)
    return str(value)


def contact_form() -> FormDefinition:
    """Who is coming to an appointment: name, ID number and a mobile for reminders."""
    base = applicant_form()
    mobile = FieldDefinition(
        key="mobile",
        type=FieldType.MOBILE,
        label=LocalizedText("联系手机", "Mobile phone"),
        help=LocalizedText("预约结果将以短信通知", "We text you about the appointment"),
        required=True,
    )
    fields = {**base.fields, "mobile": mobile}
    page = PageDefinition(LocalizedText("预约人", "Who is coming"), tuple(fields))
    return FormDefinition("appointment_contact", "1", base.title, (page,), fields)


def working_days(start: date, count: int = 14) -> list[date]:
    """The next ``count`` working days (Monday–Friday) after ``start``."""
    days: list[date] = []
    day = start
    while len(days) < count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days
