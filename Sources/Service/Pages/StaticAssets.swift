import Foundation
import Hummingbird

/// The stylesheet and scripts, served from `/static/` (the CSP allows
/// only this site's files: no inline style or script anywhere).
struct StaticAssets {
    static let files: [String: (type: String, body: String)] = [
        "site.css": ("text/css; charset=utf-8", Stylesheet.site),
        "form.js": ("text/javascript; charset=utf-8", FormScript.source),
        "editor.js": ("text/javascript; charset=utf-8", EditorScript.source),
    ]

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/static/{name}") { _, context in
            let name = try context.parameters.require("name")
            guard let file = Self.files[name] else {
                throw ServiceError.notFound(zh: "没有这个文件", en: "no such file")
            }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: ByteBuffer(string: file.body)))
        }
    }
}

/// One stylesheet for every page: readable on a phone (no fixed widths,
/// tables scroll inside their box), printable, result tones as colours.
enum Stylesheet {
    static let site = """
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;line-height:1.6;color:#1d2430;background:#f6f7f9}
    header.site{display:flex;flex-wrap:wrap;gap:.5em 1.2em;align-items:center;padding:.6em 1em;background:#12355b;color:#fff}
    header.site a{color:#fff}
    .brand{font-weight:700;text-decoration:none}
    header.site nav{display:flex;flex-wrap:wrap;gap:.3em 1em}
    header.site nav a[aria-current]{text-decoration:underline;text-underline-offset:.3em}
    .account{margin-left:auto;display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
    form.inline{display:inline}
    main{max-width:64em;margin:0 auto;padding:1em}
    h1{font-size:1.5em;margin:.4em 0 .6em}
    h2{font-size:1.2em;margin-top:1.6em}
    a{color:#0b5cad}
    footer{max-width:64em;margin:2em auto;padding:0 1em;color:#5b6573;font-size:.85em}
    .meta{color:#5b6573;font-size:.9em;margin:.2em 0}
    code,.code,.seed{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
    table{border-collapse:collapse;width:100%;display:block;overflow-x:auto;margin:.6em 0;background:#fff}
    th,td{border:1px solid #d5dae1;padding:.35em .6em;text-align:left;vertical-align:top}
    th{background:#eef2f7}
    pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #d5dae1;padding:.6em;overflow-x:auto}
    ul.cards{list-style:none;padding:0}
    ul.cards li{background:#fff;border:1px solid #d5dae1;border-radius:6px;padding:.6em .8em;margin:.5em 0}
    form.search .row{display:flex;gap:.5em}
    input,select,button,textarea{font:inherit;max-width:100%}
    input[type=search],input[type=text],input:not([type]),input[type=password],input[type=number],input[type=date],select,textarea{padding:.4em;border:1px solid #9aa5b1;border-radius:4px;width:100%}
    button{padding:.45em 1em;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}
    header.site button{background:transparent;border:1px solid #fff;padding:.15em .6em}
    form.filters{display:flex;flex-wrap:wrap;gap:.6em;align-items:flex-end;background:#fff;border:1px solid #d5dae1;padding:.8em;border-radius:6px}
    .field{display:flex;flex-direction:column;min-width:10em;flex:1}
    .field.wide{flex-basis:100%}
    form.login{max-width:24em;display:flex;flex-direction:column;gap:.8em}
    article.record{background:#fff;border:1px solid #d5dae1;border-left:6px solid #9aa5b1;border-radius:6px;padding:.6em 1em;margin:.8em 0}
    article.record h3{margin:.2em 0}
    article.record dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.4em 0}
    article.record dt{color:#5b6573}
    article.record dd{margin:0}
    .result{font-weight:700}
    .tone-clear{border-left-color:#2e7d32}.tone-clear .result{color:#2e7d32}
    .tone-notice{border-left-color:#b26a00}.tone-notice .result{color:#b26a00}
    .tone-serious{border-left-color:#c62828}.tone-serious .result{color:#c62828}
    .audit{font-size:.8em;color:#5b6573;word-break:break-all}
    .problem{background:#fdecea;border:1px solid #c62828;padding:.6em;border-radius:4px}
    .notice{background:#fff8e1;border:1px solid #b26a00;padding:.6em;border-radius:4px}
    .outcome{background:#e8f5e9;border:1px solid #2e7d32;padding:.6em;border-radius:4px}
    .empty{color:#5b6573}
    tr.state-overdue td{background:#fdecea}
    tr.verdict-missed td{background:#fdecea}
    tr.verdict-met td{background:#e8f5e9}
    nav.pages{display:flex;justify-content:space-between;margin:1em 0}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em}
    dl.facts dd{margin:0}
    form.findings fieldset{background:#fff;border:1px solid #d5dae1;border-radius:6px;margin:.6em 0;padding:.5em .8em;min-width:0}
    form.findings fieldset.item.failing{border-left:6px solid #c62828}
    form.findings fieldset.item.key legend{font-weight:700}
    form.findings legend{padding:0 .3em}
    form.findings fieldset.item legend{float:left;width:100%;padding:0;margin:0 0 .3em;font-weight:600}
    form.findings fieldset.item legend+*{clear:both}
    form.findings .answer{display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center;margin:.3em 0}
    form.findings .answer input[type=number]{width:9em}
    label.check{display:inline-flex;gap:.3em;align-items:center;padding:.25em 0;min-height:2.2em}
    .basis{font-size:.85em;color:#5b6573;margin:.1em 0}
    .req{color:#c62828}
    .tag{font-size:.75em;background:#12355b;color:#fff;border-radius:3px;padding:0 .35em;margin-left:.3em}
    details.more summary{cursor:pointer;color:#0b5cad;padding:.3em 0}
    .evidence-needed{color:#c62828;font-weight:700}
    .thumbs{display:flex;flex-wrap:wrap;gap:.4em}
    img.thumb{width:72px;height:72px;object-fit:cover;border:1px solid #d5dae1;border-radius:4px}
    .pair{display:flex;gap:.4em;margin:.2em 0}
    .actions{position:sticky;bottom:0;background:#f6f7f9;padding:.6em 0;margin:0}
    button.primary{font-weight:700;padding:.6em 1.4em}
    ul.violations li,ul.referrals li,ul.tasks li,ul.confirm-list li,ul.referral-list li,ul.checklist-list>li,ul.rejections li{background:#fff;border:1px solid #d5dae1;border-radius:6px;padding:.5em .8em;margin:.4em 0;list-style:none}
    ul.violations,ul.referrals,ul.tasks,ul.confirm-list,ul.referral-list,ul.checklist-list,ul.rejections{padding:0}
    ul.violations li{border-left:6px solid #c62828}
    a.button{display:inline-block;background:#0b5cad;color:#fff;padding:.35em .9em;border-radius:4px;text-decoration:none;margin:.2em .2em 0 0}
    .confirm-form,.referral-form{display:flex;flex-wrap:wrap;gap:.4em;align-items:center}
    .confirm-form input[type=text],.referral-form input[type=text]{flex:1;min-width:10em;width:auto}
    .referral-form select,.referral-form input[type=date]{width:auto}
    li.overdue{border-left:6px solid #c62828}
    .decision.rejected{color:#c62828}
    .code-area{display:flex;border:1px solid #9aa5b1;border-radius:4px;background:#fff;height:60vh}
    .code-area .gutter{margin:0;border:0;border-right:1px solid #d5dae1;background:#eef2f7;color:#5b6573;text-align:right;padding:.4em .5em;overflow:hidden;white-space:pre;user-select:none;min-width:3.5em}
    .code-area textarea{border:0;border-radius:0;flex:1;resize:none;white-space:pre;overflow:auto;height:100%}
    .code-area .gutter,.code-area textarea{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:14px;line-height:1.5}
    .gutter .bad{background:#c62828;color:#fff;display:inline-block;width:100%}
    ol.diagnostics{padding-left:0;list-style:none}
    ol.diagnostics li{padding:.3em .5em;margin:.2em 0;border-radius:4px}
    ol.diagnostics li.error{background:#fdecea}
    ol.diagnostics li.warning{background:#fff8e1}
    button.goto{background:transparent;color:#0b5cad;padding:0;text-decoration:underline}
    ul.examples li.failed{color:#c62828}
    ul.examples li.passed{color:#2e7d32}
    pre.diff{font-size:.85em}
    button:disabled{background:#9aa5b1;cursor:not-allowed}
    @media (max-width:40em){
    table.deadlines,table.deadlines tbody,table.deadlines tr,table.deadlines td{display:block;width:auto}
    table.deadlines thead{display:none}
    table.deadlines tr{border:1px solid #d5dae1;border-radius:6px;margin:.5em 0;padding:.3em .2em;background:#fff}
    table.deadlines td{border:0;padding:.1em .6em}
    }
    @media print{header.site,footer,form.filters,form.search,nav.pages,button{display:none}body{background:#fff}article.record{break-inside:avoid;border-color:#999}}
    """
}
