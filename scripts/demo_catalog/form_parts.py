"""Fields and pages that many forms share: contact phone, bank account, delivery."""

from __future__ import annotations

from demo_catalog.helpers import choices, field, page, pattern, when


def mobile(key: str = "mobile") -> dict:
    """The applicant's mobile number, for progress messages."""
    return field(
        key, "mobile", "联系手机", "Mobile phone",
        help=("办理进度将以短信通知", "We text you about progress"),
    )  # fmt: skip


def bank_account(key: str = "bank_account", **kw: object) -> dict:
    """A bank account number for payments."""
    return field(
        key, "text", "本人银行账号", "Your bank account number",
        pattern=pattern(r"\d{16,19}", "银行账号应为16到19位数字",
                        "A bank account number has 16 to 19 digits"),
        help=("请填写本人名下的I类银行账户", "An account in your own name (Class I)"), **kw,
    )  # fmt: skip


def bank_name(key: str = "bank") -> dict:
    """Which bank the account is with."""
    return field(
        key, "single_choice", "开户银行", "Bank",
        choices=choices(
            ("icbc", "中国工商银行", "ICBC"),
            ("abc", "中国农业银行", "Agricultural Bank of China"),
            ("boc", "中国银行", "Bank of China"),
            ("ccb", "中国建设银行", "China Construction Bank"),
            ("psbc", "中国邮政储蓄银行", "Postal Savings Bank of China"),
            ("ynrcc", "云南省农村信用社", "Yunnan Rural Credit Cooperative"),
            ("fudian", "富滇银行", "Fudian Bank"),
        ),
    )  # fmt: skip


def delivery_pages(what_zh: str, what_en: str) -> list[dict]:
    """Collect at a window or by post, with the address only when posting."""
    return [
        page(
            "领取方式", "How to receive it",
            field(
                "delivery", "single_choice", f"{what_zh}领取方式", f"How to receive the {what_en}",
                choices=choices(
                    ("collect", "到窗口自取", "Collect at the window"),
                    ("post", "邮政快递到家（到付）", "By post (paid on delivery)"),
                ),
            ),
        ),
        page(
            "邮寄地址", "Postal address",
            field(
                "post_region", "region", "邮寄地区", "Delivery area", region_level="township",
                relevant_when=when("delivery", "post"),
            ),
            field(
                "post_address", "long_text", "详细地址", "Street address", min_length=4,
                max_length=120, relevant_when=when("delivery", "post"),
                help=("街道、门牌号、小区及楼栋房号", "Street, number, estate, building and flat"),
            ),
            field(
                "post_recipient", "text", "收件人", "Recipient", max_length=20,
                relevant_when=when("delivery", "post"),
            ),
        ),
    ]  # fmt: skip


def photo(
    key: str, zh: str, en: str, *, capture: str = "scanner", max_count: int = 3, **kw
) -> dict:
    """An attachment field for a material, by scanner or camera."""
    return field(
        key, "attachment", zh, en, capture=capture, min_count=1, max_count=max_count, **kw
    )  # fmt: skip


def region(key: str, zh: str, en: str, level: str, **kw: object) -> dict:
    """A region picker down to a level."""
    return field(key, "region", zh, en, region_level=level, **kw)


def id_number(key: str, zh: str, en: str, **kw: object) -> dict:
    """A resident ID number field."""
    return field(key, "id_number", zh, en, **kw)
