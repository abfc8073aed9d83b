// folio default theme script. Progressive enhancement only: every page is
// complete without it. No framework, no network requests.
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  root.classList.add("js");

  // Opened from disk (file://), a link to a folder shows a directory
  // listing: point such links at the folder's index.html.
  function fileLinks(el) {
    if (location.protocol !== "file:") return;
    each(el, "a[href]", function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
      var hash = href.indexOf("#");
      var path = hash < 0 ? href : href.slice(0, hash);
      var rest = hash < 0 ? "" : href.slice(hash);
      if (path === "." || path === "..") path += "/";
      if (path.slice(-1) === "/") a.setAttribute("href", path + "index.html" + rest);
    });
  }

  // fileIndex is fileLinks for an address the script goes to itself.
  function fileIndex(href) {
    if (location.protocol !== "file:") return href;
    var u = new URL(href, location.href);
    if (u.protocol === "file:" && u.pathname.slice(-1) === "/") u.pathname += "index.html";
    return u.href;
  }

  // each calls fn on el, when it matches sel, and on every element inside
  // it that does. Selectors such as ".content pre" match el's ancestors
  // too: el may be a block inside .content.
  function each(el, sel, fn) {
    var found = [];
    if (el.nodeType === 1 && el.matches(sel)) found.push(el);
    Array.prototype.push.apply(found, el.querySelectorAll(sel));
    found.forEach(fn);
  }

  // once marks el as done for what (data-folio-<what>) and says whether it
  // was not yet: enhancing twice must not add a second button or listener.
  function once(el, what) {
    var attr = "data-folio-" + what;
    if (el.hasAttribute(attr)) return false;
    el.setAttribute(attr, "");
    return true;
  }

  var body = doc.body;
  var strings = (body && body.dataset) || {};
  function str(key, fallback) { return strings[key] || fallback; }

  function store(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      window.localStorage.setItem(key, value);
    } catch (e) { /* storage disabled: choices last one page */ }
    return null;
  }

  // ---------- Colour theme: light, dark, or as the system says ----------
  // partials/theme-early.html sets data-theme before the first paint; this
  // keeps the menu, and the pictures that have a dark version, in step.

  var THEME_KEY = "folio-theme";
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var ALWAYS = "(min-width: 0)", NEVER = "(max-width: 0) and (min-width: 1px)";

  function applyTheme(choice) {
    if (choice !== "light" && choice !== "dark") choice = "system";
    if (choice === "system") root.removeAttribute("data-theme"); else root.setAttribute("data-theme", choice);
    doc.querySelectorAll("[data-theme-choice]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-theme-choice") === choice ? "true" : "false");
    });
    // <source media="(prefers-color-scheme: dark)"> follows the system
    // alone: point it at the theme chosen.
    var dark = choice === "dark" || (choice === "system" && systemDark && systemDark.matches);
    doc.querySelectorAll("picture > source[media*='prefers-color-scheme']").forEach(function (src) {
      var media = src.getAttribute("data-media");
      if (media === null) {
        media = src.getAttribute("media");
        src.setAttribute("data-media", media);
      }
      src.setAttribute("media", choice === "system" ? media : media.replace(/\(\s*prefers-color-scheme\s*:\s*(dark|light)\s*\)/gi,
        function (_, want) { return (want.toLowerCase() === "dark") === dark ? ALWAYS : NEVER; }));
    });
  }

  applyTheme(store(THEME_KEY));
  doc.querySelectorAll("[data-theme-choice]").forEach(function (b) {
    b.addEventListener("click", function () {
      var choice = b.getAttribute("data-theme-choice");
      store(THEME_KEY, choice);
      applyTheme(choice);
      var menu = b.closest("details");
      if (menu) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });

  // ---------- Header menus (language, theme) ----------
  // One open at a time; Escape, a click elsewhere or the focus leaving
  // closes them.

  var menus = doc.querySelectorAll("details.lang-menu, details.theme-menu");
  menus.forEach(function (d) {
    d.addEventListener("toggle", function () {
      if (!d.open) return;
      menus.forEach(function (o) { if (o !== d) o.open = false; });
    });
    d.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && d.open) {
        d.open = false;
        d.querySelector("summary").focus();
      }
    });
    d.addEventListener("focusout", function (e) {
      if (d.open && e.relatedTarget && !d.contains(e.relatedTarget)) d.open = false;
    });
  });
  doc.addEventListener("click", function (e) {
    menus.forEach(function (d) { if (d.open && !d.contains(e.target)) d.open = false; });
  });

  // ---------- Language menu: stay at the section being read ----------
  // The other language's page opens at the same anchor: a section that
  // has the same explicit id ({#id}) in both is found again. Where that
  // page has no such anchor, a translation whose headings are as many as
  // this page's opens at the heading in the same place (t42: #the-index
  // is #l-index in French): the link says which (?section=3-12), and the
  // page that opens takes it out of its address. A place below an h4 (an
  // h5, a <details>, a footnote) is carried as its section, and an h5 or
  // h6 as itself too (?section=3-12~9-30), should both pages have as many
  // of those (t62: the French h6 opened the English page at its top).

  var HEADINGS = ".content :is(h2, h3, h4)[id]", ALL_HEADINGS = ".content :is(h2, h3, h4, h5, h6)[id]";
  function headingList(sel) { return Array.prototype.slice.call(doc.querySelectorAll(sel)); }
  // sectionIndex is the index in headings of the one el is, or of the
  // last before it, whose section holds it; -1 before the first.
  function sectionIndex(headings, el) {
    for (var k = headings.length - 1; k >= 0; k--) {
      if (headings[k] === el || headings[k].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) return k;
    }
    return -1;
  }
  doc.querySelectorAll(".lang-menu-list a[hreflang]").forEach(function (a) {
    function carry() {
      var href = a.getAttribute("href").split("#")[0].split("?")[0], q = "";
      var at = location.hash && doc.getElementById(hashId());
      if (at) {
        var hs = headingList(HEADINGS), i = sectionIndex(hs, at);
        if (i >= 0) q = "?section=" + (i + 1) + "-" + hs.length;
        var all = headingList(ALL_HEADINGS), j = all.indexOf(at);
        if (i >= 0 && j >= 0 && hs[i] !== at) q += "~" + (j + 1) + "-" + all.length;
      }
      a.setAttribute("href", href + q + location.hash);
    }
    a.addEventListener("click", carry);
    a.addEventListener("auxclick", carry);
    a.addEventListener("contextmenu", carry); // before "Copy link"
  });

  var section = /^\?section=(\d+)-(\d+)(?:~(\d+)-(\d+))?$/.exec(location.search);
  if (section) {
    var clean = location.pathname + location.hash;
    if (!(location.hash && doc.getElementById(hashId()))) {
      var hs = doc.querySelectorAll(HEADINGS), h = hs.length === +section[2] && hs[+section[1] - 1];
      var all = section[3] && doc.querySelectorAll(ALL_HEADINGS);
      if (all && all.length === +section[4] && all[+section[3] - 1]) h = all[+section[3] - 1];
      if (h) {
        clean = location.pathname + "#" + encodeURIComponent(h.id);
        history.replaceState(history.state, "", clean);
        h.scrollIntoView();
      }
    }
    history.replaceState(history.state, "", clean);
  }

  // ---------- Language index: go to the reader's language ----------

  var langList = doc.querySelector(".lang-list[data-default]");
  if (langList) {
    var links = langList.querySelectorAll("a[hreflang]");
    var byCode = {};
    links.forEach(function (a) {
      byCode[a.getAttribute("hreflang").toLowerCase()] = a;
      a.addEventListener("click", function () { store("folio-lang", a.getAttribute("hreflang")); });
    });
    var wanted = [store("folio-lang")].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      if (!wanted[i]) continue;
      var code = String(wanted[i]).toLowerCase();
      var hit = byCode[code] || byCode[code.split("-")[0]];
      if (hit) {
        // replace() keeps this page out of history, so Back does not loop.
        window.location.replace(fileIndex(hit.href));
        return;
      }
    }
  }

  // ---------- Section tabs: the current one in view on a phone ----------

  var sectionList = doc.querySelector(".section-tabs ul");
  if (sectionList) {
    var current = sectionList.querySelector("[aria-current]");
    // A fade at either end says that more tabs are there to scroll to.
    var edges = function () {
      var max = sectionList.scrollWidth - sectionList.clientWidth;
      var pos = Math.abs(sectionList.scrollLeft); // negative right to left
      sectionList.classList.toggle("more-before", pos > 1);
      sectionList.classList.toggle("more-after", max - pos > 1);
    };
    // The current tab, if the row hides it, comes to the middle.
    var show = function () {
      if (!current) return;
      var box = sectionList.getBoundingClientRect(), tab = current.getBoundingClientRect();
      if (tab.left < box.left || tab.right > box.right) {
        sectionList.scrollLeft += tab.left + tab.width / 2 - (box.left + box.width / 2);
      }
    };
    show();
    edges();
    sectionList.addEventListener("scroll", edges, { passive: true });
    window.addEventListener("resize", function () { show(); edges(); });
  }

  // ---------- Tabs (WAI-ARIA tabs pattern) ----------

  var TAB_KEY = "folio-tab:";

  function selectTab(tab, focus) {
    var list = tab.closest("[role=tablist]");
    if (!list) return;
    list.querySelectorAll("[role=tab]").forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      var panel = doc.getElementById(t.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    if (focus) tab.focus();
  }

  // tabFor returns the one tab of list that key selects: the first whose key
  // is key, else the first whose key differs only in case (API samples key
  // theirs "http" for a GitBook tab titled "HTTP"). One at most: selecting
  // each match in turn would leave the last one chosen, not the reader's.
  function tabFor(list, key) {
    var tabs = list.querySelectorAll("[role=tab][data-tab-key]"), lower = key.toLowerCase(), loose = null;
    for (var i = 0; i < tabs.length; i++) {
      var k = tabs[i].dataset.tabKey;
      if (k === key) return tabs[i];
      if (!loose && k.toLowerCase() === lower) loose = tabs[i];
    }
    return loose;
  }

  // Choosing "macOS" once selects "macOS" in every tab set that has it, on
  // this page and on the next ones. The set the reader chose in is left
  // alone: it may hold two tabs of the same title, and the one clicked is
  // the one wanted.
  function chooseKey(key, from) {
    if (!key) return;
    doc.querySelectorAll(".tabs [role=tablist]").forEach(function (list) {
      var t = list !== from && tabFor(list, key);
      if (t) selectTab(t, false);
    });
    store(TAB_KEY + "last", key);
  }

  // headingBefore is the heading of the part of the page el is in: the
  // last one before it in the page's text, or null.
  function headingBefore(el) {
    for (var at = el; at && !(at.classList && at.classList.contains("content")); at = at.parentElement) {
      for (var p = at.previousElementSibling; p; p = p.previousElementSibling) {
        if (/^H[1-6]$/.test(p.tagName)) return p;
        // Not one inside another block's tab, expandable, hint or step,
        // which titles that block's part, hidden or not, nor one of a
        // sibling tab of the set the list is in (t54, t55).
        if (p.matches("[role=tabpanel], .tab-panel")) continue;
        var inner = Array.prototype.filter.call(p.querySelectorAll("h1, h2, h3, h4, h5, h6"), function (h) {
          var box = h.closest(".tabs, details, .hint, .stepper");
          return !box || !p.contains(box);
        });
        if (inner.length) return inner[inner.length - 1];
      }
    }
    return null;
  }

  function initTabs(el) {
    var remembered = store(TAB_KEY + "last");
    each(el, ".tabs [role=tablist]", function (list) {
      var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
      if (!tabs.length || !once(list, "tabs")) return;
      // A page's tab sets are told apart by the part they are in: each
      // is named by its heading (t52: unnamed, 33 on a page).
      var h = !list.hasAttribute("aria-label") && !list.hasAttribute("aria-labelledby") && headingBefore(list.closest(".tabs"));
      if (h && h.id) list.setAttribute("aria-labelledby", h.id);
      var current = tabs.filter(function (t) { return t.getAttribute("aria-selected") === "true"; })[0] || tabs[0];
      selectTab(current, false);
      list.addEventListener("click", function (e) {
        var tab = e.target.closest("[role=tab]");
        if (!tab || !list.contains(tab)) return;
        selectTab(tab, false);
        chooseKey(tab.dataset.tabKey, list);
      });
      list.addEventListener("keydown", function (e) {
        var i = tabs.indexOf(doc.activeElement);
        if (i < 0) return;
        var rtl = getComputedStyle(list).direction === "rtl";
        var next = -1;
        switch (e.key) {
          case "ArrowRight": next = rtl ? i - 1 : i + 1; break;
          case "ArrowLeft": next = rtl ? i + 1 : i - 1; break;
          // Tabs stacked on a narrow screen go down and up (t79); in a
          // row, these keys scroll the page.
          case "ArrowDown": case "ArrowUp":
            if (tabs.length < 2 || tabs[1].offsetTop <= tabs[0].offsetTop) return;
            next = e.key === "ArrowDown" ? i + 1 : i - 1;
            break;
          case "Home": next = 0; break;
          case "End": next = tabs.length - 1; break;
          default: return;
        }
        e.preventDefault();
        var tab = tabs[(next + tabs.length) % tabs.length];
        selectTab(tab, true);
        chooseKey(tab.dataset.tabKey, list);
      });
      var chosen = remembered && tabFor(list, remembered);
      if (chosen) selectTab(chosen, false);
    });
  }

  // ---------- Copy buttons ----------

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http have no clipboard API: fall back to a hidden
    // textarea and execCommand.
    return new Promise(function (resolve, reject) {
      var ta = doc.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.style.position = "fixed";
      ta.style.opacity = "0";
      body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
      body.removeChild(ta);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  // onCopy makes btn copy what text() returns, saying so in show (the
  // button's visible text) and status (a live region); when the clipboard
  // is refused, it selects target for Ctrl+C. The words come back after
  // two seconds.
  function onCopy(btn, show, status, text, target) {
    var label = show.textContent;
    // While it says the interface's words, the label is in the
    // interface's language: an API block's button says the page's
    // (t102: "Copied" in Arabic, marked English).
    var lang = show.getAttribute("lang"), dir = show.getAttribute("dir");
    var say = function (words) {
      show.textContent = words;
      uiLang(show, btn);
      status.textContent = words;
    };
    var timer;
    btn.addEventListener("click", function () {
      copyText(text()).then(function () {
        btn.classList.add("is-done");
        say(str("copied", "Copied"));
      }, function () {
        say(str("copyFailed", "Press Ctrl+C to copy"));
        var el = target();
        if (el) {
          var range = doc.createRange();
          range.selectNodeContents(el);
          var sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
        }
      });
      clearTimeout(timer);
      timer = setTimeout(function () {
        btn.classList.remove("is-done");
        show.textContent = label;
        if (lang === null) show.removeAttribute("lang"); else show.setAttribute("lang", lang);
        if (dir === null) show.removeAttribute("dir"); else show.setAttribute("dir", dir);
        status.textContent = "";
      }, 2000);
    });
  }

  // uiLang gives an element the script writes in the interface's words
  // the interface's language where it stands in a part in another: a
  // fallback page's English article (t97: its Arabic "Copy" was read with
  // an English voice); or English, when the interface's words are.
  function uiLang(el, at) {
    if (strings.uiLang) {
      // The page's language has no words of the theme: English's stand
      // in, and are read as English (t97).
      el.lang = strings.uiLang;
      el.dir = "ltr";
      return;
    }
    var root = doc.documentElement, part = at.closest("[lang]");
    if (!part || part === root || part.lang === root.lang) return;
    el.lang = root.lang;
    if (root.dir) el.dir = root.dir;
  }

  function addCopy(host, pre) {
    if (host.querySelector(":scope > .copy-button")) return;
    var label = str("copy", "Copy");
    var btn = doc.createElement("button");
    btn.type = "button";
    btn.className = "copy-button";
    // A titled block's button names it: a page's buttons are told apart
    // (t52: all "Copy code").
    var title = host.getAttribute("data-title");
    btn.setAttribute("aria-label", str("copyLabel", "Copy code") + (title ? " (" + title + ")" : ""));
    var text = doc.createElement("span");
    text.textContent = label;
    btn.appendChild(text);
    // Beside the button: a button's content is presentational, and its
    // aria-label replaces it, so a live region inside may say nothing.
    var status = doc.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var code = function () { return pre.querySelector("code") || pre; };
    onCopy(btn, text, status, function () { return code().innerText.replace(/\n$/, ""); }, code);
    uiLang(btn, host);
    uiLang(status, host);
    host.classList.add("has-copy");
    // Before the code, where it is drawn (the grid places both): the
    // keyboard reaches the button first, not after a long block's
    // scrolling code (t79, WCAG 2.4.3).
    host.insertBefore(btn, pre);
    host.insertBefore(status, pre);
  }

  function initCopy(el) {
    each(el, ".content pre", function (pre) {
      var block = pre.parentElement;
      if (block && block.classList.contains("code-block")) {
        addCopy(block, pre);
        return;
      }
      // Wrap a bare <pre> (in a prompt too) so the button does not scroll
      // away with the code, and has a row of its own above it
      // (content.css).
      var wrap = doc.createElement("div");
      wrap.className = "code-block";
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      addCopy(wrap, pre);
    });
  }

  // ---------- Heading anchors ----------

  // anchorLabel names the link to a section: the anchor string with
  // {section}, the section's title, where the language puts it, with its
  // own punctuation ("Lien vers cette section : Titre" in French). A
  // string without {section} (a site's own, older form) is followed by
  // the title after ": ".
  function anchorLabel(title) {
    var label = str("anchor", "Link to this section: {section}");
    title = title.trim();
    if (label.indexOf("{section}") < 0) return label + ": " + title;
    return label.split("{section}").join(title);
  }

  // spoken is the text of n as a screen reader reads it: an image by its
  // alt text, without what is hidden, a formula's TeX source or a
  // section's comment link (review).
  function spoken(n) {
    if (n.nodeType === 3) return n.textContent;
    if (n.nodeType !== 1 || n.hidden || n.getAttribute("aria-hidden") === "true" ||
        n.matches("annotation, .comment-link, .heading-anchor")) return "";
    if (n.matches("img")) return n.getAttribute("alt") || "";
    return Array.prototype.map.call(n.childNodes, spoken).join("");
  }

  function initAnchors(el) {
    // h5 and h6 too: a reviewer cites requirement 5.2.2.1.1 (t62).
    each(el, ".content :is(h2, h3, h4, h5, h6)[id], " +
      ".content .api-op-title[id], .content .api-model-title[id]", function (h) {
      if (h.querySelector(".heading-anchor")) return;
      if (!h.hasAttribute("aria-label")) {
        // The heading is named by its own text: screen readers read the
        // links in it into its name ("Hints Link to this section: Hints",
        // t42), in the page and in their list of headings.
        var own = spoken(h).replace(/\s+/g, " ").trim();
        if (own) h.setAttribute("aria-label", own);
      }
      var a = doc.createElement("a");
      a.className = "heading-anchor";
      a.href = "#" + encodeURIComponent(h.id);
      // Named by what the heading says, as read: not the TeX of its math
      // or without its images' alternative text (t79).
      a.setAttribute("aria-label", anchorLabel(h.getAttribute("aria-label") || spoken(h).replace(/\s+/g, " ").trim()));
      a.textContent = "#";
      uiLang(a, h);
      // Before the section's comment link, when the build put one.
      h.insertBefore(a, h.querySelector(":scope > .comment-link"));
    });
    // An expandable block with an ID gets the same link, beside its
    // summary: inside it, the link would be a control in a control (the
    // summary is a button), which keyboards and screen readers reach badly.
    each(el, ".content details[id]", function (d) {
      var s = d.querySelector(":scope > summary");
      if (!s || d.closest(".api-block")) return;
      var wrap = d.parentNode;
      var a = wrap.classList.contains("details-anchored") && wrap.querySelector(":scope > .details-anchor");
      if (!a) {
        wrap = doc.createElement("div");
        wrap.className = "details-anchored";
        a = doc.createElement("a");
        a.className = "details-anchor";
        a.textContent = "#";
        uiLang(a, d);
        d.parentNode.insertBefore(wrap, d);
        // After the block: the keyboard reaches its summary first, as
        // it reaches a heading before its link (CSS puts it beside it).
        wrap.appendChild(d);
        wrap.appendChild(a);
      }
      // Again after a live update, which may have renamed the block.
      a.href = "#" + encodeURIComponent(d.id);
      a.setAttribute("aria-label", anchorLabel(s.textContent));
    });
  }

  // ---------- API operations: copy the URL, choose the server ----------

  function initAPICopy(el) {
    each(el, ".content .api-copy[data-copy]", function (btn) {
      if (!once(btn, "copy")) return;
      // A live region inside the button would be hidden with its children.
      var status = doc.createElement("span");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      uiLang(status, btn);
      btn.parentNode.insertBefore(status, btn.nextSibling);
      onCopy(btn, btn, status, function () { return btn.getAttribute("data-copy"); },
        function () { return btn.parentNode.querySelector(".api-url"); });
      btn.hidden = false;
    });
  }

  // Long URLs break after a slash rather than inside a word.
  function slashBreaks(el) {
    var walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT, null, false);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var parts = node.nodeValue.split("/");
      if (parts.length < 2) return;
      var frag = doc.createDocumentFragment();
      parts.forEach(function (part, i) {
        if (i > 0) {
          frag.appendChild(doc.createTextNode("/"));
          frag.appendChild(doc.createElement("wbr"));
        }
        if (part) frag.appendChild(doc.createTextNode(part));
      });
      node.parentNode.replaceChild(frag, node);
    });
  }

  function initPaths(el) {
    each(el, ".content .api-url .api-path", function (path) {
      if (once(path, "breaks")) slashBreaks(path);
    });
  }

  // The code samples folio wrote (data-server: the server they call)
  // follow the chosen server: its URL in the cURL, JavaScript and Python
  // requests, and in the HTTP request its path before the operation's and
  // its Host header. Each is a token of its own, so a text node holds it
  // whole. The spec's own samples (no data-server) are left alone.
  function retarget(op, to) {
    var box = op.querySelector(".api-samples[data-server]");
    if (!box) return;
    var from = box.getAttribute("data-server");
    // A server at the site's own root ("/") is written as nothing: there is
    // nothing in the samples to find and replace.
    if (from === to || !from) return;
    var a = parseURL(from), b = parseURL(to);
    box.querySelectorAll(".tab-panel pre code").forEach(function (code) {
      if (code.closest(".tab-panel").getAttribute("data-tab-key") === "http") {
        if (!a || !b) return;
        var lines = code.querySelectorAll(".line");
        var first = lines[0], host = null;
        for (var i = 1; i < lines.length; i++) {
          if (/^Host: /i.test(lines[i].textContent)) host = lines[i];
        }
        // METHOD target HTTP/1.1: the target is the second token.
        var target = first && first.querySelectorAll("span")[1];
        if (target && target.textContent.indexOf(a.path) === 0) {
          target.textContent = b.path + target.textContent.slice(a.path.length);
        }
        // The Host line names the chosen server's host: it goes with a
        // relative server, which has none, and comes back with one.
        if (b.host && !host && first) {
          host = doc.createElement("span");
          host.className = "line";
          host.innerHTML = '<span class="n">Host</span><span class="o">:</span> <span class="l"></span>';
          first.after("\n", host);
        }
        if (host && b.host) {
          host.lastElementChild.textContent = b.host;
        } else if (host) {
          if (host.previousSibling && host.previousSibling.nodeType === 3) host.previousSibling.remove();
          host.remove();
        }
        return;
      }
      var walker = doc.createTreeWalker(code, NodeFilter.SHOW_TEXT, null, false);
      while (walker.nextNode()) {
        var node = walker.currentNode;
        if (node.nodeValue.indexOf(from) >= 0) node.nodeValue = node.nodeValue.split(from).join(to);
      }
    });
    box.setAttribute("data-server", to);
  }

  // parseURL gives a server URL's host ("" for a relative one) and the
  // path an operation's path follows; null if it cannot be read.
  function parseURL(s) {
    try {
      // A relative URL resolves against a base without a host.
      var u = new URL(s, "folio:/");
      return { host: u.host, path: u.pathname.replace(/\/$/, "") };
    } catch (e) {
      return null;
    }
  }

  function initServers(el) {
    each(el, ".content .api-servers[data-for]", function (box) {
      var urls = box.querySelectorAll(".api-server-url");
      var opId = box.getAttribute("data-for") + "-op";
      var op = doc.getElementById(opId);
      var shown = op && op.querySelector(".api-endpoint .api-server");
      if (urls.length < 2 || !shown || !once(box, "servers")) return;
      var id = box.getAttribute("data-for") + "-server";
      var wrap = doc.createElement("div");
      wrap.className = "api-server-choice";
      var label = doc.createElement("label");
      label.htmlFor = id;
      // data-api-server on <body> is the api_server string; else the list's own label.
      var listLabel = box.querySelector(".api-servers-label");
      label.textContent = str("apiServer", listLabel ? listLabel.textContent : "Server");
      if (strings.apiServer) uiLang(label, box); // the interface's word (t102)
      var select = doc.createElement("select");
      select.id = id;
      var current = shown.textContent;
      urls.forEach(function (code) {
        var url = code.textContent;
        var desc = code.parentNode.querySelector(".api-server-desc");
        var opt = doc.createElement("option");
        opt.value = url;
        opt.textContent = desc && desc.textContent.trim() ? url + " (" + desc.textContent.trim() + ")" : url;
        opt.selected = url === current;
        select.appendChild(opt);
      });
      select.addEventListener("change", function () {
        // Looked up now: the live preview may have replaced the operation.
        op = doc.getElementById(opId);
        shown = op && op.querySelector(".api-endpoint .api-server");
        if (!shown) return;
        var old = shown.textContent;
        shown.textContent = select.value;
        op.querySelectorAll(".api-endpoint .api-copy[data-copy]").forEach(function (btn) {
          var copy = btn.getAttribute("data-copy");
          var path = op.querySelector(".api-endpoint .api-path");
          btn.setAttribute("data-copy", copy.indexOf(old) === 0 ? select.value + copy.slice(old.length)
            : select.value + (path ? path.textContent : ""));
        });
        retarget(op, select.value);
      });
      wrap.appendChild(label);
      wrap.appendChild(select);
      box.appendChild(wrap);
      // The list stays for print; CSS hides it on screen.
      box.classList.add("has-choice");
    });
  }

  // ---------- Fragments inside closed <details> and other tabs ----------
  // A link to a field, a response or an operation in a collapsed section
  // opens the sections around it; a link to a heading in a tab that is not
  // selected selects that tab, and the tabs around it, as a click on each
  // would, but for this set alone: following a link is no choice of tab
  // for the others, nor for the next pages.

  function tabOf(panel) {
    var tabs = panel.parentElement ? panel.parentElement.querySelectorAll("[role=tab]") : [];
    for (var i = 0; i < tabs.length; i++) {
      if (tabs[i].getAttribute("aria-controls") === panel.id) return tabs[i];
    }
    return null;
  }

  function reveal(id, scroll) {
    var target = id && doc.getElementById(id);
    if (target) revealEl(target, scroll);
  }
  // revealEl opens what hides target and says whether anything was.
  // window.folio.reveal is it for the other scripts (search.js, for a
  // result inside another tab), without the scroll.
  function revealEl(target, scroll) {
    var opened = false;
    for (var el = target; el && el !== body; el = el.parentElement) {
      if (el.tagName === "DETAILS" && !el.open) {
        el.open = true;
        opened = true;
      } else if (el.getAttribute("role") === "tabpanel" && el.id) {
        var tab = tabOf(el);
        if (tab && (tab.getAttribute("aria-selected") !== "true" || el.hidden)) {
          selectTab(tab, false);
          opened = true;
        }
      }
    }
    if (opened && scroll) target.scrollIntoView();
    return opened;
  }
  function hashId() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
  }
  // The link beside a block's summary gives its address and leaves it as
  // it is: the hash change it makes does not open it.
  var keepShut = null;
  window.addEventListener("hashchange", function () {
    var id = hashId();
    var keep = id === keepShut;
    keepShut = null;
    if (!keep) reveal(id, true);
  });
  // Before the browser follows a link to the current fragment (no hashchange).
  doc.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#']");
    if (!a) return;
    var id = a.getAttribute("href").slice(1);
    try { id = decodeURIComponent(id); } catch (err) { /* keep as written */ }
    if (a.classList.contains("details-anchor")) {
      keepShut = id;
      return;
    }
    jumpedTo = id;
    requestAnimationFrame(refreshOutline);
    reveal(id, false);
  });

  // ---------- Embeds: nothing third-party loads before the click ----------

  function initEmbeds(el) {
    each(el, "figure.embed-card[data-embed-src]", function (fig) {
      var btn = fig.querySelector("button.embed-load");
      var src = fig.getAttribute("data-embed-src");
      if (!btn || !/^https:\/\//i.test(src) || !once(fig, "embed")) return;
      if (!btn.textContent.trim()) btn.textContent = str("loadEmbed", "Load embedded content");
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var link = fig.querySelector(".embed-link");
        var frame = doc.createElement("iframe");
        frame.className = "embed-frame";
        frame.src = src;
        frame.title = (fig.querySelector("figcaption") || link || fig).textContent.trim() || src;
        frame.setAttribute("allowfullscreen", "");
        frame.setAttribute("loading", "lazy");
        frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
        if (link) { link.replaceWith(frame); } else { fig.insertBefore(frame, fig.firstChild); }
        btn.remove();
        frame.focus();
      });
    });
  }

  // ---------- Sidebar: current page and drawer ----------

  var sidebar = doc.getElementById("folio-sidebar");
  var toggle = doc.querySelector(".menu-toggle");
  if (sidebar) {
    var current = sidebar.querySelector('[aria-current="page"]');
    if (current) {
      var scroller = sidebar.querySelector(".sidebar-inner") || sidebar;
      var top = current.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      if (top < 0 || top > scroller.clientHeight - 40) {
        scroller.scrollTop += top - scroller.clientHeight / 3;
      }
    }
  }
  if (sidebar && toggle) {
    toggle.hidden = false;
    var setOpen = function (open, refocus) {
      root.classList.add("nav-anim");
      root.classList.toggle("nav-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open && refocus) toggle.focus();
    };
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true", false);
    });
    doc.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && root.classList.contains("nav-open")) setOpen(false, sidebar.contains(doc.activeElement));
    });
    // Tab from the Menu button of an open drawer goes into the drawer,
    // which the header's controls came before (t42), and Shift+Tab from
    // its first link back to the button.
    var drawerLinks = function () { return sidebar.querySelectorAll("a[href], button:not([hidden]), summary"); };
    toggle.addEventListener("keydown", function (e) {
      if (e.key !== "Tab" || e.shiftKey || !root.classList.contains("nav-open")) return;
      var first = drawerLinks()[0];
      if (first) { e.preventDefault(); first.focus(); }
    });
    sidebar.addEventListener("keydown", function (e) {
      if (e.key === "Tab" && e.shiftKey && root.classList.contains("nav-open") && e.target === drawerLinks()[0]) {
        e.preventDefault();
        toggle.focus();
      }
    });
    // The keyboard going on past the open drawer (Tab after its last
    // link) closes it: focus would go to what the drawer covers. The
    // header's controls, before it, stay in view above it.
    doc.addEventListener("focusin", function (e) {
      if (root.classList.contains("nav-open") && !sidebar.contains(e.target) &&
          sidebar.compareDocumentPosition(e.target) & Node.DOCUMENT_POSITION_FOLLOWING) setOpen(false, false);
    });
    doc.addEventListener("click", function (e) {
      if (!root.classList.contains("nav-open")) return;
      if (sidebar.contains(e.target) || toggle.contains(e.target)) {
        if (e.target.closest && e.target.closest("a[href]")) setOpen(false, false);
        return;
      }
      setOpen(false, false);
    });
    // The drawer only exists below the breakpoint; leaving it resets state.
    var wide = window.matchMedia("(min-width: 48.0625rem)");
    var onWide = function () { if (wide.matches) setOpen(false, false); };
    if (wide.addEventListener) wide.addEventListener("change", onWide);
  }


  // ---------- Outline: highlight the section in view ----------

  // Read again on every init: the headings, or the outline, may have been
  // replaced.
  var outlineObserver = null, outlineUpdate = null;
  // The observer reports headings crossing its band only: a jump (a #hash,
  // a search result, a link in the page) that lands a heading above the
  // band, between headings, reports nothing, and the outline showed
  // nothing or the section left. So the outline is worked out again once
  // the page has scrolled where it lands, and whenever a scroll ends.
  function refreshOutline() { if (outlineUpdate) outlineUpdate(); }
  if ("onscrollend" in window) {
    window.addEventListener("scrollend", refreshOutline);
  } else {
    var scrollTimer;
    window.addEventListener("scroll", function () {
      clearTimeout(scrollTimer);
      scrollTimer = setTimeout(refreshOutline, 150);
    }, { passive: true });
  }
  // The heading a jump led to. On a page too short to bring it to the
  // top, it stays below an earlier heading, yet it is the section asked
  // for: the outline shows it while it is in the window, until the reader
  // scrolls.
  var jumpedTo = null;
  function noteJump() { jumpedTo = hashId() || null; }
  window.addEventListener("hashchange", function () { noteJump(); requestAnimationFrame(refreshOutline); });
  ["wheel", "touchmove", "keydown"].forEach(function (type) {
    window.addEventListener(type, function (e) {
      if (type !== "keydown" || !e.target.closest || !e.target.closest("input, textarea, select")) jumpedTo = null;
    }, { passive: true });
  });
  // Until the page has loaded and landed where it opens, the outline
  // jumps to its section rather than gliding there.
  var outlineSettled = false;
  window.addEventListener("load", function () {
    noteJump();
    requestAnimationFrame(function () { refreshOutline(); outlineSettled = true; });
  });

  // The outline is taller than the window on a long page: its own box
  // scrolls to keep the section being read in view, the page never moves
  // for it. Not while the reader has the outline in hand (the pointer on
  // it, or a wheel, a touch or a key in it in the last moments): the link
  // pointed at would slide away.
  var outlineHeld = 0;
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  function holdOutline() { outlineHeld = Date.now(); }
  function keepInView(box, a, smooth) {
    if (!box || box.scrollHeight <= box.clientHeight) return;
    if (Date.now() - outlineHeld < 1500 || box.matches(":hover")) return;
    var top = a.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientTop;
    var margin = Math.min(48, box.clientHeight / 4);
    if (top >= margin && top + a.offsetHeight <= box.clientHeight - margin) return;
    var to = Math.max(0, Math.min(box.scrollTop + top - box.clientHeight / 3, box.scrollHeight - box.clientHeight));
    if (smooth && box.scrollTo && !(reducedMotion && reducedMotion.matches)) {
      box.scrollTo({ top: to, behavior: "smooth" });
    } else {
      box.scrollTop = to;
    }
  }

  function initOutline() {
    if (outlineObserver) outlineObserver.disconnect();
    outlineObserver = outlineUpdate = null;
    var outlineLinks = doc.querySelectorAll(".outline a[href^='#']");
    if (!outlineLinks.length || !("IntersectionObserver" in window)) return;
    var box = outlineLinks[0].closest(".outline-inner");
    if (box && once(box, "outline")) {
      ["wheel", "touchstart", "touchmove", "pointerdown", "keydown"].forEach(function (type) {
        box.addEventListener(type, holdOutline, { passive: true });
      });
    }
    // The link the outline last showed: it scrolls when that changes.
    var followed = null;
    var byId = {};
    var headings = [];
    outlineLinks.forEach(function (a) {
      var id = a.getAttribute("href").slice(1);
      try { id = decodeURIComponent(id); } catch (e) { /* keep as written */ }
      var h = doc.getElementById(id);
      if (h) { byId[id] = a; headings.push(h); }
    });
    var visible = {};
    // A heading in a tab not selected (no box: its top reads 0) or in a
    // closed block (a box, where the block's summary is) is not read: it
    // is never the section in view.
    var shown = function (h) {
      return h.checkVisibility ? h.checkVisibility() : h.getClientRects().length > 0;
    };
    var activate = function () {
      var chosen = null;
      var jumped = jumpedTo && doc.getElementById(jumpedTo);
      if (jumped && shown(jumped)) {
        var r = jumped.getBoundingClientRect();
        // A place the outline does not list (an h5, a <details>, a
        // footnote) is in the section of the last heading before it
        // (t62: an h6 of 5.2.2 marked 5.2.3, the next one in the band).
        if (r.top >= 0 && r.bottom <= window.innerHeight) chosen = byId[jumpedTo] ? jumped : headings[sectionIndex(headings, jumped)] || null;
      }
      if (!chosen && window.innerHeight + window.scrollY >= root.scrollHeight - 2) {
        // At the end of the page the last short sections never reach
        // the band: the last heading in the window is the one read.
        for (var k = headings.length - 1; k >= 0; k--) {
          var b = headings[k].getBoundingClientRect();
          if (b.top < window.innerHeight && b.bottom > 0 && shown(headings[k])) { chosen = headings[k]; break; }
        }
      }
      for (var i = 0; !chosen && i < headings.length; i++) {
        if (visible[headings[i].id] && shown(headings[i])) { chosen = headings[i]; break; }
      }
      if (!chosen) {
        // Between headings: the last one above the viewport owns the text.
        for (var j = headings.length - 1; j >= 0; j--) {
          var h = headings[j];
          if (h.getBoundingClientRect().top < 100 && shown(h)) { chosen = h; break; }
        }
      }
      outlineLinks.forEach(function (a) { a.classList.remove("is-active"); a.removeAttribute("aria-current"); });
      var link = chosen && byId[chosen.id];
      if (link) {
        link.classList.add("is-active");
        link.setAttribute("aria-current", "location");
        if (link !== followed) keepInView(box, link, outlineSettled);
      }
      followed = link;
    };
    outlineUpdate = function () {
      headings.forEach(function (h) {
        var r = h.getBoundingClientRect();
        visible[h.id] = r.bottom > 56 && r.top < window.innerHeight * 0.45;
      });
      activate();
    };
    var io = outlineObserver = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) { visible[en.target.id] = en.isIntersecting; });
      activate();
    }, { rootMargin: "-56px 0px -55% 0px" });
    headings.forEach(function (h) { io.observe(h); });
    // Reaching the end of the page crosses no band: the observer says
    // nothing, so scrolling there is watched too, once a frame.
    if (once(root, "outline-end")) {
      var pending = false, atEnd = false;
      window.addEventListener("scroll", function () {
        if (pending) return;
        pending = true;
        requestAnimationFrame(function () {
          pending = false;
          var end = window.innerHeight + window.scrollY >= root.scrollHeight - 2;
          if ((end || atEnd) && outlineUpdate) outlineUpdate(); // on arriving and on leaving
          atEnd = end;
        });
      }, { passive: true });
    }
  }

  // ---------- GitBook buttons: <button data-action="search|ask"> ----------
  // There is no AI assistant offline: both actions open the site search,
  // with the button's query typed in when it has one.
  function initActions(el) {
    each(el, ".content button[data-action]", function (btn) {
      if (!once(btn, "action")) return;
      btn.addEventListener("click", function () {
        var input = doc.getElementById("folio-search-input");
        if (!input) return;
        if (btn.dataset.query) {
          input.value = btn.dataset.query;
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }
        input.focus();
      });
    });
  }

  // ---------- Print: show collapsed content ----------

  // A link whose text is its address is printed once: folio.css adds the
  // address after the others.
  function bareURL(u) {
    try { u = decodeURI(u); } catch (e) { /* keep it as written */ }
    return u.trim().replace(/^https?:\/\//i, "").replace(/^www\./i, "").replace(/\/+$/, "").toLowerCase();
  }

  function initPrintLinks(el) {
    each(el, '.content a[href^="http"]', function (a) {
      if (bareURL(a.textContent) === bareURL(a.getAttribute("href"))) a.classList.add("is-url");
    });
    // A link to another page of the print book that says the page's title
    // is not followed by it again.
    each(el, ".content a[data-print-to]", function (a) {
      if (a.textContent.trim().toLowerCase() === a.dataset.printTo.trim().toLowerCase()) a.classList.add("is-title");
    });
  }

  var reopened = [];
  window.addEventListener("beforeprint", function () {
    doc.querySelectorAll(".content details:not([open])").forEach(function (d) { d.open = true; reopened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });

  // The print page's button (templates/print.html): it needs this script,
  // so it shows only with it.
  var printButton = doc.querySelector(".print-button");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }

  // ---------- Enhancing content: on load, and after a live update ----------
  // window.folio.init(el) applies every behaviour above to el (the
  // document, the content, or a block the live preview put in) and what
  // it holds. It is safe to call again on what is already enhanced.

  // ---------- Tables: a stop of the keyboard only where one scrolls ----------

  // The build makes every table's box a named region the keyboard can
  // reach, so that a table wider than the window scrolls with the arrow
  // keys, script or not. A table that fits needs neither: a page of twenty
  // such tables was twenty Tab stops and landmarks. Whether it fits
  // changes with the window, and when a tab or block that holds it opens.
  var tableBoxes = "ResizeObserver" in window && new ResizeObserver(function (entries) {
    entries.forEach(function (en) {
      // The box, or its table: one grows wider than the other when the
      // window does not change (a cell's content opens).
      var w = en.target.closest(".table-wrap");
      if (!w || !w.isConnected) return;
      if (w.scrollWidth > w.clientWidth + 1) {
        w.tabIndex = 0;
        w.setAttribute("role", "region");
        if (w.dataset.label) w.setAttribute("aria-labelledby", w.dataset.label);
      } else if (w.clientWidth > 0) {
        if (w.hasAttribute("aria-labelledby")) w.dataset.label = w.getAttribute("aria-labelledby");
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
        w.removeAttribute("aria-labelledby");
      }
    });
  });
  // A link the keyboard reaches in a far column of a wide table comes
  // whole into view: the browser scrolled it only until a part showed, its
  // focus ring under the table's edge (t62).
  if (once(root, "table-focus")) {
    doc.addEventListener("focusin", function (e) {
      var w = e.target.closest && e.target.closest(".table-wrap"), el = e.target;
      if (!w || el === w) return;
      // After the browser's own scroll, which follows the event.
      // Its focus ring too, drawn around it (t66: the ring cut).
      requestAnimationFrame(function () {
        var pad = 6, r = el.getBoundingClientRect(), b = w.getBoundingClientRect();
        if (r.left - pad < b.left) w.scrollLeft -= b.left - (r.left - pad);
        else if (r.right + pad > b.right) w.scrollLeft += Math.min(r.right + pad - b.right, r.left - pad - b.left);
      });
    });
  }
  function initTables(el) {
    if (!tableBoxes) return;
    each(el, ".table-wrap", function (w) {
      if (!once(w, "table")) return;
      tableBoxes.observe(w);
      var table = w.querySelector(":scope > table");
      if (table) tableBoxes.observe(table);
    });
  }

  // So with code blocks: the build makes each a keyboard stop, for one
  // wider than the column; one that fits is none (t42: 22 of 35 stops on
  // a page led nowhere).
  var preBoxes = "ResizeObserver" in window && new ResizeObserver(function (entries) {
    entries.forEach(function (en) {
      var p = en.target;
      if (!p.isConnected || p.clientWidth === 0) return;
      if (p.scrollWidth > p.clientWidth + 1 || p.scrollHeight > p.clientHeight + 1) p.tabIndex = 0;
      else p.removeAttribute("tabindex");
    });
  });
  function initPres(el) {
    if (!preBoxes) return;
    each(el, ".content pre[tabindex], .content .diagram-drawing[tabindex]", function (p) {
      if (once(p, "pre")) preBoxes.observe(p);
    });
  }

  // A prompt shown in part whose text fits in the part shows no "Show
  // more", which would open nothing (t90); one narrowed until it does not
  // fit shows it again.
  var promptBoxes = "ResizeObserver" in window && new ResizeObserver(function (entries) {
    entries.forEach(function (en) {
      // A prompt's toggle is before its text; an expandable code
      // block's, after its code.
      var b = en.target, more = b.tagName === "PRE" ? b.parentElement.querySelector(":scope > .code-more") : b.previousElementSibling;
      if (!b.isConnected || !more || more.open) return;
      more.hidden = b.scrollHeight <= b.clientHeight + 1;
    });
  });
  function initPrompts(el) {
    if (!promptBoxes) return;
    each(el, ".content .prompt-partial > .prompt-more + .prompt-body, .content .code-expandable > pre", function (b) {
      if (once(b, "prompt")) promptBoxes.observe(b);
    });
  }

  function init(el) {
    if (!el || (el.nodeType !== 1 && el.nodeType !== 9)) return;
    initTables(el);
    initPres(el);
    initPrompts(el);
    fileLinks(el);
    initTabs(el);
    initCopy(el);
    initAnchors(el);
    initAPICopy(el);
    initPaths(el);
    initServers(el);
    initEmbeds(el);
    initActions(el);
    initPrintLinks(el);
    initOutline();
  }

  // window.folio.reveal(el) shows el as following a link on the page to
  // it does: it opens the closed blocks around it and selects the tabs
  // that hold it, in their own sets alone, remembering nothing. The
  // address stays as it is and the page does not scroll.
  window.folio = window.folio || {};
  window.folio.init = init;
  window.folio.reveal = function (el) { return !!el && el.nodeType === 1 && revealEl(el, false); };
  init(doc);
  // After the tabs have taken their selection, the remembered one
  // included: the fragment asked for wins over it.
  if (location.hash) reveal(hashId(), true);
})();
