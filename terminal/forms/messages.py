"""Problem codes a field can report, and the plain words shown for each.

A form definition may override any of these per field (``messages``); a text pattern
always carries its own. Placeholders: ``{label}``, ``{min}``, ``{max}``, ``{count}``.
Written for a citizen who may read little: short, concrete, saying what to do.
"""

from __future__ import annotations

from terminal.forms.model import FieldDefinition, FieldType
from terminal.forms.text import LocalizedText

T = LocalizedText

DEFAULT_MESSAGES: dict[str, LocalizedText] = {
    "required": T("请填写“{label}”", "Please fill in “{label}”"),
    "required.choice": T("请选择“{label}”", "Please choose “{label}”"),
    "required.attachment": T("请拍摄或扫描“{label}”", "Please photograph or scan “{label}”"),
    "min_length": T("“{label}”至少要{min}个字", "“{label}” needs at least {min} characters"),
    "max_length": T(
        "“{label}”最多{max}个字，请删减", "“{label}” can have at most {max} characters"
    ),
    "pattern": T("“{label}”的格式不对", "“{label}” is not in the right format"),
    "not_a_number": T("“{label}”请填写数字", "“{label}” must be a number"),
    "not_integer": T("“{label}”请填写整数", "“{label}” must be a whole number"),
    "decimals": T(
        "“{label}”最多保留{max}位小数", "“{label}” can have at most {max} decimal places"
    ),
    "min": T("“{label}”不能小于{min}", "“{label}” cannot be less than {min}"),
    "max": T("“{label}”不能大于{max}", "“{label}” cannot be more than {max}"),
    "invalid_date": T("“{label}”不是有效的日期", "“{label}” is not a valid date"),
    "min.date": T("“{label}”不能早于{min}", "“{label}” cannot be before {min}"),
    "max.date": T("“{label}”不能晚于{max}", "“{label}” cannot be after {max}"),
    "unknown_choice": T("“{label}”的选项无效，请重新选择", "Please choose “{label}” again"),
    "min_count": T("“{label}”至少需要{min}项", "“{label}” needs at least {min}"),
    "max_count": T("“{label}”最多{max}项", "“{label}” can have at most {max}"),
    "min_count.attachment": T(
        "“{label}”至少需要{min}张", "“{label}” needs at least {min} pages or photos"
    ),
    "max_count.attachment": T(
        "“{label}”最多{max}张，请删除多余的", "“{label}” can have at most {max} pages or photos"
    ),
    "region_unknown": T(
        "“{label}”不在可选地区中，请重新选择", "Please choose “{label}” from the list again"
    ),
    "region_level": T(
        "“{label}”请继续选择到{min}", "Please go on choosing “{label}” down to {min}"
    ),
    "media_type": T("“{label}”的文件类型不支持，请重新拍摄", "Please capture “{label}” again"),
    "invalid_value": T("“{label}”填写有误", "“{label}” is not valid"),
    "id_number.length": T("身份证号码应为18位", "An ID number has 18 characters"),
    "id_number.characters": T(
        "身份证号码只能是数字，最后一位可以是X",
        "An ID number has only digits, the last may be X",
    ),
    "id_number.region": T(
        "身份证号码前6位地区码不对，请核对", "The first 6 digits (region) look wrong"
    ),
    "id_number.birth_date": T(
        "身份证号码中的出生日期不对，请核对", "The date of birth in the ID number looks wrong"
    ),
    "id_number.check_digit": T(
        "身份证号码有误，请逐位核对", "The ID number is not right; please check each digit"
    ),
    "mobile.length": T("手机号码应为11位", "A mobile number has 11 digits"),
    "mobile.characters": T("手机号码只能是数字", "A mobile number has only digits"),
    "mobile.prefix": T("手机号码开头不对，请核对", "A mobile number starts with 13 to 19"),
    "uscc.length": T("统一社会信用代码应为18位", "A unified social credit code has 18 characters"),
    "uscc.characters": T(
        "统一社会信用代码含有无效字符（不使用I、O、Z、S、V）",
        "The code has letters it never uses (I, O, Z, S, V)",
    ),
    "uscc.region": T(
        "统一社会信用代码第3至8位应为数字", "Characters 3 to 8 of the code must be digits"
    ),
    "uscc.check_digit": T(
        "统一社会信用代码有误，请逐位核对", "The code is not right; please check each character"
    ),
}

_CHECKED = {
    FieldType.ID_NUMBER: ("length", "characters", "region", "birth_date", "check_digit"),
    FieldType.MOBILE: ("length", "characters", "prefix"),
    FieldType.USCC: ("length", "characters", "region", "check_digit"),
}

# The problem codes each field type can report (and so may override in ``messages``).
CODES_BY_TYPE: dict[FieldType, frozenset[str]] = {
    FieldType.TEXT: frozenset({"required", "min_length", "max_length", "pattern"}),
    FieldType.LONG_TEXT: frozenset({"required", "min_length", "max_length", "pattern"}),
    FieldType.NUMBER: frozenset(
        {"required", "not_a_number", "not_integer", "decimals", "min", "max"}
    ),
    FieldType.DATE: frozenset({"required", "invalid_date", "min", "max"}),
    FieldType.SINGLE_CHOICE: frozenset({"required", "unknown_choice"}),
    FieldType.MULTI_CHOICE: frozenset({"required", "unknown_choice", "min_count", "max_count"}),
    FieldType.REGION: frozenset({"required", "region_unknown", "region_level", "invalid_value"}),
    FieldType.ATTACHMENT: frozenset(
        {"required", "min_count", "max_count", "media_type", "invalid_value"}
    ),
    **{
        kind: frozenset({"required", "invalid_value", *(f"{kind}.{r}" for r in reasons)})
        for kind, reasons in _CHECKED.items()
    },
}


def message_for(definition: FieldDefinition, code: str, **params: object) -> LocalizedText:
    """The text for a problem: the field's own override, else the default for its type.

    A parameter given as LocalizedText is filled in per language.
    """
    template = definition.messages.get(code)
    if template is None and code == "pattern" and definition.pattern is not None:
        template = definition.pattern.message
    if template is None:
        template = DEFAULT_MESSAGES[_default_key(definition.type, code)]
    zh = {k: v.zh_CN if isinstance(v, LocalizedText) else v for k, v in params.items()}
    en = {k: v.en if isinstance(v, LocalizedText) else v for k, v in params.items()}
    return LocalizedText(
        template.zh_CN.format(label=definition.label.zh_CN, **zh),
        template.en.format(label=definition.label.en, **en),
    )


_CHOSEN = (FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE, FieldType.REGION)
PLACEHOLDERS = frozenset({"label", "min", "max", "count"})


def _default_key(kind: FieldType, code: str) -> str:
    if code == "required" and kind in _CHOSEN:
        return "required.choice"
    if code == "required" and kind is FieldType.ATTACHMENT:
        return "required.attachment"
    if code in ("min_count", "max_count") and kind is FieldType.ATTACHMENT:
        return f"{code}.attachment"
    if code in ("min", "max") and kind is FieldType.DATE:
        return f"{code}.date"
    return code
