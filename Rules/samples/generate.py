# Regenerate the sample directories:  python3 Rules/samples/generate.py
# (Python 3 standard library only; fixed seeds, so the output is byte-identical
# on every run. It writes kuancheng/{schools,food_businesses,inspectors}.csv
# and changli/{food_businesses,inspectors}.csv next to this script.)
#
# Everything here is made up for testing: two counties modelled on
# 宽城满族自治县 (Hebei, 承德, code 130827) and 昌黎县 (Hebei, 秦皇岛, code
# 130322) with their real towns, but invented schools, businesses, people,
# phone numbers and credit codes. The codes follow GB 32100-2015 (with valid
# check characters) so they look like real unified social credit codes
# without being anyone's. A few inspectors have no 执法证号 (enforcement
# certificate number) yet: the plans' pools leave them out of the draw.

import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
# Each county: its name, short name, administrative code, telephone area
# code, towns (the first is the county seat), street names and the share of
# halal businesses. The module-level names below are set per county by use().
COUNTIES = {
    "kuancheng": dict(
        seed=20240612, county="宽城满族自治县", short="宽城", admin="130827", area="0314-6",
        towns=["宽城镇", "龙须门镇", "峪耳崖镇", "板城镇", "汤道河镇", "桲罗台镇",
               "碾子峪镇", "亮甲台镇", "化皮溜子镇", "松岭镇",
               "独石沟乡", "塌山乡", "孟子岭乡", "东黄花川乡", "东大地乡",
               "大石柱子乡", "苇子沟乡", "大字沟门乡"],
        streets=["兴华", "迎宾", "宽河", "文化", "商贸", "滨河", "站前"], halal=0.092, businesses=3000, schools=True),
    "changli": dict(
        seed=20231106, county="昌黎县", short="昌黎", admin="130322", area="0335-2",
        towns=["昌黎镇", "靖安镇", "安山镇", "龙家店镇", "泥井镇", "大蒲河镇", "新集镇", "刘台庄镇",
               "茹荷镇", "朱各庄镇", "荒佃庄镇", "团林乡", "葛条港乡", "马坨店乡", "两山乡", "十里铺乡"],
        streets=["民生", "碣阳", "永安", "新华", "汇文", "滨河", "站前"], halal=0.14, businesses=1600, schools=False),
}

SEED = COUNTY = SHORT = ADMIN_CODE = AREA = None
TOWNS = STREETS = []


def use(name):
    """Sets the module-level county names for one county's generation."""
    global SEED, COUNTY, SHORT, ADMIN_CODE, AREA, TOWNS, STREETS
    c = COUNTIES[name]
    SEED, COUNTY, SHORT, ADMIN_CODE, AREA = c["seed"], c["county"], c["short"], c["admin"], c["area"]
    TOWNS, STREETS = c["towns"], c["streets"]
    return c

ENTITY_COLUMNS = ["id", "name", "kind", "category", "town", "address", "legal_rep", "phone",
                  "status", "registered_on", "has_canteen", "boarding", "students",
                  "water_supply", "halal", "credit_grade"]
INSPECTOR_COLUMNS = ["id", "name", "department", "cert_no", "active", "avoid", "specialties", "phone"]

SURNAMES = list("王李张刘赵杨孙于高关佟金白付石郭徐周吴陈韩冯董曹许宋邓")
HUI_SURNAMES = list("马白哈沙丁米穆回杨")
GIVEN = list("国建华明志红丽军伟芳秀英玉兰春海波涛静敏强磊鹏宇凤霞刚勇桂荣德文永福瑞雪佳慧晓亮辉")
VILLAGE_PARTS_A = list("东西南北上下前后大小老新")
VILLAGE_PARTS_B = ["岔", "沟", "营", "台", "峪", "杖子", "庄", "窝铺", "甸子", "梁", "川", "口", "岭", "湾"]
SHOP_WORDS = ["鑫隆", "福源", "兴旺", "德顺", "宏达", "金凤", "满园", "聚丰", "瑞祥", "永盛", "家和", "顺发",
              "老街", "山里", "燕山", "长城", "板栗", "宽河", "龙腾", "惠民", "乐购", "百味", "农家", "一品",
              "正宗", "好运", "天福", "祥云", "庆丰", "利民", "华联", "泰和", "春来", "美味", "喜乐", "红星"]
HALAL_WORDS = ["回民", "伊兰", "清真", "穆家", "马家", "白家", "兰州", "西北", "沙家", "丁家"]

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"          # GB 32100 alphabet, 31 characters
CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]                 # GB 11714 organisation code


def org_code(rng):
    """8 random digits and the GB 11714 check character: the 9-character organisation code."""
    body = "".join(rng.choice("0123456789") for _ in range(8))
    c = 11 - sum(int(ch) * w for ch, w in zip(body, ORG_WEIGHTS)) % 11
    return body + ("X" if c == 10 else "0" if c == 11 else str(c))


def credit_code(rng, prefix, used):
    """A unique 18-character unified social credit code with a valid GB 32100 check character."""
    while True:
        body = prefix + ADMIN_CODE + org_code(rng)
        total = sum(CODE_CHARS.index(ch) * w for ch, w in zip(body, CODE_WEIGHTS))
        code = body + CODE_CHARS[(31 - total % 31) % 31]
        if code not in used:
            used.add(code)
            return code


def person(rng, hui=False):
    surname = rng.choice(HUI_SURNAMES if hui else SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


def mobile(rng):
    return rng.choice(["130", "131", "132", "135", "138", "139", "150", "151", "155", "158", "186", "187"]) + \
        "".join(rng.choice("0123456789") for _ in range(8))


def landline(rng):
    return AREA + "".join(rng.choice("0123456789") for _ in range(6))


def date_between(rng, first_year, last_year):
    y = rng.randint(first_year, last_year)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return f"{y:04d}-{m:02d}-{d:02d}"


def villages(rng, count):
    names = set()
    while len(names) < count:
        names.add(rng.choice(VILLAGE_PARTS_A) + rng.choice(SHOP_WORDS[:20])[0] + rng.choice(VILLAGE_PARTS_B))
    return sorted(names)


def yes_no(flag):
    return "是" if flag else "否"


def water(rng, town):
    if town == TOWNS[0]:
        return rng.choices(["市政供水", "二次供水"], [7, 3])[0]
    return rng.choices(["市政供水", "自备水源", "二次供水"], [3, 6, 1])[0]


def school_row(rng, used, town, village, name, category, kind="school", private=False,
               canteen_rate=0.7, boarding_rate=0.0, students=(50, 300)):
    boarding = rng.random() < boarding_rate
    canteen = boarding or rng.random() < canteen_rate
    closed = not private and category == "小学" and rng.random() < 0.03   # 撤并 village schools
    address = f"{COUNTY}{town}{village}村" if village else f"{COUNTY}{town}{rng.choice(['兴华', '迎宾', '宽河', '文化', '育才'])}路{rng.randint(1, 199)}号"
    return {
        "id": credit_code(rng, "52" if private else "12", used),
        "name": name, "kind": kind, "category": category, "town": town, "address": address,
        "legal_rep": person(rng), "phone": mobile(rng) if private else landline(rng),
        "status": "注销" if closed else "存续",
        "registered_on": date_between(rng, 2008 if private else 1998, 2021),
        "has_canteen": yes_no(canteen), "boarding": yes_no(boarding),
        "students": str(rng.randint(*students)), "water_supply": water(rng, town),
        "halal": "否", "credit_grade": rng.choices("AB", [8, 2])[0] if private else "",
    }


def make_schools(rng, used):
    rows = []
    seat = TOWNS[0]
    county_level = [
        ("第一中学", "高中", 1.0, 0.9, (2200, 3600)), ("第二中学", "高中", 1.0, 0.9, (1500, 2600)),
        ("民族中学", "初中", 1.0, 0.8, (900, 1600)), ("第一初级中学", "初中", 1.0, 0.3, (1200, 2000)),
        ("实验小学", "小学", 0.9, 0.0, (1500, 2600)), ("第二实验小学", "小学", 0.8, 0.0, (1200, 2200)),
        ("育才学校", "九年一贯制", 1.0, 0.6, (800, 1500)), ("第一幼儿园", "幼儿园", 1.0, 0.0, (300, 500)),
        ("第二幼儿园", "幼儿园", 1.0, 0.0, (250, 450)), ("特殊教育学校", "九年一贯制", 1.0, 1.0, (60, 120)),
    ]
    for suffix, cat, canteen, boarding, students in county_level:
        kind = "kindergarten" if cat == "幼儿园" else "school"
        rows.append(school_row(rng, used, seat, None, COUNTY + suffix, cat, kind,
                               canteen_rate=canteen, boarding_rate=boarding, students=students))
    for town in TOWNS:
        vs = villages(rng, 14)
        rows.append(school_row(rng, used, town, None, f"{COUNTY}{town}中心小学", "小学",
                               canteen_rate=0.95, boarding_rate=0.5, students=(300, 1200)))
        rows.append(school_row(rng, used, town, None, f"{COUNTY}{town}中心幼儿园", "幼儿园", "kindergarten",
                               canteen_rate=0.85, students=(80, 260)))
        if town != seat and rng.random() < 0.6:
            rows.append(school_row(rng, used, town, None, f"{COUNTY}{town}初级中学", "初中",
                                   canteen_rate=1.0, boarding_rate=0.85, students=(250, 900)))
        elif town != seat:
            rows.append(school_row(rng, used, town, None, f"{COUNTY}{town}九年一贯制学校", "九年一贯制",
                                   canteen_rate=1.0, boarding_rate=0.7, students=(300, 1000)))
        for v in vs[:rng.randint(7, 10)]:
            rows.append(school_row(rng, used, town, v, f"{COUNTY}{town}{v}小学", "小学",
                                   canteen_rate=0.66, boarding_rate=0.05, students=(25, 220)))
        for v in vs[10:10 + rng.randint(1, 4)]:
            rows.append(school_row(rng, used, town, v, f"{COUNTY}{town}{v}幼儿园", "幼儿园", "kindergarten",
                                   canteen_rate=0.55, students=(20, 90)))
        for _ in range(rng.randint(1, 3) if town != seat else 10):
            brand = rng.choice(["阳光", "小天使", "童心", "蓝天", "小太阳", "启明星", "金色童年", "爱心", "七彩", "贝贝"])
            name = f"{COUNTY}{town}{brand}幼儿园"
            if any(r["name"] == name for r in rows):
                continue
            rows.append(school_row(rng, used, town, rng.choice(vs) if town != seat else None, name, "幼儿园",
                                   "kindergarten", private=True, canteen_rate=0.55, students=(30, 220)))
    return rows


def make_food_businesses(rng, used, count, halal_share):
    rows = []
    names = set()
    trades = {
        "餐饮服务": ["饭店", "饺子馆", "面馆", "快餐店", "烧烤店", "农家院", "火锅店", "包子铺", "小吃部", "酒楼"],
        "食品销售": ["超市", "便利店", "副食店", "粮油店", "蔬菜店", "水果店", "调料店", "商店", "生鲜超市", "烟酒副食店"],
        "食品生产": ["板栗加工厂", "豆制品厂", "糕点坊", "酒厂", "食品有限公司", "面粉加工厂", "肉制品厂", "蜂产品加工厂"],
    }
    halal_trades = {
        "餐饮服务": ["回民饭店", "清真饭店", "牛肉拉面馆", "清真烧烤店", "清真羊汤馆"],
        "食品销售": ["清真牛羊肉店", "清真副食店", "清真超市"],
        "食品生产": ["清真糕点坊", "清真肉制品厂"],
    }
    while len(rows) < count:
        category = rng.choices(list(trades), [45, 45, 10])[0]
        halal = rng.random() < halal_share
        town = rng.choices(TOWNS, [12] + [3] * 9 + [2] * (len(TOWNS) - 10))[0]
        company = category == "食品生产" and rng.random() < 0.6 or rng.random() < 0.15
        word = rng.choice(HALAL_WORDS if halal else SHOP_WORDS)
        trade = rng.choice(halal_trades[category] if halal else trades[category])
        if word == "清真" and trade.startswith("清真"):
            trade = trade[len("清真"):]   # 清真糕点坊, not 清真清真糕点坊
        if company:
            name = f"{SHORT}{word}{rng.choice(SHOP_WORDS)}{'食品' if category == '食品生产' else '商贸' if category == '食品销售' else '餐饮'}有限公司"
        else:
            name = f"{COUNTY}{town}{word}{trade}"
        if name in names:
            continue
        names.add(name)
        status = rng.choices(["存续", "注销", "吊销"], [88, 9, 3])[0]
        village = rng.choice(villages(rng, 3)) + "村" if town != TOWNS[0] and rng.random() < 0.5 else \
            f"{rng.choice(STREETS)}街{rng.randint(1, 299)}号"
        rows.append({
            "id": credit_code(rng, "91" if company else "92", used),
            "name": name, "kind": "food_business", "category": category, "town": town,
            "address": f"{COUNTY}{town}{village}",
            "legal_rep": person(rng, hui=halal and rng.random() < 0.8), "phone": mobile(rng),
            "status": status, "registered_on": date_between(rng, 2005, 2023),
            "has_canteen": "", "boarding": "", "students": "",
            "water_supply": water(rng, town) if category != "食品销售" else "",
            "halal": yes_no(halal), "credit_grade": rng.choices("ABCD", [55, 35, 8, 2])[0],
        })
    return rows


def make_inspectors(rng, schools, businesses):
    departments = [
        ("education", "E", "01", 18, ["学校食堂", "校园安全", "学生饮用水"], schools),
        ("market_supervision", "M", "02", 30, ["食品生产", "食品销售", "餐饮服务", "登记注册", "特种设备"], businesses),
        ("health", "H", "03", 15, ["公共卫生", "生活饮用水", "传染病防控", "学校卫生"], schools),
        ("fire", "F", "04", 12, ["消防安全检查", "火灾隐患排查"], schools),
        ("ethnic_religious", "R", "05", 12, ["清真食品", "民族政策"],
         [b for b in businesses if b["halal"] == "是"]),
    ]
    rows = []
    for dept, letter, code, count, specialties, targets in departments:
        if not targets:
            targets = businesses
        for n in range(1, count + 1):
            avoid = []
            if rng.random() < 0.2:  # a relative runs or works there (回避)
                avoid = sorted(t["id"] for t in rng.sample(targets, rng.choice([1, 1, 2])))
            rows.append({
                "id": f"{letter}-{n:03d}", "name": person(rng, hui=dept == "ethnic_religious" and rng.random() < 0.4),
                # A newly assigned officer may not have an enforcement certificate yet.
                "department": dept, "cert_no": "" if rng.random() < 0.05 else f"{ADMIN_CODE}{code}{n:03d}",
                "active": "false" if rng.random() < 0.1 else "true",
                "avoid": ";".join(avoid),
                "specialties": ";".join(sorted(rng.sample(specialties, rng.randint(1, min(3, len(specialties)))))),
                "phone": mobile(rng),
            })
    return rows


def write(folder, name, columns, rows):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    with open(os.path.join(HERE, folder, name), "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    for name in COUNTIES:
        c = use(name)
        rng = random.Random(SEED)
        used = set()
        schools = make_schools(rng, used) if c["schools"] else []
        businesses = make_food_businesses(rng, used, c["businesses"], c["halal"])
        inspectors = make_inspectors(rng, schools, businesses)
        if schools:
            write(name, "schools.csv", ENTITY_COLUMNS, schools)
        write(name, "food_businesses.csv", ENTITY_COLUMNS, businesses)
        write(name, "inspectors.csv", INSPECTOR_COLUMNS, inspectors)
        print(f"{name}: schools {len(schools)}, food businesses {len(businesses)}, inspectors {len(inspectors)}")


if __name__ == "__main__":
    main()
