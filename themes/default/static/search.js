// folio search: loads this language's search-index.js on first use and
// searches it in the browser. Progressive enhancement: without JS the form
// stays hidden. The index is a script, not JSON, so that it loads from
// file:// as well as over http. The text analysis mirrors
// internal/search/analyze.go; its data (folding table, stop words,
// stemming rules) comes from the index itself, and
// internal/search/testdata/vectors.json pins both sides to the same
// results (internal/search's TestJSVectors runs them through node).
(function () {
  "use strict";

  var WORD = /[\p{L}\p{Nd}\p{M}]/u;
  var IDEO = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ーｰ]/u;
  var DIGIT = /\p{Nd}/u, ASCII_DIGIT = /^[0-9]$/;
  // A grouped number being typed: at least one group of three, then
  // perhaps a group or decimals begun. Not 2,5 or 12,50, which are
  // decimals in French (t50).
  var GROUPED_END = /(^|[^\p{L}\p{Nd}\p{M}._])((?!0)[0-9]{1,3}(?:,[0-9]{3})+(?:,[0-9]{0,2}|\.[0-9]*)?)$/u;
  var LETTERS = /^\p{L}+$/u;
  var ASCII = /^[\x00-\x7f]*$/;
  var MAX_TERM = 40;
  var PHRASE_PAGES = 50; // the best pages whose sections a phrase is looked for in
  var LAST = "0123456789abcdefghijklmnopqrstuv", MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+-/";
  // A word as highlight() sees it in text, and its runs of ideographs.
  // C++ and C# with their signs; 2,048 whole, as grouped() reads it; a
  // Persian word with its zero-width non-joiner, which folding removes.
  var RUN = /(?!0)[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+(?![\p{L}\p{Nd}\p{M}]|[._][\p{L}\p{Nd}\p{M}]))?(?![\p{L}\p{Nd}\p{M}]|[._][\p{L}\p{Nd}\p{M}])|[\p{L}\p{Nd}\p{M}\u200c\u200d]+(?:[._][\p{L}\p{Nd}\p{M}]+)*(?:\+\+|#)?/gu;
  var PARTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ーｰ]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ーｰ]+/gu;
  // Where sentences end: . ! ? and their Arabic and Devanagari kin before
  // a space, and the full-width stops of Chinese and Japanese anywhere.
  var STOP = /[.!?;؟।](?=\s)|[。！？]/g;

  function isWord(c) { return WORD.test(c) && !IDEO.test(c); }
  var HYPHENATED = /[\p{L}\p{Nd}\p{M}]+(?:-[\p{L}\p{Nd}\p{M}]+)+/gu;
  function isConn(c) { return c === "." || c === "_"; }
  function isNumberChar(c) { return DIGIT.test(c) || isConn(c); }

  // grouped reads at rs[i] a number in groups of three digits between
  // commas, 2,048: {digits, end}, or null. As analyze.go's grouped.
  function grouped(rs, i) {
    function digitsAt(j) { var k = j; while (k < rs.length && ASCII_DIGIT.test(rs[k])) k++; return k - j; }
    var first = digitsAt(i), j = i + first, groups = 0, k;
    if (first === 0 || first > 3 || rs[i] === "0") return null;
    while (rs[j] === "," && digitsAt(j + 1) === 3) { j += 4; groups++; }
    if (groups && rs[j] === "." && (k = digitsAt(j + 1)) > 0 && endsWord(rs, j + 1 + k)) j += 1 + k;
    if (!groups || !endsWord(rs, j)) return null;
    return { digits: rs.slice(i, j).join("").replace(/,/g, ""), end: j };
  }

  // endsWord reports whether a word ends before rs[j], as analyze.go's.
  function endsWord(rs, j) {
    return j >= rs.length || !WORD.test(rs[j]) && !(isConn(rs[j]) && j + 1 < rs.length && WORD.test(rs[j + 1]));
  }

  // analyzer returns fold/tokens/stem/terms for an index's "analysis".
  function analyzer(a) {
    var fold = new Map(), stop = new Set(a.stop || []), steps = a.stem || [];
    for (var i = 0; i + 1 < (a.fold || []).length; i += 2) {
      for (var ch of a.fold[i]) fold.set(ch, a.fold[i + 1]);
    }
    function foldText(s) {
      s = s.toLowerCase();
      if (ASCII.test(s)) return s; // nothing to fold
      var out = "";
      for (var ch of s) { var f = fold.get(ch); out += f === undefined ? ch : f; }
      return out;
    }
    function tokens(folded) {
      var rs = Array.from(folded), out = [];
      function keep(t) {
        if (t.length > MAX_TERM || (t.length === 1 && !DIGIT.test(t[0]) && !IDEO.test(t[0]))) return;
        out.push(t.join(""));
      }
      for (var i = 0; i < rs.length;) {
        if (IDEO.test(rs[i])) {
          // Bigrams of the run of ideographs, or its one character.
          var j = i + 1;
          for (; j < rs.length && IDEO.test(rs[j]); j++) keep([rs[j - 1], rs[j]]);
          if (j === i + 1) keep([rs[i]]);
          i = j;
          continue;
        }
        if (!WORD.test(rs[i])) { i++; continue; }
        var g = grouped(rs, i);
        if (g) { // 2,048 is the number 2048 (t42)
          if (g.digits.length <= MAX_TERM) out.push(g.digits);
          i = g.end;
          continue;
        }
        var start = i, parts = [];
        for (;;) {
          var k = i;
          while (k < rs.length && isWord(rs[k])) k++;
          parts.push(rs.slice(i, k));
          if (k + 1 < rs.length && isConn(rs[k]) && isWord(rs[k + 1])) { i = k + 1; continue; }
          i = k;
          break;
        }
        var whole = rs.slice(start, i);
        if (i === start + 1 && /[a-z]/.test(rs[start])) {
          // A language named by a letter and a sign, C++, C#, F#, is a
          // word of its own: the letter alone is no token (t42).
          var n = rs[i] === "+" && rs[i + 1] === "+" ? 2 : rs[i] === "#" ? 1 : 0;
          if (n && !(i + n < rs.length && (isWord(rs[i + n]) || rs[i + n] === "+" || rs[i + n] === "#"))) {
            keep(rs.slice(start, i + n));
            i += n;
            continue;
          }
        }
        keep(whole);
        if (parts.length > 1 && !whole.every(isNumberChar)) {
          if (whole[0] === "v" && /[0-9]/.test(whole[1]) && whole.slice(1).every(isNumberChar)) keep(whole.slice(1)); // a version, v1.2, is found by its number, 1.2
          parts.forEach(keep);
        }
      }
      return out;
    }
    function stem(t) {
      if (!steps.length || !LETTERS.test(t)) return t;
      var rs = null; // t's characters, once a rule needs to count them
      for (var i = 0; i < steps.length; i++) {
        var step = steps[i];
        for (var k = 0; k < step.length; k++) {
          var r = step[k];
          if (!t.endsWith(r.s)) continue;
          if (r.n > 0) {
            rs = rs || Array.from(t);
            if (rs.length - r.n < r.m) continue;
            rs = rs.slice(0, rs.length - r.n);
            t = rs.join("");
          }
          break;
        }
      }
      return t;
    }
    function terms(s) {
      return tokens(foldText(s)).filter(function (t) { return !stop.has(t); }).map(stem);
    }
    return { fold: foldText, tokens: tokens, stem: stem, terms: terms, stop: stop };
  }

  // within1 reports whether a and b differ by one edit at most: a letter
  // added, removed or replaced, or two neighbours swapped.
  function within1(a, b) {
    var la = a.length, lb = b.length;
    if (la - lb > 1 || lb - la > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (i === la && i === lb) return true;
    if (la > lb) return a.slice(i + 1) === b.slice(i);
    if (lb > la) return a.slice(i) === b.slice(i + 1);
    return a.slice(i + 1) === b.slice(i + 1) ||
      (i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }

  // Index wraps a loaded search index (see internal/search/index.go).
  function Index(data) {
    this.d = data;
    this.a = analyzer(data.analysis);
    this.prefixAll = !!data.analysis.prefix;
    this.ids = new Map();
    for (var i = 0; i < data.terms.length; i++) this.ids.set(data.terms[i], i);
    this.first = []; // first section of each page
    for (var s = data.sections.length - 1; s >= 0; s--) this.first[data.sections[s][0]] = s;
  }

  // query splits what the reader typed into terms, as the index analysed
  // the pages' text. The word being typed (no space after it yet) is a
  // prefix, and so is every word in languages whose index says so. Stop
  // words only count when they are the whole query. A compound (words
  // joined by . or _) is one term, as the index has it: its parts, which
  // tokens() lists after it, are no terms of the query (client_id does
  // not find a page that says "client" and "identity"); the compound
  // keeps them (parts) for search() to fall back on.
  Index.prototype.query = function (q) {
    var a = this.a, folded = a.fold(q), open = !/\s$/.test(q), seen = new Set(), out = [];
    // A number being typed with its thousands commas (1,234 on the way to
    // 1,234,567; 3,500.7 to 3,500.75) is the number's start, as 1234 is
    // (t49).
    if (open) folded = folded.replace(GROUPED_END, function (_, before, n) { return before + n.replace(/,/g, "").replace(/\.$/, ""); });
    var toks = versions(a.tokens(folded));
    var all = this.prefixAll;
    function term(t, prefix) {
      var cjk = IDEO.test(t), n = Array.from(t).length;
      return { raw: t, term: a.stem(t), prefix: prefix, cjk: cjk, one: cjk && n === 1, fuzzy: !cjk && n >= 5 && LETTERS.test(t) };
    }
    function prefixed(t, last) { return !IDEO.test(t) && (all || (open && last)); }
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i], ends = folded.endsWith(t);
      if (a.stop.has(t) && toks.length > 1) continue;
      var qt = term(t, prefixed(t, ends)), k = t + (qt.prefix ? "*" : "");
      if (/[._]/.test(t) && !/^[\p{Nd}._]*$/u.test(t)) { // numbers are kept whole, and have no parts
        // Its parts follow it in toks, as tokens() keeps them.
        var parts = t.split(/[._]/), kept = [];
        parts.forEach(function (p, j) {
          if (toks[i + 1] !== p) return; // a letter alone, which tokens() drops
          i++;
          if (!a.stop.has(p)) kept.push(term(p, prefixed(p, ends && j === parts.length - 1)));
        });
        if (kept.length > 1) qt.parts = kept;
      }
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(qt);
    }
    return out;
  };

  // versions drops from a query's tokens the v of a version, v1.2.4, and
  // its parts, keeping its number, which the index holds for both
  // spellings: text that writes "Version 1.2.4" is found (t42).
  function versions(toks) {
    var out = [];
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      out.push(t);
      if (!/^v\p{Nd}/u.test(t) || toks[i + 1] !== t.slice(1)) continue;
      out[out.length - 1] = toks[++i];
      var parts = t.split(/[._]/);
      for (var j = 0; j < parts.length && toks[i + 1] === parts[j]; j++) i++;
    }
    return out;
  }

  // phraseRE matches, in folded text, the query's words one after the
  // other as typed (each by its stem, so that works finds work), up to
  // two short words allowed between two (the stop words the query leaves
  // out: "HTML dans les pages" for html pages): null for a query of fewer
  // than two words, or of others than words of letters.
  function phraseRE(a, q) {
    var words = a.tokens(a.fold(q)).filter(function (t) { return !a.stop.has(t); });
    if (words.length < 2 || words.length > 8 || !words.every(function (w) { return LETTERS.test(w) && !IDEO.test(w); })) return null;
    var sep = "[^\\p{L}\\p{Nd}\\p{M}\\u2029]+"; // U+2029 parts title, heading and text
    var body = words.map(function (w) { return a.stem(w).replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "[\\p{L}\\p{M}]*"; })
      .join("(?:" + sep + "[\\p{L}\\p{M}']{1,4}){0,2}" + sep);
    return new RegExp("(?:^|[^\\p{L}\\p{Nd}\\p{M}])" + body, "u");
  }

  // expand returns [termIndex, weight] pairs for a query term: the term
  // itself; for a prefix, the terms that start with it, or when none
  // does, those it starts with when only a suffix differs (stems are
  // prefixes of their words, which are made of letters); for one ideograph, the pairs that hold it; and when nothing
  // matched, for a word of five letters or more, the terms one typo away
  // (those it starts, from their first letter: xroad is no roadmap), all
  // with the query's first letter.
  Index.prototype.expand = function (qt) {
    var out = [], exact = this.ids.get(qt.term), terms = this.d.terms, raw = qt.raw, i, t, passed = false;
    if (exact !== undefined) out.push([exact, 1]);
    if (qt.one) {
      for (i = 0; i < terms.length; i++) {
        t = terms[i];
        if (i !== exact && t.length <= 4 && Array.from(t).length === 2 && t.indexOf(raw) >= 0) out.push([i, 0.8]);
      }
      return out;
    }
    if (qt.prefix) {
      for (i = 0; i < terms.length && out.length < 64; i++) {
        if (i !== exact && terms[i].startsWith(raw)) out.push([i, 0.6]);
      }
      // Only a word no term holds or starts (utilisat, whose stem is
      // utilis) is the start of a word whose stem it passed: username,
      // which the index holds, is no user.
      if (!out.length && LETTERS.test(raw)) { // a compound or a number has no stem: client_id is no word ending of client
        for (i = 0; i < terms.length && out.length < 64; i++) {
          t = terms[i];
          if (t.length >= 3 && raw.startsWith(t) && raw.length - t.length <= 5) out.push([i, 0.6]);
        }
        // Passed by more than two letters, a word is a guess, which a
        // word one typo away beats (t80: previwe found pre and prev,
        // not preview); by two at most, it is the stem of the word
        // being typed (t83: registrat is registr, not registrar).
        passed = out.length > 0 && out.every(function (tw) { return raw.length - terms[tw[0]].length > 2; });
      }
    }
    if (out.length && !passed || !qt.fuzzy) return out;
    var guessed = out;
    out = [];
    for (i = 0; i < terms.length && out.length < 64; i++) {
      t = terms[i];
      // A typo keeps the first letter, as in the words being typed: xroad
      // found broad's pages, not X-Road's (t42).
      if (t[0] !== raw[0]) continue;
      if (within1(t, raw) || within1(t, qt.term) ||
          (qt.prefix && t.length >= raw.length && t[0] === raw[0] && (within1(t.slice(0, raw.length), raw) ||
            within1(t.slice(0, raw.length + 1), raw) || within1(t.slice(0, raw.length - 1), raw)))) {
        out.push([i, 0.5]);
      }
    }
    return out.length ? out : guessed;
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

  // search returns every page that holds all the query's terms, best
  // first, each with its best section, and what matched (hit) for
  // highlighting: the index terms found, with the query words (bits)
  // they stand for, and the query's ideographs.
  Index.prototype.search = function (q) {
    var d = this.d, n = d.sections.length, a = this.a;
    var hit = { terms: new Map(), cjk: [] };
    var stops = a.tokens(a.fold(q));
    if (stops.length && stops.every(function (t) { return a.stop.has(t); })) {
      return { results: this.titled(stops, !/\s$/.test(q)), hit: hit };
    }
    var qts = this.query(q);
    if (!qts.length) return { results: this.literal(q), hit: hit };
    var secScore = new Map(), secMask = new Map(), pageScore = new Map(), pageMask = new Map();
    var self = this;
    // The query's hyphenated words (x-road, open-source): the index holds
    // their words apart, so a section that writes them joined is the
    // better hit, ahead of those that hold one of them (road, roadmap).
    var joined = (a.fold(q).match(HYPHENATED) || []).map(function (w) {
      return new RegExp("(?:^|[^\\p{L}\\p{Nd}\\p{M}])" + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u");
    });
    var folded = new Map(); // section → whether its heading or text writes a joined word
    var joinedPages = new Set(); // the pages with such a section
    function writesJoined(sec) {
      var w = folded.get(sec);
      if (w === undefined) {
        var t = a.fold(d.sections[sec][2] + " " + d.sections[sec][3]);
        folded.set(sec, w = joined.some(function (re) { return re.test(t); }));
      }
      return w;
    }
    // scores returns the sections that hold qt, each with its score.
    function scores(qt, flag) {
      var out = new Map();
      if (qt.cjk) hit.cjk.push({ text: qt.raw, bits: flag });
      self.expand(qt).forEach(function (tw) {
        var list = self.postings(tw[0]), idf = Math.log(1 + n / list.length), term = d.terms[tw[0]];
        hit.terms.set(term, (hit.terms.get(term) || 0) | flag);
        for (var k = 0; k < list.length; k++) out.set(list[k][0], (out.get(list[k][0]) || 0) + list[k][1] * idf * tw[1]);
      });
      if (joined.length) {
        out.forEach(function (v, sec) {
          if (writesJoined(sec)) { out.set(sec, v * 4); joinedPages.add(d.sections[sec][0]); }
        });
      }
      return out;
    }
    function add(sec, v, flag, best) {
      var page = d.sections[sec][0];
      secScore.set(sec, (secScore.get(sec) || 0) + v);
      secMask.set(sec, (secMask.get(sec) || 0) | flag);
      if (v > (best.get(page) || 0)) best.set(page, v);
    }
    var direct = new Map(); // the query terms each page holds itself
    qts.forEach(function (qt, bit) {
      var best = new Map(), flag = 1 << Math.min(bit, 30);
      scores(qt, flag).forEach(function (v, sec) { add(sec, v, flag, best); });
      best.forEach(function (_, page) { direct.set(page, (direct.get(page) || 0) | flag); });
      if (qt.parts) {
        // A compound that a section lacks is found there when its text
        // holds the compound within a longer one, whose parts it then
        // holds: an identifier longer than the index's longest term is
        // indexed as its parts only, and any part of it typed whole
        // (card_declined of card_declined_insufficient_funds_…) is no
        // term. Pages that hold every query term themselves rank first.
        var found = null;
        qt.parts.forEach(function (p) {
          var s = scores(p, 0), next = new Map();
          s.forEach(function (v, sec) {
            if (secMask.has(sec) && (secMask.get(sec) & flag)) return;
            if (!found) next.set(sec, v); else if (found.has(sec)) next.set(sec, Math.min(found.get(sec), v));
          });
          found = next;
        });
        var within = compoundRE(qt);
        found.forEach(function (v, sec) {
          if (!within.test(a.fold(d.sections[sec][3]))) return;
          qt.parts.forEach(function (p) {
            self.expand(p).forEach(function (tw) { var t = d.terms[tw[0]]; hit.terms.set(t, (hit.terms.get(t) || 0) | flag); });
          });
          add(sec, v, flag, best);
        });
      }
      best.forEach(function (v, page) {
        pageScore.set(page, (pageScore.get(page) || 0) + v);
        pageMask.set(page, (pageMask.get(page) || 0) | flag);
      });
    });
    var all = (1 << Math.min(qts.length, 31)) - 1, pages = [];
    // A section that holds every word of the query, as a phrase in their
    // order, is the better hit, as a joined hyphenated word is (t42: the
    // one section saying "hors ligne" came ninth, after every title
    // holding "ligne"). Its page's title counts as its own: a page titled
    // as the query stays first (t45). Only the sections that hold every
    // word, of the pages ranked best without it, are looked at, their
    // folded text kept for the next keystroke (t45: looking at every
    // section took a keystroke 250 ms on a 1,500-page book).
    pageMask.forEach(function (m, p) { if ((m & all) === all) pages.push(p); });
    if (!pages.length && qts.length > 1) {
      // No page holds every word: the pages that hold the most of them,
      // rather than nothing (t80: "translate my book to french" missed
      // the page on translations for want of "my").
      var most = 0;
      pageMask.forEach(function (m) { most = Math.max(most, bits(m)); });
      pageMask.forEach(function (m, p) { if (bits(m) === most) pages.push(p); });
    }
    // A page titled as the query, its words in order, the last one a
    // prefix while it is typed, comes before pages that only mention
    // them, however often (t80: "Journey" found "User journeys" first).
    var titles = new Map();
    function isTitle(p) {
      var v = titles.get(p);
      if (v === undefined) {
        var tt = a.tokens(a.fold(d.pages[p][1])).filter(function (t) { return !a.stop.has(t) && !/^[\p{Nd}._]+$/u.test(t); });
        v = tt.length === qts.length && qts.every(function (qt, i) {
          return qt.prefix ? tt[i].startsWith(qt.raw) : a.stem(tt[i]) === qt.term;
        }) ? 1 : 0;
        titles.set(p, v);
      }
      return v;
    }
    function rank(x, y) {
      return bits(direct.get(y) || 0) - bits(direct.get(x) || 0) || isTitle(y) - isTitle(x) || joinedPages.has(y) - joinedPages.has(x) ||
        pageScore.get(y) - pageScore.get(x) || x - y;
    }
    pages.sort(rank);
    var phrase = phraseRE(a, q);
    if (phrase) {
      var top = new Set(pages.slice(0, PHRASE_PAGES)), folds = this.folds || (this.folds = new Map());
      secMask.forEach(function (m, sec) {
        var sd = d.sections[sec], page = sd[0];
        if ((m & all) !== all || !top.has(page)) return;
        var t = folds.get(sec);
        if (t === undefined) folds.set(sec, t = a.fold(d.pages[page][1] + " \u2029 " + sd[2] + " \u2029 " + sd[3]));
        if (phrase.test(t)) {
          secScore.set(sec, secScore.get(sec) * 4);
          joinedPages.add(page);
        }
      });
      pages.sort(rank);
    }
    var results = pages.map(function (p) {
      // The section that matches most words; of those, one with text to
      // show (a title section without text gave an empty snippet and the
      // page's top), then the best scored.
      var best = self.first[p], bb = -1, bt = -1, bs = -1;
      for (var s = self.first[p]; s < n && d.sections[s][0] === p; s++) {
        var b = bits(secMask.get(s) || 0), t = d.sections[s][3] !== "" ? 1 : 0, sc = secScore.get(s) || 0;
        if (b > bb || b === bb && (t > bt || t === bt && sc > bs)) { best = s; bb = b; bt = t; bs = sc; }
      }
      return self.result(best);
    });
    return { results: results, hit: hit };
  };

  // result is the search result of section s, on its page.
  Index.prototype.result = function (s) {
    var d = this.d, sec = d.sections[s], pg = d.pages[sec[0]];
    return { url: pg[0], title: pg[1], lang: pg[2] || "", id: sec[1], heading: sec[2], text: sec[3] };
  };

  // named returns the pages whose title, folded, passes test, then those
  // with a heading that does, at that heading: once each.
  Index.prototype.named = function (test) {
    var d = this.d, a = this.a, out = [], seen = new Set();
    for (var p = 0; p < d.pages.length; p++) {
      if (test(a.fold(d.pages[p][1]))) { out.push(this.result(this.first[p])); seen.add(p); }
    }
    for (var s = 0; s < d.sections.length; s++) {
      var pg = d.sections[s][0];
      if (!seen.has(pg) && d.sections[s][2] && test(a.fold(d.sections[s][2]))) { out.push(this.result(s)); seen.add(pg); }
    }
    return out;
  };

  // titled finds a query of stop words alone ("what is", "qu'est-ce
  // que"), which the index leaves out: the titles and headings that start
  // with those words, in order, the last one a prefix while it is being
  // typed (t62: nothing found, where the guide says they are searched
  // when they are the whole search). Titles and headings only: the text
  // of every page holds them.
  Index.prototype.titled = function (words, open) {
    var sep = "[^\\p{L}\\p{Nd}\\p{M}]+";
    // A heading's number before them ("1. What is this") is read past (t64).
    var re = new RegExp("^[^\\p{L}\\p{M}]*" + words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join(sep) +
      (open ? "" : "(?![\\p{L}\\p{Nd}\\p{M}])"), "u");
    return this.named(function (t) { return re.test(t); });
  };

  // literal finds a query that holds no term, only letters alone and
  // signs (Q&A, AT&T, which the index leaves out), as written in the
  // titles and headings (t80: nothing found, where a page was titled so).
  Index.prototype.literal = function (q) {
    var want = this.a.fold(q).trim();
    if (Array.from(want).length < 2) return [];
    return this.named(function (t) { return t.indexOf(want) >= 0; });
  };

  // compoundRE matches, in folded text, a compound query term within a
  // longer compound: its parts joined by either connector, the last one a
  // prefix when it is being typed.
  function compoundRE(qt) {
    var w = "[\\p{L}\\p{Nd}\\p{M}]";
    var body = qt.raw.split(/[._]/).map(function (p) { return p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("[._]");
    return new RegExp("(?:^|[^\\p{L}\\p{Nd}\\p{M}])" + body + (qt.prefix ? "" : "(?!" + w + ")"), "u");
  }

  function bits(m) { var c = 0; for (; m; m &= m - 1) c++; return c; }

  // marks finds in text what a search hit: [start, end, bits] for each
  // word one of whose terms matched, and for each run of the query's
  // ideographs, in order. Only the matching characters of ideographic
  // text are marked, not the clause around them.
  Index.prototype.marks = function (text, hit) {
    var a = this.a, out = [], m, p;
    if (!hit.firsts) {
      // The first letters of the terms found: a word whose parts start
      // otherwise cannot hold one, and needs no analysis.
      hit.firsts = new Set();
      hit.terms.forEach(function (_, t) { hit.firsts.add(t[0]); });
    }
    RUN.lastIndex = 0;
    while ((m = RUN.exec(text))) {
      PARTS.lastIndex = 0;
      while ((p = PARTS.exec(m[0]))) {
        var part = p[0], at = m.index + p.index;
        if (IDEO.test(part[0])) {
          hit.cjk.forEach(function (c) {
            for (var i = part.indexOf(c.text); i >= 0; i = part.indexOf(c.text, i + 1)) out.push([at + i, at + i + c.text.length, c.bits]);
          });
          continue;
        }
        // A word cut off by ideographs keeps no connector at its ends.
        var lead = /^[._]*/.exec(part)[0].length, word = part.replace(/^[._]+|[._]+$/g, "");
        if (!word) continue;
        // Words repeat: each is analysed once per hit.
        var b = hit.seen && hit.seen.get(word);
        if (b === undefined) {
          b = 0;
          if (word.split(/[._]/).some(function (w) { return hit.firsts.has(a.fold(w[0])[0]); }) ||
              /^v[0-9]/i.test(word) && hit.firsts.has(word[1])) { // a version's number
            a.terms(word).forEach(function (t) { b |= hit.terms.get(t) || 0; });
          }
          (hit.seen = hit.seen || new Map()).set(word, b);
        }
        if (b) out.push([at + lead, at + lead + word.length, b]);
      }
    }
    out.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var merged = [];
    out.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); last[2] |= r[2]; } else merged.push(r.slice());
    });
    return merged;
  };

  // snippet picks the sentence of text that holds most of the query's
  // words (then most matches, then the first) and returns about max
  // characters of it, starting a little before its first match, with the
  // marks that fall inside: {text, marks}. Text without a match gives its
  // start.
  Index.prototype.snippet = function (text, hit, max) {
    max = max || 160;
    var ms = this.marks(text, hit), ends = [], m;
    STOP.lastIndex = 0;
    while ((m = STOP.exec(text))) ends.push(m.index + m[0].length);
    ends.push(text.length);
    var best = { score: -1, start: 0, first: 0 }, start = 0, k = 0;
    ends.forEach(function (end) {
      var b = 0, count = 0, first = -1;
      for (; k < ms.length && ms[k][0] < end; k++) {
        b |= ms[k][2];
        count++;
        if (first < 0) first = ms[k][0];
      }
      var score = bits(b) * 1000 + count;
      if (count && score > best.score) best = { score: score, start: start, first: first };
      start = end;
    });
    var from = best.start;
    while (from < text.length && /\s/.test(text[from])) from++;
    if (best.first - from > max / 3) {
      // The match is far into a long sentence: start a few words before it.
      from = best.first - Math.round(max / 5);
      var space = text.indexOf(" ", from);
      if (space >= 0 && space < best.first) from = space + 1;
    }
    var to = Math.min(text.length, from + max);
    if (to < text.length) {
      var cut = text.lastIndexOf(" ", to);
      if (cut > from + max / 2) to = cut;
    }
    // Keep whole characters: a surrogate pair is one.
    if (from > 0 && /[\uDC00-\uDFFF]/.test(text[from])) from--;
    if (to < text.length && /[\uDC00-\uDFFF]/.test(text[to])) to++;
    var lead = from > 0 ? "…" : "", out = lead + text.slice(from, to) + (to < text.length ? "…" : "");
    var shift = lead.length - from;
    return {
      text: out,
      marks: ms.filter(function (r) { return r[0] >= from && r[1] <= to; }).map(function (r) { return [r[0] + shift, r[1] + shift, r[2]]; }),
    };
  };

  if (typeof module === "object" && module.exports) module.exports = { analyzer: analyzer, Index: Index, within1: within1 };
  if (typeof document === "undefined") return;

  // ---------- The search box: ARIA combobox with a listbox popup ----------

  var doc = document, form = doc.querySelector("form.search[data-index]");
  if (!form) return;
  var input = form.querySelector(".search-input");
  var list = form.querySelector("[role=listbox]");
  var panel = form.querySelector(".search-panel");
  var status = form.querySelector(".search-status");
  if (!input || !list || !panel || !status) return;
  // count says how many results there are to screen readers, in a live
  // region of its own that stays out of sight.
  var count = doc.createElement("p");
  count.className = "visually-hidden";
  count.setAttribute("role", "status");
  form.appendChild(count); // out of the panel, which is hidden while closed
  function str(k, fallback) { return form.dataset[k] || fallback; }
  var root = form.dataset.root || "";
  var PAGE = 10; // results shown at first, and added by "More results"
  var index = null, loading = null, active = -1, options = [], shown = PAGE, last = null;
  var builds = 0; // the live preview's builds since the page loaded

  // load adds the index's script to the page, once; the script hands the
  // index to window.folioSearchIndex.
  function load() {
    if (!loading) {
      say(str("loading", "Loading…"));
      loading = new Promise(function (resolve, reject) {
        var s = doc.createElement("script");
        // Past a build of the live preview, the new index, not the one
        // the browser holds.
        s.src = form.dataset.index + (builds ? "?build=" + builds : "");
        s.async = true;
        s.onload = function () {
          var data = window.folioSearchIndex;
          window.folioSearchIndex = undefined;
          if (data && data.terms) resolve(data); else reject(new Error("no index"));
        };
        s.onerror = function () { s.remove(); reject(new Error("index not loaded")); };
        doc.head.appendChild(s);
      }).then(function (data) { index = new Index(data); say(""); return index; });
      loading.catch(function () {
        loading = null; // a later keystroke retries
        say(str("error", "The search index could not be loaded."));
        open(true);
      });
    }
    return loading;
  }

  // The live preview built the site again: the index loaded is of the
  // site before, and the next search loads the new one (t78: an edit was
  // found only after a reload of the page).
  // The index before stays for the results shown until then.
  doc.addEventListener("folio:built", function () {
    builds++;
    loading = null;
  });

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

  // href links a result, with the query for the page to highlight.
  function href(r, q) {
    var url = root + r.url;
    if (location.protocol === "file:" && (url === "" || url.slice(-1) === "/")) url += "index.html";
    return (url || "./") + "?highlight=" + encodeURIComponent(q.trim()) + (r.id ? "#" + encodeURIComponent(r.id) : "");
  }

  // fill appends text to el with the ranges of ms in <mark>.
  function fill(el, text, ms) {
    var at = 0;
    ms.forEach(function (r) {
      el.appendChild(doc.createTextNode(text.slice(at, r[0])));
      var mark = doc.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      el.appendChild(mark);
      at = r[1];
    });
    el.appendChild(doc.createTextNode(text.slice(at)));
    return el;
  }

  function part(tag, cls, text, ms) {
    var el = doc.createElement(tag);
    el.className = cls;
    return fill(el, text, ms);
  }

  // render shows the first `shown` results of the last search, and a
  // "More results" option when there are more.
  function render(res, q) {
    var hit = res.hit;
    list.textContent = "";
    options = res.results.slice(0, shown).map(function (r, i) {
      // An option holds no link: a link is a control of its own, which
      // screen readers may reach apart from the option (t52, WCAG 4.1.2).
      // The option leads to its page (follow). Its name is all it shows,
      // as a name must hold the words seen (WCAG 2.5.3).
      var li = doc.createElement("li"), box = doc.createElement("span");
      li.id = "folio-search-opt-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", href(r, q));
      box.className = "search-hit";
      // A page in another language than the site's (a fallback copy of
      // an untranslated page) is read in its own (WCAG 3.1.2).
      if (r.lang) { box.lang = r.lang; box.dir = "auto"; }
      var title = r.title || r.url;
      box.appendChild(part("span", "search-title", title, index.marks(title, hit)));
      if (r.heading) box.appendChild(part("span", "search-heading", r.heading, index.marks(r.heading, hit)));
      if (r.text) {
        var sn = index.snippet(r.text, hit);
        box.appendChild(part("span", "search-snippet", sn.text, sn.marks));
      }
      li.appendChild(box);
      list.appendChild(li);
      return li;
    });
    if (res.results.length > shown) {
      var more = doc.createElement("li");
      more.id = "folio-search-more";
      more.className = "search-more";
      more.setAttribute("role", "option");
      more.setAttribute("aria-selected", "false");
      more.textContent = str("more", "More results");
      more.addEventListener("click", showMore);
      list.appendChild(more);
      options.push(more);
    }
  }

  function showMore() {
    if (!last) return;
    var from = shown;
    shown += PAGE;
    render(last.res, last.q);
    open(true);
    setActive(Math.min(from, options.length - 1));
  }

  function run() {
    var q = input.value;
    shown = PAGE;
    // One letter typed is a search begun, not one that found nothing
    // (t80: "No results." flashed at every first letter); one ideograph
    // is a word.
    var one = Array.from(q.trim()).length === 1 && !IDEO.test(q.trim());
    if (!q.trim() || one) { list.textContent = ""; options = []; last = null; say(""); count.textContent = ""; open(false); return; }
    var waited = !index;
    if (waited) {
      // The index is still on its way (a big site's, on a slow line):
      // shown and said at once, not after it came (t42), in the panel's
      // status, a live region.
      list.textContent = "";
      options = [];
      count.textContent = "";
      say(str("loading", "Loading…"));
      open(true);
    }
    load().then(function (ix) {
      if (input.value !== q) return; // a newer keystroke owns the list
      if (waited && (panel.hidden || doc.activeElement !== input)) {
        // The reader closed the panel, or left the field, while the index
        // came: the results wait for the next keystroke (t45).
        say("");
        return;
      }
      last = { res: ix.search(q), q: q };
      render(last.res, q);
      active = -1;
      // Said, not shown: the list shows them (WCAG 4.1.3).
      say(options.length ? "" : str("noResults", "No results."));
      count.textContent = options.length ? str("count", "Search results: {n}").replace("{n}", last.res.results.length) : "";
      open(true);
    }, function () { /* load() already said why */ });
  }

  input.addEventListener("input", run);
  var quiet = false; // the field takes the focus back without opening the panel
  input.addEventListener("focus", function () { load().catch(function () {}); if (input.value.trim() && !quiet) open(true); });
  input.addEventListener("keydown", function (e) {
    var n = options.length;
    switch (e.key) {
      case "ArrowDown": if (panel.hidden) { run(); break; } setActive(n ? (active + 1) % n : -1); break;
      case "ArrowUp": setActive(n ? (active <= 0 ? n - 1 : active - 1) : -1); break;
      case "Enter":
        var opt = options[active] || options[0];
        if (!opt) break;
        if (opt.id === "folio-search-more") showMore(); else follow(opt, e);
        break;
      case "Escape":
        if (!panel.hidden) open(false); else if (input.value) input.value = ""; else leave();
        break;
      default: return;
    }
    e.preventDefault();
  });
  list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus in the field
  // follow goes to the page of a result; with Ctrl, Cmd or Shift, or the
  // middle button, in a new tab, as a link would.
  function follow(opt, e) {
    var url = opt && opt.getAttribute("data-href");
    if (!url) return;
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button === 1) { window.open(url, "_blank", "noopener"); return; }
    // Back shows the search again, where a page the browser did not keep
    // came back with an empty field (t80): the query goes with this
    // page's place in the history, not in its address.
    try { history.replaceState(Object.assign({}, history.state, { folioSearch: input.value }), ""); } catch (err) { /* file:// in some browsers */ }
    location.href = url;
  }
  function picked(e) {
    var opt = e.target.closest && e.target.closest("[data-href]");
    if (opt && list.contains(opt)) { e.preventDefault(); follow(opt, e); }
  }
  list.addEventListener("click", picked);
  // The panel takes the focus by Tab, to scroll long results by keys:
  // Escape there goes back to the field.
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && e.target === panel) {
      e.preventDefault();
      // The field first: a panel hidden with the focus in it would drop
      // the focus to the page, and the search its place to go back to.
      quiet = true;
      input.focus();
      quiet = false;
      open(false);
    }
  });
  list.addEventListener("auxclick", function (e) { if (e.button === 1) picked(e); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) open(false); });

  // The element a shortcut took the focus from: the last Escape gives it
  // back, so that the reader goes on from where they were (WCAG 2.4.3,
  // t52: the next Tab went to the header).
  var before = null;
  function leave() {
    var b = before;
    before = null;
    if (b && b !== doc.body && doc.contains(b)) b.focus(); else input.blur();
  }
  // Tab into the results panel is still the same search: the place to
  // go back to is forgotten when the focus leaves the form (t54).
  form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) before = null; });

  // Ctrl+K (Cmd+K on a Mac) focuses the search field. No one-key
  // shortcut such as "/": WCAG 2.1.4 asks that a reader can turn one off,
  // as a speech-input user must, whose words are typed as keys (t79).
  var mac = /Mac|iPhone|iPad/.test(navigator.platform || "");
  var key = form.querySelector(".search-key");
  if (key && mac) key.textContent = "\u2318K";
  doc.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey) return;
    if (!((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.shiftKey)) return;
    e.preventDefault();
    var from = doc.activeElement;
    input.focus();
    if (!form.contains(from)) before = from; // from the panel: still the same search (t55)
    input.select();
  });

  var params = new URLSearchParams(location.search);

  // ?q=term fills the field and shows the results, so searches can be linked.
  // The field shows once the page has the js class, which folio.js adds
  // after this script runs: added here first, or the hidden field would
  // not take the focus, and run() would drop the results as if the
  // reader had left it (t80).
  var q = params.get("q");
  // Back from a result: the search it was found by, once (follow).
  var back = !q && history.state && history.state.folioSearch;
  if (back) {
    q = back;
    try { var st = Object.assign({}, history.state); delete st.folioSearch; history.replaceState(st, ""); } catch (err) { /* as in follow */ }
  }
  if (q) { doc.documentElement.classList.add("js"); input.value = q; input.focus(); run(); }

  // ?highlight=words, which a result's link carries: the page marks the
  // words that made it a result and scrolls to the first one, in the
  // section the link leads to when it has one.
  var words = params.get("highlight");
  var page = doc.querySelector("article.page");
  if (!words || !page) return;
  params.delete("highlight");
  var rest = params.toString();
  try {
    // The address stays the page's own, to share or bookmark.
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  } catch (e) { /* file:// in some browsers */ }
  // The marks wait for folio.js to have set up the tabs and defined
  // window.folio.reveal, so that the tab shown below is not taken back:
  // it runs, deferred, after this script and before DOMContentLoaded,
  // and the index may load before it does. The document is no longer
  // "loading" while deferred scripts run, so the wait is set up here, as
  // this script runs, not when the index comes; load is for a script
  // added after DOMContentLoaded.
  var ready = doc.readyState === "complete" ? null : new Promise(function (resolve) {
    doc.addEventListener("DOMContentLoaded", resolve);
    window.addEventListener("load", resolve);
  });
  Promise.all([load(), ready]).then(function (r) {
    var ix = r[0];
    var hit = ix.search(words).hit, found = [];
    var walker = doc.createTreeWalker(page, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest("script, style, svg, math, textarea, mark, .heading-anchor, .details-anchor") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var ms = ix.marks(node.data, hit);
      if (!ms.length) return;
      var frag = fill(doc.createDocumentFragment(), node.data, ms);
      frag.querySelectorAll("mark").forEach(function (mk) { mk.className = "search-hit"; found.push(mk); });
      node.parentNode.replaceChild(frag, node);
    });
    if (!found.length) return;
    var target = null;
    try { target = location.hash && doc.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { /* a bad escape */ }
    // The first match in the section the link leads to; a tab's name
    // (its button, and its title hidden at the top of its panel) stands
    // for its panel, which is where the match is shown.
    var first = null;
    for (var i = 0; i < found.length && !first; i++) {
      var mk = found[i];
      if (target && !(target.compareDocumentPosition(mk) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY))) continue;
      var tab = mk.closest("[role=tab][aria-controls]");
      first = tab ? doc.getElementById(tab.getAttribute("aria-controls")) || mk : mk;
    }
    first = first || found[0];
    // A match inside a closed block or a tab not selected shows it, as a
    // link on the page to it would (folio.js): following a search result
    // is no choice of tab for the other tab sets, nor for the next pages.
    if (window.folio && typeof window.folio.reveal === "function") window.folio.reveal(first);
    // The element to scroll to: the match, or what shows it (a panel
    // whose title is hidden).
    var shown = first;
    while (shown.parentElement && shown !== page && !shown.getClientRects().length) shown = shown.parentElement;
    // After the browser has scrolled to the fragment, which it does when the
    // page has loaded; at once, so that nothing scrolls it back.
    function show() { shown.scrollIntoView({ block: "center", behavior: "instant" }); }
    if (doc.readyState === "complete") show(); else window.addEventListener("load", show);
    // Escape clears the marks.
    doc.addEventListener("keydown", function clear(e) {
      if (e.key !== "Escape" || e.defaultPrevented || form.contains(e.target)) return;
      found.forEach(function (mk) { mk.replaceWith(doc.createTextNode(mk.textContent)); });
      page.normalize();
      doc.removeEventListener("keydown", clear);
    });
  }, function () { /* no index: no marks */ });
})();
