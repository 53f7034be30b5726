"""Builds one catalog item from a compact row; the level comes from the department."""

from __future__ import annotations

from typing import Any

from demo_catalog.departments import DEPARTMENTS
from demo_catalog.helpers import t
from demo_catalog.materials import material

_LEVELS = {row[0]: row[1] for row in DEPARTMENTS}

# Who may apply, by short name.
# fmt: off
WHO: dict[str, tuple[str, str]] = {
    "resident": ("本市户籍居民及持本市居住证的人员",
                 "Residents registered in the city and holders of its residence permit"),
    "citizen": ("中华人民共和国公民", "Citizens of the People's Republic of China"),
    "local": ("本区户籍居民", "Residents registered in the district"),
    "insured": ("本市基本医疗保险参保人员", "People covered by the city's basic medical insurance"),
    "ss_insured": ("本市社会保险参保人员", "People covered by the city's social insurance"),
    "rural_resident": ("年满16周岁、不在校、未参加职工养老保险的本地户籍居民",
                       "Local residents aged 16 or over, not in school, without employee pension"),
    "couple": ("符合法定结婚条件、至少一方为本省户籍的男女双方",
               "A man and a woman who may lawfully marry, at least one registered in Yunnan"),
    "parents": ("3周岁以下婴幼儿的父母或其他监护人", "Parents or guardians of children under 3"),
    "pupil": ("适龄儿童、少年的父母或其他监护人", "Parents or guardians of school-age children"),
    "jobseeker": ("法定劳动年龄内、有劳动能力和就业要求的人员",
                  "People of working age able and wishing to work"),
    "unemployed": ("失业前参加失业保险满1年、非因本人意愿中断就业并已办理失业登记的人员",
                   "People insured for a year who lost their job involuntarily and registered"),
    "operator": ("有经营能力的自然人", "Any natural person able to run a business"),
    "company": ("在本区登记的企业", "Companies registered in the district"),
    "owner": ("不动产权利人或利害关系人", "Owners of the property or interested parties"),
    "depositor": ("正常缴存住房公积金的职工", "Employees who pay into the housing provident fund"),
    "driver": ("持有本省核发机动车驾驶证的驾驶人", "Holders of a driving licence issued in Yunnan"),
    "owner_vehicle": ("机动车所有人", "Owners of the vehicle"),
    "traveller": ("中国内地居民", "Residents of the Chinese mainland"),
    "taxpayer": ("在本区办理涉税事项的纳税人", "Taxpayers dealing with the district's tax office"),
    "retiree": ("达到退休条件的企业职工基本养老保险参保人员",
                "Employees insured for the basic pension who meet the retirement conditions"),
    "elderly": ("本区户籍60周岁以上老年人", "Residents of the district aged 60 or over"),
    "elderly80": ("本区户籍80周岁以上老年人", "Residents of the district aged 80 or over"),
    "hardship": ("因突发事件、意外伤害或重大疾病导致基本生活暂时困难的家庭或个人",
                 "Families or people in temporary hardship after an emergency or serious illness"),
    "teacher": ("具备教师法规定学历并通过国家教师资格考试的中国公民",
                "Citizens with the required education who passed the national teacher exam"),
    "farmer": ("承包耕地并种植的农户", "Farming households with contracted farmland"),
}
# fmt: on


def item(
    code: str,
    zh: str,
    en: str,
    dept: str,
    mode: str,
    days: tuple[int, int],
    who: str,
    mats: str,
    kw: str,
    *,
    fee: int | tuple[str, str] = 0,
    form: str | None = None,
    kiosk: bool = False,
    appt: bool = False,
    applicants: str = "person",
    notes: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """An item from a compact row: ``days`` is (legal, promised) in working days,
    ``mats`` space-separated material keys, ``kw`` space-separated keywords."""
    entry: dict[str, Any] = {
        "code": code,
        "names": t(zh, en),
        "department": dept,
        "level": _LEVELS[dept],
        "mode": mode,
        "legal_days": days[0],
        "promised_days": days[1],
        "fee": fee if fee == 0 else t(*fee),  # type: ignore[misc]
        "applicant_types": ["person", "legal_person"] if applicants == "both" else [applicants],
        "eligibility": t(*WHO[who]),
        "materials": [material(key) for key in mats.split()],
        "completable_at_terminal": kiosk,
        "needs_appointment": appt,
        "keywords": kw.split(),
        "form": form,
    }
    if notes:
        entry["notes"] = t(*notes)
    return entry
