extension Templates {
    static let confirmations = """
    {{<layout}}{{$main}}
    <p>{{shell.t.confirmExplain}}</p>
    {{#hasRows}}<ul class="confirm-list">{{#rows}}<li class="confirm{{#overdue}} overdue{{/overdue}}" data-task="{{task}}">
    <p><strong>{{entityName}}</strong> <span class="code">{{entityID}}</span></p>
    <p class="meta">{{task}} · {{shell.t.confirmBy}} {{due}}{{#overdue}} · {{shell.t.overdueNow}}{{/overdue}}</p>
    {{#decided}}<p class="decision{{#rejected}} rejected{{/rejected}}" data-decision>{{decision}}{{#reason}}{{shell.t.colon}}{{reason}}{{/reason}}</p>{{/decided}}
    <form method="post" action="/department/confirmations" class="confirm-form">
    <input type="hidden" name="csrf" value="{{shell.csrf}}"><input type="hidden" name="task" value="{{task}}">
    <input type="text" name="reason" placeholder="{{shell.t.rejectReason}}" aria-label="{{shell.t.rejectReason}}">
    <button type="submit" name="decision" value="confirmed">{{shell.t.confirm}}</button>
    <button type="submit" name="decision" value="rejected">{{shell.t.reject}}</button>
    </form></li>{{/rows}}</ul>{{/hasRows}}
    {{^hasRows}}<p class="empty">{{shell.t.noTasks}}</p>{{/hasRows}}
    {{/main}}{{/layout}}
    """

    static let referrals = """
    {{<layout}}{{$main}}
    {{#hasRows}}<ul class="referral-list">{{#rows}}<li class="referral status-{{status}}" data-referral-id="{{id}}">
    <p><strong>{{task}}</strong> · {{kind}} · {{shell.t.due}} {{due}}</p>
    <p class="meta">{{items}} · {{statusLabel}} {{statusOn}}</p>
    {{#open}}<form method="post" action="/department/referrals" class="referral-form">
    <input type="hidden" name="csrf" value="{{shell.csrf}}"><input type="hidden" name="referral" value="{{id}}">
    <select name="status" aria-label="{{shell.t.state}}">{{#statuses}}<option value="{{id}}">{{label}}</option>{{/statuses}}</select>
    <input type="text" name="decision" placeholder="{{shell.t.decision}}" aria-label="{{shell.t.decision}}">
    <input type="text" name="decision_no" placeholder="{{shell.t.decisionNo}}" aria-label="{{shell.t.decisionNo}}">
    <input type="date" name="on" value="{{today}}" aria-label="{{shell.t.date}}">
    <label class="check"><input type="checkbox" name="decision_public" value="true"> {{shell.t.decisionPublic}}</label>
    <button type="submit">{{shell.t.record}}</button>
    </form>{{/open}}</li>{{/rows}}</ul>{{/hasRows}}
    {{^hasRows}}<p class="empty">{{shell.t.noReferrals}}</p>{{/hasRows}}
    {{/main}}{{/layout}}
    """

    static let checklists = """
    {{<layout}}{{$main}}
    <ul class="checklist-list">{{#rows}}<li data-checklist="{{id}}"><a href="/department/checklists/{{id}}"><strong>{{title}}</strong></a> <span class="code">{{id}}</span> · {{shell.t.version}} {{version}}
    {{#hasRevisions}}<ul class="revisions">{{#revisions}}<li>#{{revision}} · {{version}} · {{recordedAt}} · {{recordedBy}}</li>{{/revisions}}</ul>{{/hasRevisions}}</li>{{/rows}}</ul>
    {{/main}}{{/layout}}
    """

    /// The editor: a textarea beside its line numbers; diagnostics listed
    /// with `data-line`, and the numbers of lines with a problem marked.
    static let editor = """
    {{<layout}}{{$main}}
    <p class="meta"><span class="code">{{id}}</span> · {{title}} · {{shell.t.version}} {{version}}</p>
    {{#published}}<div class="outcome" role="status" data-published="{{publishedRevision}}"><p>{{shell.t.publishedRevision}} #{{publishedRevision}}</p><pre class="diff">{{diff}}</pre></div>{{/published}}
    <form method="post" action="/department/checklists/{{id}}" class="editor" data-editor data-validate="/api/v1/validate?lang={{shell.code}}" data-valid-text="{{shell.t.valid}}" data-invalid-text="{{shell.t.invalid}}" data-checking-text="{{shell.t.checking}}" data-line-text="{{shell.t.line}}">
    <input type="hidden" name="csrf" value="{{shell.csrf}}">
    <div class="code-area"><pre class="gutter" aria-hidden="true" data-gutter></pre><textarea name="text" id="text" spellcheck="false" wrap="off" aria-label="{{title}}">{{text}}</textarea></div>
    <p class="meta" data-validation-status role="status"></p>
    <ol class="diagnostics" data-diagnostics>{{#diagnostics}}<li class="{{severity}}" data-line="{{line}}" data-column="{{column}}" data-severity="{{severity}}"><button type="button" class="goto">{{shell.t.line}} {{line}}:{{column}}</button> {{message}}</li>{{/diagnostics}}</ol>
    <h2>{{shell.t.examples}}</h2>
    <ul class="examples" data-examples></ul>
    <p class="actions"><button type="button" data-run-examples>{{shell.t.runExamples}}</button> <button type="submit" class="primary" data-publish disabled>{{shell.t.publishVersion}}</button></p>
    </form>
    <h2>{{shell.t.revisions}}</h2>
    <ul class="revisions">{{#revisions}}<li><details><summary>#{{revision}} · {{version}} · {{recordedAt}} · {{recordedBy}}</summary><pre class="diff">{{diff}}</pre></details></li>{{/revisions}}</ul>
    {{/main}}{{/layout}}
    """
}
