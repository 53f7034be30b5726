"""The region tree: 云南省 down to a few villages and communities.

Province, prefecture and county codes follow GB/T 2260; township (9 digits) and
village (12 digits) codes follow the statistical division code pattern (街道 0xx,
镇 1xx, 乡 2xx; 社区居委会 0xx, 村委会 2xx). Plausible for a pilot, not authoritative.
"""

from __future__ import annotations

from typing import Any

from demo_catalog.helpers import t

LEVELS = ("province", "prefecture", "county", "township", "village")


def r(code: str, zh: str, en: str, *children: tuple) -> tuple:
    """A region node with its children."""
    return (code, zh, en, children)


# fmt: off
WUHUA = r(
    "530102", "五华区", "Wuhua District",
    r(
        "530102001", "华山街道", "Huashan Subdistrict",
        r("530102001001", "翠湖社区", "Cuihu Community"),
        r("530102001002", "文林社区", "Wenlin Community"),
        r("530102001003", "钱局街社区", "Qianjujie Community"),
    ),
    r(
        "530102002", "护国街道", "Huguo Subdistrict",
        r("530102002001", "光华社区", "Guanghua Community"),
        r("530102002002", "人民中路社区", "Renmin Zhonglu Community"),
    ),
    r(
        "530102003", "大观街道", "Daguan Subdistrict",
        r("530102003001", "篆塘社区", "Zhuantang Community"),
        r("530102003002", "大观楼社区", "Daguanlou Community"),
    ),
    r("530102004", "龙翔街道", "Longxiang Subdistrict"),
    r("530102005", "丰宁街道", "Fengning Subdistrict"),
    r("530102006", "莲华街道", "Lianhua Subdistrict"),
    r("530102007", "红云街道", "Hongyun Subdistrict"),
    r("530102008", "黑林铺街道", "Heilinpu Subdistrict"),
    r("530102009", "普吉街道", "Puji Subdistrict"),
    r(
        "530102010", "西翥街道", "Xizhu Subdistrict",
        r("530102010201", "沙朗村", "Shalang Village"),
        r("530102010202", "桃园村", "Taoyuan Village"),
        r("530102010203", "团结村", "Tuanjie Village"),
    ),
)

PANLONG = r(
    "530103", "盘龙区", "Panlong District",
    r("530103001", "拓东街道", "Tuodong Subdistrict"),
    r("530103002", "鼓楼街道", "Gulou Subdistrict"),
    r("530103003", "东华街道", "Donghua Subdistrict"),
    r("530103004", "联盟街道", "Lianmeng Subdistrict"),
    r("530103005", "金辰街道", "Jinchen Subdistrict"),
    r("530103006", "青云街道", "Qingyun Subdistrict"),
    r("530103007", "龙泉街道", "Longquan Subdistrict"),
)

KUNMING = r(
    "530100", "昆明市", "Kunming",
    WUHUA,
    PANLONG,
    r(
        "530111", "官渡区", "Guandu District",
        r("530111001", "关上街道", "Guanshang Subdistrict"),
        r("530111002", "太和街道", "Taihe Subdistrict"),
        r("530111003", "吴井街道", "Wujing Subdistrict"),
    ),
    r(
        "530112", "西山区", "Xishan District",
        r("530112001", "金碧街道", "Jinbi Subdistrict"),
        r("530112002", "永昌街道", "Yongchang Subdistrict"),
        r("530112003", "前卫街道", "Qianwei Subdistrict"),
    ),
    r(
        "530114", "呈贡区", "Chenggong District",
        r("530114001", "龙城街道", "Longcheng Subdistrict"),
        r("530114002", "乌龙街道", "Wulong Subdistrict"),
        r("530114003", "吴家营街道", "Wujiaying Subdistrict"),
    ),
    r(
        "530126", "石林彝族自治县", "Shilin Yi Autonomous County",
        r("530126001", "鹿阜街道", "Lufu Subdistrict"),
        r("530126101", "长湖镇", "Changhu Town"),
        r("530126102", "圭山镇", "Guishan Town"),
    ),
    r(
        "530127", "嵩明县", "Songming County",
        r("530127001", "嵩阳街道", "Songyang Subdistrict"),
        r("530127101", "杨林镇", "Yanglin Town"),
        r("530127102", "小街镇", "Xiaojie Town"),
    ),
)

CHUXIONG = r(
    "532300", "楚雄彝族自治州", "Chuxiong Yi Autonomous Prefecture",
    r(
        "532301", "楚雄市", "Chuxiong City",
        r(
            "532301100", "鹿城镇", "Lucheng Town",
            r("532301100001", "北浦社区", "Beipu Community"),
            r("532301100002", "西城社区", "Xicheng Community"),
            r("532301100201", "富民村", "Fumin Village"),
        ),
        r(
            "532301101", "东瓜镇", "Donggua Town",
            r("532301101001", "东瓜社区", "Donggua Community"),
            r("532301101201", "朵腮村", "Duosai Village"),
        ),
        r(
            "532301102", "吕合镇", "Lühe Town",
            r("532301102201", "吕合村", "Lühe Village"),
            r("532301102202", "中屯村", "Zhongtun Village"),
        ),
        r("532301103", "紫溪镇", "Zixi Town"),
        r("532301200", "树苴乡", "Shuju Township"),
        r("532301201", "大过口乡", "Daguokou Township"),
    ),
    r(
        "532322", "双柏县", "Shuangbai County",
        r(
            "532322100", "妥甸镇", "Tuodian Town",
            r("532322100201", "妥甸村", "Tuodian Village"),
            r("532322100202", "麦地村", "Maidi Village"),
        ),
        r("532322101", "大庄镇", "Dazhuang Town"),
    ),
    r("532323", "牟定县", "Mouding County", r("532323100", "共和镇", "Gonghe Town")),
    r("532324", "南华县", "Nanhua County", r("532324100", "龙川镇", "Longchuan Town")),
    r("532325", "姚安县", "Yao'an County", r("532325100", "栋川镇", "Dongchuan Town")),
    r("532326", "大姚县", "Dayao County", r("532326100", "金碧镇", "Jinbi Town")),
    r("532327", "永仁县", "Yongren County", r("532327100", "永定镇", "Yongding Town")),
    r("532328", "元谋县", "Yuanmou County", r("532328100", "元马镇", "Yuanma Town")),
    r("532329", "武定县", "Wuding County", r("532329100", "狮山镇", "Shishan Town")),
)

QUJING = r(
    "530300", "曲靖市", "Qujing",
    r(
        "530302", "麒麟区", "Qilin District",
        r("530302001", "南宁街道", "Nanning Subdistrict"),
        r("530302002", "建宁街道", "Jianning Subdistrict"),
    ),
    r("530381", "宣威市", "Xuanwei City", r("530381001", "宛水街道", "Wanshui Subdistrict")),
)

YUNNAN = r("530000", "云南省", "Yunnan Province", KUNMING, QUJING, CHUXIONG)
# fmt: on


def to_json(node: tuple, depth: int = 0) -> dict[str, Any]:
    """The catalog's nested region object for a node."""
    code, zh, en, children = node
    entry: dict[str, Any] = {"code": code, "names": t(zh, en), "level": LEVELS[depth]}
    if children:
        entry["children"] = [to_json(child, depth + 1) for child in children]
    return entry


def regions() -> list[dict[str, Any]]:
    """The whole region tree."""
    return [to_json(YUNNAN)]
