import Draw
import Messages
import Rulebook
import Spotcheck
import Store

/// A draw as the public reads it: what was drawn, from what, with which
/// public randomness, and the steps by which anyone re-runs it and gets
/// the same list (SPEC.md §8).
struct DrawExplanation {
    struct Stratum {
        var name: String
        var population: Int
        var count: Int
    }
    struct Hash {
        var name: String
        var value: String
    }
    struct Task {
        var task: String
        var name: String
        var key: String
        var departments: String
    }
    var shell: PageShell
    var planID: String
    var planTitle: String
    var drawnOn: String
    var seed: String
    var algorithm: String
    var population: Int
    var count: Int
    var rate: String
    var strata: [Stratum]
    var hasStrata: Bool
    var hashes: [Hash]
    var certificateHref: String
    var steps: [String]
    var command: String
    var tasks: [Task]

    init(plan: Plan, draw: DrawRecord, certificate: Certificate?, tasks: [TaskRecord], rulebook: Rulebook, shell: PageShell, language l: Language) {
        let zh = l == .zh
        self.shell = shell
        planID = plan.id
        planTitle = zh ? plan.title : (plan.titleEN ?? plan.title)
        drawnOn = draw.drawnOn
        seed = draw.seed
        algorithm = certificate?.algorithm ?? ""
        population = certificate?.sample.population ?? 0
        count = certificate?.sample.count ?? draw.taskCount
        rate = certificate.map { String(format: "%.2f%%", $0.sample.achievedRate * 100) } ?? ""
        strata = (certificate?.sample.strata ?? []).map { Stratum(name: $0.name, population: $0.population, count: $0.count) }
        hasStrata = strata.count > 1
        hashes = (certificate?.hashes ?? [:]).sorted { $0.key < $1.key }.map { Hash(name: $0.key, value: $0.value) }
        let short = draw.id.split(separator: "/").last.map(String.init) ?? draw.id
        certificateHref = "/plans/\(plan.id)/draws/\(short)/certificate.json"
        steps = zh ? [
            "抽取前公布的随机数种子是“\(draw.seed)”：它来自任何人事后都能查到、事先无人能控制的公开数字（如彩票开奖号码），按 RFC 3797 的方法合成密钥。",
            "抽取只用到三样输入：计划文件、检查对象名录、执法检查人员名录；证书记录了它们的 SHA-256 指纹，任何一行被改动，指纹就不同。",
            "算法 \(algorithm) 用密钥对每个对象编号做哈希排序，按计划的比例在每一层抽取，再为每个对象从各部门的人员中抽取检查组，回避有利害关系的人员。",
            "下载本页的证书，向牵头办公室取得抽取当日的两份名录（CSV），安装 Spotcheck 后运行下面的命令；输出 OK 即证明名单未被改动，否则会逐项列出不一致之处。",
        ] : [
            "The seed announced before the draw is \"\(draw.seed)\": public numbers that anyone can look up afterwards and nobody controls beforehand (such as lottery results), combined into a key as RFC 3797 does.",
            "The draw uses three inputs only: the plan file, the entity directory and the inspector directory; the certificate records their SHA-256 fingerprints, so a changed row changes a fingerprint.",
            "The algorithm \(algorithm) orders the entities by a keyed hash of their ids, draws each stratum at the plan's rate, then draws each entity's team from each department's inspectors, avoiding those with a conflict of interest.",
            "Download this page's certificate, obtain the two directories (CSV) as of the draw from the lead office, install Spotcheck and run the command below: OK proves the list was not altered; otherwise every difference is listed.",
        ]
        command = "spotcheck draw verify certificate.json --entities entities.csv --inspectors inspectors.csv"
        self.tasks = tasks.map { t in
            let teams: [String] = { if case .map(let m) = DatumJSON.decode(t.teamsJSON) { return m.keys.sorted() } else { return [] } }()
            let departments = teams.map { rulebook.name(of: $0, in: t.jurisdiction, l) }
            return Task(task: t.id.split(separator: "/").last.map(String.init) ?? t.id, name: t.entityName, key: t.entityKey,
                        departments: departments.joined(separator: zh ? "、" : ", "))
        }
    }
}
