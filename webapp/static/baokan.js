/* baokan: the site's only script (served from 'self', so it runs under the CSP).
   Copy button: #copy-citation copies the text of the element named by data-target.
   Ticked records: the hits' checkboxes (input.pick, form="pick-form") feed the "导出所选"
   buttons, which submit /export.csv?id=…&id=… (or .jsonl, .ris, .bib); with none ticked
   they are disabled, so nothing exports the whole archive by mistake. */
(function () {
  "use strict";

  function fallbackCopy(text) {
    // http:// on an intranet has no navigator.clipboard: select a hidden textarea and copy.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function setStatus(el, message) {
    if (el) { el.textContent = message; }
  }

  function onCopy(event) {
    var button = event.currentTarget;
    var source = document.getElementById(button.getAttribute("data-target") || "citation");
    var status = document.getElementById("copy-status");
    if (!source) { return; }
    var text = source.textContent.trim();
    var done = function () { setStatus(status, "已复制"); button.classList.add("copied"); };
    var failed = function () {
      if (fallbackCopy(text)) { done(); } else { setStatus(status, "复制失败，请手动选择文本复制"); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  function setUpPicks() {
    var form = document.getElementById("pick-form");
    if (!form) { return; }
    var status = document.getElementById("pick-status");
    var boxes = document.querySelectorAll("input.pick");
    var buttons = form.querySelectorAll("button.export-picked");
    var update = function () {
      var n = 0;
      for (var i = 0; i < boxes.length; i++) { if (boxes[i].checked) { n++; } }
      setStatus(status, "已选 " + n + " 条");
      for (var j = 0; j < buttons.length; j++) { buttons[j].disabled = n === 0; }
    };
    for (var i = 0; i < boxes.length; i++) { boxes[i].addEventListener("change", update); }
    form.addEventListener("submit", function (event) {
      if (!form.querySelector("input.pick:checked") && !document.querySelector("input.pick:checked")) {
        event.preventDefault();
      }
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("#copy-citation, [data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", onCopy);
    }
    setUpPicks();
  });
})();
