"use strict";
// Filters for the timeline page. The entries are already in the markup; this
// script only shows and hides them, and builds its buttons with textContent only.
(() => {
  const KINDS = ["event", "quote"];
  const data = JSON.parse(document.getElementById("timeline-data").textContent);
  const panel = document.getElementById("filters");
  const search = document.getElementById("q");
  const fromInput = document.getElementById("from");
  const toInput = document.getElementById("to");
  const countEl = document.getElementById("count");
  const noMatch = document.getElementById("no-match");
  const chipBox = document.getElementById("actor-chips");
  const kindButtons = Array.from(panel.querySelectorAll("button[data-kind]"));
  const groups = Array.from(document.querySelectorAll("[data-group]"));

  const state = { actors: new Set(), q: "", from: "", to: "", kinds: new Set(KINDS) };

  function toggleActor(name) {
    if (!state.actors.delete(name)) state.actors.add(name);
    changed();
  }

  // A toggle for one actor: the chips, and each entry's actor tags (so a name in an entry filters too).
  function actorButton(name, className) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.dataset.actor = name;
    button.textContent = name;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => toggleActor(name));
    return button;
  }

  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const titles = new Map(data.sources.map((s) => [s.id, s.title]));

  const entries = Array.from(document.querySelectorAll("li.entry[data-index]"), (el) => {
    const e = data.entries[Number(el.dataset.index)];
    el.querySelectorAll(".actors li").forEach((tag, i) => tag.replaceChildren(actorButton(e.actors[i], "actor")));
    const actors = new Set(e.actors);  // a quote's speakers are among its actors, one by one
    const words = [e.text, e.speaker || "", ...e.actors];
    for (const ref of e.sources) words.push(ref.sentence, titles.get(ref.id) || "");
    return {
      el, kind: e.kind, actors,
      start: el.dataset.start || null, end: el.dataset.end || null,
      haystack: fold(words.join("\n")),
    };
  });

  // First and last day ("YYYY-MM-DD") of YYYY, YYYY-MM or YYYY-MM-DD; null when not a date.
  const pad = (n) => String(n).padStart(2, "0");
  function period(value) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
    if (!m) return null;
    const month = m[2] ? Number(m[2]) : 0;
    const day = m[3] ? Number(m[3]) : 0;
    if (m[2] && (month < 1 || month > 12)) return null;
    const monthEnd = month ? new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate() : 31;
    if (m[3] && (day < 1 || day > monthEnd)) return null;
    const first = `${m[1]}-${pad(month || 1)}-${pad(day || 1)}`;
    return [first, day ? first : `${m[1]}-${pad(month || 12)}-${pad(monthEnd)}`];
  }

  function matches(entry, range, words) {
    if (!state.kinds.has(entry.kind)) return false;
    if (state.actors.size && !Array.from(state.actors).some((a) => entry.actors.has(a))) return false;
    if (range.from || range.to) {
      if (!entry.start) return false;
      if (range.from && entry.end < range.from) return false;
      if (range.to && entry.start > range.to) return false;
    }
    return words.every((w) => entry.haystack.includes(w));
  }

  function apply() {
    const from = period(state.from);
    const to = period(state.to);
    fromInput.setAttribute("aria-invalid", String(Boolean(state.from.trim()) && !from));
    toInput.setAttribute("aria-invalid", String(Boolean(state.to.trim()) && !to));
    const range = { from: from && from[0], to: to && to[1] };
    const words = fold(state.q).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const entry of entries) {
      const ok = matches(entry, range, words);
      entry.el.hidden = !ok;
      if (ok) shown += 1;
    }
    for (const group of groups) group.hidden = !group.querySelector("li.entry:not([hidden])");
    const noun = entries.length === 1 ? "entry" : "entries";
    countEl.textContent = shown === entries.length
      ? `Showing all ${entries.length} ${noun}`
      : `Showing ${shown} of ${entries.length} ${noun}`;
    noMatch.hidden = shown > 0 || entries.length === 0;
  }

  function syncControls() {
    search.value = state.q;
    fromInput.value = state.from;
    toInput.value = state.to;
    for (const b of kindButtons) b.setAttribute("aria-pressed", String(state.kinds.has(b.dataset.kind)));
    for (const b of document.querySelectorAll("button[data-actor]")) {
      b.setAttribute("aria-pressed", String(state.actors.has(b.dataset.actor)));
    }
  }

  // The fragment holds the filters (#actor=…&q=…&from=…&to=…&kind=…) so a view can be shared.
  function writeHash() {
    const p = new URLSearchParams();
    for (const a of state.actors) p.append("actor", a);
    if (state.q) p.set("q", state.q);
    if (state.from) p.set("from", state.from);
    if (state.to) p.set("to", state.to);
    if (state.kinds.size < KINDS.length) {
      if (state.kinds.size === 0) p.append("kind", "");
      for (const k of state.kinds) p.append("kind", k);
    }
    const hash = p.toString();
    history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
  }

  function readHash() {
    const raw = location.hash.slice(1);
    if (!raw.includes("=")) return;
    const p = new URLSearchParams(raw);
    state.actors = new Set(p.getAll("actor"));
    state.q = p.get("q") || "";
    state.from = p.get("from") || "";
    state.to = p.get("to") || "";
    state.kinds = p.has("kind") ? new Set(p.getAll("kind").filter((k) => KINDS.includes(k))) : new Set(KINDS);
  }

  function changed() {
    syncControls();
    apply();
    writeHash();
  }

  function chip(name, count) {
    const button = actorButton(name, "chip");
    const badge = document.createElement("span");
    badge.className = "count";
    badge.textContent = String(count);
    badge.title = `${count} ${count === 1 ? "entry" : "entries"}`;
    button.append(" ", badge);
    return button;
  }

  const counts = new Map();
  for (const entry of entries) for (const a of entry.actors) counts.set(a, (counts.get(a) || 0) + 1);
  const names = Array.from(counts.keys()).sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));
  for (const name of names) {
    chipBox.append(chip(name, counts.get(name)));
  }
  for (const button of kindButtons) {
    const badge = document.createElement("span");
    badge.className = "count";
    badge.textContent = String(entries.filter((e) => e.kind === button.dataset.kind).length);
    button.append(" ", badge);
    button.addEventListener("click", () => {
      const kind = button.dataset.kind;
      if (!state.kinds.delete(kind)) state.kinds.add(kind);
      changed();
    });
  }
  search.addEventListener("input", () => { state.q = search.value; apply(); writeHash(); });
  fromInput.addEventListener("input", () => { state.from = fromInput.value; apply(); writeHash(); });
  toInput.addEventListener("input", () => { state.to = toInput.value; apply(); writeHash(); });
  document.getElementById("clear").addEventListener("click", () => {
    Object.assign(state, { actors: new Set(), q: "", from: "", to: "", kinds: new Set(KINDS) });
    changed();
  });
  window.addEventListener("hashchange", () => { readHash(); syncControls(); apply(); });

  // Printing shows every entry's sources; the closed ones close again afterwards.
  let closed = [];
  window.addEventListener("beforeprint", () => {
    closed = Array.from(document.querySelectorAll("details:not([open])"));
    for (const d of closed) d.open = true;
  });
  window.addEventListener("afterprint", () => { for (const d of closed) d.open = false; });

  readHash();
  syncControls();
  apply();
  panel.hidden = false;
})();
