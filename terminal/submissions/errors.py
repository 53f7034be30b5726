"""Errors a citizen can meet at confirm, each with plain words and a way forward."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "disk_full": (
        "本机存储空间已满，这次提交没有保存，也没有生成回执。请联系大厅工作人员处理后再提交。",
        "This terminal's storage is full. Nothing was saved and no receipt was issued. "
        "Please ask the staff for help, then submit again.",
    ),
    "storage_error": (
        "本机暂时无法保存，这次提交没有保存，也没有生成回执。请稍后重试或联系工作人员。",
        "This terminal could not save right now. Nothing was saved and no receipt was issued. "
        "Please try again or ask the staff for help.",
    ),
    "attachment_too_large": (
        "有一个附件太大，无法提交。请删除后重新拍摄或录制。",
        "One attachment is too large. Please remove it and take it again.",
    ),
    "too_many_attachments": (
        "附件数量超过上限。请删除一些附件后再提交。",
        "Too many attachments. Please remove some and submit again.",
    ),
    "invalid_draft": (
        "提交的内容不完整。请返回检查后再提交。",
        "Something is missing. Please go back, check and submit again.",
    ),
    "low_disk": (
        "本机存储空间不足，暂停受理新的提交。这次提交没有保存，也没有生成回执。请联系大厅工作人员。",
        "This terminal is running out of storage and takes no new submissions for now. "
        "Nothing was saved and no receipt was issued. Please ask the staff for help.",
    ),
    "payload_missing": (
        "有必填的内容还没有填写，这次提交没有保存，也没有生成回执。请返回补充后再提交。",
        "Something required is not filled in. Nothing was saved and no receipt was issued. "
        "Please go back, fill it in and submit again.",
    ),
    "payload_too_long": (
        "填写的内容太长，这次提交没有保存，也没有生成回执。请返回删减后再提交。",
        "What was entered is too long. Nothing was saved and no receipt was issued. "
        "Please go back, shorten it and submit again.",
    ),
    "payload_characters": (
        "填写的内容里有无法识别的字符，这次提交没有保存，也没有生成回执。请返回修改后再提交。",
        "What was entered holds characters that cannot be accepted. Nothing was saved and "
        "no receipt was issued. Please go back, correct it and submit again.",
    ),
    "payload_category": (
        "所选的类别或事项已不再受理，这次提交没有保存，也没有生成回执。请返回重新选择后再提交。",
        "The chosen category or service is no longer offered. Nothing was saved and no "
        "receipt was issued. Please go back, choose again and submit.",
    ),
    "payload_invalid": (
        "提交的内容不符合要求，这次提交没有保存，也没有生成回执。请返回检查后再提交，或联系工作人员。",
        "What was entered cannot be accepted as it is. Nothing was saved and no receipt "
        "was issued. Please go back and check it, or ask the staff for help.",
    ),
    "not_ready": (
        "本机尚未完成设置，暂时无法受理。请联系大厅工作人员。",
        "This terminal is not set up yet. Please ask the staff for help.",
    ),
}


class ConfirmError(Exception):
    """Confirm failed: nothing was stored and no receipt exists."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail  # technical, for the log; never personal data

    def message(self, locale: str = "zh_CN") -> str:
        zh, en = MESSAGES.get(self.code, MESSAGES["storage_error"])
        return en if locale.startswith("en") else zh


class PayloadRefused(ConfirmError):
    """Central would refuse the payload by its shape, so no receipt is issued.

    ``field`` and ``rule`` say what is wrong (never the value: it is personal data);
    the screen shows ``message()`` and keeps everything the citizen entered.
    """

    def __init__(self, reason: str, field: str, rule: str) -> None:
        code = f"payload_{reason}"
        super().__init__(code if code in MESSAGES else "payload_invalid", f"{field}: {rule}")
        self.field = field
        self.rule = rule
