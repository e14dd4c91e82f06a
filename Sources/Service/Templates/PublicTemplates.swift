extension Templates {
    static let home = """
    {{<layout}}{{$main}}
    <form class="search" method="get" action="/disclosures" role="search">
    <label for="q">{{shell.t.searchHint}}</label>
    <div class="row"><input id="q" name="q" type="search" maxlength="64"><button type="submit">{{shell.t.search}}</button></div>
    </form>
    <section>
    <h2>{{shell.t.plans}}</h2>
    <ul class="cards">{{#plans}}<li><a href="/plans/{{id}}">{{title}}</a><p class="meta">{{jurisdiction}} · {{window}} · {{departments}}</p></li>{{/plans}}</ul>
    </section>
    <section>
    <h2>{{shell.t.latest}}</h2>
    {{>recordlist}}
    <p><a href="/disclosures">{{shell.t.allResults}}</a></p>
    </section>
    {{/main}}{{/layout}}
    """

    static let plan = """
    {{<layout}}{{$main}}
    <dl class="facts">
    <dt>{{shell.t.planID}}</dt><dd><code>{{id}}</code></dd>
    <dt>{{shell.t.jurisdiction}}</dt><dd>{{jurisdiction}}</dd>
    <dt>{{shell.t.window}}</dt><dd>{{window}}</dd>
    <dt>{{shell.t.departments}}</dt><dd>{{departments}}</dd>
    {{#basis}}<dt>{{shell.t.basis}}</dt><dd>{{basis}}</dd>{{/basis}}
    </dl>
    <section>
    <h2>{{shell.t.draws}}</h2>
    <table><thead><tr><th>{{shell.t.drawnOn}}</th><th>{{shell.t.tasks}}</th><th>{{shell.t.seed}}</th><th></th></tr></thead><tbody>
    {{#draws}}<tr><td>{{drawnOn}}</td><td>{{taskCount}}</td><td class="seed">{{seed}}</td><td><a href="{{href}}">{{shell.t.view}}</a></td></tr>{{/draws}}
    </tbody></table>
    </section>
    <section>
    <h2>{{shell.t.versions}}</h2>
    {{#versions}}<details><summary>{{shell.t.version}} {{version}} · {{recordedAt}}{{#revision}} · {{revision}}{{/revision}}</summary>
    <p class="meta">SHA-256 <code>{{sha256}}</code></p><pre>{{text}}</pre></details>{{/versions}}
    </section>
    {{/main}}{{/layout}}
    """

    static let draw = """
    {{<layout}}{{$main}}
    <p class="meta"><a href="/plans/{{planID}}">{{planTitle}}</a> · {{shell.t.drawnOn}} {{drawnOn}}</p>
    <section>
    <h2>{{shell.t.certificate}}</h2>
    <dl class="facts">
    <dt>{{shell.t.seed}}</dt><dd class="seed">{{seed}}</dd>
    <dt>{{shell.t.algorithm}}</dt><dd><code>{{algorithm}}</code></dd>
    <dt>{{shell.t.population}}</dt><dd>{{population}}</dd>
    <dt>{{shell.t.selected}}</dt><dd>{{count}}</dd>
    <dt>{{shell.t.rate}}</dt><dd>{{rate}}</dd>
    </dl>
    {{#hasStrata}}<table><thead><tr><th>{{shell.t.stratum}}</th><th>{{shell.t.population}}</th><th>{{shell.t.selected}}</th></tr></thead><tbody>
    {{#strata}}<tr><td>{{name}}</td><td>{{population}}</td><td>{{count}}</td></tr>{{/strata}}</tbody></table>{{/hasStrata}}
    <h3>{{shell.t.fingerprints}}</h3>
    <ul class="hashes">{{#hashes}}<li>{{name}}: <code>{{value}}</code></li>{{/hashes}}</ul>
    <p><a href="{{certificateHref}}" download>{{shell.t.certificateJSON}}</a></p>
    <h3>{{shell.t.howToVerify}}</h3>
    <ol class="steps">{{#steps}}<li>{{.}}</li>{{/steps}}</ol>
    <pre class="command">{{command}}</pre>
    </section>
    <section>
    <h2>{{shell.t.entities}}</h2>
    <table><thead><tr><th>{{shell.t.task}}</th><th>{{shell.t.entity}}</th><th>{{shell.t.creditCode}}</th><th>{{shell.t.departments}}</th></tr></thead><tbody>
    {{#tasks}}<tr><td>{{task}}</td><td>{{name}}</td><td class="code">{{key}}</td><td>{{departments}}</td></tr>{{/tasks}}
    </tbody></table>
    </section>
    {{/main}}{{/layout}}
    """

    static let disclosures = """
    {{<layout}}{{$main}}
    <form class="filters" method="get" action="/disclosures" role="search">
    <div class="field wide"><label for="q">{{shell.t.searchHint}}</label><input id="q" name="q" type="search" value="{{q}}" maxlength="64"></div>
    <div class="field"><label for="plan">{{shell.t.plan}}</label><select id="plan" name="plan"><option value="">{{shell.t.any}}</option>{{#plans}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/plans}}</select></div>
    <div class="field"><label for="department">{{shell.t.department}}</label><select id="department" name="department"><option value="">{{shell.t.any}}</option>{{#departments}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/departments}}</select></div>
    <div class="field"><label for="result">{{shell.t.result}}</label><select id="result" name="result"><option value="">{{shell.t.any}}</option>{{#results}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/results}}</select></div>
    <div class="field"><label for="from">{{shell.t.from}}</label><input id="from" name="from" type="date" value="{{from}}"></div>
    <div class="field"><label for="to">{{shell.t.to}}</label><input id="to" name="to" type="date" value="{{to}}"></div>
    <div class="field"><button type="submit">{{shell.t.search}}</button></div>
    </form>
    {{#notice}}<p class="notice">{{notice}}</p>{{/notice}}
    {{>recordlist}}
    <nav class="pages">{{#previousHref}}<a href="{{previousHref}}" rel="prev">{{shell.t.previous}}</a>{{/previousHref}}{{#nextHref}}<a href="{{nextHref}}" rel="next">{{shell.t.next}}</a>{{/nextHref}}</nav>
    {{/main}}{{/layout}}
    """

    static let login = """
    {{<layout}}{{$main}}
    {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
    <form class="login" method="post" action="/login">
    <input type="hidden" name="next" value="{{next}}">
    <div class="field"><label for="id">{{shell.t.account}}</label><input id="id" name="id" autocomplete="username" required value="{{id}}"></div>
    <div class="field"><label for="password">{{shell.t.password}}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
    <div class="field"><button type="submit">{{shell.t.login}}</button></div>
    </form>
    {{/main}}{{/layout}}
    """
}
