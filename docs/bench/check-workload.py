#!/usr/bin/env python3
"""The `spotcheck check` workload, and the side-by-side timing against peers.

    python3 docs/bench/check-workload.py [--files 2000] [--runs 5] [--out DIR]
                                         [--spotcheck PATH] [--no-peers] [--generate-only]

Writes into DIR (a fresh temporary folder unless --out is given):

  root/Rules, root/Checklists   a copy of the repository's rule files plus
                                Checklists/market_supervision/workload200.yaml:
                                200 entries (190 items, 10 gates among them, 40
                                items with skip logic, 10 cross-item rules),
                                `finding`, `severity` and `domain` on every item
                                that can be violated
  root/findings/f-NNNNN.json    N findings files (a realistic mix of answers;
                                about 2% refused for a reason the SPEC names)
  root/expected.json            the violations of every file that is not
                                refused, worked out here in Python
  root/peer_cel.py              the same rules as one compiled CEL expression,
                                evaluated once per file by cel-cpp
                                (pip: cel-expr-python==0.1.3)
  root/peer_zen.py              the same rules as one GoRules Zen decision,
                                evaluated once per file (pip: zen-engine==2.1.3)

then runs, --runs times and interleaved, each as a child process over all N
files, stdout to a file: `spotcheck check --format json`, `spotcheck check
--format ndjson --compact`, and each installed peer. It checks that every one
finds exactly the expected violations, and prints the median wall time, the
peak RSS (wait4), the output size and the output rate (bytes over the whole
process's wall time) of each.

Standard library only (the peers need their pip packages); the workload is the
same for the same N. The spotcheck binary defaults to the newest release build
under .build*/release/spotcheck of this repository.
"""
import argparse
import glob
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHECKLIST_ID = "market_supervision.workload200"

# ---------------------------------------------------------------- checklist

DOMAINS = ["food_safety"] * 16 + ["fire_safety", "fire_safety", "public_health", "registration"]
SEVERITIES = ["general", "general", "minor", "serious"]
CHOICES = ["符合", "基本符合", "不符合"]


def build_items():
    """The 190 items and 10 rules, each a dict with its kind and parameters."""
    rng = random.Random(200)
    items = []
    gates = [f"gate_{g:02d}" for g in range(1, 11)]
    kinds = (["yn_true"] * 8 + ["yn_false"] * 3 + ["number"] * 3 + ["integer"] * 2 + ["choice"] * 2
             + ["number_credit", "text"])
    n = 0
    for block in range(10):
        # A gate (not violable), four items asked only when it is true, then
        # fourteen items always asked: 10 × (1 + 4 + 14) = 190.
        gate = gates[block]
        items.append({"id": gate, "kind": "gate"})
        for k in range(18):
            n += 1
            kind = kinds[(n * 7 + block) % len(kinds)]
            item = {"id": f"item_{n:03d}", "kind": kind, "n": n}
            if k < 4:
                item["relevant"] = gate
                if kind == "text":
                    item["kind"] = kind = "yn_true"
            if kind != "text":
                item["severity"] = SEVERITIES[n % 4]
                item["domain"] = DOMAINS[n % len(DOMAINS)]
                if n % 3 == 0:
                    item["evidence"] = "photo" if n % 2 else "document"
                if n in (17, 101):
                    item["suspected_crime"] = True
                if n in (44, 150):
                    item["credit_penalty"] = True
                if n % 11 == 0:
                    item["key_item"] = True
            items.append(item)
    by_id = {i["id"]: i for i in items}
    ungated = {k: [i["id"] for i in items if i["kind"] == k and "relevant" not in i]
               for k in ["yn_true", "yn_false", "number", "integer", "choice"]}
    gated = {k: [i["id"] for i in items if i["kind"] == k and "relevant" in i]
             for k in ["yn_true", "number", "integer"]}
    forms = [("number", "yn_true"), ("integer", "integer"), ("choice", "choice"), ("number", "number"),
             ("yn_false", "yn_true")]
    rules = []
    for r in range(10):
        a_kind, b_kind = forms[r % len(forms)]
        a = ungated[a_kind][(r * 3) % len(ungated[a_kind])]
        pool = gated if r >= 8 and b_kind in gated else ungated
        b = pool[b_kind][(r * 5 + 1) % len(pool[b_kind])]
        if a == b:
            b = pool[b_kind][(r * 5 + 2) % len(pool[b_kind])]
        rules.append({"id": f"rule_{r + 1:02d}", "kind": "rule", "form": r % len(forms), "a": a, "b": b,
                      "severity": SEVERITIES[r % 4], "domain": "food_safety",
                      "relevant": by_id[b].get("relevant")})
    return items, rules


def violation_cel(item):
    """The item's `violation` in the checklist (CEL over item ids and `value`)."""
    k = item["kind"]
    if k == "number":
        return "value > 8.0"
    if k == "number_credit":
        return "value > 5.0 && entity.credit_grade in ['C', 'D']"
    if k == "integer":
        return "value > 0"
    if k == "choice":
        return "value == '不符合'"
    if k == "rule":
        a, b = item["a"], item["b"]
        return ["%s > 6.0 && !%s", "%s + %s >= 2", "%s == '基本符合' && %s == '基本符合'", "%s + %s > 14.0",
                "%s || !%s"][item["form"]] % (a, b)
    return None


def checklist_yaml(items, rules):
    out = [
        "# A generated 200-entry checklist for measuring `spotcheck check` (docs/bench/check-workload.py).",
        f"checklist: {CHECKLIST_ID}",
        'version: "bench.1"',
        "department: market_supervision",
        "title: 餐饮服务食品安全综合检查（基准测试）",
        "title_en: Catering food safety inspection (benchmark)",
        "applies_to: \"entity.kind == 'food_business'\"",
        "items:",
    ]

    def common(i, title, finding):
        lines = [f"  - id: {i['id']}", f"    title: {title}", f"    title_en: Check {i['id']}"]
        if "relevant" in i:
            lines += [f"    relevant: \"{i['relevant']}\"", f"    relevant_note: 仅当{i['relevant']}为是时填写"]
        if finding:
            lines += [f"    finding: {finding}", f"    finding_en: Problem found at {i['id']}",
                      "    basis: 《中华人民共和国食品安全法》第三十三条",
                      f"    severity: {i['severity']}", f"    domain: {i['domain']}"]
            for key in ["evidence", "suspected_crime", "credit_penalty", "key_item"]:
                if key in i:
                    v = i[key]
                    lines.append(f"    {key}: {'true' if v is True else v}")
        return lines

    for i in items:
        k, n = i["kind"], i.get("n", 0)
        if k == "gate":
            out += common(i, f"经营场所设有第{i['id'][-2:]}类专间或设施", None) + ["    answer: yes_no"]
        elif k == "yn_true":
            out += common(i, f"第{n}项食品安全管理要求落实到位", f"第{n}项食品安全管理要求未落实") + \
                ["    answer: yes_no", "    expect: true"]
        elif k == "yn_false":
            out += common(i, f"存在第{n}类违规加工行为", f"存在第{n}类违规加工行为") + \
                ["    answer: yes_no", "    expect: false"]
        elif k == "number":
            out += common(i, f"第{n}号冷藏设施温度", f"第{n}号冷藏设施温度高于8℃") + \
                ["    answer: number", '    unit: "℃"', "    range: [-30, 60]", f"    violation: \"{violation_cel(i)}\"",
                 '    message: "冷藏温度 {value}℃，高于 8℃"', '    message_en: "Refrigerator at {value}℃, above 8℃"']
        elif k == "number_credit":
            out += common(i, f"第{n}项抽检不合格批次占比", f"第{n}项抽检不合格批次占比偏高且信用等级较低") + \
                ["    answer: number", '    unit: "%"', "    range: [0, 100]", f"    violation: \"{violation_cel(i)}\""]
        elif k == "integer":
            out += common(i, f"第{n}类无有效健康证明的从业人员人数", f"有从业人员无有效健康证明（第{n}类）") + \
                ["    answer: integer", "    unit: 人", "    range: [0, 500]", f"    violation: \"{violation_cel(i)}\"",
                 '    message: "{value} 名从业人员无有效健康证明"']
        elif k == "choice":
            out += common(i, f"第{n}项场所环境卫生状况", f"第{n}项场所环境卫生不符合要求") + \
                ["    answer: choice", "    options: [符合, 基本符合, 不符合]", f"    violation: \"{violation_cel(i)}\""]
        elif k == "text":
            out += common(i, f"第{n}项其他情况说明", None) + ["    answer: text", "    required: false"]
    out.append("rules:")
    for r in rules:
        out += [f"  - id: {r['id']}", f"    title: 第{r['id'][-2:]}条跨事项规则", f"    violation: \"{violation_cel(r)}\"",
                f"    finding: 第{r['id'][-2:]}条跨事项规则所述问题", f"    finding_en: Cross-item problem {r['id']}",
                f"    severity: {r['severity']}", f"    domain: {r['domain']}"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- findings

def credit_code(n):
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    body = "92130827" + f"{n:09d}"
    total = sum(chars.index(ch) * w for ch, w in zip(body, weights))
    return body + chars[(31 - total % 31) % 31]


def answer(item, rng):
    k = item["kind"]
    if k == "gate":
        return rng.random() < 0.6
    if k == "yn_true":
        return rng.random() >= 0.03
    if k == "yn_false":
        return rng.random() < 0.03
    if k == "number":
        x = round(rng.uniform(8.2, 12.0), 1) if rng.random() < 0.03 else round(rng.uniform(0.0, 7.9), 1)
        return int(x) if rng.random() < 0.1 else x
    if k == "number_credit":
        return round(rng.uniform(0, 9), 1)
    if k == "integer":
        return rng.randint(1, 3) if rng.random() < 0.03 else 0
    if k == "choice":
        return rng.choices(CHOICES, [70, 28, 2])[0]
    if k == "text":
        return None if rng.random() < 0.5 else rng.choice(["无", "现场已说明", "负责人不在场，由店长陪同检查"])
    raise ValueError(k)


REFUSALS = ["unknown_key", "out_of_range", "wrong_type", "unanswered", "unknown_item", "trailing_comma",
            "bad_option", "repeated_key"]


def findings(n, items, rng):
    """One findings file: (text, refusal kind or None, answers, entity)."""
    entity = {"id": credit_code(n), "name": f"样本餐饮店{n}", "kind": "food_business",
              "credit_grade": rng.choices("ABCD", [55, 35, 8, 2])[0], "town": "宽城镇"}
    cooperation = "cooperated" if rng.random() >= 0.01 else rng.choice(["not_operating", "unreachable"])
    answers = {}
    if cooperation == "cooperated":
        gate_values = {}
        for i in items:
            if "relevant" in i and not gate_values[i["relevant"]]:
                continue
            v = answer(i, rng)
            if i["kind"] == "gate":
                gate_values[i["id"]] = v
            if v is not None:
                answers[i["id"]] = v
    refusal = REFUSALS[(n // 50) % len(REFUSALS)] if n % 50 == 7 and cooperation == "cooperated" else None
    doc = {
        "task": f"T-{n:04d}",
        "entity": entity,
        "department": "market_supervision",
        "checklist": CHECKLIST_ID,
        "inspected_on": f"2024-{(n % 10) + 3:02d}-{(n % 27) + 1:02d}",
        "inspectors": [f"M-{(n % 40) + 1:03d}", f"M-{((n + 7) % 40) + 1:03d}"],
        "signature": "signed" if rng.random() >= 0.02 else "refused",
        "refusal_note": "",
        "cooperation": cooperation,
        "answers": answers,
    }
    if doc["signature"] == "refused":
        doc["refusal_note"] = "负责人拒绝签字，已由两名检查人员注明"
    if refusal == "unknown_key":
        doc["inspecter"] = "M-001"
    elif refusal == "out_of_range":
        key = next(i["id"] for i in items if i["kind"] == "number" and i["id"] in answers)
        answers[key] = 75.5
    elif refusal == "wrong_type":
        key = next(i["id"] for i in items if i["kind"] == "yn_true" and i["id"] in answers)
        answers[key] = "是"
    elif refusal == "unanswered":
        key = next(i["id"] for i in items if i["kind"] == "integer" and "relevant" not in i)
        answers.pop(key, None)
    elif refusal == "unknown_item":
        answers["item_999"] = True
    elif refusal == "bad_option":
        key = next(i["id"] for i in items if i["kind"] == "choice" and i["id"] in answers)
        answers[key] = "良好"
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    if refusal == "trailing_comma":
        text = text.rstrip()[:-1].rstrip() + ",\n}"
    elif refusal == "repeated_key":
        text = text.replace('"department": "market_supervision",', '"department": "market_supervision",\n  "department": "market_supervision",', 1)
    return text, refusal, answers, entity, doc


def extras(doc, failed, items_by_id, rng):
    """Notes, evidence and on-site rectification for some of the failed items."""
    notes, evidence, rectified = {}, {}, []
    for v in failed:
        item = items_by_id[v]
        if item["kind"] == "rule":
            continue
        if "evidence" in item and rng.random() < 0.8:
            evidence[v] = [f"photos/{doc['task']}-{v}.jpg"]
        if rng.random() < 0.5:
            notes[v] = "现场发现，已拍照留存"
        if rng.random() < 0.3:
            rectified.append(v)
    for key, value in [("notes", notes), ("evidence", evidence), ("rectified_on_site", rectified)]:
        if value:
            doc[key] = value


def expected_violations(items, rules, answers, entity):
    """The violations the checklist defines, in file order (items, then rules)."""
    out = []

    def relevant(i):
        return "relevant" not in i or answers.get(i["relevant"]) is True

    for i in items:
        k, v = i["kind"], answers.get(i["id"])
        if not relevant(i) or v is None:
            continue
        if ((k == "yn_true" and v is not True) or (k == "yn_false" and v is True)
                or (k == "number" and v > 8.0) or (k == "integer" and v > 0) or (k == "choice" and v == "不符合")
                or (k == "number_credit" and v > 5.0 and entity["credit_grade"] in ("C", "D"))):
            out.append(i["id"])
    for r in rules:
        a, b = answers.get(r["a"]), answers.get(r["b"])
        if r["relevant"] and answers.get(r["relevant"]) is not True:
            continue
        if a is None or b is None:
            continue
        hit = [lambda: a > 6.0 and not b, lambda: a + b >= 2, lambda: a == "基本符合" and b == "基本符合",
               lambda: a + b > 14.0, lambda: a or not b][r["form"]]()
        if hit:
            out.append(r["id"])
    return out


# ---------------------------------------------------------------- peers

def peer_conditions(items, rules, lang):
    """Each entry's violation as (id, expression) in CEL or Zen, over `answers` and `entity`."""
    AND, OR, NOT = (" && ", " || ", "!") if lang == "cel" else (" and ", " or ", "not ")
    NULL = "null"

    def has(x):
        return f"has(answers.{x})" if lang == "cel" else f"answers.{x} != {NULL}"

    numbers = {i["id"] for i in items if i["kind"] in ("number", "number_credit")}

    def ref(x):
        # A `number` answer may be written 5 or 5.0: spotcheck reads both as a
        # double, and CEL has no double + int overload, so the peer converts.
        return f"double(answers.{x})" if lang == "cel" and x in numbers else f"answers.{x}"

    out = []
    for i in items:
        k, x = i["kind"], i["id"]
        parts = []
        if "relevant" in i:
            parts += [has(i["relevant"]), f"{ref(i['relevant'])} == true"]
        parts.append(has(x))
        if k == "yn_true":
            parts.append(f"{ref(x)} != true")
        elif k == "yn_false":
            parts.append(f"{ref(x)} == true")
        elif k == "number":
            parts.append(f"{ref(x)} > 8.0")
        elif k == "number_credit":
            parts += [f"{ref(x)} > 5.0", "entity.credit_grade in ['C', 'D']"]
        elif k == "integer":
            parts.append(f"{ref(x)} > 0")
        elif k == "choice":
            parts.append(f"{ref(x)} == '不符合'")
        else:
            continue
        out.append((x, AND.join(parts)))
    for r in rules:
        a, b = ref(r["a"]), ref(r["b"])
        parts = []
        if r["relevant"]:
            parts += [has(r["relevant"]), f"{ref(r['relevant'])} == true"]
        parts += [has(r["a"]), has(r["b"])]
        parts.append("(" + [f"{a} > 6.0{AND}{NOT}{b}", f"{a} + {b} >= 2", f"{a} == '基本符合'{AND}{b} == '基本符合'",
                            f"{a} + {b} > 14.0", f"{a}{OR}{NOT}{b}"][r["form"]] + ")")
        out.append((r["id"], AND.join(parts)))
    return out


PEER_CEL = r'''#!/usr/bin/env python3
# cel-cpp (cel-expr-python): every violation condition of the checklist in one
# compiled CEL expression (a list of booleans), evaluated once per file.
import json, sys
from cel_expr_python import cel
IDS = %(ids)s
EXPR = %(expr)s
env = cel.NewEnv(variables={"answers": cel.Type.Map(cel.Type.STRING, cel.Type.DYN),
                            "entity": cel.Type.Map(cel.Type.STRING, cel.Type.DYN)})
program = env.compile(EXPR)
out = []
for path in sys.argv[1:]:
    try:
        with open(path, "rb") as f:
            doc = json.load(f)
        flags = program.eval(data={"answers": doc["answers"], "entity": doc["entity"]}).plain_value()
        if not isinstance(flags, list):
            raise ValueError(flags)
        out.append(json.dumps({"file": path, "violations": [i for i, v in zip(IDS, flags) if v is True]}, ensure_ascii=False))
    except Exception as e:
        out.append(json.dumps({"file": path, "error": str(e)}, ensure_ascii=False))
sys.stdout.write("\n".join(out) + "\n")
'''

PEER_ZEN = r'''#!/usr/bin/env python3
# GoRules Zen (zen-engine): every violation condition of the checklist as one
# expression node of one decision, evaluated once per file on its bytes.
import json, sys
import zen
IDS = %(ids)s
DECISION = %(decision)s
decision = zen.ZenEngine().create_decision(DECISION)
out = []
for path in sys.argv[1:]:
    try:
        with open(path, "rb") as f:
            result = decision.evaluate(f.read())["result"]
        out.append(json.dumps({"file": path, "violations": [i for i in IDS if result.get(i) is True]}, ensure_ascii=False))
    except Exception as e:
        out.append(json.dumps({"file": path, "error": str(e)}, ensure_ascii=False))
sys.stdout.write("\n".join(out) + "\n")
'''


def write_peers(root, items, rules):
    cel_conditions = peer_conditions(items, rules, "cel")
    ids = [x for x, _ in cel_conditions]
    expr = "[\n" + ",\n".join(c for _, c in cel_conditions) + "\n]"
    with open(os.path.join(root, "peer_cel.py"), "w", encoding="utf-8") as f:
        f.write(PEER_CEL % {"ids": repr(ids), "expr": repr(expr)})
    zen_conditions = peer_conditions(items, rules, "zen")
    decision = {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "findings", "position": {"x": 0, "y": 0}},
            {"id": "rules", "type": "expressionNode", "name": "violations", "position": {"x": 200, "y": 0},
             "content": {"expressions": [{"id": x, "key": x, "value": c} for x, c in zen_conditions]}},
            {"id": "out", "type": "outputNode", "name": "result", "position": {"x": 400, "y": 0}},
        ],
        "edges": [{"id": "e1", "sourceId": "in", "targetId": "rules", "type": "edge"},
                  {"id": "e2", "sourceId": "rules", "targetId": "out", "type": "edge"}],
    }
    with open(os.path.join(root, "peer_zen.py"), "w", encoding="utf-8") as f:
        f.write(PEER_ZEN % {"ids": repr(ids), "decision": repr(json.dumps(decision, ensure_ascii=False))})


# ---------------------------------------------------------------- generate

def generate(root, count):
    items, rules = build_items()
    assert len(items) == 190 and len(rules) == 10 and sum("relevant" in i for i in items) == 40
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(os.path.join(root, "findings"))
    shutil.copytree(os.path.join(REPO, "Rules"), os.path.join(root, "Rules"))
    shutil.copytree(os.path.join(REPO, "Checklists"), os.path.join(root, "Checklists"))
    with open(os.path.join(root, "Checklists", "market_supervision", "workload200.yaml"), "w", encoding="utf-8") as f:
        f.write(checklist_yaml(items, rules))
    rng = random.Random(count)
    items_by_id = {i["id"]: i for i in items + rules}
    expected, refused, files = {}, {}, []
    for n in range(1, count + 1):
        text, refusal, answers, entity, doc = findings(n, items, rng)
        path = f"findings/f-{n:05d}.json"
        if refusal is None:
            violations = expected_violations(items, rules, answers, entity)
            extras(doc, violations, items_by_id, rng)
            text = json.dumps(doc, ensure_ascii=False, indent=2)
            expected[path] = violations
        else:
            refused[path] = refusal
        with open(os.path.join(root, path), "w", encoding="utf-8") as f:
            f.write(text + "\n")
        files.append(path)
    with open(os.path.join(root, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"violations": expected, "refused": refused}, f, ensure_ascii=False, indent=1)
    write_peers(root, items, rules)
    return files, expected, refused


# ---------------------------------------------------------------- timing

def run(argv, cwd, stdout_path):
    """Runs argv; returns (wall seconds, peak RSS in KiB, exit status).

    The peak RSS comes from /usr/bin/time when it is there: a child forked
    from this (large) Python process would inherit its high-water mark."""
    timed = os.path.exists("/usr/bin/time")
    rss_path = stdout_path + ".rss"
    full = (["/usr/bin/time", "-f", "%M", "-o", rss_path] if timed else []) + argv
    with open(stdout_path, "wb") as out, open(stdout_path + ".err", "wb") as err:
        start = time.perf_counter()
        p = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss
    if timed:
        with open(rss_path) as f:
            rss = int(f.read().split()[-1])
    return wall, rss, p.returncode


def violations_of(kind, path):
    """file → violations (evaluated files only) from one program's output."""
    out = {}
    with open(path, "rb") as f:
        data = f.read()
    if kind == "json":
        objects = json.loads(data)
    else:
        objects = [json.loads(line) for line in data.splitlines() if line.strip()]
    for o in objects:
        if o.get("evaluated", True) and "error" not in o:
            out[o["file"]] = o["violations"]
    return out


def find_spotcheck():
    found = glob.glob(os.path.join(REPO, ".build*", "release", "spotcheck"))
    if not found:
        sys.exit("no release build of spotcheck: swift build -c release --product spotcheck (or pass --spotcheck)")
    return max(found, key=os.path.getmtime)


def available(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out")
    ap.add_argument("--spotcheck")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args()

    out = args.out or tempfile.mkdtemp(prefix="spotcheck-workload-")
    root = os.path.join(out, "root")
    files, expected, refused = generate(root, args.files)
    print(f"workload: {root}: {len(files)} findings files ({len(refused)} to be refused), "
          f"{sum(len(v) for v in expected.values())} violations expected")
    if args.generate_only:
        return

    binary = os.path.abspath(args.spotcheck) if args.spotcheck else find_spotcheck()
    with open(os.path.join(root, "files.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(files) + "\n")
    # The same run with the paths read from a list: swift-argument-parser
    # takes time quadratic in the number of positional arguments.
    contenders = [
        ("spotcheck json", [binary, "check", "--format", "json"] + files, "json"),
        ("spotcheck json --files-from", [binary, "check", "--format", "json", "--files-from", "files.txt"], "json"),
        ("spotcheck ndjson --compact", [binary, "check", "--format", "ndjson", "--compact"] + files, "ndjson"),
    ]
    if not args.no_peers:
        if available("cel_expr_python"):
            contenders.append(("cel-cpp (cel-expr-python 0.1.3)", [sys.executable, "peer_cel.py"] + files, "ndjson"))
        else:
            print("cel-expr-python is not installed: pip install cel-expr-python==0.1.3")
        if available("zen"):
            contenders.append(("GoRules Zen (zen-engine 2.1.3)", [sys.executable, "peer_zen.py"] + files, "ndjson"))
        else:
            print("zen-engine is not installed: pip install zen-engine==2.1.3")

    samples = {name: [] for name, _, _ in contenders}
    rss = {name: 0 for name, _, _ in contenders}
    size = {}
    for r in range(args.runs):
        for k, (name, argv, kind) in enumerate(contenders):
            target = os.path.join(out, f"out-{k}.txt")
            wall, maxrss, status = run(argv, root, target)
            samples[name].append(wall)
            rss[name] = max(rss[name], maxrss)
            size[name] = os.path.getsize(target)
            if r == 0:
                expect_status = 1 if refused and name.startswith("spotcheck") else 0
                if status != expect_status:
                    sys.exit(f"{name}: exit {status} (expected {expect_status}); see {target}.err")
                got = violations_of(kind, target)
                missing = [f for f in expected if f not in got]
                wrong = [f for f in expected if f in got and got[f] != expected[f]]
                if name.startswith("spotcheck"):
                    extra = [f for f in got if f not in expected]
                    if missing or extra:
                        sys.exit(f"{name}: evaluated files differ: missing {missing[:3]}, refused ones evaluated {extra[:3]}")
                elif missing:
                    sys.exit(f"{name}: no result for {missing[:3]}")
                if wrong:
                    f = wrong[0]
                    sys.exit(f"{name}: {len(wrong)} files with other violations, e.g. {f}: {got[f]} != {expected[f]}")
                print(f"  {name}: same violations as expected on all {len(expected)} evaluated files")

    print(f"\n{args.files} files, {args.runs} runs each, interleaved; wall time of the whole process, stdout to a file")
    medians = {name: statistics.median(s) for name, s in samples.items()}
    for name, _, _ in contenders:
        m = medians[name]
        mb = size[name] / 1e6
        print(f"  {name:34s} median {m * 1000:8.1f} ms  (min {min(samples[name]) * 1000:7.1f})  "
              f"peak RSS {rss[name] / 1024:6.1f} MiB  output {mb:7.2f} MB  {mb / m:7.1f} MB/s")
    peers = [name for name in medians if not name.startswith("spotcheck")]
    if peers:
        fastest = min(peers, key=lambda p: medians[p])
        for name in [c[0] for c in contenders if c[0].startswith("spotcheck")]:
            print(f"  {name}: {medians[fastest] / medians[name]:.2f}× the fastest peer ({fastest})")
    print(f"\ncommands: cd {root} && {binary} check --format json findings/*.json > out.json")
    print(f"          {binary} check --format json --files-from files.txt > out.json")
    print(f"          {binary} check --format ndjson --compact findings/*.json > out.ndjson")
    print(f"          {sys.executable} peer_cel.py findings/*.json > out.ndjson  (and peer_zen.py)")


if __name__ == "__main__":
    main()
