// The respondent's block page: every change is saved at once (POST /r/<token>/answer, JSON).
// Without JavaScript the page still works: Next / Back post the whole page.
(function () {
  "use strict";
  var form = document.getElementById("block-form");
  if (!form || !window.fetch || !window.JSON) { return; }

  var url = form.getAttribute("data-save-url");
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var answeredEl = document.querySelector("[data-answered]");
  var bar = document.querySelector(".respond-progress .bar");
  var states = {};
  var MAX_RETRIES = 5;

  function msg(key) { return form.getAttribute("data-msg-" + key) || ""; }

  function field(fieldset, kind, id) {
    var name = kind + "-" + id;
    var nodes = fieldset.querySelectorAll("[name]");
    var found = [];
    for (var i = 0; i < nodes.length; i++) { if (nodes[i].name === name) { found.push(nodes[i]); } }
    return found;
  }

  function checked(nodes) {
    for (var i = 0; i < nodes.length; i++) { if (nodes[i].checked) { return nodes[i].value; } }
    return null;
  }

  function collect(fieldset) {
    var id = fieldset.getAttribute("data-item");
    var level = checked(field(fieldset, "level", id));
    var evidence = field(fieldset, "evidence", id)[0];
    return {
      item_id: id,
      level: level === null ? undefined : (level === "dk" ? null : parseInt(level, 10)),
      confidence: checked(field(fieldset, "confidence", id)) || "medium",
      evidence: evidence ? evidence.value : ""
    };
  }

  function show(fieldset, state, text) {
    var out = fieldset.querySelector(".save-state");
    if (!out) { return; }
    out.className = "save-state small " + state;
    out.textContent = text;
    fieldset.setAttribute("data-save-state", state);
  }

  function progress(answered, total) {
    if (answeredEl) { answeredEl.textContent = answered; }
    if (bar && total) {
      bar.setAttribute("aria-valuenow", answered);
      var fill = bar.querySelector("span");
      if (fill) { fill.style.width = (100 * answered / total).toFixed(1) + "%"; }
    }
  }

  function save(fieldset) {
    var id = fieldset.getAttribute("data-item");
    var st = states[id] || (states[id] = { busy: false, again: false, retries: 0, timer: null });
    var body = collect(fieldset);
    if (body.level === undefined) {
      if (body.evidence.trim()) { show(fieldset, "failed", msg("need-level")); }
      return;
    }
    if (st.busy) { st.again = true; return; }
    st.busy = true;
    window.clearTimeout(st.timer);
    show(fieldset, "saving", msg("saving"));
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      st.busy = false;
      if (result.status === 200 && result.data.saved) {
        st.retries = 0;
        if (st.again) { st.again = false; save(fieldset); return; }
        show(fieldset, "saved", msg("saved"));
        fieldset.classList.add("answered");
        fieldset.classList.remove("has-error");
        progress(result.data.answered, result.data.total);
      } else if (result.status === 404 || result.status === 409 || result.status === 410) {
        st.again = false;
        show(fieldset, "failed", msg("closed"));
      } else {
        st.again = false;
        show(fieldset, "failed", result.data.message || msg("failed"));
      }
    }).catch(function () {
      // Network trouble or a server error page: keep the answer on the page and try again.
      st.busy = false;
      st.again = false;
      show(fieldset, "failed", msg("failed"));
      if (st.retries < MAX_RETRIES) {
        st.retries += 1;
        st.timer = window.setTimeout(function () { save(fieldset); }, 2000 * st.retries);
      }
    });
  }

  function itemOf(node) {
    while (node && node !== form) {
      if (node.classList && node.classList.contains("item") && node.hasAttribute("data-item")) { return node; }
      node = node.parentNode;
    }
    return null;
  }

  form.addEventListener("change", function (event) {
    var fieldset = itemOf(event.target);
    if (fieldset) { save(fieldset); }
  });

  var typing = {};
  form.addEventListener("input", function (event) {
    if (event.target.tagName !== "TEXTAREA") { return; }
    var fieldset = itemOf(event.target);
    if (!fieldset) { return; }
    var id = fieldset.getAttribute("data-item");
    window.clearTimeout(typing[id]);
    typing[id] = window.setTimeout(function () { save(fieldset); }, 1200);
  });
})();
