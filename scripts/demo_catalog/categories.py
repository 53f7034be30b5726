"""The appeal category tree (诉求分类): what a citizen can complain about or ask for,
and which department receives it. Codes nest: ``urban.road`` sits under ``urban``."""

from __future__ import annotations

from typing import Any

from demo_catalog.helpers import t

HOTLINE = "530100-RXZX"


def c(code: str, zh: str, en: str, dept: str, keywords: str = "", *children: dict) -> dict:
    """A category with space-separated keywords and its children."""
    entry: dict[str, Any] = {"code": code, "names": t(zh, en), "department": dept}
    if keywords:
        entry["keywords"] = keywords.split()
    if children:
        entry["children"] = list(children)
    return entry


# fmt: off
CATEGORIES = [
    c("urban", "城市管理", "Urban management", "530100-CGJ", "",
      c("urban.road", "道路设施损坏", "Damaged roads and pavements", "530100-CGJ",
        "坑洼 井盖 路灯"),
      c("urban.sanitation", "环境卫生", "Street cleaning and rubbish", "530100-CGJ",
        "垃圾 清扫 公厕"),
      c("urban.street_vending", "占道经营", "Street vending blocking the way", "530100-CGJ",
        "摆摊 流动摊贩"),
      c("urban.illegal_building", "违法建设", "Illegal construction", "530100-CGJ",
        "违建 私搭乱建"),
      c("urban.greening", "园林绿化", "Parks, trees and green spaces", "530100-CGJ",
        "树木 草坪 公园")),
    c("environment", "生态环境", "Environment", "530100-STHJ", "",
      c("environment.noise", "噪声扰民", "Noise nuisance", "530100-STHJ", "噪音 施工 广场舞"),
      c("environment.air", "大气污染", "Air pollution", "530100-STHJ", "油烟 异味 扬尘 烧烤"),
      c("environment.water", "水体污染", "Water pollution", "530100-STHJ", "排污 河道 黑臭水体")),
    c("utilities", "水电气", "Water, power and gas", HOTLINE, "",
      c("utilities.water", "供水问题", "Water supply", HOTLINE, "停水 水压 水质 自来水"),
      c("utilities.power", "供电问题", "Electricity supply", HOTLINE, "停电 电压"),
      c("utilities.gas", "燃气问题", "Gas supply", HOTLINE, "天然气 燃气泄漏")),
    c("housing", "住房与物业", "Housing and property management", "530100-ZJJ", "",
      c("housing.property_management", "物业服务", "Property management services", "530100-ZJJ",
        "物业费 电梯 小区"),
      c("housing.quality", "房屋质量", "Building quality", "530100-ZJJ", "漏水 开裂"),
      c("housing.delivery", "商品房交付与办证", "Delivery of new homes and title certificates",
        "530100-ZJJ", "延期交房 办证难")),
    c("labour", "劳动保障", "Labour rights", "530102-RSJ", "",
      c("labour.wage_arrears", "拖欠工资", "Unpaid wages", "530102-RSJ", "欠薪 农民工工资 讨薪"),
      c("labour.contract", "劳动合同纠纷", "Employment contract disputes", "530102-RSJ",
        "辞退 加班 工伤")),
    c("social_security", "社会保险", "Social insurance", "530100-RSJ", "",
      c("social_security.pension", "养老保险", "Pension insurance", "530100-RSJ",
        "养老金 退休待遇"),
      c("social_security.medical", "医疗保险", "Medical insurance", "530100-YBJ",
        "医保报销 异地就医 医保卡")),
    c("medical", "医疗卫生", "Health care", "530100-WJW", "",
      c("medical.service", "医疗服务", "Hospital services", "530100-WJW", "看病难 医患纠纷 挂号"),
      c("medical.pharmacy", "药品与药店", "Medicines and pharmacies", "530100-WJW", "药价 假药")),
    c("education", "教育", "Education", "530102-JYTYJ", "",
      c("education.enrolment", "入学招生", "School admission", "530102-JYTYJ", "入学 划片 学位"),
      c("education.fees", "教育收费", "School fees and charges", "530102-JYTYJ", "乱收费 补课")),
    c("transport", "交通出行", "Transport", "530100-JTYS", "",
      c("transport.bus", "公交地铁", "Buses and metro", "530100-JTYS", "公交 地铁 站点"),
      c("transport.taxi", "出租车与网约车", "Taxis and ride-hailing", "530100-JTYS",
        "拒载 绕路 打表"),
      c("transport.parking", "停车管理", "Parking", "530100-JTYS", "乱停车 停车收费")),
    c("market", "市场监管", "Market regulation", "530102-SCJG", "",
      c("market.consumer", "消费投诉", "Consumer complaints", "530102-SCJG", "退货 预付卡 维权"),
      c("market.food_safety", "食品安全", "Food safety", "530102-SCJG", "过期食品 餐饮卫生"),
      c("market.pricing", "价格问题", "Prices and charges", "530102-SCJG", "乱涨价 明码标价")),
    c("public_order", "治安与邻里", "Public order and neighbours", "530102-GAFJ", "",
      c("public_order.security", "社会治安", "Public security", "530102-GAFJ", "盗窃 诈骗"),
      c("public_order.neighbours", "邻里纠纷", "Disputes between neighbours", "530102001-BMFW",
        "邻居 调解 漏水")),
    c("rural", "农业农村", "Agriculture and rural affairs", "530102-NYNCJ", "",
      c("rural.land", "土地承包", "Rural land contracts", "530102-NYNCJ", "承包地 流转 宅基地"),
      c("rural.subsidy", "惠农补贴", "Farm subsidies", "530102-NYNCJ",
        "耕地地力保护补贴 补贴发放")),
    c("gov_service", "政务服务", "Government services", "530000-ZWFW", "",
      c("gov_service.attitude", "服务态度", "Staff attitude", "530000-ZWFW", "态度差 推诿"),
      c("gov_service.efficiency", "办事效率", "Slow or repeated procedures", "530000-ZWFW",
        "多次跑 材料重复 超时"),
      c("gov_service.terminal", "自助终端", "Self-service terminals", "530000-ZWFW",
        "机器故障 打印")),
    c("other", "其他诉求", "Other requests", HOTLINE, "建议 咨询"),
]
# fmt: on


def categories() -> list[dict[str, Any]]:
    """The category tree."""
    return CATEGORIES
