"""Forms for identity, household, travel, family, school and old age."""

from __future__ import annotations

from demo_catalog.form_parts import (
    bank_account,
    delivery_pages,
    id_number,
    mobile,
    photo,
    region,
)
from demo_catalog.helpers import choices, field, form, page, when

# fmt: off
ID_CARD = form(
    "id_card", "3", "居民身份证申请", "Resident ID card application",
    page("申请原因", "Reason",
         field("reason", "single_choice", "申请类型", "Type of application", choices=choices(
             ("first", "首次申领", "First card"),
             ("expiry", "有效期满换领", "Renewal on expiry"),
             ("damaged", "损坏换领", "Replacement of a damaged card"),
             ("lost", "丢失补领", "Replacement of a lost card"),
             ("info_change", "登记项目变更换领", "New card after a change of details"))),
         field("lost_date", "date", "大约丢失日期", "Roughly when it was lost", max="today",
               min="today-3650", relevant_when=when("reason", "lost")),
         field("lost_place", "text", "丢失地点", "Where it was lost", required=False,
               max_length=60, relevant_when=when("reason", "lost"))),
    page("相片", "Photo",
         photo("photo_receipt", "数码相片回执", "Digital photo receipt", capture="camera",
               max_count=1, help=("请将回执二维码对准摄像头",
                                  "Hold the receipt's QR code to the camera"))),
    *delivery_pages("身份证", "ID card"),
    page("联系方式", "Contact", mobile()),
)

RESIDENCE_PERMIT = form(
    "residence_permit", "2", "居住证申领", "Residence permit application",
    page("居住信息", "Where you live",
         region("residence_region", "居住地", "Area of residence", "township"),
         field("residence_address", "long_text", "详细居住地址", "Street address", min_length=4,
               max_length=120),
         field("since", "date", "在本地居住起始日期", "Living here since", max="today")),
    page("居住事由", "Grounds",
         field("basis", "single_choice", "申领依据", "Grounds", choices=choices(
             ("work", "合法稳定就业", "Stable lawful employment"),
             ("residence", "合法稳定住所", "Stable lawful residence"),
             ("study", "连续就读", "Full-time study"))),
         photo("basis_proof", "依据证明材料", "Proof of the grounds",
               help=("劳动合同、房产证明或租赁合同、在读证明等",
                     "Employment contract, title deed or tenancy, or enrolment letter"))),
    page("联系方式", "Contact", mobile()),
)

HUKOU_MOVE = form(
    "hukou_move", "2", "户口迁移申请", "Household registration transfer",
    page("迁移类型", "Type of move",
         field("move_type", "single_choice", "迁入类型", "Grounds for moving in", choices=choices(
             ("join_family", "投靠亲属", "Joining relatives"),
             ("purchase", "购房落户", "Own home"),
             ("employment", "就业落户", "Employment"),
             ("talent", "人才引进", "Talent scheme"),
             ("student", "大中专学生入学", "Students"))),
         field("relation", "single_choice", "与被投靠人关系", "Relationship to the relative",
               relevant_when=when("move_type", "join_family"), choices=choices(
                   ("spouse", "夫妻", "Spouse"), ("parent", "父母投靠子女",
                                                  "Parent joining a child"),
                   ("child", "子女投靠父母", "Child joining a parent"))),
         id_number("host_id_number", "被投靠人身份证号码", "ID number of the relative",
                   relevant_when=when("move_type", "join_family"))),
    page("迁出与迁入", "From and to",
         region("from_region", "现户籍所在地", "Current registration", "county"),
         region("to_region", "迁入地", "Moving to", "village",
                help=("选择到社区或村", "Choose down to the community or village")),
         field("members", "number", "随迁人数（含本人）", "People moving (including you)",
               integer=True, min=1, max=10)),
    page("证明材料", "Proof",
         photo("proofs", "迁入依据材料", "Proof for the move", max_count=6),
         mobile()),
)

CERTIFICATE = form(
    "certificate", "1", "证明开具申请", "Request for a certificate",
    page("用途", "Purpose",
         field("purpose", "single_choice", "证明用途", "What it is for", choices=choices(
             ("employment", "就业入职", "A new job"), ("school", "子女入学", "School admission"),
             ("property", "购房办证", "Buying a home"), ("travel", "出国出境", "Travel abroad"),
             ("other", "其他", "Other"))),
         field("purpose_other", "text", "其他用途", "Other purpose", max_length=40,
               relevant_when=when("purpose", "other")),
         field("copies", "number", "份数", "Copies", integer=True, min=1, max=5)),
    page("联系方式", "Contact", mobile()),
)

TRAVEL_DOCUMENT = form(
    "travel_document", "2", "出入境证件申请", "Travel document application",
    page("证件", "Document",
         field("document", "single_choice", "申请证件", "Document", choices=choices(
             ("passport", "普通护照", "Ordinary passport"),
             ("hk_macao", "往来港澳通行证", "Permit for Hong Kong and Macao"),
             ("taiwan", "往来台湾通行证", "Permit for Taiwan"))),
         field("endorsements", "multi_choice", "签注", "Endorsements", min_count=1,
               relevant_when=when("document", "hk_macao"), choices=choices(
                   ("hk_tourism", "香港团队旅游", "Hong Kong, group tour"),
                   ("hk_individual", "香港个人旅游", "Hong Kong, individual"),
                   ("macao_tourism", "澳门团队旅游", "Macao, group tour"),
                   ("macao_individual", "澳门个人旅游", "Macao, individual"),
                   ("visit", "探亲", "Family visit"), ("business", "商务", "Business"))),
         field("kind", "single_choice", "申请类别", "Kind", choices=choices(
             ("first", "首次申请", "First application"), ("renew", "换发", "Renewal"),
             ("lost", "补发", "Replacement"), ("endorse", "仅办签注", "Endorsement only")))),
    page("行程与相片", "Trip and photo",
         field("travel_date", "date", "预计出行日期", "Planned departure", required=False,
               min="today", max="today+365"),
         photo("photo_receipt", "出入境证件相片回执", "Photo receipt for travel documents",
               capture="camera", max_count=1)),
    *delivery_pages("证件", "document"),
    page("联系方式", "Contact", mobile()),
)

MARRIAGE_APPOINTMENT = form(
    "marriage_appointment", "2", "婚姻登记预约", "Marriage registration appointment",
    page("登记类型", "Registration",
         field("registration", "single_choice", "登记类型", "Type", choices=choices(
             ("marriage", "结婚登记", "Marriage"), ("divorce", "离婚登记申请",
                                                    "Divorce application"),
             ("reissue", "补领婚姻登记证", "Replacement certificate"))),
         field("day", "date", "预约日期", "Date", min="today+1", max="today+30",
               help=("可预约30天内的工作日", "Any working day in the next 30 days")),
         field("slot", "single_choice", "时段", "Time", choices=choices(
             ("am", "上午 9:00—12:00", "Morning 9:00–12:00"),
             ("pm", "下午 13:30—17:00", "Afternoon 13:30–17:00")))),
    page("双方信息", "Both parties",
         id_number("party_a", "男方身份证号码", "Man's ID number"),
         id_number("party_b", "女方身份证号码", "Woman's ID number"),
         mobile()),
)

BIRTH_REGISTRATION = form(
    "birth_registration", "2", "生育登记", "Birth registration",
    page("夫妻信息", "Parents",
         id_number("mother_id", "女方身份证号码", "Mother's ID number"),
         id_number("father_id", "男方身份证号码", "Father's ID number")),
    page("生育情况", "The child",
         field("child_order", "single_choice", "本次生育", "This child is the", choices=choices(
             ("first", "第一个孩子", "First child"), ("second", "第二个孩子", "Second child"),
             ("third_plus", "第三个及以上孩子", "Third or later child"))),
         field("born", "single_choice", "孩子是否已出生", "Has the child been born?",
               choices=choices(
             ("no", "尚未出生", "Not yet"), ("yes", "已出生", "Yes"))),
         field("due_date", "date", "预产期", "Due date", min="today", max="today+300",
               relevant_when=when("born", "no"))),
    page("户籍与证明", "Residence and proof",
         region("residence", "现居住地", "Where you live", "township"),
         photo("marriage_photo", "结婚证", "Marriage certificate", capture="camera", max_count=2),
         mobile()),
)

CHILDCARE_SUBSIDY = form(
    "childcare_subsidy", "1", "育儿补贴申领", "Childcare subsidy claim",
    page("孩子信息", "The child",
         id_number("child_id", "孩子身份证号码", "Child's ID number",
                   help=("见户口簿孩子页", "On the child's page of the hukou booklet")),
         field("relation", "single_choice", "申请人与孩子关系", "Your relationship to the child",
               choices=choices(("mother", "母亲", "Mother"), ("father", "父亲", "Father"),
                               ("guardian", "其他监护人", "Other guardian"))),
         photo("guardianship", "监护关系证明", "Proof of guardianship",
               relevant_when=when("relation", "guardian"))),
    page("发放账户", "Payment account",
         region("hukou_region", "孩子户籍所在地", "Child's registered residence", "township"),
         bank_account(),
         mobile()),
)

SCHOOL_ENROLMENT = form(
    "school_enrolment", "2", "义务教育入学报名", "School enrolment (compulsory education)",
    page("学生信息", "The pupil",
         id_number("child_id", "学生身份证号码", "Pupil's ID number"),
         field("stage", "single_choice", "报名学段", "School stage", choices=choices(
             ("primary", "小学一年级", "Primary, grade 1"),
             ("junior", "初中一年级", "Junior secondary, grade 7"))),
         region("hukou_region", "户籍所在地", "Registered residence", "township")),
    page("居住情况", "Housing",
         field("housing", "single_choice", "住房情况", "Housing", choices=choices(
             ("own", "自有住房", "Own home"), ("rented", "租赁住房", "Rented"),
             ("collective", "集体户或单位宿舍", "Collective or staff housing"))),
         photo("property_photo", "房产证明", "Title deed", relevant_when=when("housing", "own")),
         photo("lease_photo", "租赁合同及居住证", "Tenancy and residence permit", max_count=5,
               relevant_when=when("housing", "rented"))),
    page("联系方式", "Contact",
         field("guardian_name", "text", "监护人姓名", "Guardian's name", max_length=20),
         mobile()),
)

ELDERLY_ALLOWANCE = form(
    "elderly_allowance", "1", "老年人福利申请", "Benefits for older people",
    page("申请项目", "What you apply for",
         field("benefits", "multi_choice", "申请项目", "Benefits", choices=choices(
             ("allowance", "高龄津贴（80周岁以上）", "Old-age allowance (80 and over)"),
             ("card", "老年人优待证", "Senior concession card"),
             ("care", "居家养老服务补贴", "Home care subsidy"))),
         id_number("elder_id", "老人身份证号码", "ID number of the older person"),
         region("elder_region", "户籍所在地", "Registered residence", "village")),
    page("照片与账户", "Photo and account",
         photo("elder_photo", "老人近期照片", "Recent photo of the older person",
               capture="camera", photo_of="person", max_count=1,
               relevant_when=when("benefits", "card")),
         bank_account(relevant_when=when("benefits", "allowance", "care")),
         mobile()),
)
# fmt: on

FORMS = [
    ID_CARD,
    RESIDENCE_PERMIT,
    HUKOU_MOVE,
    CERTIFICATE,
    TRAVEL_DOCUMENT,
    MARRIAGE_APPOINTMENT,
    BIRTH_REGISTRATION,
    CHILDCARE_SUBSIDY,
    SCHOOL_ENROLMENT,
    ELDERLY_ALLOWANCE,
]
