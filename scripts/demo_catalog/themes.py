"""The 16 life-event themes (我要…) in home-screen order, and the synonym groups search uses."""

from __future__ import annotations

from typing import Any

from demo_catalog.helpers import t

# (code, icon, zh, en, item codes)
# fmt: off
THEMES: list[tuple[str, str, str, str, str]] = [
    ("health", "stethoscope", "我要看病", "Seeing a doctor",
     "med.remote_filing med.manual_claim med.chronic_disease med.insurance_proof "
     "med.family_account health.e_health_card health.vaccination_card civil.medical_aid "
     "civil.temporary_aid"),
    ("id_card", "id-card", "我要补办身份证", "Replacing an ID card",
     "police.id_card.reissue police.id_card.renew police.id_card.temporary "
     "police.id_card.cross_province police.id_card.loss_report police.id_card.first "
     "police.id_card.electronic police.residence_permit police.residence_endorse"),
    ("social_insurance", "shield", "我要办社保", "Social insurance",
     "hrss.ss_card.apply hrss.ss_card.reissue hrss.ss_card.suspend hrss.flexible_enrol "
     "hrss.rights_record hrss.contribution_proof hrss.employee_enrol hrss.pension_transfer "
     "hrss.work_injury hrss.info_change"),
    ("medical_insurance", "medical-cross", "我要办医保", "Medical insurance",
     "med.resident_enrol med.remote_filing med.manual_claim med.chronic_disease "
     "med.newborn_enrol med.transfer med.info_change med.e_voucher med.insurance_proof "
     "med.family_account"),
    ("elderly", "cane", "我要养老", "Old age",
     "hrss.resident_pension_enrol hrss.resident_pension_claim hrss.pension_grade_change "
     "hrss.pension_qualification hrss.pension_account_change civil.old_age_allowance "
     "civil.senior_card civil.home_care_subsidy hrss.survivor_benefit hrss.account_refund"),
    ("birth", "baby", "我要生育", "Having a baby",
     "health.birth_registration police.newborn_hukou med.newborn_enrol health.childcare_subsidy "
     "med.maternity_benefit med.maternity_costs health.birth_cert_reissue health.vaccination_card "
     "health.family_support"),
    ("education", "school", "我要上学", "Going to school",
     "edu.enrolment edu.migrant_children edu.transfer edu.status_proof edu.financial_aid "
     "edu.student_insurance edu.teacher_cert"),
    ("employment", "briefcase", "我要就业", "Finding work",
     "hrss.employment_registration hrss.unemployment_registration hrss.unemployment_benefit "
     "hrss.employment_card hrss.job_seeker hrss.training_subsidy hrss.skill_upgrade_subsidy "
     "hrss.graduate_report hrss.flexible_subsidy hrss.flexible_enrol hrss.qualification_cert "
     "market.equipment_operator"),
    ("business", "shop", "我要开办企业", "Starting a business",
     "market.individual_registration market.company_registration market.name_declaration "
     "police.seal_filing tax.new_taxpayer market.food_permit market.company_change "
     "market.individual_change market.licence_reissue market.simple_deregistration "
     "market.individual_deregistration hrss.startup_loan"),
    ("marriage", "rings", "我要结婚", "Getting married",
     "civil.marriage health.premarital_exam civil.marriage_record civil.marriage_cert_reissue "
     "civil.divorce health.birth_registration"),
    ("property", "house", "我要买房", "Buying a home",
     "land.record_query land.no_home_proof land.new_home_transfer land.transfer land.mortgage "
     "land.certificate_reissue fund.purchase_withdrawal fund.rent_withdrawal fund.loan "
     "fund.deposit_proof housing.public_rental tax.deed_tax"),
    ("driving", "car", "我要开车", "Driving",
     "traffic.licence_reissue traffic.licence_renew traffic.health_report traffic.exam_booking "
     "traffic.vehicle_registration traffic.inspection_mark traffic.violation "
     "traffic.licence_transfer traffic.plate_reissue tax.vehicle_vessel"),
    ("travel", "passport", "我要出入境", "Travelling abroad",
     "exit.passport exit.hk_macao exit.endorsement exit.taiwan exit.document_reissue "
     "exit.record_query"),
    ("hukou", "household", "我要办户口", "Household registration",
     "police.hukou_move_in police.newborn_hukou police.hukou_certificate police.hukou_move_out "
     "police.graduate_hukou police.hukou_correction police.hukou_book_reissue "
     "police.death_cancel police.veteran_hukou village.residence_proof"),
    ("tax", "receipt", "我要纳税", "Paying taxes",
     "tax.annual_settlement tax.income_record tax.special_deductions tax.invoice_agency "
     "tax.resident_contributions tax.vehicle_vessel tax.deed_tax tax.clearance"),
    ("retirement", "sunset", "我要退休", "Retiring",
     "hrss.retirement hrss.flexible_retirement hrss.special_work_retirement "
     "hrss.pension_qualification hrss.rights_record hrss.pension_estimate "
     "hrss.retiree_services fund.retirement_withdrawal"),
]

# Terms citizens use for the same thing; search treats each group as one.
SYNONYMS: list[list[str]] = [
    ["身份证", "居民身份证"],
    ["社保", "社会保险"],
    ["社保卡", "社会保障卡"],
    ["医保", "医疗保障", "医疗保险"],
    ["户口", "户籍"],
    ["户口本", "户口簿", "居民户口簿"],
    ["驾照", "驾驶证", "机动车驾驶证"],
    ["房产证", "不动产权证书"],
    ["养老金", "基本养老金", "退休金"],
    ["公积金", "住房公积金"],
    ["营业执照", "执照"],
    ["个体户", "个体工商户"],
    ["港澳通行证", "往来港澳通行证"],
    ["结婚证", "婚姻登记证"],
    ["失业金", "失业保险金"],
    ["个税", "个人所得税"],
]
# fmt: on


def themes() -> list[dict[str, Any]]:
    """The themes as catalog entries."""
    return [
        {"code": code, "names": t(zh, en), "icon": icon, "order": (i + 1) * 10,
         "items": codes.split()}
        for i, (code, icon, zh, en, codes) in enumerate(THEMES)
    ]  # fmt: skip
