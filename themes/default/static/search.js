// folio search: loads this language's search-index.json on first use and
// searches it in the browser. Progressive enhancement: without JS the form
// stays hidden. The text analysis mirrors internal/search/analyze.go; its
// data (folding table, stop words, stemming rules) comes from the index
// itself, and internal/search/testdata/vectors.json pins both sides to the
// same results (internal/search's TestJSVectors runs them through node).
(function () {
  "use strict";

  var WORD = /[\p{L}\p{Nd}\p{M}]/u;
  var IDEO = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  var DIGIT = /\p{Nd}/u;
  var LETTERS = /^\p{L}+$/u;
  var MAX_TERM = 40;
  var LAST = "0123456789abcdefghijklmnopqrstuv", MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+-/";

  function isWord(c) { return WORD.test(c) && !IDEO.test(c); }
  function isConn(c) { return c === "." || c === "_"; }

  // analyzer returns fold/tokens/stem/terms for an index's "analysis".
  function analyzer(a) {
    var fold = new Map(), stop = new Set(a.stop || []), steps = a.stem || [];
    for (var i = 0; i + 1 < (a.fold || []).length; i += 2) {
      for (var ch of a.fold[i]) fold.set(ch, a.fold[i + 1]);
    }
    function foldText(s) {
      var out = "";
      for (var ch of s.toLowerCase()) { var f = fold.get(ch); out += f === undefined ? ch : f; }
      return out;
    }
    function tokens(folded) {
      var rs = Array.from(folded), out = [];
      function keep(t) {
        if (t.length > MAX_TERM || (t.length === 1 && !DIGIT.test(t[0]) && !IDEO.test(t[0]))) return;
        out.push(t.join(""));
      }
      for (var i = 0; i < rs.length;) {
        if (IDEO.test(rs[i])) { keep([rs[i]]); i++; continue; }
        if (!WORD.test(rs[i])) { i++; continue; }
        var start = i, parts = [];
        for (;;) {
          var j = i;
          while (j < rs.length && isWord(rs[j])) j++;
          parts.push(rs.slice(i, j));
          if (j + 1 < rs.length && isConn(rs[j]) && isWord(rs[j + 1])) { i = j + 1; continue; }
          i = j;
          break;
        }
        var whole = rs.slice(start, i);
        keep(whole);
        if (parts.length > 1 && !whole.every(function (c) { return DIGIT.test(c) || isConn(c); })) parts.forEach(keep);
      }
      return out;
    }
    function stem(t) {
      if (!steps.length || !LETTERS.test(t)) return t;
      var rs = Array.from(t);
      steps.forEach(function (step) {
        for (var k = 0; k < step.length; k++) {
          var r = step[k];
          if (!rs.join("").endsWith(r.s)) continue;
          if (r.n > 0 && rs.length - r.n >= r.m) rs = rs.slice(0, rs.length - r.n);
          else if (r.n > 0) continue;
          break;
        }
      });
      return rs.join("");
    }
    function terms(s) {
      return tokens(foldText(s)).filter(function (t) { return !stop.has(t); }).map(stem);
    }
    return { fold: foldText, tokens: tokens, stem: stem, terms: terms, stop: stop };
  }

  // Index wraps a parsed search-index.json.
  function Index(data) {
    this.d = data;
    this.a = analyzer(data.analysis);
    this.ids = new Map();
    for (var i = 0; i < data.terms.length; i++) this.ids.set(data.terms[i], i);
    this.first = []; // first section of each page
    for (var s = data.sections.length - 1; s >= 0; s--) this.first[data.sections[s][0]] = s;
  }

  // query splits what the reader typed into terms. The word being typed
  // (no space after it yet) is a prefix. Stop words only count when they
  // are the whole query.
  Index.prototype.query = function (q) {
    var a = this.a, folded = a.fold(q), toks = a.tokens(folded), open = !/\s$/.test(q), seen = {}, out = [];
    toks.forEach(function (t) {
      if (a.stop.has(t) && toks.length > 1) return;
      var prefix = open && folded.endsWith(t), key = t + (prefix ? "*" : "");
      if (seen[key]) return;
      seen[key] = true;
      out.push({ raw: t, term: a.stem(t), prefix: prefix });
    });
    return out;
  };

  // expand returns [termIndex, weight] pairs for a query term. Stems are
  // prefixes of their words, so a word being typed matches terms that
  // start with it, and terms it starts with when only a suffix differs.
  Index.prototype.expand = function (qt) {
    var out = [], exact = this.ids.get(qt.term);
    if (exact !== undefined) out.push([exact, 1]);
    if (!qt.prefix) return out;
    var terms = this.d.terms, raw = qt.raw;
    for (var i = 0; i < terms.length && out.length < 64; i++) {
      var t = terms[i];
      if (i === exact) continue;
      if (t.startsWith(raw) || (t.length >= 3 && raw.startsWith(t) && raw.length - t.length <= 5)) out.push([i, 0.6]);
    }
    return out;
  };

  // postings decodes the posting list of term i into [section, score]
  // pairs: base-32 numbers delta<<4|score, see appendNumber in index.go.
  Index.prototype.postings = function (i) {
    var str = this.d.postings[i], out = [], n = 0, sec = 0;
    for (var k = 0; k < str.length; k++) {
      var c = str[k], last = LAST.indexOf(c);
      n = n * 32 + (last >= 0 ? last : MORE.indexOf(c));
      if (last < 0) continue;
      sec += n >> 4;
      out.push([sec, n & 15]);
      n = 0;
    }
    return out;
  };

  // search returns up to max results: pages holding every query term, each
  // with its best section, best first.
  Index.prototype.search = function (q, max) {
    var d = this.d, qts = this.query(q), n = d.sections.length;
    if (!qts.length) return { results: [], terms: new Set() };
    var secScore = new Map(), secMask = new Map(), pageScore = new Map(), pageMask = new Map(), used = new Set();
    var self = this;
    qts.forEach(function (qt, bit) {
      var best = new Map();
      self.expand(qt).forEach(function (tw) {
        var list = self.postings(tw[0]), idf = Math.log(1 + n / list.length);
        used.add(d.terms[tw[0]]);
        for (var k = 0; k < list.length; k++) {
          var sec = list[k][0], v = list[k][1] * idf * tw[1], page = d.sections[sec][0];
          secScore.set(sec, (secScore.get(sec) || 0) + v);
          secMask.set(sec, (secMask.get(sec) || 0) | (1 << bit));
          if (v > (best.get(page) || 0)) best.set(page, v);
        }
      });
      best.forEach(function (v, page) {
        pageScore.set(page, (pageScore.get(page) || 0) + v);
        pageMask.set(page, (pageMask.get(page) || 0) | (1 << bit));
      });
    });
    var all = (1 << Math.min(qts.length, 30)) - 1, pages = [];
    pageMask.forEach(function (m, p) { if ((m & all) === all) pages.push(p); });
    pages.sort(function (x, y) { return pageScore.get(y) - pageScore.get(x) || x - y; });
    var results = pages.slice(0, max || 10).map(function (p) {
      var best = self.first[p], bestKey = -1;
      for (var s = self.first[p]; s < n && d.sections[s][0] === p; s++) {
        var key = bits(secMask.get(s) || 0) * 1e6 + (secScore.get(s) || 0);
        if (key > bestKey) { best = s; bestKey = key; }
      }
      var sec = d.sections[best];
      return { url: d.pages[p][0], title: d.pages[p][1], id: sec[1], heading: sec[2], text: sec[3] };
    });
    return { results: results, terms: used };
  };

  function bits(m) { var c = 0; for (; m; m &= m - 1) c++; return c; }

  if (typeof module === "object" && module.exports) module.exports = { analyzer: analyzer, Index: Index };
  if (typeof document === "undefined") return;

  // ---------- The search box: ARIA combobox with a listbox popup ----------

  var doc = document, form = doc.querySelector("form.search[data-index]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var list = form.querySelector("[role=listbox]");
  var panel = form.querySelector(".search-panel");
  var status = form.querySelector(".search-status");
  if (!input || !list || !panel || !status) return;
  function str(k, fallback) { return form.dataset[k] || fallback; }
  var root = form.dataset.root || "";
  var index = null, loading = null, active = -1, options = [];

  function load() {
    if (!loading) {
      say(str("loading", "Loading…"));
      loading = fetch(form.dataset.index).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (data) { index = new Index(data); return index; });
      loading.catch(function () {
        loading = null; // a later keystroke retries
        say(location.protocol === "file:" ? str("file", "Search needs the site to be served over http.") : str("error", "The search index could not be loaded."));
        open(true);
      });
    }
    return loading;
  }

  function say(text) { status.textContent = text; }

  function open(on) {
    panel.hidden = !on;
    input.setAttribute("aria-expanded", on && options.length ? "true" : "false");
    if (!on) setActive(-1);
  }

  function setActive(i) {
    if (options[active]) options[active].setAttribute("aria-selected", "false");
    active = i;
    if (options[i]) {
      options[i].setAttribute("aria-selected", "true");
      options[i].scrollIntoView({ block: "nearest" });
      input.setAttribute("aria-activedescendant", options[i].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function href(r) {
    var url = root + r.url;
    if (location.protocol === "file:" && (url === "" || url.slice(-1) === "/")) url += "index.html";
    return (url || "./") + (r.id ? "#" + encodeURIComponent(r.id) : "");
  }

  // highlight appends text to el with the words that match a used term in <mark>.
  function highlight(el, text, used) {
    var re = /[\p{L}\p{Nd}\p{M}]+(?:[._][\p{L}\p{Nd}\p{M}]+)*/gu, last = 0, m;
    while ((m = re.exec(text))) {
      if (!index.a.terms(m[0]).some(function (t) { return used.has(t); })) continue;
      el.appendChild(doc.createTextNode(text.slice(last, m.index)));
      var mark = doc.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    el.appendChild(doc.createTextNode(text.slice(last)));
  }

  function part(tag, cls, text, used) {
    var el = doc.createElement(tag);
    el.className = cls;
    highlight(el, text, used);
    return el;
  }

  function run() {
    var q = input.value;
    if (!q.trim()) { list.textContent = ""; options = []; say(""); open(false); return; }
    load().then(function (ix) {
      if (input.value !== q) return; // a newer keystroke owns the list
      var res = ix.search(q, 10);
      list.textContent = "";
      options = res.results.map(function (r, i) {
        var li = doc.createElement("li"), a = doc.createElement("a");
        li.id = "folio-search-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        a.href = href(r);
        a.tabIndex = -1;
        a.appendChild(part("span", "search-title", r.title || r.url, res.terms));
        if (r.heading) a.appendChild(part("span", "search-heading", r.heading, res.terms));
        if (r.text) a.appendChild(part("span", "search-snippet", r.text, res.terms));
        li.appendChild(a);
        list.appendChild(li);
        return li;
      });
      active = -1;
      say(options.length ? "" : str("noResults", "No results."));
      open(true);
    }, function () { /* load() already said why */ });
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", function () { load().catch(function () {}); if (input.value.trim()) open(true); });
  input.addEventListener("keydown", function (e) {
    var n = options.length;
    switch (e.key) {
      case "ArrowDown": if (panel.hidden) { run(); break; } setActive(n ? (active + 1) % n : -1); break;
      case "ArrowUp": setActive(n ? (active - 1 + n) % n : -1); break;
      case "Enter":
        var opt = options[active] || options[0];
        if (opt) opt.querySelector("a").click();
        break;
      case "Escape":
        if (!panel.hidden) open(false); else input.value = "";
        break;
      default: return;
    }
    e.preventDefault();
  });
  list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus in the field
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) open(false); });

  // "/" focuses the search field, unless the reader is typing somewhere.
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
  });

  // ?q=term fills the field and shows the results, so searches can be linked.
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; input.focus(); run(); }
})();
