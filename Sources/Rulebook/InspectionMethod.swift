import Messages

/// How an item may be checked (检查方式): the methods the seeds name —
/// 实地核查, 书面检查, 信息比对, 检验检测, 利用其他部门检查结果, 专业机构意见.
public enum InspectionMethod: String, Sendable, CaseIterable, Codable {
    case onSite = "on_site"
    case documentReview = "document_review"
    case dataComparison = "data_comparison"
    case testing
    case otherAuthorityResult = "other_authority_result"
    case expertOpinion = "expert_opinion"

    /// What an item is checked by when its checklist says nothing.
    public static let defaults: [InspectionMethod] = [.onSite]

    public var label: LocalizedText {
        switch self {
        case .onSite: return LocalizedText(zh: "实地核查", en: "on-site check")
        case .documentReview: return LocalizedText(zh: "书面检查", en: "document review")
        case .dataComparison: return LocalizedText(zh: "信息比对", en: "data comparison")
        case .testing: return LocalizedText(zh: "检验检测", en: "testing")
        case .otherAuthorityResult: return LocalizedText(zh: "利用其他部门检查结果", en: "another authority's result")
        case .expertOpinion: return LocalizedText(zh: "专业机构意见", en: "expert opinion")
        }
    }
}
