#!/usr/bin/env python3
"""Writes a large entity directory and an inspector directory for measuring
imports and draws (issue: a 1,000,000-row directory imported and drawn).

    python3 docs/bench/large-directory.py ROWS OUT_DIR

The entities have the columns of Rules/directories.yaml; credit codes are
unique and well-formed (GB 32100 check character); about 10% are halal,
grades A-D. Standard library only; the output is the same for the same ROWS.
"""
import os
import random
import sys

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def code(n):
    body = "92130322" + f"{n:09d}"
    total = sum(CODE_CHARS.index(ch) * w for ch, w in zip(body, WEIGHTS))
    return body + CODE_CHARS[(31 - total % 31) % 31]


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(rows)
    header = "id,name,kind,category,town,address,legal_rep,phone,status,registered_on,has_canteen,boarding,students,water_supply,halal,credit_grade\n"
    with open(os.path.join(out, "entities.csv"), "w", encoding="utf-8") as f:
        f.write(header)
        for n in range(rows):
            halal = "是" if rng.random() < 0.1 else "否"
            grade = rng.choices("ABCD", [55, 35, 8, 2])[0]
            year = rng.randint(2000, 2022)
            f.write(f"{code(n)},样本食品店{n},food_business,食品销售,昌黎镇,昌黎镇民生街{n % 300}号,,,存续,{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},,,,,{halal},{grade}\n")
    with open(os.path.join(out, "inspectors.csv"), "w", encoding="utf-8") as f:
        f.write("id,name,department,cert_no,active,avoid,specialties,phone\n")
        for dept, letter in departments():
            for n in range(1, 41):
                f.write(f"{letter}-{n:03d},检查员{letter}{n},{dept},1303220{n:04d},true,,,\n")


def departments():
    """The departments of Rules/departments.yaml (their `- id:` lines), each
    with a distinct letter for its inspectors' ids."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    ids = []
    with open(os.path.join(root, "Rules", "departments.yaml"), encoding="utf-8") as f:
        for line in f:
            stripped = line.strip()
            if stripped.startswith("- id:"):
                ids.append(stripped[len("- id:"):].strip())
    letters = []
    for dept in ids:
        # The first letter of a word of the id that no earlier department has taken.
        candidates = [word[0].upper() for word in dept.split("_") if word] + [c.upper() for c in dept if c.isalpha()]
        letter = next((c for c in candidates if c not in letters), "X")
        letters.append(letter)
    return list(zip(ids, letters))


if __name__ == "__main__":
    main()
