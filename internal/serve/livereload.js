// folio serve: live reload. Served by `folio serve` only; never part of a
// built site. Reloads the page after a rebuild at the same scroll
// position, swaps stylesheets when only CSS changed, and shows the last
// build's problems for this page in an overlay at the top.
(function () {
  "use strict";
  var KEY = "folio-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var y = parseInt(saved, 10) || 0;
    window.addEventListener("load", function () { window.scrollTo(0, y); });
  }

  var here = decodeURIComponent(location.pathname.replace(/^\//, "").replace(/index\.html$/, ""));
  var box = null;

  function overlay(list) {
    var mine = list.filter(function (d) { return d.url === "" || d.url === here; });
    if (box) { box.remove(); box = null; }
    if (!mine.length) return;
    box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:40vh;overflow:auto;" +
      "margin:0;padding:.75rem 1rem;background:#fff4f4;color:#5c0011;border-bottom:3px solid #c00;" +
      "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 2px 8px rgba(0,0,0,.2)";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Close");
    close.style.cssText = "float:right;font:inherit;font-size:18px;border:0;background:none;color:inherit;cursor:pointer";
    close.onclick = function () { box.remove(); box = null; };
    box.appendChild(close);
    mine.forEach(function (d) {
      var line = document.createElement("div");
      var where = d.path ? d.path + (d.line ? ":" + d.line + (d.col ? ":" + d.col : "") : "") + ": " : "";
      line.textContent = where + d.severity + ": " + d.message + (d.hint ? " (" + d.hint + ")" : "");
      if (d.severity === "warning") line.style.color = "#7a4a00";
      box.appendChild(line);
    });
    document.body.appendChild(box);
  }

  var es = new EventSource("/_folio/events");
  es.addEventListener("reload", function () {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  });
  es.addEventListener("css", function () {
    var stamp = Date.now();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      var href = l.getAttribute("href").replace(/[?&]folio=\d+$/, "");
      l.setAttribute("href", href + (href.indexOf("?") < 0 ? "?" : "&") + "folio=" + stamp);
    });
  });
  es.addEventListener("diagnostics", function (e) {
    try { overlay(JSON.parse(e.data)); } catch (err) { /* a malformed event: ignore it */ }
  });
})();
