// folio serve: live preview. Served by `folio serve` only; never part of
// a built site.
//
// The page knows the version of the build it shows (the server adds it to
// this script's URL) and tells the server when it connects: a page that
// missed a build, because it was loading or its connection dropped, is
// told at once. After a build the page takes its new HTML (sent with the
// news, else fetched) and changes, in place, only what changed (the
// content's blocks, the sidebar, the outline), so the scroll position,
// open <details> and selected tabs stay, with no flash; it reloads only
// when the frame (templates, scripts) changed, swaps the stylesheets when
// only they did, and shows the build's problems with this page in a panel
// at the bottom, which folds into a badge.
(function () {
  "use strict";
  var doc = document;
  var script = doc.currentScript;
  var src = (script && script.getAttribute("src")) || "";
  var version = src.indexOf("?") < 0 ? "" : src.slice(src.indexOf("?") + 1);

  function boot(v) { return v.slice(0, v.lastIndexOf(".")); }
  function num(v) { return parseInt(v.slice(v.lastIndexOf(".") + 1), 10) || 0; }

  // ---------- Full reloads keep the scroll position and open <details> ----------

  var KEY = "folio-scroll:" + location.pathname, OPEN = "folio-open:" + location.pathname;
  var saved = sessionStorage.getItem(KEY), opened = sessionStorage.getItem(OPEN);
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(OPEN);
  // The content's <details>, open ("1") or not, in order, and the ids of
  // the open ones; restored before the scroll position, which they
  // lengthen: in order onto as many, else by id, when the same change
  // added or removed some (t60 F8: all closed). A reload before they are
  // restored passes on what it was given.
  function openFlags() {
    if (opened !== null) return opened;
    var flags = "", ids = [];
    doc.querySelectorAll(".content details").forEach(function (d) {
      flags += d.open ? "1" : "0";
      if (d.open && d.id) ids.push(d.id);
    });
    return JSON.stringify({ flags: flags, ids: ids });
  }
  function restoreOpen() {
    var ds = doc.querySelectorAll(".content details"), o = null;
    try { o = JSON.parse(opened); } catch (e) { /* none */ }
    if (o && typeof o.flags === "string" && ds.length === o.flags.length) {
      ds.forEach(function (d, i) { d.open = o.flags.charAt(i) === "1"; });
    } else if (o && Array.isArray(o.ids)) {
      ds.forEach(function (d) { if (d.id && o.ids.indexOf(d.id) >= 0) d.open = true; });
    }
    opened = null;
  }
  if (opened !== null) {
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", restoreOpen);
    else restoreOpen();
  }
  if (saved !== null) {
    var y = parseInt(saved, 10) || 0;
    if (doc.readyState === "complete") window.scrollTo(0, y);
    else window.addEventListener("load", function () { window.scrollTo(0, y); });
  }
  var reloading = false;
  function reload() {
    if (reloading) return;
    reloading = true;
    sessionStorage.setItem(KEY, String(window.scrollY));
    sessionStorage.setItem(OPEN, openFlags());
    location.reload();
  }

  // ---------- The page as the server sent it ----------

  // Scripts (folio.js first) change the page once loaded, so the DOM
  // cannot say what the server sent: the same HTML, fetched once now, is
  // what the next build's HTML is compared with.
  function fetchPage() {
    return fetch(location.pathname + location.search, { cache: "no-store", credentials: "same-origin" }).then(function (r) {
      return r.text().then(function (text) {
        return parse(text, r.status === 200 && !r.redirected);
      });
    });
  }
  function parse(text, ok) {
    var m = /_folio\/livereload\.js\?([A-Za-z0-9.]+)/.exec(text);
    return { ok: ok, version: m ? m[1] : "", doc: new DOMParser().parseFromString(text, "text/html") };
  }

  // An update carries the page's new HTML, saving the fetch; pushed is the
  // latest one, taken once.
  var pushed = null;
  function nextPage() {
    if (pushed && pushed.v === wanted) {
      var text = pushed.html;
      pushed = null;
      return Promise.resolve(parse(text, true));
    }
    return fetchPage();
  }

  var base = null; // the server's HTML of what the page shows, once known
  var baseFrame = "";
  var wanted = version; // the latest version the server announced
  var busy = false;

  function newer(a, b) { return boot(a) === boot(b) ? num(a) > num(b) : a !== b; }

  // pump brings the page to the latest version, one fetch at a time: a
  // build announced while a fetch runs is fetched after it.
  function pump() {
    if (busy || reloading || !newer(wanted, version)) return;
    busy = true;
    nextPage().then(function (r) {
      if (!r.ok || !base || boot(r.version) !== boot(version)) return reload();
      var f = frame(r.doc);
      if (f !== baseFrame) return reload();
      var added = update(base, r.doc);
      if (added === null) return reload();
      base = r.doc;
      baseFrame = f;
      if (newer(r.version, version)) version = r.version;
      else if (newer(wanted, version)) return wait(50); // not written yet: ask again
      if (added.length) doc.dispatchEvent(new CustomEvent("folio:updated", { detail: { nodes: added } }));
    }).catch(function () {
      return wait(200); // the server is restarting, or the page is gone for a moment
    }).then(function () {
      busy = false;
      pump();
    });
  }
  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  if (version) {
    busy = true;
    fetchPage().then(function (r) {
      // A page served before a build it did not see: update it now.
      if (r.ok && r.version === version) {
        base = r.doc;
        baseFrame = frame(base);
      } else if (r.ok) {
        wanted = r.version;
      }
    }).catch(function () { /* no baseline: the next build reloads the page */ }).then(function () {
      busy = false;
      pump();
    });
  }

  // frame describes what an update in place cannot change: the
  // stylesheets and scripts, the attributes of <html> and <body>, and what
  // the body holds around the layout (header, footer).
  function frame(d) {
    var parts = [d.documentElement.getAttribute("lang"), d.documentElement.getAttribute("dir")];
    Array.prototype.forEach.call(d.head.children, function (el) {
      var name = el.getAttribute("name") || "";
      var rel = el.getAttribute("rel") || "";
      if (el.tagName === "TITLE" || name === "description" || rel === "canonical" || rel === "alternate") return;
      parts.push(el.outerHTML.replace(/livereload\.js\?[A-Za-z0-9.]+/, "livereload.js"));
    });
    Array.prototype.forEach.call(d.body.attributes, function (a) { parts.push(a.name + "=" + a.value); });
    Array.prototype.forEach.call(d.body.children, function (el) {
      if (!el.classList.contains("layout")) parts.push(el.outerHTML);
    });
    return parts.join("\n");
  }

  // ---------- Updates in place ----------

  // What the theme's script enhances (copy buttons, heading anchors, tab
  // lists, API operations' copy buttons and servers, embeds): never
  // patched inside, replaced whole, then handed to window.folio.init.
  // Without it, replacing one of them means a reload.
  var WIDGET = "pre, .code-block, .prompt, .content h2[id], .content h3[id], .content h4[id], " +
    ".api-op-title[id], .api-model-title[id], [role=tablist], .api-copy, .api-path, .api-servers, " +
    "figure.embed-card, button[data-action], script";
  // Elements patched inside even when their attributes change (the
  // layout's classes, a fallback page's language).
  var CONTAINER = { DIV: /(^|\s)layout(\s|$)/, MAIN: /./, ARTICLE: /./ };

  function isWidget(el) { return el.nodeType === 1 && el.matches(WIDGET); }
  function isContainer(el) { var re = CONTAINER[el.nodeName]; return !!re && re.test(el.className || "x"); }

  // update changes the page from what old described to what now does and
  // returns the elements it put in; null when it cannot (a reload will).
  function update(old, now) {
    var live = doc.querySelector(".layout");
    var o = old.querySelector(".layout");
    var n = now.querySelector(".layout");
    if (!live || !o || !n) return old.body.isEqualNode(now.body) ? [] : null;
    // A big site's sidebar is put in place by its script (theme.NavScript):
    // the page no longer shows the HTML it came with, and only a reload
    // runs the script again.
    var so = old.getElementById("folio-sidebar"), sn = now.getElementById("folio-sidebar");
    if (so && sn && so.querySelector("script") && !so.isEqualNode(sn)) return null;
    var added = [];
    try {
      patch(live, o, n, added);
    } catch (e) {
      return null;
    }
    if (doc.title !== now.title) doc.title = now.title;
    var enhance = window.folio && typeof window.folio.init === "function";
    for (var i = 0; i < added.length; i++) {
      var el = added[i];
      if (el.nodeType !== 1) continue;
      // A copied <script> does not run: only a reload runs it.
      if (el.nodeName === "SCRIPT" || el.querySelector("script")) return null;
      if (enhance) {
        try { window.folio.init(el); } catch (e) { return null; }
      } else if (isWidget(el) || el.querySelector(WIDGET)) {
        return null;
      }
    }
    return added;
  }

  function sameAttrs(a, b) {
    if (a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++) {
      var x = a.attributes[i];
      if (b.getAttribute(x.name) !== x.value) return false;
    }
    return true;
  }

  // patch makes live (which shows old) show now. old and now are nodes of
  // the server's HTML; live is the page's node for old.
  function patch(live, old, now, added) {
    if (old.isEqualNode(now)) return;
    if (old.nodeType !== 1 || now.nodeType !== 1 || old.nodeName !== now.nodeName || live.nodeName !== old.nodeName ||
        isWidget(old) || isWidget(now)) {
      replace([live], [now], added);
      return;
    }
    if (!sameAttrs(old, now)) {
      if (!isContainer(old)) {
        replace([live], [now], added);
        return;
      }
      Array.prototype.slice.call(old.attributes).forEach(function (a) {
        if (!now.hasAttribute(a.name)) live.removeAttribute(a.name);
      });
      Array.prototype.forEach.call(now.attributes, function (a) {
        if (old.getAttribute(a.name) !== a.value) live.setAttribute(a.name, a.value);
      });
    }
    var L = Array.prototype.slice.call(live.childNodes);
    var O = Array.prototype.slice.call(old.childNodes);
    var N = Array.prototype.slice.call(now.childNodes);
    if (L.length !== O.length) {
      // Something else changed this element's children: replace it, or,
      // for the layout itself, give up.
      if (isContainer(old)) throw new Error("the page no longer matches its HTML");
      replace([live], [now], added);
      return;
    }
    var p = 0;
    while (p < O.length && p < N.length && O[p].isEqualNode(N[p])) p++;
    var s = 0;
    while (s < O.length - p && s < N.length - p && O[O.length - 1 - s].isEqualNode(N[N.length - 1 - s])) s++;
    var oEnd = O.length - s;
    var nEnd = N.length - s;
    if (oEnd - p === nEnd - p) {
      for (var i = p; i < oEnd; i++) patch(L[i], O[i], N[i], added);
      return;
    }
    if (oEnd > p) {
      replace(L.slice(p, oEnd), N.slice(p, nEnd), added);
      return;
    }
    // Only insertions: before the first kept node after them.
    var fresh = N.slice(p, nEnd).map(function (n) { return doc.importNode(n, true); });
    var before = p < L.length ? L[p] : null;
    fresh.forEach(function (f) { live.insertBefore(f, before); added.push(f); });
  }

  // replace puts copies of nodes (of the server's HTML) in place of lives
  // (the page's nodes), carrying over what the reader chose in them: open
  // <details>, selected tabs.
  function replace(lives, nodes, added) {
    var parent = lives[0].parentNode;
    var after = lives[lives.length - 1].nextSibling;
    var fresh = nodes.map(function (n) { return doc.importNode(n, true); });
    lives.forEach(function (l) { parent.removeChild(l); });
    fresh.forEach(function (f) { parent.insertBefore(f, after); added.push(f); });
    carry(lives, fresh);
  }

  function all(nodes, sel) {
    var out = [];
    nodes.forEach(function (n) {
      if (n.nodeType !== 1) return;
      if (n.matches(sel)) out.push(n);
      out.push.apply(out, n.querySelectorAll(sel));
    });
    return out;
  }

  // pairs matches the elements of a and b: in order when there are as
  // many, else by the key each one gives (its summary's text, its tabs'
  // labels).
  function pairs(a, b, key, fn) {
    if (a.length === b.length) {
      a.forEach(function (x, i) { fn(x, b[i]); });
      return;
    }
    var byKey = {};
    a.forEach(function (x) { var k = key(x); (byKey[k] = byKey[k] || []).push(x); });
    b.forEach(function (y) { var list = byKey[key(y)]; if (list && list.length) fn(list.shift(), y); });
  }

  function carry(lives, fresh) {
    var summary = function (d) { var s = d.querySelector("summary"); return s ? s.textContent : ""; };
    pairs(all(lives, "details"), all(fresh, "details"), summary, function (a, b) { b.open = a.open; });
    var labels = function (list) {
      return Array.prototype.map.call(list.querySelectorAll("[role=tab]"), function (t) { return t.textContent; }).join("\n");
    };
    pairs(all(lives, "[role=tablist]"), all(fresh, "[role=tablist]"), labels, function (a, b) {
      var chosen = -1;
      var was = a.querySelectorAll("[role=tab]");
      for (var i = 0; i < was.length; i++) if (was[i].getAttribute("aria-selected") === "true") chosen = i;
      var tabs = b.querySelectorAll("[role=tab]");
      if (chosen < 0 || chosen >= tabs.length) return;
      // As folio.js selects a tab: it takes the one marked selected.
      Array.prototype.forEach.call(tabs, function (t, j) {
        t.setAttribute("aria-selected", j === chosen ? "true" : "false");
        t.tabIndex = j === chosen ? 0 : -1;
        var panel = doc.getElementById(t.getAttribute("aria-controls"));
        if (panel) panel.hidden = j !== chosen;
      });
    });
  }

  // ---------- Stylesheets ----------

  function swapCSS() {
    var stamp = Date.now();
    doc.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      var href = l.getAttribute("href").replace(/[?&]folio=\d+$/, "");
      l.setAttribute("href", href + (href.indexOf("?") < 0 ? "?" : "&") + "folio=" + stamp);
    });
  }

  // ---------- The problems with this page ----------

  var here = location.pathname.replace(/^\//, "").replace(/index\.html$/, "");
  try { here = decodeURIComponent(here); } catch (e) { /* keep it encoded */ }
  var FOLD = "folio-overlay-folded";
  var box = null;
  var shown = "";

  function el(tag, css, text) {
    var e = doc.createElement(tag);
    if (css) e.style.cssText = css;
    if (text) e.textContent = text;
    return e;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // Whether the reader unfolded the problems of other pages, on a page
  // without its own.
  var elsewhereOpen = false;
  // After the reader folds or unfolds the panel, the new one takes the
  // keyboard focus that the old one had: "badge" or "hide".
  var focusNext = "";
  function overlay(list) {
    // This page's problems, and a failed build, which concerns every page;
    // problems of other pages and of no page are counted, and listed on a
    // page without its own, folded: a slip in site.yaml may be why this
    // page changed (or went).
    var mine = list.filter(function (d) {
      if (d.failed) return true;
      if (typeof d.url === "string") return d.url === here;
      if (d.urls) return d.urls.indexOf(here) >= 0; // an included file's
      return !d.path;
    });
    var others = list.length - mine.length;
    var elsewhere = !mine.length && others > 0;
    var folded = elsewhere ? !elsewhereOpen : sessionStorage.getItem(FOLD) === "1";
    var key = JSON.stringify([mine, others, folded, elsewhere && list]);
    if (key === shown) return;
    shown = key;
    if (box) { box.remove(); box = null; }
    if (!mine.length && !elsewhere) return;
    var items = elsewhere ? list : mine;
    var errors = items.filter(function (d) { return d.severity === "error"; }).length;
    var colour = errors ? "#a8071a" : "#874d00";
    var failed = mine.filter(function (d) { return d.failed; }).length;
    var title = elsewhere ? plural(others, "problem", "problems") + " elsewhere in the site" :
      failed ? "The build failed (" + plural(failed, "problem", "problems") + "): " +
        (doc.body.hasAttribute("data-folio-unbuilt") ? "no site has built yet" : "this is the last site that built") :
      plural(mine.length, "problem", "problems") + " on this page";
    // At the bottom, so that the header and the search box stay usable.
    var font = "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;";
    if (folded) {
      box = el("button", font + "position:fixed;bottom:12px;inset-inline-end:12px;z-index:2147483647;margin:0;" +
        "padding:.35rem .7rem;border:0;border-radius:999px;background:" + colour + ";color:#fff;cursor:pointer;" +
        "box-shadow:0 2px 8px rgba(0,0,0,.3)", (elsewhere ? "⚠ elsewhere: " : "⚠ ") + items.length);
      box.type = "button";
      box.id = "folio-overlay";
      box.setAttribute("aria-label", title + ": show");
      box.setAttribute("aria-expanded", "false");
      box.onclick = function () {
        if (elsewhere) elsewhereOpen = true; else sessionStorage.removeItem(FOLD);
        shown = "";
        focusNext = "hide";
        overlay(list);
      };
      doc.body.appendChild(box);
      if (focusNext === "badge") box.focus();
      focusNext = "";
      return;
    }
    box = el("section", font + "position:fixed;bottom:0;left:0;right:0;z-index:2147483647;max-height:35vh;" +
      "overflow:auto;margin:0;padding:.5rem 1rem .75rem;background:#fff8f6;color:#3d0a0a;text-align:start;" +
      "border-top:3px solid " + colour + ";box-shadow:0 -2px 8px rgba(0,0,0,.2)");
    box.id = "folio-overlay";
    box.setAttribute("aria-label", title);
    var head = el("div", "display:flex;align-items:center;gap:1rem;margin-bottom:.25rem");
    var h = el("strong", "flex:1;color:" + colour, title);
    h.setAttribute("aria-live", "polite");
    var fold = el("button", "font:inherit;border:1px solid currentColor;border-radius:4px;background:none;" +
      "color:inherit;cursor:pointer;padding:0 .5rem", "Hide");
    fold.type = "button";
    fold.setAttribute("aria-expanded", "true");
    fold.onclick = function () {
      if (elsewhere) elsewhereOpen = false; else sessionStorage.setItem(FOLD, "1");
      shown = "";
      focusNext = "badge";
      overlay(list);
    };
    head.appendChild(h);
    head.appendChild(fold);
    box.appendChild(head);
    var ul = el("ul", "margin:0;padding:0;list-style:none");
    items.forEach(function (d) {
      var where = d.path ? d.path + (d.line ? ":" + d.line + (d.col ? ":" + d.col : "") : "") + ": " : "";
      var li = el("li", "margin:.15rem 0;white-space:pre-wrap;color:" + (d.severity === "error" ? "#a8071a" : "#6b3e00"));
      var text = d.severity + ": " + d.message + (d.hint ? " (" + d.hint + ")" : "");
      if (where && typeof d.url === "string") {
        // The place leads to the part of the page the problem is in: its
        // heading, or the page's top before the first.
        var a = el("a", "color:inherit;text-decoration:underline;text-underline-offset:2px", where.slice(0, -2));
        var frag = d.anchor ? "#" + encodeURIComponent(d.anchor) : "#";
        a.href = d.url === here ? frag : "/" + d.url.split("/").map(encodeURIComponent).join("/") + frag;
        li.appendChild(a);
        li.appendChild(doc.createTextNode(": " + text));
      } else {
        li.textContent = where + text;
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
    if (others && !elsewhere) box.appendChild(el("p", "margin:.35rem 0 0;opacity:.8", plural(others, "more problem", "more problems") +
      " elsewhere in the site: see the terminal."));
    doc.body.appendChild(box);
    if (focusNext === "hide") fold.focus();
    focusNext = "";
  }

  // ---------- Events ----------

  // A tab holds its stream only while it is shown: browsers allow six
  // connections to a host, so six open tabs would leave none for a
  // seventh, nor for a page's own requests. A tab shown again connects
  // with the version it has, and is told at once of what it missed.
  var es = null;
  function connect() {
    if (es) es.close();
    es = null;
    if (doc.visibilityState === "hidden") return;
    es = new EventSource("/_folio/events?page=" + encodeURIComponent(location.pathname) +
      (version ? "&v=" + encodeURIComponent(version) : ""));
    es.addEventListener("update", function (e) {
      var u;
      try { u = JSON.parse(e.data); } catch (err) { return; }
      if (u.moved && !reloading) {
        // The page's file is published elsewhere now (a section's path
        // renamed): follow it, at the same heading.
        reloading = true;
        return location.replace(u.moved + location.hash);
      }
      if (u.reload || (version && boot(u.v) !== boot(version))) return reload();
      if (u.css) swapCSS();
      if (!version) return reload(); // a page without a version: nothing to compare
      if (newer(u.v, wanted)) {
        wanted = u.v;
        pushed = u.html ? u : null;
        // The site changed, maybe elsewhere than this page: its search
        // index too (search.js loads it again).
        doc.dispatchEvent(new CustomEvent("folio:built"));
      }
      pump();
    });
    es.addEventListener("diagnostics", function (e) {
      try { overlay(JSON.parse(e.data)); } catch (err) { /* a malformed event: ignore it */ }
    });
  }
  connect();
  // A page restored from the back-forward cache has lost its stream.
  window.addEventListener("pageshow", function (e) { if (e.persisted) connect(); });
  doc.addEventListener("visibilitychange", function () {
    if (doc.visibilityState === "hidden") connect(); // closes it
    else if (!es) connect();
  });
})();
