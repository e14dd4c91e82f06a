extension Templates {
    /// The frame of every page: language, navigation, who is signed in, the language switch.
    static let layout = """
    <!DOCTYPE html>
    <html lang="{{shell.lang}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{shell.title}} · {{shell.t.site}}</title>
    <link rel="stylesheet" href="/static/site.css">
    {{#shell.scripts}}<script src="{{.}}" defer></script>
    {{/shell.scripts}}
    </head>
    <body>
    <header class="site">
    <a class="brand" href="/">{{shell.t.site}}</a>
    <nav>{{#shell.nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/shell.nav}}</nav>
    <div class="account">
    {{#shell.signedIn}}<span class="who">{{shell.who}} · {{shell.roleName}}</span>
    <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="{{shell.csrf}}"><button type="submit">{{shell.t.logout}}</button></form>{{/shell.signedIn}}
    {{^shell.signedIn}}<a href="/login">{{shell.t.login}}</a>{{/shell.signedIn}}
    <a href="{{shell.otherLanguageHref}}" lang="{{shell.otherLang}}" hreflang="{{shell.otherLang}}">{{shell.otherLanguageLabel}}</a>
    </div>
    </header>
    <main>
    <h1>{{shell.title}}</h1>
    {{$main}}{{/main}}
    </main>
    <footer><p>{{shell.t.generatedBy}}</p></footer>
    </body>
    </html>
    """

    static let error = """
    {{<layout}}{{$main}}
    <p class="problem" role="alert">{{message}}</p>
    {{#hasDiagnostics}}<ul class="diagnostics">{{#diagnostics}}<li><code>{{place}}</code> {{message}}</li>{{/diagnostics}}</ul>{{/hasDiagnostics}}
    <p><a href="/">{{shell.t.back}}</a></p>
    {{/main}}{{/layout}}
    """

    /// Published records as cards, their tone from results.yaml.
    static let recordList = """
    {{#records}}<article class="record tone-{{tone}}">
    <h3>{{entityName}}</h3>
    <p class="meta"><span class="code">{{creditCode}}</span> · {{jurisdiction}}</p>
    <p class="result">{{resultLabel}}</p>
    <dl>
    <dt>{{shell.t.plan}}</dt><dd>{{planTitle}}</dd>
    <dt>{{shell.t.departments}}</dt><dd>{{departments}}</dd>
    <dt>{{shell.t.inspectedOn}}</dt><dd>{{inspectedOn}}</dd>
    <dt>{{shell.t.publishedOn}}</dt><dd>{{publishedOn}}</dd>
    {{#hasFindings}}<dt>{{shell.t.findings}}</dt><dd><ul>{{#findings}}<li>{{.}}</li>{{/findings}}</ul></dd>{{/hasFindings}}
    {{#hasReferrals}}<dt>{{shell.t.referrals}}</dt><dd><ul>{{#referrals}}<li>{{.}}</li>{{/referrals}}</ul></dd>{{/hasReferrals}}
    {{#hasDecisions}}<dt>{{shell.t.decisions}}</dt><dd><ul>{{#decisions}}<li>{{.}}</li>{{/decisions}}</ul></dd>{{/hasDecisions}}
    </dl>
    <p class="audit">{{shell.t.auditHead}} {{auditHead}}</p>
    </article>
    {{/records}}{{^records}}<p class="empty">{{shell.t.noRecords}}</p>{{/records}}
    """
}
