/* newstrace report: citations open the cited text, sortable tables, side-by-side compare.
   Article text is only ever inserted with textContent / text nodes, never as HTML. */
(function () {
  "use strict";
  var dataEl = document.getElementById("nt-data");
  var data = { articles: {}, links: [] };
  try { if (dataEl) { data = JSON.parse(dataEl.textContent); } } catch (e) { data = { articles: {}, links: [] }; }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    return n;
  }

  function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }

  function meta(a) {
    var parts = [a.outlet || "unknown outlet"];
    if (a.published) { parts.push(a.published); }
    return parts.join(" · ");
  }

  // marks: [{start, end, cls, key}] non-overlapping after clipping; returns the first <mark> made
  function fillText(box, text, marks) {
    box.textContent = "";
    var pos = 0, made = [];
    marks = marks.filter(function (m) { return m.end > m.start; })
      .sort(function (x, y) { return x.start - y.start; });
    marks.forEach(function (m) {
      var s = Math.max(m.start, pos), e = Math.min(m.end, text.length);
      if (e <= s) { return; }
      box.appendChild(document.createTextNode(text.slice(pos, s)));
      var mk = el("mark", m.cls, text.slice(s, e));
      if (m.key !== undefined) { mk.setAttribute("data-ev", String(m.key)); mk.setAttribute("data-n", String(m.key + 1)); }
      box.appendChild(mk);
      made.push(mk);
      pos = e;
    });
    box.appendChild(document.createTextNode(text.slice(pos)));
    return made;
  }

  function openDialog(d) {
    if (!d) { return; }
    if (typeof d.showModal === "function") { if (!d.open) { d.showModal(); } } else { d.setAttribute("open", ""); }
  }

  function openArticle(id, start, end) {
    var a = data.articles[id], d = document.getElementById("nt-article");
    if (!a || !d) { return false; }
    document.getElementById("nt-article-title").textContent = a.title || "(untitled)";
    var m = document.getElementById("nt-article-meta");
    m.textContent = meta(a);
    var url = safeUrl(a.url);
    if (url) {
      m.appendChild(document.createTextNode(" · "));
      var link = el("a", "ext", url);
      link.href = url; link.rel = "noopener noreferrer nofollow"; link.target = "_blank";
      m.appendChild(link);
    }
    var marks = [];
    if (start !== null && end !== null && !isNaN(start) && !isNaN(end)) {
      marks.push({ start: start, end: end, cls: "nt-hl" });
      // the sentence around a short citation (a number, a name) is shaded too, so the claim reads in context
      (a.sentences || []).forEach(function (sp) {
        if (sp[0] <= start && end <= sp[1] && (sp[0] < start || end < sp[1])) {
          marks.push({ start: sp[0], end: start, cls: "nt-sent" });
          marks.push({ start: end, end: sp[1], cls: "nt-sent" });
        }
      });
    }
    var box = document.getElementById("nt-article-text");
    fillText(box, a.text || "", marks);
    openDialog(d);
    var hl = box.querySelector("mark.nt-hl");
    if (hl) { hl.scrollIntoView({ block: "center" }); } else { box.scrollTop = 0; }
    return true;
  }

  function findLink(a, b) {
    for (var i = 0; i < data.links.length; i++) {
      var l = data.links[i];
      if ((l.a === a && l.b === b) || (l.a === b && l.b === a)) { return l; }
    }
    return null;
  }

  function openCompare(aId, bId) {
    var l = findLink(aId, bId), d = document.getElementById("nt-compare");
    if (!l || !d) { return false; }
    var A = data.articles[l.a], B = data.articles[l.b];
    if (!A || !B) { return false; }
    var dir = l.direction === "a->b" ? "→" : (l.direction === "b->a" ? "←" : "↔");
    document.getElementById("nt-compare-meta").textContent =
      (l.kind || "").replace(/_/g, " ") + " · score " + Number(l.score || 0).toFixed(2) + " · " +
      l.evidence.length + " aligned passages (hover one to see its counterpart)";
    document.getElementById("nt-compare-title").textContent = (A.outlet || "?") + " " + dir + " " + (B.outlet || "?");
    document.getElementById("nt-compare-a-h").textContent = meta(A) + ": " + (A.title || "");
    document.getElementById("nt-compare-b-h").textContent = meta(B) + ": " + (B.title || "");
    var ma = [], mb = [];
    l.evidence.forEach(function (ev, k) {
      if (ev[0]) { ma.push({ start: ev[0][0], end: ev[0][1], cls: "ev", key: k }); }
      if (ev[1]) { mb.push({ start: ev[1][0], end: ev[1][1], cls: "ev", key: k }); }
    });
    fillText(document.getElementById("nt-compare-a"), A.text || "", ma);
    fillText(document.getElementById("nt-compare-b"), B.text || "", mb);
    openDialog(d);
    return true;
  }

  function pairHover(ev, on) {
    var m = ev.target.closest && ev.target.closest("mark.ev");
    if (!m) { return; }
    var key = m.getAttribute("data-ev");
    document.querySelectorAll('#nt-compare mark.ev[data-ev="' + key + '"]').forEach(function (x) {
      x.classList.toggle("on", on);
      if (on && x !== m) { x.scrollIntoView({ block: "nearest" }); }
    });
  }

  function sortTable(th) {
    var table = th.closest("table"), body = table.tBodies[0];
    var idx = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute("data-sort") === "num";
    var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
    if (!th.hasAttribute("aria-sort")) { dir = numeric ? "descending" : "ascending"; }
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var k1 = r1.cells[idx].getAttribute("data-key") || "", k2 = r2.cells[idx].getAttribute("data-key") || "";
      var c = numeric ? Number(k1) - Number(k2) : k1.localeCompare(k2);
      return dir === "ascending" ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!t.closest) { return; }
    var close = t.closest("[data-close]");
    if (close) { close.closest("dialog").close(); return; }
    var th = t.closest("table.nt-sortable th[data-sort]");
    if (th) { sortTable(th); return; }
    var cmp = t.closest("[data-compare-a]");
    if (cmp && openCompare(cmp.getAttribute("data-compare-a"), cmp.getAttribute("data-compare-b"))) { ev.preventDefault(); return; }
    var c = t.closest("[data-article]");
    if (c) {
      var s = c.hasAttribute("data-start") ? parseInt(c.getAttribute("data-start"), 10) : null;
      var e = c.hasAttribute("data-end") ? parseInt(c.getAttribute("data-end"), 10) : null;
      if (openArticle(c.getAttribute("data-article"), s, e)) { ev.preventDefault(); }
    }
  });
  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.closest && ev.target.closest("svg [data-article]")) {
      ev.preventDefault();
      openArticle(ev.target.closest("[data-article]").getAttribute("data-article"), null, null);
    }
  });
  document.addEventListener("mouseover", function (ev) { pairHover(ev, true); });
  document.addEventListener("mouseout", function (ev) { pairHover(ev, false); });
  document.querySelectorAll("dialog.panel").forEach(function (d) {
    d.addEventListener("click", function (ev) { if (ev.target === d) { d.close(); } });
  });
  window.newstrace = { openArticle: openArticle, openCompare: openCompare };
})();
