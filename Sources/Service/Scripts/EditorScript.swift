/// The checklist editor's script (served as /static/editor.js): line
/// numbers beside the textarea, the draft sent to `POST /api/v1/validate`
/// as one types (debounced), each diagnostic listed and its line number
/// marked, the examples' results, and "publish" enabled only when the
/// draft is valid and its examples pass. The server validates again on
/// publishing; this only spares a round trip.
enum EditorScript {
    static let source = #"""
    (function () {
      "use strict";
      var form = document.querySelector("form[data-editor]");
      if (!form) return;
      var text = form.querySelector("textarea[name=text]");
      var gutter = form.querySelector("[data-gutter]");
      var list = form.querySelector("[data-diagnostics]");
      var examples = form.querySelector("[data-examples]");
      var publish = form.querySelector("[data-publish]");
      var note = form.querySelector("[data-validation-status]");
      var csrf = form.querySelector("input[name=csrf]").value;
      var timer = null, sequence = 0, bad = {};

      function numbers() {
        var count = text.value.split("\n").length, out = [];
        for (var i = 1; i <= count; i++) out.push(bad[i] ? '<span class="bad" data-gutter-line="' + i + '">' + i + "</span>" : String(i));
        gutter.innerHTML = out.join("\n");
        gutter.scrollTop = text.scrollTop;
      }
      function goTo(line, column) {
        var lines = text.value.split("\n"), offset = 0;
        for (var i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
        text.focus();
        text.setSelectionRange(offset + Math.max(0, column - 1), offset + Math.max(0, column - 1));
      }
      function item(className, attributes, label, message) {
        var li = document.createElement("li");
        li.className = className;
        Object.keys(attributes).forEach(function (k) { li.setAttribute(k, attributes[k]); });
        if (label) {
          var b = document.createElement("button");
          b.type = "button"; b.className = "goto"; b.textContent = label;
          b.addEventListener("click", function () { goTo(+attributes["data-line"], +attributes["data-column"]); });
          li.appendChild(b); li.appendChild(document.createTextNode(" "));
        }
        li.appendChild(document.createTextNode(message));
        return li;
      }
      function show(result) {
        bad = {};
        list.textContent = "";
        result.diagnostics.forEach(function (d) {
          var own = d.file === result.file;
          if (own) bad[d.line] = true;
          list.appendChild(item(d.severity, { "data-line": d.line, "data-column": d.column, "data-severity": d.severity, "data-file": d.file },
            (own ? "" : d.file + " ") + form.getAttribute("data-line-text") + " " + d.line + ":" + d.column, d.message));
        });
        examples.textContent = "";
        result.examples.forEach(function (e) {
          examples.appendChild(item(e.passed ? "passed" : "failed", { "data-example": e.name, "data-passed": e.passed },
            null, (e.passed ? "✓ " : "✗ ") + e.name + (e.problems.length ? "：" + e.problems.join("；") : "")));
        });
        publish.disabled = !result.valid;
        note.textContent = form.getAttribute(result.valid ? "data-valid-text" : "data-invalid-text");
        numbers();
      }
      function validate() {
        var mine = ++sequence;
        publish.disabled = true;
        note.textContent = form.getAttribute("data-checking-text");
        fetch(form.getAttribute("data-validate"), { method: "POST", credentials: "same-origin", body: text.value,
          headers: { "X-CSRF-Token": csrf, "Content-Type": "application/yaml; charset=utf-8" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (result) { if (result && mine === sequence) show(result); })
          .catch(function () {});
      }
      text.addEventListener("input", function () { numbers(); clearTimeout(timer); timer = setTimeout(validate, 350); });
      text.addEventListener("scroll", function () { gutter.scrollTop = text.scrollTop; });
      form.querySelector("[data-run-examples]").addEventListener("click", validate);
      Array.prototype.forEach.call(list.querySelectorAll("li[data-line]"), function (li) {
        bad[li.getAttribute("data-line")] = true;
        var b = li.querySelector("button.goto");
        if (b) b.addEventListener("click", function () { goTo(+li.getAttribute("data-line"), +li.getAttribute("data-column")); });
      });
      numbers();
      validate();
    })();
    """#
}
