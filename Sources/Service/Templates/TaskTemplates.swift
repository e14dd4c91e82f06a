extension Templates {
    static let tasks = """
    {{<layout}}{{$main}}
    {{#hasTasks}}<ul class="tasks">{{#tasks}}<li class="task" data-task="{{id}}"><strong>{{entityName}}</strong> <span class="code">{{entityID}}</span>
    <div class="meta">{{id}} · {{planTitle}}</div>
    <div>{{#links}}<a class="button" href="{{id}}">{{shell.t.openForm}} · {{label}}</a> {{/links}}</div></li>{{/tasks}}</ul>{{/hasTasks}}
    {{^hasTasks}}<p class="empty">{{shell.t.noTasks}}</p>{{/hasTasks}}
    {{/main}}{{/layout}}
    """

    /// The joint record form (SPEC §12's input names). Every item is a
    /// fieldset `data-item`; items the skip logic rules out are `hidden`
    /// and `disabled` (so they are not sent); form.js asks `/preview` as
    /// answers change and keeps a draft in the browser.
    static let taskForm = """
    {{<layout}}{{$main}}
    <section class="task-head">
    <p class="entity"><strong>{{entityName}}</strong> <span class="code">{{entityID}}</span></p>
    <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
    <p class="meta">{{taskID}} · {{planTitle}} · {{departmentName}}</p>
    </section>
    {{#hasProblems}}<div class="problem" role="alert" data-problems><p>{{shell.t.refused}}</p><ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul></div>{{/hasProblems}}
    <form method="post" action="{{action}}" class="findings" data-findings-form data-preview="{{previewAction}}" data-draft-key="{{draftKey}}" novalidate>
    <input type="hidden" name="csrf" value="{{shell.csrf}}">
    <input type="hidden" name="submission_id" value="{{submissionID}}">
    <fieldset class="general"><legend>{{shell.t.inspection}}</legend>
    <div class="field"><label for="inspected_on">{{shell.t.inspectedOn}}</label><input type="date" id="inspected_on" name="inspected_on" value="{{inspectedOn}}" min="{{windowFrom}}" max="{{windowTo}}" required></div>
    <div class="field"><span class="label">{{shell.t.team}} · {{shell.t.atLeast}} {{minOnSite}}</span>
    {{#team}}<label class="check"><input type="checkbox" name="inspectors" value="{{id}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/team}}</div>
    <div class="field"><label for="cooperation">{{shell.t.cooperation}}</label><select id="cooperation" name="cooperation">{{#cooperations}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/cooperations}}</select></div>
    <div class="field"><span class="label">{{shell.t.signature}}</span>
    <label class="check"><input type="radio" name="signature" value="signed"{{#signed}} checked{{/signed}}> {{shell.t.signed}}</label>
    <label class="check"><input type="radio" name="signature" value="refused"{{#refused}} checked{{/refused}}> {{shell.t.refusedToSign}}</label></div>
    <div class="field"><label for="refusal_note">{{shell.t.refusalNote}}</label><input type="text" id="refusal_note" name="refusal_note" value="{{refusalNote}}"></div>
    <div class="field"><span class="label">{{shell.t.methods}}</span>{{#methods}}<label class="check"><input type="checkbox" name="methods" value="{{id}}"{{#selected}} checked{{/selected}}> {{label}}</label>{{/methods}}</div>
    <div class="field assistants"><span class="label">{{shell.t.assistants}}</span>{{#assistants}}<div class="pair"><input type="text" name="assistant_name" value="{{name}}" placeholder="{{shell.t.assistantName}}" aria-label="{{shell.t.assistantName}}"><input type="text" name="assistant_organisation" value="{{organisation}}" placeholder="{{shell.t.assistantOrganisation}}" aria-label="{{shell.t.assistantOrganisation}}"></div>{{/assistants}}</div>
    </fieldset>
    {{#checklists}}<section class="checklist" data-checklist="{{id}}"><h2>{{title}} <span class="meta">{{shell.t.version}} {{version}}</span></h2>
    {{#items}}<fieldset class="item{{#failing}} failing{{/failing}}{{#keyItem}} key{{/keyItem}}" data-item="{{id}}"{{#hidden}} hidden disabled{{/hidden}}>
    <legend>{{title}}{{#required}} <span class="req" title="{{shell.t.required}}">*</span>{{/required}}{{#keyItem}} <span class="tag">{{shell.t.keyItem}}</span>{{/keyItem}}</legend>
    {{#basis}}<p class="basis">{{shell.t.basis}}{{shell.t.colon}}{{basis}}</p>{{/basis}}
    {{#relevantNote}}<p class="meta">{{relevantNote}}</p>{{/relevantNote}}
    {{#yesNo}}<div class="answer"><label class="check"><input type="radio" name="answers.{{id}}" value="true"{{#isTrue}} checked{{/isTrue}}> {{shell.t.yes}}</label><label class="check"><input type="radio" name="answers.{{id}}" value="false"{{#isFalse}} checked{{/isFalse}}> {{shell.t.no}}</label></div>{{/yesNo}}
    {{#number}}<div class="answer"><input type="number" step="any" name="answers.{{id}}" value="{{value}}"{{#min}} min="{{min}}"{{/min}}{{#max}} max="{{max}}"{{/max}} inputmode="decimal" aria-label="{{title}}"> {{unit}}{{#max}} <span class="meta">{{min}}–{{max}}</span>{{/max}}</div>{{/number}}
    {{#integer}}<div class="answer"><input type="number" step="1" name="answers.{{id}}" value="{{value}}"{{#min}} min="{{min}}"{{/min}}{{#max}} max="{{max}}"{{/max}} inputmode="numeric" aria-label="{{title}}"> {{unit}}{{#max}} <span class="meta">{{min}}–{{max}}</span>{{/max}}</div>{{/integer}}
    {{#choice}}<div class="answer"><select name="answers.{{id}}" aria-label="{{title}}"><option value="">—</option>{{#options}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></div>{{/choice}}
    {{#date}}<div class="answer"><input type="date" name="answers.{{id}}" value="{{value}}" aria-label="{{title}}"></div>{{/date}}
    {{#text}}<div class="answer"><input type="text" name="answers.{{id}}" value="{{value}}" aria-label="{{title}}"></div>{{/text}}
    {{#computed}}<p class="answer">{{shell.t.computed}}{{shell.t.colon}}<output data-computed="{{id}}">{{computedValue}}</output> {{unit}}</p>{{/computed}}
    {{#rule}}<p class="answer rule">{{shell.t.crossRule}}</p>{{/rule}}
    {{^computed}}{{^rule}}<details class="more"><summary>{{shell.t.noteAndEvidence}}</summary>
    <label>{{shell.t.note}} <textarea name="notes.{{id}}" rows="2">{{note}}</textarea></label>
    <label class="check"><input type="checkbox" name="rectified_on_site" value="{{id}}"{{#rectified}} checked{{/rectified}}> {{shell.t.rectifiedOnSite}}</label>
    {{#asksEvidence}}<p class="evidence-needed"{{^needsEvidence}} hidden{{/needsEvidence}}>{{shell.t.evidenceNeeded}}{{shell.t.colon}}{{evidence}}</p>{{/asksEvidence}}
    <label class="upload">{{shell.t.attach}} <input type="file" accept="image/*,application/pdf" capture="environment" data-evidence-for="{{id}}" multiple></label>
    <span class="upload-status" role="status"></span>
    <div class="thumbs" data-thumbs="{{id}}">{{#evidenceRefs}}<input type="hidden" name="evidence.{{id}}" value="{{reference}}"><img class="thumb" src="/evidence/{{sha256}}" alt="{{short}}">{{/evidenceRefs}}</div>
    </details>{{/rule}}{{/computed}}
    </fieldset>{{/items}}
    </section>{{/checklists}}
    <p class="actions"><button type="submit" class="primary">{{shell.t.submitFindings}}</button> <span class="meta" data-draft-status></span></p>
    </form>
    {{/main}}{{/layout}}
    """

    static let taskResult = """
    {{<layout}}{{$main}}
    <div data-submitted data-draft-key="{{draftKey}}"></div>
    <p class="entity"><strong>{{entityName}}</strong> · {{taskID}} · {{departmentName}}</p>
    {{#evaluations}}<section class="evaluation tone-{{tone}}" data-submission="{{submissionID}}">
    <h2>{{checklist}} <span class="meta">{{shell.t.version}} {{version}}</span></h2>
    <p class="result" data-result>{{shell.t.result}}{{shell.t.colon}}{{result}}</p>
    {{#duplicate}}<p class="meta">{{shell.t.duplicateSubmission}}</p>{{/duplicate}}
    {{#hasViolations}}<h3>{{shell.t.findings}}</h3><ul class="violations">{{#violations}}<li data-violation="{{id}}"><strong>{{title}}</strong>{{#finding}}<div>{{finding}}</div>{{/finding}}{{#message}}<div class="meta">{{message}}</div>{{/message}}{{#basis}}<div class="basis">{{shell.t.basis}}{{shell.t.colon}}{{basis}}</div>{{/basis}}{{#evidenceMissing}}<div class="problem">{{shell.t.evidenceMissing}}</div>{{/evidenceMissing}}</li>{{/violations}}</ul>{{/hasViolations}}
    {{^hasViolations}}<p>{{shell.t.noViolations}}</p>{{/hasViolations}}
    {{#hasReferrals}}<h3>{{shell.t.referrals}}</h3><ul class="referrals">{{#referrals}}<li data-referral="{{to}}"><strong>{{name}}</strong> · {{kind}} · {{shell.t.due}} {{due}}<div class="meta">{{items}}</div></li>{{/referrals}}</ul>{{/hasReferrals}}
    {{#warnings}}<p class="meta">{{.}}</p>{{/warnings}}
    </section>{{/evaluations}}
    <p><a href="/tasks">{{shell.t.myTasks}}</a> · <a href="{{formHref}}">{{shell.t.resubmit}}</a></p>
    {{/main}}{{/layout}}
    """
}
