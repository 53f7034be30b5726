"""Departments over the five levels. The code is the served region's code and a short
abbreviation of the department's name (RSJ = 人社局, YBJ = 医保局, …)."""

from __future__ import annotations

from typing import Any

from demo_catalog.helpers import t

# (code, level, zh, en, phone, address zh, address en)
# fmt: off
DEPARTMENTS: list[tuple[str, str, str, str, str, str, str]] = [
    ("530000-GAT", "province", "云南省公安厅", "Yunnan Provincial Department of Public Security",
     "0871-63052110", "昆明市五华区北京路", "Beijing Road, Wuhua District, Kunming"),
    ("530000-RST", "province", "云南省人力资源和社会保障厅",
     "Yunnan Provincial Department of Human Resources and Social Security",
     "12333", "昆明市五华区西昌路", "Xichang Road, Wuhua District, Kunming"),
    ("530000-YBJ", "province", "云南省医疗保障局",
     "Yunnan Provincial Healthcare Security Administration",
     "12393", "昆明市西山区滇池路", "Dianchi Road, Xishan District, Kunming"),
    ("530000-SCJG", "province", "云南省市场监督管理局",
     "Yunnan Provincial Administration for Market Regulation",
     "12315", "昆明市官渡区关上", "Guanshang, Guandu District, Kunming"),
    ("530000-SWJ", "province", "国家税务总局云南省税务局", "Yunnan Provincial Tax Service, STA",
     "12366", "昆明市西山区广福路", "Guangfu Road, Xishan District, Kunming"),
    ("530000-ZWFW", "province", "云南省人民政府政务服务管理局",
     "Government Services Administration of Yunnan Province",
     "12345", "昆明市呈贡区", "Chenggong District, Kunming"),
    ("530100-GAJ", "prefecture", "昆明市公安局", "Kunming Municipal Public Security Bureau",
     "0871-64110110", "昆明市官渡区", "Guandu District, Kunming"),
    ("530100-CGS", "prefecture", "昆明市公安局交通管理支队车辆管理所",
     "Vehicle Administration Office, Kunming Traffic Police",
     "0871-12123", "昆明市官渡区小板桥", "Xiaobanqiao, Guandu District, Kunming"),
    ("530100-CRJ", "prefecture", "昆明市公安局出入境管理支队",
     "Exit-Entry Administration, Kunming Public Security Bureau",
     "0871-12367", "昆明市五华区人民中路", "Renmin Zhonglu, Wuhua District, Kunming"),
    ("530100-RSJ", "prefecture", "昆明市人力资源和社会保障局",
     "Kunming Human Resources and Social Security Bureau",
     "12333", "昆明市呈贡区锦绣大街", "Jinxiu Avenue, Chenggong District, Kunming"),
    ("530100-YBJ", "prefecture", "昆明市医疗保障局", "Kunming Healthcare Security Bureau",
     "12393", "昆明市呈贡区", "Chenggong District, Kunming"),
    ("530100-GJJ", "prefecture", "昆明住房公积金管理中心",
     "Kunming Housing Provident Fund Management Centre",
     "12329", "昆明市西山区滇池路", "Dianchi Road, Xishan District, Kunming"),
    ("530100-BDC", "prefecture", "昆明市不动产登记中心", "Kunming Real Estate Registration Centre",
     "0871-64171235", "昆明市官渡区春城路", "Chuncheng Road, Guandu District, Kunming"),
    ("530100-WJW", "prefecture", "昆明市卫生健康委员会", "Kunming Health Commission",
     "0871-12320", "昆明市呈贡区", "Chenggong District, Kunming"),
    ("530100-JTYS", "prefecture", "昆明市交通运输局", "Kunming Transport Bureau",
     "0871-12328", "昆明市西山区", "Xishan District, Kunming"),
    ("530100-CGJ", "prefecture", "昆明市城市管理局", "Kunming Urban Management Bureau",
     "0871-12319", "昆明市呈贡区", "Chenggong District, Kunming"),
    ("530100-STHJ", "prefecture", "昆明市生态环境局", "Kunming Ecology and Environment Bureau",
     "0871-12369", "昆明市呈贡区", "Chenggong District, Kunming"),
    ("530100-ZJJ", "prefecture", "昆明市住房和城乡建设局",
     "Kunming Housing and Urban-Rural Development Bureau",
     "0871-63137211", "昆明市呈贡区", "Chenggong District, Kunming"),
    ("530100-RXZX", "prefecture", "昆明市12345政务服务便民热线中心",
     "Kunming 12345 Government Service Hotline Centre",
     "12345", "昆明市呈贡区", "Chenggong District, Kunming"),
    ("532300-RSJ", "prefecture", "楚雄彝族自治州人力资源和社会保障局",
     "Chuxiong Prefecture Human Resources and Social Security Bureau",
     "0878-12333", "楚雄市鹿城南路", "Lucheng South Road, Chuxiong City"),
    ("532300-YBJ", "prefecture", "楚雄彝族自治州医疗保障局",
     "Chuxiong Prefecture Healthcare Security Bureau",
     "0878-12393", "楚雄市", "Chuxiong City"),
    ("530102-GAFJ", "county", "昆明市公安局五华分局",
     "Wuhua Branch, Kunming Public Security Bureau",
     "0871-63162110", "昆明市五华区", "Wuhua District, Kunming"),
    ("530102-RSJ", "county", "五华区人力资源和社会保障局",
     "Wuhua District Human Resources and Social Security Bureau",
     "0871-65312333", "五华区政务服务中心", "Wuhua District Government Service Centre"),
    ("530102-YBJ", "county", "五华区医疗保障局", "Wuhua District Healthcare Security Bureau",
     "0871-65312393", "五华区政务服务中心", "Wuhua District Government Service Centre"),
    ("530102-MZJ", "county", "五华区民政局", "Wuhua District Civil Affairs Bureau",
     "0871-65312235", "五华区政务服务中心", "Wuhua District Government Service Centre"),
    ("530102-SCJG", "county", "五华区市场监督管理局",
     "Wuhua District Administration for Market Regulation",
     "0871-65312315", "五华区政务服务中心", "Wuhua District Government Service Centre"),
    ("530102-SWJ", "county", "国家税务总局昆明市五华区税务局", "Wuhua District Tax Service, STA",
     "12366", "五华区政务服务中心", "Wuhua District Government Service Centre"),
    ("530102-WJJ", "county", "五华区卫生健康局", "Wuhua District Health Bureau",
     "0871-65312320", "五华区政务服务中心", "Wuhua District Government Service Centre"),
    ("530102-JYTYJ", "county", "五华区教育体育局", "Wuhua District Education and Sports Bureau",
     "0871-65312361", "五华区政务服务中心", "Wuhua District Government Service Centre"),
    ("530102-NYNCJ", "county", "五华区农业农村局",
     "Wuhua District Agriculture and Rural Affairs Bureau",
     "0871-65312316", "五华区政务服务中心", "Wuhua District Government Service Centre"),
    ("532301-MZJ", "county", "楚雄市民政局", "Chuxiong City Civil Affairs Bureau",
     "0878-3122235", "楚雄市政务服务中心", "Chuxiong City Government Service Centre"),
    ("532301-RSJ", "county", "楚雄市人力资源和社会保障局",
     "Chuxiong City Human Resources and Social Security Bureau",
     "0878-3122333", "楚雄市政务服务中心", "Chuxiong City Government Service Centre"),
    ("530102001-BMFW", "township", "五华区华山街道便民服务中心",
     "Huashan Subdistrict Citizen Service Centre, Wuhua",
     "0871-63611345", "五华区华山街道", "Huashan Subdistrict, Wuhua District"),
    ("532301100-BMFW", "township", "楚雄市鹿城镇便民服务中心",
     "Lucheng Town Citizen Service Centre",
     "0878-3135345", "楚雄市鹿城镇", "Lucheng Town, Chuxiong City"),
    ("530102001001-BMFW", "village", "华山街道翠湖社区便民服务站",
     "Cuihu Community Service Station, Huashan Subdistrict",
     "0871-65389012", "五华区翠湖社区", "Cuihu Community, Wuhua District"),
    ("532301100201-BMFW", "village", "鹿城镇富民村便民服务站",
     "Fumin Village Service Station, Lucheng",
     "0878-3139201", "楚雄市鹿城镇富民村", "Fumin Village, Lucheng Town"),
]
# fmt: on


def departments() -> list[dict[str, Any]]:
    """The departments as catalog entries."""
    out = []
    for code, level, zh, en, phone, address_zh, address_en in DEPARTMENTS:
        out.append(
            {
                "code": code,
                "names": t(zh, en),
                "level": level,
                "region": code.split("-")[0],
                "phone": phone,
                "address": t(address_zh, address_en),
            }
        )
    return out
