// The block page on a phone (narrower than 600 px): one question per screen, compact level cards
// (the full descriptions one tap away), a progress bar of this part's questions, auto-advance
// after choosing a level, Previous / Next buttons and swipes. Saving is respond.js's business.
// Progressive enhancement: without JavaScript, or on a wider screen, the page shows the whole part.
(function () {
  "use strict";
  var form = document.getElementById("block-form");
  if (!form || !window.matchMedia || !document.body.classList) { return; }
  var items = Array.prototype.slice.call(form.querySelectorAll("fieldset.item[data-item]"));
  if (!items.length) { return; }
  var media = window.matchMedia("(max-width: 599.98px)");
  var current = 0, on = false, advanceTimer = null, arrowAt = 0;

  function msg(key) { return form.getAttribute("data-msg-" + key) || ""; }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  // This part's progress: "Question 3 of 6 in this part" (announced) and one segment per question.
  var box = el("div", { "class": "phone-progress", "data-testid": "item-progress" });
  var position = el("p", { "class": "phone-position", "aria-live": "polite", "data-testid": "item-position" });
  var segments = el("div", { "class": "segments", role: "progressbar", "aria-valuemin": "0",
    "aria-valuemax": String(items.length), "aria-label": msg("items-progress") });
  items.forEach(function () { segments.appendChild(el("span", { "class": "segment" })); });
  box.appendChild(position);
  box.appendChild(segments);

  var nav = el("nav", { "class": "phone-nav", "aria-label": msg("items-nav") });
  var prev = el("button", { type: "button", "class": "button", "data-testid": "phone-prev" });
  var next = el("button", { type: "button", "class": "button primary", "data-testid": "phone-next" });
  nav.appendChild(prev);
  nav.appendChild(next);

  items.forEach(function (item, i) {
    var legend = item.querySelector("legend");
    var levels = item.querySelector(".levels");
    legend.setAttribute("tabindex", "-1");  // focus lands on the question when it comes up
    levels.id = levels.id || "levels-" + i;
    var more = el("button", { type: "button", "class": "link more-levels", "aria-expanded": "false",
      "aria-controls": levels.id }, msg("more"));
    more.addEventListener("click", function () {
      var open = item.classList.toggle("expanded");
      more.setAttribute("aria-expanded", open ? "true" : "false");
      more.textContent = open ? msg("less") : msg("more");
    });
    levels.parentNode.insertBefore(more, levels.nextSibling);
  });

  function answered(item) {
    return Array.prototype.some.call(item.querySelectorAll("input[name^='level-']"), function (n) { return n.checked; });
  }

  function refresh() {
    var done = 0;
    items.forEach(function (item, i) {
      var seg = segments.children[i];
      seg.className = "segment" + (answered(item) ? " done" : "") + (i === current ? " current" : "");
      if (answered(item)) { done += 1; }
    });
    segments.setAttribute("aria-valuenow", String(done));
    position.textContent = msg("position").replace("{n}", current + 1).replace("{count}", items.length);
    prev.textContent = current === 0 ? msg("previous-part") : msg("previous");
    next.textContent = current === items.length - 1 ? msg("next-part") : msg("next");
  }

  function submitWith(value) {
    var button = form.querySelector("button[name=go][value=" + value + "]") ||
                 form.querySelector("[data-testid=next]");
    if (form.requestSubmit) { form.requestSubmit(button); } else { button.click(); }
  }

  function go(index, focus) {
    window.clearTimeout(advanceTimer);
    if (index < 0) { submitWith("back"); return; }
    if (index >= items.length) { submitWith(form.querySelector("button[value=review]") ? "review" : "next"); return; }
    current = index;
    items.forEach(function (item, i) { item.classList.toggle("is-current", i === current); });
    refresh();
    if (focus) {
      var legend = items[current].querySelector("legend");
      legend.focus({ preventScroll: true });
      box.scrollIntoView({ block: "start" });
    }
  }

  function enable() {
    if (on) { return; }
    on = true;
    form.classList.add("phone-mode");
    var head = form.querySelector(".block-head");
    head.parentNode.insertBefore(box, head.nextSibling);
    var blockNav = form.querySelector(".block-nav");
    blockNav.parentNode.insertBefore(nav, blockNav);
    go(current, false);
  }

  function disable() {
    if (!on) { return; }
    on = false;
    form.classList.remove("phone-mode");
    items.forEach(function (item) { item.classList.remove("is-current"); });
    if (box.parentNode) { box.parentNode.removeChild(box); }
    if (nav.parentNode) { nav.parentNode.removeChild(nav); }
  }

  prev.addEventListener("click", function () { go(current - 1, true); });
  next.addEventListener("click", function () { go(current + 1, true); });

  // Auto-advance after a level is chosen by a tap, a click or the space bar; arrow keys move
  // within the levels without leaving the question (Enter then goes on).
  form.addEventListener("keydown", function (event) {
    if (!on || !event.target.name || event.target.name.indexOf("level-") !== 0) { return; }
    if (/^Arrow/.test(event.key)) { arrowAt = Date.now(); }
    if (event.key === "Enter") { event.preventDefault(); go(current + 1, true); }
  });
  form.addEventListener("change", function (event) {
    var target = event.target;
    refresh();
    if (!on || !target.name || target.name.indexOf("level-") !== 0 || Date.now() - arrowAt < 300) { return; }
    if (items[current].contains(target)) {
      window.clearTimeout(advanceTimer);
      advanceTimer = window.setTimeout(function () {
        if (current === items.length - 1) { next.focus(); } else { go(current + 1, true); }
      }, 450);
    }
  });

  // Swipes: left for the next question, right for the previous one.
  var startX = null, startY = 0;
  form.addEventListener("touchstart", function (event) {
    if (!on || event.touches.length !== 1 || event.target.tagName === "TEXTAREA") { startX = null; return; }
    startX = event.touches[0].clientX;
    startY = event.touches[0].clientY;
  }, { passive: true });
  form.addEventListener("touchend", function (event) {
    if (startX === null) { return; }
    var dx = event.changedTouches[0].clientX - startX, dy = event.changedTouches[0].clientY - startY;
    startX = null;
    if (Math.abs(dx) > 60 && Math.abs(dx) > 1.5 * Math.abs(dy)) { go(current + (dx < 0 ? 1 : -1), true); }
  }, { passive: true });

  // Start at the first question needing attention: an error, else the first unanswered one.
  var firstError = items.findIndex(function (item) { return item.classList.contains("has-error"); });
  var firstOpen = items.findIndex(function (item) { return !answered(item); });
  current = firstError >= 0 ? firstError : (firstOpen >= 0 ? firstOpen : 0);

  function apply() { if (media.matches) { enable(); } else { disable(); } }
  if (media.addEventListener) { media.addEventListener("change", apply); } else { media.addListener(apply); }
  apply();
})();
