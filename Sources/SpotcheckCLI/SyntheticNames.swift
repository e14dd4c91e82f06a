import Spotcheck

/// Names and codes of made-up businesses for the search benchmark, shaped
/// like a county's directory: a town, a trade name, a kind of business.
struct SyntheticNames {
    static let towns = ["宽城镇", "龙须门镇", "峪耳崖镇", "板城镇", "汤道河镇", "碾子峪镇", "化皮溜子镇", "桲罗台镇", "亮甲台镇", "塌山乡",
                        "孟子岭乡", "独石沟乡", "铧尖乡", "东黄花川乡", "苇子沟乡", "大字沟门乡", "大石柱子乡", "昌黎镇", "靖安镇", "安山镇"]
    static let syllables = Array("福瑞祥和兴隆盛源鑫达华美佳丰泰康宏宇新宁金利德顺昌安永庆晨阳恒通旺发益民诚信乐天")
    static let kinds = ["餐饮店", "小吃部", "超市", "便利店", "药房", "诊所", "幼儿园", "小学", "食品厂", "饭店", "酒楼", "烧烤店",
                        "面馆", "粮油店", "加油站", "宾馆", "网吧", "理发店", "蔬菜店", "肉食店", "清真饭庄", "农家院", "建材商店", "五金店"]
    private var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func next() -> String {
        let town = Self.towns[Int(rng.next() % UInt64(Self.towns.count))]
        let a = Self.syllables[Int(rng.next() % UInt64(Self.syllables.count))]
        let b = Self.syllables[Int(rng.next() % UInt64(Self.syllables.count))]
        let kind = Self.kinds[Int(rng.next() % UInt64(Self.kinds.count))]
        return "宽城满族自治县\(town)\(a)\(b)\(kind)"
    }
}

/// Credit-code-shaped identifiers (18 characters), distinct for distinct numbers.
enum CreditCodes {
    static func synthetic(_ n: Int) -> String {
        let digits = String(n, radix: 10)
        return "92130827MA" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
