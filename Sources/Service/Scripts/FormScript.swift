/// The inspector form's script (served as /static/form.js; no inline
/// script anywhere). It asks the server which items are relevant as
/// answers change (the checklist's CEL is the one source of the skip
/// logic), uploads photos to /api/v1/evidence and shows them as
/// thumbnails, and keeps a draft in localStorage until the result page
/// confirms the submission.
enum FormScript {
    static let source = #"""
    (function () {
      "use strict";
      var done = document.querySelector("[data-submitted]");
      if (done) { try { localStorage.removeItem("spotcheck-draft:" + done.getAttribute("data-draft-key")); } catch (e) {} }
      var form = document.querySelector("form[data-findings-form]");
      if (!form) return;
      var key = "spotcheck-draft:" + form.getAttribute("data-draft-key");
      var csrf = form.querySelector("input[name=csrf]").value;
      var status = form.querySelector("[data-draft-status]");
      var timer = null, sequence = 0;

      function fields() {
        var out = [];
        new FormData(form).forEach(function (value, name) { if (name !== "csrf" && typeof value === "string") out.push([name, value]); });
        return out;
      }
      function save() {
        try { localStorage.setItem(key, JSON.stringify(fields())); if (status) status.textContent = status.getAttribute("data-saved") || "✓"; } catch (e) {}
      }
      function addEvidence(item, reference) {
        var box = form.querySelector('[data-thumbs="' + CSS.escape(item) + '"]');
        if (!box || box.querySelector('input[value="' + CSS.escape(reference) + '"]')) return;
        var hidden = document.createElement("input");
        hidden.type = "hidden"; hidden.name = "evidence." + item; hidden.value = reference;
        var img = document.createElement("img");
        img.className = "thumb"; img.src = "/evidence/" + reference.slice(7); img.alt = reference.slice(7, 19);
        box.appendChild(hidden); box.appendChild(img);
      }
      function restore() {
        var saved;
        try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
        if (!saved || form.querySelector("[data-problems]")) return;
        var byName = {};
        saved.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
        Array.prototype.forEach.call(form.elements, function (el) {
          if (!el.name || el.name === "csrf" || el.type === "file" || el.type === "hidden" && el.name !== "submission_id") return;
          var values = byName[el.name];
          if (el.type === "radio" || el.type === "checkbox") { if (values || el.type === "radio") el.checked = !!values && values.indexOf(el.value) >= 0; }
          else if (values) el.value = values[0];
        });
        saved.forEach(function (pair) { if (pair[0].indexOf("evidence.") === 0) addEvidence(pair[0].slice(9), pair[1]); });
      }
      function apply(preview) {
        Object.keys(preview.items).forEach(function (id) {
          var state = preview.items[id];
          var box = form.querySelector('[data-item="' + CSS.escape(id) + '"]');
          if (!box) return;
          var irrelevant = state.status === "not_applicable";
          box.hidden = irrelevant; box.disabled = irrelevant;
          box.classList.toggle("failing", state.status === "fail");
          var needed = box.querySelector(".evidence-needed");
          if (needed) {
            needed.hidden = !state.needs_evidence;
            if (state.needs_evidence) { var more = box.querySelector("details"); if (more) more.open = true; }
          }
          var out = box.querySelector("output[data-computed]");
          if (out) out.textContent = state.value === undefined ? "—" : state.value;
        });
      }
      function preview() {
        var mine = ++sequence;
        var body = new URLSearchParams();
        fields().forEach(function (pair) { body.append(pair[0], pair[1]); });
        fetch(form.getAttribute("data-preview"), { method: "POST", credentials: "same-origin", body: body,
          headers: { "X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (p) { if (p && mine === sequence) apply(p); })
          .catch(function () {});
      }
      function changed() { save(); clearTimeout(timer); timer = setTimeout(preview, 120); }

      form.addEventListener("input", changed);
      form.addEventListener("change", function (event) {
        var input = event.target;
        if (input.type !== "file" || !input.getAttribute("data-evidence-for")) { changed(); return; }
        var item = input.getAttribute("data-evidence-for");
        var note = input.closest("details").querySelector(".upload-status");
        Array.prototype.forEach.call(input.files, function (file) {
          note.textContent = "…";
          fetch("/api/v1/evidence", { method: "POST", credentials: "same-origin", body: file,
            headers: { "X-CSRF-Token": csrf, "Content-Type": file.type || "application/octet-stream" } })
            .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
            .then(function (r) {
              if (!r.ok) { note.textContent = r.body.error || "✗"; return; }
              note.textContent = "✓"; addEvidence(item, r.body.reference); save();
            })
            .catch(function () { note.textContent = "✗"; });
        });
        input.value = "";
      });
      restore();
      preview();
    })();
    """#
}
