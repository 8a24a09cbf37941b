// Progressive help for the set-up and user pages; every form works without it.
(function () {
  "use strict";
  // "Copy" buttons next to a password shown once.
  document.querySelectorAll(".js-copy").forEach(function (button) {
    var target = document.getElementById(button.dataset.copy);
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(function () {
        button.textContent = button.dataset.done || "✓";
      });
    });
    target.addEventListener("focus", function () { target.select(); });
  });
  // A cap reason is only needed when a cap is chosen (R-CWR-3): say so as the cap changes.
  document.querySelectorAll("select[name=level_cap]").forEach(function (select) {
    var form = select.form;
    var reason = form && form.querySelector("textarea[name=cap_reason]");
    if (!reason) return;
    var sync = function () { reason.required = select.value !== ""; };
    select.addEventListener("change", sync);
    sync();
  });
})();
