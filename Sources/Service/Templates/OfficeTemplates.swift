extension Templates {
    static let office = """
    {{<layout}}{{$main}}
    <p class="meta">{{jurisdiction}} · {{on}} · {{shell.t.overdue}} {{overdue}}</p>
    <h2>{{shell.t.rejections}}</h2>
    {{#hasRejections}}<ul class="rejections">{{#rejections}}<li data-rejection="{{task}}"><strong>{{entityName}}</strong> · {{task}} · {{department}} · {{decidedOn}}<div class="reason">{{shell.t.reason}}{{shell.t.colon}}{{reason}}</div></li>{{/rejections}}</ul>{{/hasRejections}}
    {{^hasRejections}}<p class="empty">{{shell.t.noRejections}}</p>{{/hasRejections}}
    <h2>{{shell.t.deadlines}}</h2>
    {{#hasItems}}<table class="deadlines"><thead><tr><th>{{shell.t.due}}</th><th>{{shell.t.state}}</th><th>{{shell.t.kind}}</th><th>{{shell.t.subject}}</th><th>{{shell.t.responsible}}</th><th>{{shell.t.detail}}</th></tr></thead><tbody>
    {{#items}}<tr class="state-{{state}}"><td>{{due}}</td><td>{{state_label}}</td><td>{{kind_label}}</td><td>{{subject}}</td><td>{{responsible_name}}</td><td>{{detail}}</td></tr>{{/items}}
    </tbody></table>{{/hasItems}}
    {{^hasItems}}<p class="empty">{{shell.t.nothingDue}}</p>{{/hasItems}}
    {{/main}}{{/layout}}
    """

    static let report = """
    {{<layout}}{{$main}}
    <form class="filters" method="get" action="/office/report">
    <div class="field"><label for="year">{{shell.t.year}}</label><select id="year" name="year"><option value="">{{shell.t.any}}</option>{{#years}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select></div>
    <div class="field"><label for="plan">{{shell.t.plan}}</label><select id="plan" name="plan"><option value="">{{shell.t.any}}</option>{{#plans}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/plans}}</select></div>
    <div class="field"><button type="submit">{{shell.t.show}}</button></div>
    </form>
    {{#report}}
    <p>{{summary}}</p>
    <h2>{{shell.t.targets}}</h2>
    <table><thead><tr><th>{{shell.t.targets}}</th><th>{{shell.t.share}}</th><th>{{shell.t.count}}</th><th>{{shell.t.goal}}</th><th>{{shell.t.verdict}}</th></tr></thead><tbody>
    {{#targets}}<tr class="verdict-{{verdictClass}}"><td>{{title}}</td><td>{{share}}</td><td>{{count}}</td><td>{{goal}}</td><td>{{verdict}}</td></tr>{{/targets}}
    </tbody></table>
    <h2>{{shell.t.byResult}}</h2>
    <table><tbody>{{#byResult}}<tr><td>{{label}}</td><td>{{count}}</td></tr>{{/byResult}}</tbody></table>
    <h2>{{shell.t.byDepartment}}</h2>
    <table><tbody>{{#byDepartment}}<tr><td>{{label}}</td><td>{{count}}</td></tr>{{/byDepartment}}</tbody></table>
    <h2>{{shell.t.byGrade}}</h2>
    <table><tbody>{{#byGrade}}<tr><td>{{label}}</td><td>{{count}}</td></tr>{{/byGrade}}</tbody></table>
    <p class="audit">{{shell.t.auditHead}} {{auditHead}}</p>
    {{/report}}
    {{/main}}{{/layout}}
    """

    static let publish = """
    {{<layout}}{{$main}}
    <p>{{shell.t.publishExplain}}</p>
    {{#done}}<div class="outcome" role="status"><p>{{shell.t.publishedNow}}: {{published}} · {{shell.t.redacted}}: {{redacted}} · {{shell.t.auditHead}} {{auditHead}}</p></div>{{/done}}
    <h2>{{shell.t.awaiting}} ({{awaitingCount}})</h2>
    <ul class="awaiting">{{#awaiting}}<li>{{.}}</li>{{/awaiting}}</ul>
    <form method="post" action="/office/publish"><input type="hidden" name="csrf" value="{{shell.csrf}}"><button type="submit">{{shell.t.publishNow}}</button></form>
    {{/main}}{{/layout}}
    """
}
