"""Forms for businesses, tax, homes and driving."""

from __future__ import annotations

from demo_catalog.form_parts import (
    bank_account,
    bank_name,
    delivery_pages,
    id_number,
    mobile,
    photo,
    region,
)
from demo_catalog.helpers import choices, field, form, page, pattern, when

# fmt: off
BUSINESS_REGISTRATION = form(
    "business_registration", "3", "个体工商户设立登记", "Registration of an individual business",
    page("名称与经营者", "Name and operator",
         field("business_name", "text", "个体工商户名称", "Business name", min_length=4,
               max_length=40,
               help=("如：五华区张记米线店", "e.g. Wuhua Zhang's Rice Noodles")),
         id_number("operator_id", "经营者身份证号码", "Operator's ID number"),
         field("form_of_organisation", "single_choice", "组成形式", "Form", choices=choices(
             ("personal", "个人经营", "Individual"), ("family", "家庭经营", "Family"))),
    ),
    page("经营范围", "Business scope",
         field("scope", "multi_choice", "经营范围", "Business scope", min_count=1, max_count=5,
               choices=choices(
                   ("catering", "餐饮服务", "Catering"), ("food_sales", "食品销售", "Food retail"),
                   ("daily_goods", "日用百货销售", "Daily goods"), ("repair", "家电维修",
                                                                    "Appliance repair"),
                   ("hairdressing", "理发及美容服务", "Hairdressing and beauty"),
                   ("tea", "茶叶零售", "Tea retail"), ("express", "快递代收",
                                                       "Parcel collection point"))),
         field("capital", "number", "资金数额", "Capital", min=0, max=10000, decimals=2,
               unit={"zh_CN": "万元", "en": "× CNY 10,000"}),
         field("employees", "number", "从业人数", "Employees", integer=True, min=1, max=200)),
    page("经营场所", "Premises",
         region("premises_region", "经营场所所在地", "Location of the premises", "village"),
         field("premises_address", "long_text", "经营场所详细地址", "Street address", min_length=4,
               max_length=120),
         photo("premises_proof", "经营场所使用证明", "Proof of use of the premises", max_count=5)),
    page("联系方式", "Contact", mobile()),
)

ENTERPRISE_CHANGE = form(
    "enterprise_change", "2", "企业变更与注销登记", "Company changes and deregistration",
    page("企业", "Company",
         field("uscc", "uscc", "统一社会信用代码", "Unified social credit code"),
         field("action", "single_choice", "办理事项", "What to do", choices=choices(
             ("change", "变更登记", "Change registration"), ("deregister", "简易注销",
                                                             "Simplified deregistration"))),
         field("changes", "multi_choice", "变更事项", "What changes", min_count=1,
               relevant_when=when("action", "change"), choices=choices(
                   ("name", "名称", "Name"), ("address", "住所", "Registered address"),
                   ("legal_rep", "法定代表人", "Legal representative"), ("scope", "经营范围",
                                                                         "Business scope"),
                   ("capital", "注册资本", "Registered capital")))),
    page("新法定代表人", "New legal representative",
         id_number("new_rep_id", "新法定代表人身份证号码", "ID number of the new representative",
                   relevant_when=when("changes", "legal_rep"))),
    page("材料", "Documents",
         photo("resolution", "股东会决议或决定", "Shareholders' resolution", max_count=10),
         mobile()),
)

PROPERTY_QUERY = form(
    "property_query", "2", "不动产登记资料查询", "Real estate registration records search",
    page("查询内容", "What to search",
         field("scope", "single_choice", "查询类型", "Search", choices=choices(
             ("own_all", "本人名下全部不动产", "Everything in my name"),
             ("one_property", "指定不动产", "One property"),
             ("no_property", "无房证明", "Certificate of owning no home"))),
         field("certificate_no", "text", "不动产权证书号", "Title certificate number",
               required=False,
               max_length=40, relevant_when=when("scope", "one_property"),
               pattern=pattern(r"[\u4e00-\u9fa5（）()0-9A-Za-z]{6,40}", "请按证书上的编号填写",
                               "Copy the number from the certificate")),
         region("property_region", "不动产所在地", "Where the property is", "county")),
    page("用途", "Purpose",
         field("purpose", "single_choice", "查询用途", "Purpose", choices=choices(
             ("loan", "办理贷款", "A loan"), ("school", "子女入学", "School admission"),
             ("sale", "房屋交易", "A sale"), ("litigation", "诉讼", "Court proceedings"),
             ("other", "其他", "Other"))),
         mobile()),
)

PROVIDENT_FUND = form(
    "provident_fund", "2", "住房公积金提取", "Housing provident fund withdrawal",
    page("提取原因", "Reason",
         field("reason", "single_choice", "提取原因", "Reason", choices=choices(
             ("purchase", "购买自住住房", "Buying a home"), ("rent", "租房", "Paying rent"),
             ("loan", "偿还住房贷款", "Repaying a home loan"), ("retired", "离休、退休",
                                                                "Retirement"))),
         photo("purchase_docs", "购房合同及发票", "Purchase contract and invoice", max_count=6,
               relevant_when=when("reason", "purchase")),
         field("amount", "number", "申请提取金额", "Amount", min=1, max=2000000, decimals=2,
               unit={"zh_CN": "元", "en": "CNY"}, relevant_when=when("reason", "purchase",
                                                                     "rent"))),
    page("到账账户", "Account", bank_account(), bank_name(), mobile()),
)

DRIVING_LICENCE = form(
    "driving_licence", "2", "驾驶证补换领", "Driving licence replacement and renewal",
    page("办理类型", "Type",
         field("reason", "single_choice", "办理类型", "Type", choices=choices(
             ("expiry", "有效期满换证", "Renewal on expiry"), ("lost", "遗失补证", "Lost licence"),
             ("damaged", "损毁换证", "Damaged licence"), ("address", "联系方式变更",
                                                          "New address or phone"))),
         field("licence_class", "single_choice", "准驾车型", "Licence class", choices=choices(
             ("c1", "C1 小型汽车", "C1 car"), ("c2", "C2 小型自动挡汽车", "C2 automatic car"),
             ("d", "D 三轮摩托车", "D motor tricycle"), ("e", "E 二轮摩托车", "E motorcycle"),
             ("b2", "B2 大型货车", "B2 heavy goods vehicle"))),
         photo("health_cert", "身体条件证明", "Medical fitness certificate",
               relevant_when=when("reason", "expiry"))),
    *delivery_pages("驾驶证", "licence"),
    page("联系方式", "Contact", mobile()),
)

TAX_RECORD = form(
    "tax_record", "1", "个人所得税纳税记录开具", "Personal income tax record",
    page("期间", "Period",
         field("from_year", "number", "起始年度", "From year", integer=True, min=2019, max=2030),
         field("to_year", "number", "截止年度", "To year", integer=True, min=2019, max=2030),
         field("purpose", "single_choice", "用途", "Purpose", choices=choices(
             ("purchase", "购房资格", "Eligibility to buy a home"), ("hukou", "落户", "Hukou"),
             ("visa", "签证", "Visa"), ("other", "其他", "Other")))),
    page("联系方式", "Contact", mobile()),
)
# fmt: on

FORMS = [
    BUSINESS_REGISTRATION,
    ENTERPRISE_CHANGE,
    PROPERTY_QUERY,
    PROVIDENT_FUND,
    DRIVING_LICENCE,
    TAX_RECORD,
]
