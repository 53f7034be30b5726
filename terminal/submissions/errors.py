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
