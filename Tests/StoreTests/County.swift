import Store

/// One jurisdiction's records, built the way the lifecycle builds them.
/// Ids carry the jurisdiction's code, so two counties never share an id.
struct County: Sendable {
    let code: String

    static let kuancheng = County(code: "kuancheng")
    static let changli = County(code: "changli")

    static let canteen = "education.school_canteen"
    static let fire = "fire.public_venue"
    static let clerk = "clerk-张"   // a named user
    static let command = "spotcheck submit"   // a command as actor

    var planID: String { "\(code)-2024-canteens" }
    var drawID: String { "\(code)-draw-1" }
    var entityKeys: [String] { (1...3).map { "\(code)-9113\($0)" } }

    func taskID(_ n: Int) -> String { "\(planID)/T-\(n)" }

    // MARK: - Plans

    func plan(text: String = "id: 2024-canteens\nwindow: 2024-05/2024-06\n", rules: String = "rules v1",
              revisedOn: String? = nil, reason: String? = nil, jurisdiction: String? = nil) -> PlanVersionRecord {
        PlanVersionRecord(jurisdiction: jurisdiction ?? code, planID: planID, title: "学校食堂联合抽查",
                          planSHA256: SHA256.hex(text), rulesSHA256: SHA256.hex(rules), planText: text,
                          revisedOn: revisedOn, reason: reason)
    }

    // MARK: - Draws and tasks

    func draw(_ id: String? = nil, planVersion: Int = 1) -> DrawRecord {
        DrawRecord(id: id ?? drawID, jurisdiction: code, planID: planID, planVersion: planVersion, seed: "20240506",
                   certificateJSON: #"{"seed":"20240506","population":3}"#, drawnOn: "2024-05-06")
    }

    func task(_ n: Int, draw: String? = nil, plan: String? = nil, jurisdiction: String? = nil) -> TaskRecord {
        TaskRecord(id: taskID(n), jurisdiction: jurisdiction ?? code, drawID: draw ?? drawID, planID: plan ?? planID,
                   entityKey: "\(code)-9113\(n)", entityName: "第\(n)小学食堂",
                   teamsJSON: #"{"education":["e1","e2"],"fire_rescue":["f1","f2"]}"#,
                   checklistsJSON: #"{"education":["education.school_canteen"],"fire_rescue":["fire.public_venue"]}"#,
                   confirmDue: "2024-05-08")
    }

    // MARK: - Submissions

    func submission(_ id: String, task: Int = 1, checklist: String = County.canteen, payload: String = "extinguishers_valid: true",
                    inspectors: [String] = ["e1", "e2"], inspectedOn: String = "2024-05-07",
                    receivedOn: String = "2024-05-08") -> SubmissionRecord {
        SubmissionRecord(submissionID: id, jurisdiction: code, taskID: taskID(task), department: "education",
                         checklist: checklist, inspectors: inspectors, inspectedOn: inspectedOn, receivedOn: receivedOn,
                         payload: payload)
    }

    /// A submission with its evaluation and one referral per id in `referrals`
    /// (to fire and rescue, due a fortnight later).
    func evaluated(_ s: SubmissionRecord, referrals: [String] = [], resultCode: String = "compliant",
                   plan: String? = nil, versionOffset: Int = 0) -> EvaluatedSubmission {
        let planID = plan ?? self.planID
        return EvaluatedSubmission(
            submission: s,
            evaluation: { version in
                EvaluationRecord(jurisdiction: s.jurisdiction, submissionID: s.submissionID, taskID: s.taskID, planID: planID,
                                 department: s.department, checklist: s.checklist, version: version + versionOffset,
                                 resultCode: resultCode, resultRank: referrals.isEmpty ? 0 : 2,
                                 violations: referrals.isEmpty ? [] : ["extinguishers_valid"],
                                 document: #"{"result":"\#(resultCode)"}"#, enteredOn: s.receivedOn)
            },
            referrals: { _ in
                referrals.map { id in
                    ReferralRecord(id: id, jurisdiction: s.jurisdiction, submissionID: s.submissionID, taskID: s.taskID,
                                   recipient: "fire_rescue", kind: "transfer", route: "fire-extinguishers",
                                   items: ["extinguishers_valid"], due: "2024-05-22", createdOn: s.receivedOn)
                }
            })
    }

    func event(_ referral: String, _ status: ReferralStatus, on date: String, decision: String? = nil,
               decisionNo: String? = nil, decisionPublic: Bool? = nil) -> ReferralEventRecord {
        ReferralEventRecord(jurisdiction: code, referralID: referral, status: status, decision: decision,
                            decisionNo: decisionNo, decisionPublic: decisionPublic, onDate: date)
    }

    // MARK: - Disclosures

    func disclosure(task: Int = 1, resultCode: String = "compliant", publishedOn: String = "2024-06-01") -> DisclosureRecord {
        DisclosureRecord(jurisdiction: code, taskID: taskID(task), planID: planID, creditCode: "\(code)-9113\(task)",
                         entityName: "第\(task)小学食堂", resultCode: resultCode,
                         publishedOn: publishedOn,
                         recordJSON: #"{"credit_code":"\#(code)-9113\#(task)","result_code":"\#(resultCode)"}"#)
    }

    // MARK: - Seeding

    /// Records plan version 1 and a draw of three tasks.
    func seedDraw(_ store: Store) throws {
        try store.recordPlanVersion(plan(), by: Self.clerk)
        try store.recordDraw(draw(), tasks: (1...3).map { task($0) }, by: Self.command)
    }

    func directoryRows(_ keys: [String]) -> [DirectoryRowRecord] {
        keys.map { DirectoryRowRecord(key: $0, json: #"{"credit_code":"\#($0)","name":"entity \#($0)"}"#) }
    }

    /// Every kind of record, so tamper and jurisdiction tests find each:
    /// directory imports with rows, plan, draw and tasks, confirmations, two
    /// submissions (the second with two referrals: one received, one
    /// handled), and a disclosure.
    func seedEverything(_ store: Store) throws {
        try store.importDirectory(.entities, jurisdiction: code, rows: directoryRows(entityKeys), sourceSHA256: SHA256.hex("entities.csv"),
                                  by: Self.clerk)
        try store.importDirectory(.inspectors, jurisdiction: code,
                                  rows: [DirectoryRowRecord(key: "\(code)-e1", json: #"{"name":"inspector"}"#)],
                                  sourceSHA256: SHA256.hex("inspectors.csv"), by: Self.clerk)
        try seedDraw(store)
        try store.recordConfirmation(ConfirmationRecord(jurisdiction: code, taskID: taskID(1), department: "education",
                                                        decision: .confirmed, reason: nil, decidedOn: "2024-05-07"), by: Self.clerk)
        try store.recordConfirmation(ConfirmationRecord(jurisdiction: code, taskID: taskID(3), department: "education",
                                                        decision: .rejected, reason: "已停业", decidedOn: "2024-05-07"),
                                     by: Self.clerk)
        _ = try store.submit(evaluated(submission("\(code)-s1", task: 2)), by: Self.command)
        _ = try store.submit(evaluated(submission("\(code)-s2", payload: "extinguishers_valid: false"),
                                       referrals: ["\(code)-r1", "\(code)-r2"], resultCode: "problem"), by: Self.command)
        try store.recordReferralEvent(event("\(code)-r1", .received, on: "2024-05-09"), by: Self.clerk)
        try store.recordReferralEvent(event("\(code)-r2", .handled, on: "2024-05-10", decision: "责令改正",
                                            decisionNo: "宽消改字[2024]7号", decisionPublic: false),
                                      by: Self.clerk)
        try store.recordDisclosure(disclosure(resultCode: "problem"), by: Self.command)
    }
}
