"""Forms for social and medical insurance, jobs, training and retirement."""

from __future__ import annotations

from demo_catalog.form_parts import (
    bank_account,
    bank_name,
    delivery_pages,
    mobile,
    photo,
    region,
)
from demo_catalog.helpers import choices, field, form, page, when

# fmt: off
SS_CARD = form(
    "ss_card", "2", "社会保障卡申领与补换", "Social security card application",
    page("办理类型", "Type",
         field("purpose", "single_choice", "办理类型", "Type", choices=choices(
             ("first", "首次申领", "First card"), ("lost", "挂失补领", "Lost card"),
             ("damaged", "损坏换领", "Damaged card"), ("upgrade", "换领第三代社保卡",
                                                       "Upgrade to the 3rd-generation card"))),
         bank_name()),
    page("相片", "Photo",
         photo("photo", "本人近期免冠照片", "Recent bareheaded photo", capture="camera",
               photo_of="person",
               max_count=1,
               media_types=["image/jpeg"])),
    *delivery_pages("社保卡", "card"),
    page("联系方式", "Contact", mobile()),
)

RESIDENT_INSURANCE = form(
    "resident_insurance", "3", "城乡居民社会保险参保登记", "Resident social insurance enrolment",
    page("参保险种", "Insurance",
         field("insurance", "multi_choice", "参保险种", "Insurance", choices=choices(
             ("pension", "城乡居民基本养老保险", "Resident basic pension insurance"),
             ("medical", "城乡居民基本医疗保险", "Resident basic medical insurance"))),
         field("pension_grade", "single_choice", "养老保险缴费档次（元/年）",
               "Pension contribution (CNY/year)",
               relevant_when=when("insurance", "pension"), choices=choices(
                   ("200", "200", "200"), ("300", "300", "300"), ("500", "500", "500"),
                   ("1000", "1000", "1,000"), ("2000", "2000", "2,000"), ("3000", "3000", "3,000"),
                   ("5000", "5000", "5,000"))),
         region("hukou_region", "户籍所在地", "Registered residence", "township")),
    page("缴费资助", "Contribution support",
         field("support_group", "single_choice", "特殊群体身份", "Special group", choices=choices(
             ("none", "不属于", "None"), ("subsistence", "最低生活保障对象",
                                          "Subsistence allowance"),
             ("extreme_poverty", "特困人员", "Extreme poverty support"),
             ("disabled", "重度残疾人", "Severe disability"))),
         photo("support_proof", "身份证明材料", "Proof of the special group",
               relevant_when=when("support_group", "subsistence", "extreme_poverty", "disabled"))),
    page("联系方式", "Contact", mobile()),
)

FLEXIBLE_EMPLOYMENT = form(
    "flexible_employment", "2", "灵活就业人员参保登记", "Insurance enrolment for flexible workers",
    page("参保信息", "Insurance",
         field("insurance", "multi_choice", "参保险种", "Insurance", choices=choices(
             ("pension", "职工基本养老保险", "Employee basic pension"),
             ("medical", "职工基本医疗保险", "Employee basic medical insurance"))),
         field("base", "single_choice", "缴费基数档次", "Contribution base", choices=choices(
             ("60", "社平工资的60%", "60% of the average wage"),
             ("80", "80%", "80%"), ("100", "100%", "100%"),
             ("200", "200%", "200%"), ("300", "300%", "300%"))),
         field("start", "date", "参保起始日期", "Start of cover", min="today-90", max="today+90")),
    page("就业情况", "Work",
         field("occupation", "text", "从事职业", "Occupation", max_length=30,
               help=("如网约车司机、外卖骑手、个体经营",
                     "e.g. ride-hailing driver, courier, self-employed")),
         region("hukou_region", "户籍所在地", "Registered residence", "county"),
         mobile()),
)

REMOTE_MEDICAL = form(
    "remote_medical", "2", "异地就医备案", "Registration for medical care in another place",
    page("备案类型", "Type",
         field("filing_type", "single_choice", "备案类型", "Type", choices=choices(
             ("resettled", "异地长期居住", "Living elsewhere long term"),
             ("working", "常驻异地工作", "Working elsewhere"),
             ("referral", "异地转诊就医", "Referral to a hospital elsewhere"),
             ("temporary", "临时外出就医", "Temporary stay elsewhere"))),
         field("destination", "text", "就医地（省、市）", "Where (province and city)",
               max_length=40),
         field("hospital", "text", "转入医院", "Receiving hospital", max_length=60,
               relevant_when=when("filing_type", "referral"))),
    page("时间与证明", "Dates and proof",
         field("start", "date", "开始日期", "From", min="today-30", max="today+180"),
         photo("referral_letter", "转诊转院证明", "Referral letter",
               relevant_when=when("filing_type", "referral")),
         photo("residence_proof", "异地居住或工作证明", "Proof of living or working there",
               relevant_when=when("filing_type", "resettled", "working"))),
    page("联系方式", "Contact", mobile()),
)

MEDICAL_CLAIM = form(
    "medical_claim", "2", "医疗费用手工报销", "Claim for medical costs",
    page("就医情况", "Treatment",
         field("care", "single_choice", "就医类型", "Type of care", choices=choices(
             ("inpatient", "住院", "In-patient"), ("outpatient", "门诊", "Out-patient"),
             ("emergency", "急诊抢救", "Emergency"))),
         field("hospital", "text", "就诊医院", "Hospital", max_length=60),
         field("admitted", "date", "就诊（入院）日期", "Date of treatment or admission",
               min="today-730", max="today")),
    page("费用", "Costs",
         field("amount", "number", "医疗费用总额", "Total cost", min=0.01, max=5000000, decimals=2,
               unit={"zh_CN": "元", "en": "CNY"}),
         photo("invoices", "医疗费用票据", "Medical bills", max_count=10),
         photo("discharge", "出院小结", "Discharge summary", relevant_when=when("care",
                                                                                "inpatient"))),
    page("报销账户", "Account", bank_account(), bank_name(), mobile()),
)

UNEMPLOYMENT_BENEFIT = form(
    "unemployment_benefit", "2", "失业保险金申领", "Unemployment benefit claim",
    page("原单位", "Former employer",
         field("employer", "text", "原工作单位名称", "Former employer", max_length=60),
         field("employer_uscc", "uscc", "原单位统一社会信用代码", "Former employer's credit code",
               help=("见单位营业执照", "On the employer's business licence")),
         field("left_on", "date", "离职日期", "Last day of work", max="today", min="today-730")),
    page("离职原因", "Reason",
         field("reason", "single_choice", "离职原因", "Why the job ended", choices=choices(
             ("contract_end", "劳动合同期满终止", "Contract ended"),
             ("dismissed", "用人单位解除", "Dismissed by the employer"),
             ("mutual", "协商一致解除", "By mutual agreement"),
             ("employer_fault", "因单位过错本人解除", "Left because of the employer's fault"))),
         photo("separation", "解除或终止劳动关系证明", "Proof of the end of employment")),
    page("发放账户", "Account", bank_account(), mobile()),
)

EMPLOYMENT_STATUS = form(
    "employment_status", "1", "就业失业登记", "Employment and unemployment registration",
    page("登记类型", "Registration",
         field("status", "single_choice", "登记类型", "Type", choices=choices(
             ("employed", "就业登记", "Employment"), ("unemployed", "失业登记", "Unemployment"))),
         field("employer", "text", "用人单位名称", "Employer", max_length=60,
               relevant_when=when("status", "employed")),
         field("employer_uscc", "uscc", "用人单位统一社会信用代码", "Employer's credit code",
               relevant_when=when("status", "employed"))),
    page("求职意向", "Job search",
         field("since", "date", "失业日期", "Unemployed since", max="today",
               relevant_when=when("status", "unemployed")),
         field("wishes", "multi_choice", "希望获得的服务", "Help you would like", required=False,
               max_count=3, relevant_when=when("status", "unemployed"), choices=choices(
                   ("jobs", "岗位推荐", "Job offers"), ("training", "职业技能培训",
                                                        "Skills training"),
                   ("startup", "创业指导", "Start-up advice"), ("guidance", "职业指导",
                                                                "Career guidance"))),
         mobile()),
)

RETIREMENT = form(
    "retirement", "2", "职工退休申请", "Employee retirement application",
    page("退休类型", "Type",
         field("kind", "single_choice", "退休类型", "Type", choices=choices(
             ("statutory", "达到法定退休年龄", "Statutory retirement age"),
             ("flexible_early", "弹性提前退休", "Flexible early retirement"),
             ("flexible_late", "弹性延迟退休", "Flexible later retirement"),
             ("special_work", "特殊工种提前退休", "Early retirement after hazardous work"))),
         field("date", "date", "申请退休日期", "Retirement date", min="today", max="today+1095"),
         photo("special_proof", "特殊工种工作经历证明", "Proof of hazardous work", max_count=10,
               relevant_when=when("kind", "special_work"))),
    page("养老金账户", "Pension account", bank_account(), bank_name(), mobile()),
)

TRAINING_SUBSIDY = form(
    "training_subsidy", "1", "职业技能培训补贴申领", "Vocational training subsidy claim",
    page("培训情况", "Training",
         field("course", "text", "培训项目", "Course", max_length=40),
         field("level", "single_choice", "取得证书等级", "Certificate level", choices=choices(
             ("5", "五级/初级工", "Level 5 / beginner"), ("4", "四级/中级工",
                                                          "Level 4 / intermediate"),
             ("3", "三级/高级工", "Level 3 / advanced"), ("2", "二级/技师",
                                                          "Level 2 / technician"))),
         photo("certificate", "职业技能等级证书", "Skill level certificate", max_count=2)),
    page("补贴账户", "Account", bank_account(), mobile()),
)
# fmt: on

FORMS = [
    SS_CARD,
    RESIDENT_INSURANCE,
    FLEXIBLE_EMPLOYMENT,
    REMOTE_MEDICAL,
    MEDICAL_CLAIM,
    UNEMPLOYMENT_BENEFIT,
    EMPLOYMENT_STATUS,
    RETIREMENT,
    TRAINING_SUBSIDY,
]
