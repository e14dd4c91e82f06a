#!/usr/bin/env python3
"""Writes an entity directory of N rows (default 1,000,000) to stdout, in the
columns of Rules/directories.yaml, for measuring DirectoryImporter at scale
(see measure-directory-import.sh). Deterministic: the same N gives the same
bytes. Ids are distinct 18-character codes with a correct GB 32100 check
character; the other cells are shaped like Rules/samples/food_businesses.csv."""
import random
import sys

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(i):
    body = "91130827" + format(i, "09d")
    total = sum(CHARSET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + CHARSET[(31 - total % 31) % 31]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rnd = random.Random(20240612)
    towns = ["宽城镇", "龙须门镇", "板城镇", "汤道河镇", "峪耳崖镇", "化皮溜子镇", "东大地乡", "独石沟乡", "苇子沟乡"]
    streets = ["兴华街", "滨河街", "迎宾路", "站前街", "育才路", "宽河路"]
    shops = ["农家副食店", "火锅店", "酒楼", "清真牛肉面馆", "便利店", "餐饮有限公司", "商贸有限公司"]
    categories = ["食品销售", "餐饮服务", "食品生产"]
    surnames = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗白于邓韩"
    given = "明芳伟静丽强磊军洋勇艳杰娟涛超秀英华慧宇"
    out = sys.stdout
    out.write("id,name,kind,category,town,address,legal_rep,phone,status,registered_on,has_canteen,boarding,"
              "students,water_supply,halal,credit_grade\n")
    lines = []
    for i in range(n):
        town = rnd.choice(towns)
        name = f"宽城满族自治县{town}{i}号{rnd.choice(shops)}"
        address = f"宽城满族自治县{town}{rnd.choice(streets)}{rnd.randint(1, 300)}号"
        person = rnd.choice(surnames) + rnd.choice(given) + (rnd.choice(given) if rnd.random() < 0.6 else "")
        phone = "1" + str(rnd.choice([3, 5, 8])) + format(rnd.randint(0, 999_999_999), "09d")
        date = f"{rnd.randint(1995, 2023)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        halal = "是" if rnd.random() < 0.09 else "否"
        grade = rnd.choice("AABBBCD")
        lines.append(f"{credit_code(i)},{name},food_business,{rnd.choice(categories)},{town},{address},{person},"
                     f"{phone},存续,{date},,,,市政供水,{halal},{grade}\n")
        if len(lines) == 10_000:
            out.write("".join(lines))
            lines = []
    out.write("".join(lines))


if __name__ == "__main__":
    main()
