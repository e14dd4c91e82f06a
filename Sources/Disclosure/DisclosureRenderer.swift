import Foundation

/// Renders publication records as JSON, CSV and a static HTML page.
///
/// The renderers publish what they are given: redact the records first
/// (`Redactor.redact(_:)`).
public enum DisclosureRenderer {

    // MARK: JSON

    /// Pretty-printed JSON array with sorted keys, UTF-8 (non-ASCII text as is).
    public static func json(_ records: [PublicationRecord]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and arrays cannot fail.
        let data = try! encoder.encode(records)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: CSV

    public static let csvHeader = ["主体名称", "统一社会信用代码", "抽查计划", "检查部门", "检查日期", "抽查结果", "发现的问题", "公示日期"]
    /// Byte order mark: spreadsheet software in China reads BOM-less CSV as GBK.
    public static let byteOrderMark = "\u{FEFF}"

    /// The cells of one record in `csvHeader` order: departments joined by
    /// 、, findings one per line.
    public static func csvRow(_ r: PublicationRecord) -> [String] {
        [r.entityName, r.creditCode, r.planTitle, r.departments.joined(separator: "、"), r.inspectedOn,
         r.resultLabel, r.findings.joined(separator: "\n"), r.publishedOn]
    }

    /// RFC 4180 CSV (CRLF line ends, fields with comma, quote, CR or LF
    /// quoted, quotes doubled), Chinese header, UTF-8 with a byte order mark.
    public static func csv(_ records: [PublicationRecord]) -> String {
        var out = byteOrderMark
        out += CSVField.line(csvHeader)
        for r in records { out += CSVField.line(csvRow(r)) }
        return out
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",") + "\r\n"
    }

    static func csvField(_ s: String) -> String {
        let needsQuotes = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: HTML

    /// Escapes text for HTML element content and quoted attribute values.
    public static func escapeHTML(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A static, self-contained Chinese page: no external resources, a
    /// search box filtering rows by entity name or credit code (inline
    /// script, works offline; without script every row shows), a filter by
    /// result category, the records in a table with result categories
    /// highlighted. Every value is HTML-escaped; no value goes into the script.
    public static func html(title: String, records: [PublicationRecord], generatedOn: String) -> String {
        let e = escapeHTML
        let showReferrals = records.contains { !($0.referrals ?? []).isEmpty }
        var counts: [(label: String, tone: String, count: Int)] = []
        for r in records {
            if let i = counts.firstIndex(where: { $0.label == r.resultLabel }) { counts[i].count += 1 }
            else { counts.append((r.resultLabel, r.resultTone, 1)) }
        }
        let showDecisions = records.contains { !($0.decisions ?? []).isEmpty }

        var h = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <title>\(e(title))</title>
        <style>
        body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:1.5em;color:#222;background:#fff}
        h1{font-size:1.4em;margin:0 0 .3em}
        .meta{color:#666;font-size:.9em;margin:0 0 1em}
        .controls{display:flex;flex-wrap:wrap;gap:.6em;align-items:center;margin:0 0 1em}
        .controls input,.controls select{font-size:1em;padding:.35em .5em;border:1px solid #999;border-radius:4px}
        .controls input{min-width:20em}
        .summary{display:flex;flex-wrap:wrap;gap:.5em;margin:0 0 1em;padding:0;list-style:none}
        .summary li{padding:.2em .6em;border-radius:4px;font-size:.9em}
        table{border-collapse:collapse;width:100%;font-size:.92em}
        th,td{border:1px solid #ccc;padding:.4em .5em;text-align:left;vertical-align:top}
        th{background:#f0f2f5;position:sticky;top:0}
        td.code{font-family:Consolas,"Courier New",monospace;white-space:nowrap}
        td ul{margin:0;padding-left:1.2em}
        .result{display:inline-block;padding:.1em .45em;border-radius:4px;font-weight:bold;white-space:nowrap}
        .tone-clear{background:#e3f4e6;color:#1b6b2c}
        .tone-notice{background:#fff0d6;color:#8a5300}
        .tone-serious{background:#fde2e1;color:#a01a14}
        .dept{display:block;font-size:.85em;color:#555;margin-top:.2em}
        .none{color:#888}
        #empty{display:none;color:#666;margin:1em 0}
        @media print{.controls{display:none}th{position:static}}
        </style>
        </head>
        <body>
        <h1>\(e(title))</h1>
        <p class="meta">生成日期：\(e(generatedOn))　共 \(records.count) 条记录（个人信息已按规定隐去）</p>
        <div class="controls">
        <label for="q">查询：</label>
        <input id="q" type="search" placeholder="输入主体名称或统一社会信用代码" autocomplete="off">
        <select id="result" aria-label="抽查结果">
        <option value="">全部抽查结果</option>

        """
        for c in counts {
            h += "<option value=\"\(e(c.label))\">\(e(c.label))</option>\n"
        }
        h += """
        </select>
        <span id="shown" aria-live="polite"></span>
        </div>
        <ul class="summary">

        """
        for c in counts {
            h += "<li class=\"tone-\(e(c.tone))\">\(e(c.label))：\(c.count)</li>\n"
        }
        h += """
        </ul>
        <table id="records">
        <thead><tr><th>主体名称</th><th>统一社会信用代码</th><th>抽查计划</th><th>检查部门</th><th>检查日期</th><th>抽查结果</th><th>发现的问题</th>
        """
        if showReferrals { h += "<th>移送处理</th>" }
        if showDecisions { h += "<th>处理决定</th>" }
        h += "<th>公示日期</th></tr></thead>\n<tbody>\n"

        for r in records {
            // Newline between the two: a search needle cannot span both fields.
            let key = (r.entityName + "\n" + r.creditCode).lowercased()
            h += "<tr data-key=\"\(e(key).replacingOccurrences(of: "\n", with: "&#10;"))\" data-result=\"\(e(r.resultLabel))\">"
            h += "<td>\(e(r.entityName))</td>"
            h += "<td class=\"code\">\(e(r.creditCode))</td>"
            h += "<td>\(e(r.planTitle))</td>"
            h += "<td>\(e(r.departments.joined(separator: "、")))</td>"
            h += "<td>\(e(r.inspectedOn))</td>"
            h += "<td><span class=\"result tone-\(e(r.resultTone))\">\(e(r.resultLabel))</span>"
            if r.departmentResults.count > 1 {
                for d in r.departmentResults { h += "<span class=\"dept\">\(e(d.departmentName))：\(e(d.resultLabel))</span>" }
            }
            h += "</td>"
            h += "<td>\(list(r.findings))</td>"
            if showReferrals { h += "<td>\(list(r.referrals ?? []))</td>" }
            if showDecisions { h += "<td>\(list(r.decisions ?? []))</td>" }
            h += "<td>\(e(r.publishedOn))</td>"
            h += "</tr>\n"
        }
        h += """
        </tbody>
        </table>
        <p id="empty">没有符合条件的记录。</p>
        <script>
        (function () {
          var q = document.getElementById('q');
          var sel = document.getElementById('result');
          var shown = document.getElementById('shown');
          var empty = document.getElementById('empty');
          var rows = document.querySelectorAll('#records tbody tr');
          function apply() {
            var needle = q.value.trim().toLowerCase();
            var result = sel.value;
            var n = 0;
            for (var i = 0; i < rows.length; i++) {
              var row = rows[i];
              var ok = (needle === '' || row.getAttribute('data-key').indexOf(needle) !== -1) &&
                       (result === '' || row.getAttribute('data-result') === result);
              row.style.display = ok ? '' : 'none';
              if (ok) { n++; }
            }
            shown.textContent = '显示 ' + n + ' / ' + rows.length + ' 条';
            empty.style.display = n === 0 ? 'block' : 'none';
          }
          q.addEventListener('input', apply);
          sel.addEventListener('change', apply);
          apply();
        })();
        </script>
        </body>
        </html>

        """
        return h
    }

    private static func list(_ items: [String]) -> String {
        if items.isEmpty { return "<span class=\"none\">—</span>" }
        if items.count == 1 { return escapeHTML(items[0]) }
        return "<ul>" + items.map { "<li>\(escapeHTML($0))</li>" }.joined() + "</ul>"
    }
}
