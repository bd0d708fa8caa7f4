// The eco-map in the browser, on vis-network: one renderer for the app's live component
// (index.js) and the standalone HTML export (ecomap/drawing/html_map.py).
//
// It draws exactly what Python planned (ecomap/drawing/map_data.py documents the data): vis-network
// draws the boxes and handles zoom, pan, drag and tap; the regions, the support lines, the
// labels and the badges are painted on vis-network's canvas from the planned geometry. Nothing
// is measured or laid out here, so the map is the same on every machine, and the PDF shows the
// same picture. User text (names) is only ever drawn on the canvas or set with textContent.
//
// One MapView lives per host element and is updated in place: a new person is one DataSet
// update, never a new network or a reparsed library.

const CONTRACT = 1;
const MAX_SCALE = 1.6;
/** Below this window width (CSS px) the screen is a phone's: the frame may be taller than the
 *  window, and the large view puts the legend under the map, not beside it (map.css, .narrow). */
const NARROW_PX = 640;

/** Scroll the page that ``node`` is in to its top: the nearest scrolling element around it
 *  (Streamlit's main section; the walk goes out through shadow roots), else the window. */
function scrollToTop(node) {
  for (let el = node.parentElement || node.getRootNode().host; el; ) {
    const scrolls = /(auto|scroll)/.test(getComputedStyle(el).overflowY);
    if (scrolls && el.scrollHeight > el.clientHeight) {
      el.scrollTop = 0;
      return;
    }
    el = el.parentElement || el.getRootNode().host || null;
  }
  window.scrollTo(0, 0);
}

/** Every live map on the page (tests read their facts; nothing else uses this). */
export const maps = new Set();

const fontsLoading = new Map();

/** Each font file's bytes by URL, shared with the page's own script (ui/chrome.py loads the
 *  same files for the page's Arabic letters), so that each is fetched once per page. */
const fetched = (globalThis.ecomapFontBytes ||= new Map());

/** The bytes of a font: decoded from a data: URL (the offline export), or fetched from the app,
 *  trying again a few times (a font requested while the app page is still starting can fail). */
async function fontBytes(url) {
  if (url.startsWith("data:")) {
    const raw = atob(url.slice(url.indexOf(",") + 1));
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }
  const shared = fetched.get(url);
  if (shared) {
    try {
      return await shared;
    } catch {
      // the page's script fetched it once and failed: fetch here, trying again a few times
    }
  }
  const loading = fetchFont(url);
  fetched.set(url, loading);
  loading.catch(() => fetched.delete(url)); // the next update fetches again
  return loading;
}

async function fetchFont(url) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await response.arrayBuffer();
    } catch (error) {
      if (attempt >= 4) throw error;
      await new Promise((done) => setTimeout(done, 250 * (attempt + 1)));
    }
  }
}

/** Load Ecomap Sans once per page, before anything is drawn with it. */
function loadFonts(face, urls) {
  const key = `${face}|${urls.regular}|${urls.bold}`;
  if (!fontsLoading.has(key)) {
    const one = async (url, weight) => {
      const font = new FontFace(face, await fontBytes(url), { weight });
      await font.load();
      document.fonts.add(font);
    };
    const loading = Promise.all([one(urls.regular, "400"), one(urls.bold, "700")]);
    loading.catch(() => fontsLoading.delete(key)); // the next update tries again
    fontsLoading.set(key, loading);
  }
  return fontsLoading.get(key);
}

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG_LETTER = /[A-Za-z\u00AA-\u02B8\u0370-\u058F\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** The direction a line reads in: that of its first letter with a direction (Unicode's "first
 * strong" rule, as dir="auto" does), so "Juf Mila (school)" on an Arabic map keeps its order and
 * an Arabic name on a Dutch map reads right to left. */
function lineDir(line, fallback) {
  const first = STRONG_LETTER.exec(line);
  if (!first) return fallback;
  return RTL_LETTER.test(first[0]) ? "rtl" : "ltr";
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function swatch(colour, dash, width, opacity) {
  const s = svg("svg", { width: 40, height: 12, "aria-hidden": "true" });
  s.appendChild(
    svg("line", {
      x1: 2, y1: 6, x2: 38, y2: 6, stroke: colour, "stroke-width": width,
      "stroke-dasharray": dash.length ? dash.map((d) => d * 1.3).join(" ") : "none",
      "stroke-linecap": "round", "stroke-opacity": opacity,
    }),
  );
  return s;
}

function arrowSwatch(toFamily, toPerson, ink) {
  const s = svg("svg", { width: 52, height: 14, "aria-hidden": "true" });
  s.appendChild(svg("rect", { x: 0, y: 2, width: 8, height: 10, fill: "#fff", stroke: ink }));
  s.appendChild(svg("rect", { x: 44, y: 2, width: 8, height: 10, fill: ink }));
  s.appendChild(svg("line", { x1: 10, y1: 7, x2: 42, y2: 7, stroke: ink, "stroke-width": 1.5 }));
  if (toPerson) s.appendChild(svg("polygon", { points: "10,7 17,3 17,11", fill: ink }));
  if (toFamily) s.appendChild(svg("polygon", { points: "28,7 21,3 21,11", fill: ink }));
  return s;
}

/** A pictogram beside its word: decorative (empty alt, hidden from screen readers), from the
 *  app's own files or a data: URL; none when the page gives no way to find it. */
function pictogram(options, file) {
  if (!options.pictogram || !file) return null;
  const img = el("img", "pictogram");
  img.src = options.pictogram(file);
  img.alt = "";
  img.setAttribute("aria-hidden", "true");
  img.width = 24;
  img.height = 24;
  return img;
}

function boxStyle(person, data) {
  const stressful = person.quality === "stressful";
  const border = stressful ? data.stress_colour : "#555555";
  return {
    borderWidth: stressful ? 3 : 1.5,
    color: {
      background: "#FFFFFF",
      border,
      highlight: { background: "#FFF6C8", border: "#000000" },
      hover: { background: "#FFFBE6", border },
    },
    shapeProperties: {
      borderDashes: person.quality === "mixed" ? [4, 3] : false,
      borderRadius: 5,
    },
  };
}

function nodeOf(item, data, family) {
  const m = data.font.margin;
  const node = {
    id: family ? "family" : item.id,
    x: item.x,
    y: item.y,
    shape: "box",
    label: "",
    margin: m,
    widthConstraint: { minimum: item.w - 2 * m },
    heightConstraint: { minimum: item.h - 2 * m, valign: "middle" },
    physics: false,
    fixed: family || !data.touch ? { x: true, y: true } : false,
  };
  if (family) {
    node.color = {
      background: "#333333", border: "#000000",
      highlight: { background: "#000000", border: "#000000" },
      hover: { background: "#444444", border: "#000000" },
    };
    node.borderWidth = 2;
    node.shapeProperties = { borderRadius: 8 };
  } else {
    Object.assign(node, boxStyle(item, data));
  }
  return node;
}

function linePath(ctx, points) {
  ctx.beginPath();
  ctx.moveTo(points[0], points[1]);
  for (let i = 2; i < points.length; i += 2) ctx.lineTo(points[i], points[i + 1]);
}

function arrowHead(ctx, tipX, tipY, backX, backY, size) {
  const dx = tipX - backX, dy = tipY - backY;
  const n = Math.hypot(dx, dy) || 1;
  const ux = dx / n, uy = dy / n;
  const bx = tipX - ux * size, by = tipY - uy * size;
  ctx.beginPath();
  ctx.moveTo(tipX, tipY);
  ctx.lineTo(bx - uy * size * 0.45, by + ux * size * 0.45);
  ctx.lineTo(bx + uy * size * 0.45, by - ux * size * 0.45);
  ctx.closePath();
  ctx.fill();
}

class MapView {
  constructor(host, options) {
    this.host = host;
    this.options = options;
    this.data = null;
    this.network = null;
    this.nodes = null;
    this.nodeJson = new Map();
    this.dragging = null;
    this.userMoved = false;
    this.fittedView = null;
    this.draws = 0;
    this.drawn = null;

    this.root = el("div", "ecomap");
    this.stage = el("div", "stage");
    this.canvasHost = el("div", "net");
    this.canvasHost.setAttribute("role", "img");
    this.hint = el("p", "hint");
    this.empty = el("p", "empty");
    this.legend = el("details", "legend");
    this.legend.open = !(window.innerWidth < 600 && window.innerHeight < 760);
    this.stage.append(this.canvasHost, this.empty, this.hint);
    this.root.append(this.stage, this.legend);
    host.appendChild(this.root);
    this.legendJson = "";
    this.resize = new ResizeObserver(() => this.layoutFrame());
    this.resize.observe(this.root);
    // The drawing's own box too: the legend moving beside it narrows it without resizing root.
    this.resize.observe(this.canvasHost);
    // And when a run of the app ends: Streamlit then removes what the run did not draw again,
    // which may have stood above the map (the map is drawn early in a run), and the large
    // view's frame, which ends at the window's bottom edge, can grow. (No app: no observer.)
    const app = document.querySelector("[data-testid='stApp']");
    this.settled = new MutationObserver(() => requestAnimationFrame(() => this.layoutFrame()));
    if (app) {
      this.settled.observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
    }
    maps.add(this);
  }

  /** Apply new data: only what changed is sent to vis-network. */
  async update(data) {
    if (!data || data.v !== CONTRACT) {
      this.fail(data && data.text ? data.text.failed : "ecomap: unknown map data");
      return;
    }
    this.data = data;
    this.root.dir = data.dir;
    this.root.lang = data.lang;
    this.root.classList.toggle("touch", !!data.touch);
    // Opening the large view: the page starts at its top (the way back, then the map), not
    // where the questions had been scrolled to, which on a phone was the legend at the end.
    const opening = !!data.large && !this.root.classList.contains("large");
    this.root.classList.toggle("large", !!data.large);
    if (opening) scrollToTop(this.root);
    this.canvasHost.setAttribute("aria-label", data.text.map);
    this.hint.textContent = data.text.hint;
    this.empty.textContent = data.people.length ? "" : data.text.empty;
    this.empty.hidden = data.people.length > 0;
    this.updateLegend(data);
    if (!window.vis) {
      this.fail(data.text.failed);
      return;
    }
    await loadFonts(data.font.face, this.options.fonts);
    if (this.data !== data) return; // newer data arrived while the font loaded
    if (!this.network) this.create();
    // One drawing for all of it. Each call below that changes something would draw the whole
    // canvas itself (a new size, a new view), and vis-network again on the next frame for the
    // changed boxes: four drawings of 2-3 ms each for one typed name, the first two before
    // the browser could show anything. (vis-network's own switch, as its stabilisation uses.)
    const emitter = this.network.body.emitter;
    emitter.emit("_blockRedraw");
    try {
      this.syncNodes(data);
      this.layoutFrame();
      const selected = data.selected && this.nodes.get(data.selected) ? [data.selected] : [];
      if (String(this.network.getSelectedNodes()) !== String(selected)) {
        if (selected.length) this.network.selectNodes(selected);
        else this.network.unselectAll();
      }
    } finally {
      emitter.emit("_allowRedraw");
    }
    this.network.redraw();
  }

  fail(message) {
    this.root.setAttribute("data-failed", "1");
    this.hint.textContent = message;
    this.hint.className = "hint failed";
    if (window.console) console.error("ecomap: the map cannot be drawn");
  }

  create() {
    this.nodes = new vis.DataSet([]);
    this.network = new vis.Network(
      this.canvasHost,
      { nodes: this.nodes, edges: new vis.DataSet([]) },
      {
        physics: { enabled: false },
        layout: { randomSeed: 1, improvedLayout: false },
        interaction: {
          dragNodes: true,
          dragView: true,
          zoomView: true,
          hover: true,
          selectConnectedEdges: false,
          keyboard: false,
          multiselect: false,
        },
      },
    );
    // vis-network makes its drawing a Tab stop for its own keyboard moves, which are off here
    // (the same moves by keyboard are in the list under the map): an empty, unnamed stop.
    const surface = this.canvasHost.querySelector(".vis-network");
    if (surface) surface.tabIndex = -1;
    const net = this.network;
    net.on("beforeDrawing", (ctx) => this.drawUnder(ctx));
    net.on("afterDrawing", (ctx) => {
      this.drawOver(ctx);
      this.drawn = this.data; // what is on the screen now (tests and the benchmark read it)
      this.draws += 1;
      this.root.setAttribute("data-drawn", String(this.draws));
    });
    net.on("dragStart", (p) => {
      if (p.nodes.length) this.dragging = p.nodes[0];
      else this.userMoved = true;
    });
    net.on("zoom", () => { this.userMoved = true; });
    // vis-network rescales the view itself right after it emits "resize" (its canvas changed
    // size); fit again once it has done so.
    net.on("resize", () => queueMicrotask(() => { if (!this.userMoved) this.fit(); }));
    net.on("dragEnd", (p) => {
      const id = this.dragging;
      this.dragging = null;
      if (!id || !p.nodes.length || !this.data.touch) return;
      const at = net.getPosition(id);
      if (this.options.onMove) this.options.onMove({ id, x: Math.round(at.x), y: Math.round(at.y) });
    });
    net.on("click", (p) => {
      const id = p.nodes[0];
      if (id && id !== "family" && this.data.touch && this.options.onPick) this.options.onPick(id);
    });
  }

  syncNodes(data) {
    const wanted = new Map();
    wanted.set("family", nodeOf(data.family, data, true));
    for (const person of data.people) wanted.set(person.id, nodeOf(person, data, false));
    const changed = [];
    for (const [id, node] of wanted) {
      const json = JSON.stringify(node);
      if (this.nodeJson.get(id) !== json) {
        changed.push(node);
        this.nodeJson.set(id, json);
      }
    }
    const gone = [...this.nodeJson.keys()].filter((id) => !wanted.has(id));
    gone.forEach((id) => this.nodeJson.delete(id));
    if (gone.length) this.nodes.remove(gone);
    if (changed.length) this.nodes.update(changed);
    // A dragged box always returns to its planned place (it may be the same place).
    for (const person of data.people) {
      const at = this.network.getPosition(person.id);
      if (at.x !== person.x || at.y !== person.y) this.network.moveNode(person.id, person.x, person.y);
    }
  }

  /** Size the drawing to the width it has and the map's shape, then fit the view into it. */
  layoutFrame() {
    const narrow = window.innerWidth < NARROW_PX;
    this.root.classList.toggle("narrow", narrow);
    if (!this.data || !this.network) return;
    const [x0, y0, x1, y1] = this.data.view;
    const width = this.canvasHost.clientWidth || this.root.clientWidth;
    if (width <= 0) return;
    // The large view fills the window below what sits above it (the way back), without scrolling.
    const top = this.canvasHost.getBoundingClientRect().top + window.scrollY;
    const cap = this.data.large
      ? Math.max(window.innerHeight * 0.6, window.innerHeight - top - 16)
      : narrow ? window.innerHeight * 1.25 : window.innerHeight - 110;
    // Never more than MAX_SCALE times life size: a small map gets a smaller frame, not huge
    // names.
    const fitted = Math.min(width * (y1 - y0) / (x1 - x0), (y1 - y0) * MAX_SCALE);
    const height = Math.round(Math.max(280, Math.min(fitted, cap)));
    if (this.canvasHost.style.height !== `${height}px`) {
      this.canvasHost.style.height = `${height}px`;
      this.network.setSize("100%", `${height}px`);
    }
    const key = JSON.stringify([this.data.view, width, height]);
    if (!this.userMoved && key !== this.fittedView) {
      this.fittedView = key;
      this.fit();
    }
  }

  /** Show ``view`` (the part with people) as large as the frame allows. */
  fit() {
    const [x0, y0, x1, y1] = this.data.view;
    const w = this.canvasHost.clientWidth, h = this.canvasHost.clientHeight;
    if (w <= 0 || h <= 0) return;
    const scale = Math.min(w / (x1 - x0), h / (y1 - y0), MAX_SCALE);
    const position = { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
    const now = this.network.getViewPosition();
    if (this.network.getScale() === scale && now.x === position.x && now.y === position.y) {
      return; // shown so already: moving there would only draw it all again
    }
    this.network.moveTo({ position, scale, animation: false });
  }

  /** Regions and support lines, under the boxes. */
  drawUnder(ctx) {
    const data = this.data;
    ctx.save();
    for (const r of data.regions) {
      const left = r.side === "left";
      const a0 = left ? Math.PI / 2 : -Math.PI / 2;
      const a1 = left ? (3 * Math.PI) / 2 : Math.PI / 2;
      ctx.beginPath();
      ctx.ellipse(0, 0, r.outer[0], r.outer[1], 0, a0, a1, false);
      ctx.ellipse(0, 0, r.inner[0], r.inner[1], 0, a1, a0, true);
      ctx.closePath();
      ctx.fillStyle = r.fill;
      ctx.fill();
      ctx.lineWidth = 1.2;
      ctx.strokeStyle = "#b8b8b8";
      ctx.stroke();
    }
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    for (const person of data.people) {
      if (!person.ties) continue;
      const quality = person.quality || "supportive";
      ctx.globalAlpha = quality === "mixed" ? data.mixed_opacity : 1;
      ctx.lineWidth = data.widths[quality];
      for (const [form, , points, arrows] of person.ties) {
        const style = data.forms[form];
        const colour = quality === "stressful" ? data.stress_colour : style.colour;
        ctx.strokeStyle = colour;
        ctx.fillStyle = colour;
        ctx.setLineDash(style.dash);
        if (person.id === this.dragging) {
          // While dragged, a person's lines follow them straight to the family.
          const at = this.network.getPosition(person.id);
          linePath(ctx, [at.x, at.y, 0, 0]);
          ctx.stroke();
          continue;
        }
        linePath(ctx, points);
        ctx.stroke();
        ctx.setLineDash([]);
        for (let i = 0; i < arrows.length; i += 4) {
          arrowHead(ctx, arrows[i], arrows[i + 1], arrows[i + 2], arrows[i + 3], data.arrow);
        }
      }
    }
    ctx.restore();
  }

  /** Names, region names and badges, over the boxes. */
  drawOver(ctx) {
    const data = this.data;
    const f = data.font;
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.direction = data.dir;
    // Region names, with a white halo so a line never hides them.
    ctx.font = `bold ${f.region_px}px "${f.face}"`;
    ctx.fillStyle = "#444444";
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 4;
    ctx.lineJoin = "round";
    for (const r of data.regions) {
      const n = r.lines.length;
      r.lines.forEach((line, i) => {
        const y = r.at[1] + (i - (n - 1) / 2) * f.region_px * f.region_line;
        ctx.strokeText(line, r.at[0], y);
        ctx.fillText(line, r.at[0], y);
      });
    }
    const body = this.network.body.nodes;
    const lines = (item, x, y, px, weight, colour) => {
      ctx.font = `${weight} ${px}px "${f.face}"`;
      ctx.fillStyle = colour;
      const n = item.lines.length;
      item.lines.forEach((line, i) => {
        ctx.direction = lineDir(line, data.dir);
        ctx.fillText(line, x, y + (i - (n - 1) / 2) * px);
      });
      ctx.direction = data.dir;
    };
    lines(data.family, 0, 0, f.family_px, "bold", "#ffffff");
    for (const p of data.people) {
      const node = body[p.id];
      if (!node) continue;
      lines(p, node.x, node.y, f.px, "normal", data.ink);
      if (p.quality === "stressful") this.badge(ctx, node.x + p.w / 2, node.y - p.h / 2, "!", data.stress_colour, f);
      if (p.mark) this.badge(ctx, node.x - p.w / 2, node.y - p.h / 2, data.text.marks[p.mark], "#000000", f);
    }
    ctx.restore();
  }

  badge(ctx, x, y, word, colour, f) {
    const px = 11;
    ctx.font = `bold ${px}px "${f.face}"`;
    const w = Math.max(px + 4, ctx.measureText(word).width + 8);
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.roundRect(x - w / 2, y - px * 0.75, w, px * 1.5, px * 0.75);
    ctx.fill();
    ctx.fillStyle = "#ffffff";
    ctx.fillText(word, x, y + 0.5);
  }

  updateLegend(data) {
    const json = JSON.stringify([data.text, data.forms, data.pictograms, data.stress_colour]);
    if (json === this.legendJson) return;
    this.legendJson = json;
    const t = data.text;
    const legend = this.legend;
    legend.replaceChildren(el("summary", "", t.legend), el("p", "", t.axes));
    const forms = el("ul");
    forms.appendChild(el("li", "group", t.forms_title));
    for (const [form, style] of Object.entries(data.forms)) {
      const li = el("li");
      const pic = pictogram(this.options, (data.pictograms || {})[form]);
      if (pic) li.appendChild(pic);
      li.append(swatch(style.colour, style.dash, 2.5, 1), el("span", "", t.forms[form]));
      forms.appendChild(li);
    }
    const groups = el("ul");
    groups.appendChild(el("li", "group", t.groups_title));
    for (const [group, words] of Object.entries(t.groups || {})) {
      const li = el("li");
      const pic = pictogram(this.options, (data.pictograms || {})[group]);
      if (pic) li.appendChild(pic);
      li.appendChild(el("span", "", words));
      groups.appendChild(li);
    }
    const arrows = el("ul");
    arrows.appendChild(el("li", "group", t.arrows_title));
    for (const [dir, words] of Object.entries(t.arrows)) {
      const li = el("li");
      li.append(arrowSwatch(dir !== "gives", dir !== "receives", data.ink), el("span", "", words));
      arrows.appendChild(li);
    }
    const feel = el("ul");
    feel.appendChild(el("li", "group", t.feel_title));
    const stress = el("li");
    stress.append(swatch(data.stress_colour, [], 4, 1), el("span", "", t.stressful));
    const mixed = el("li");
    mixed.append(swatch(data.forms.emotional.colour, [], 2.5, data.mixed_opacity), el("span", "", t.mixed));
    feel.append(stress, mixed);
    legend.append(forms, groups, arrows, feel);
    if (t.wishes) {
      const p = el("p");
      p.append(el("span", "group", t.wishes_title), document.createTextNode(` ${t.wishes}`));
      legend.appendChild(p);
    }
  }

  /** What tests check: where vis-network drew each box, and the current scale. */
  facts() {
    const out = { scale: this.network ? this.network.getScale() : 0, nodes: {}, draws: this.draws };
    if (!this.network) return out;
    for (const [id, node] of Object.entries(this.network.body.nodes)) {
      out.nodes[id] = { x: node.x, y: node.y, w: node.shape.width, h: node.shape.height };
    }
    return out;
  }

  destroy() {
    this.resize.disconnect();
    this.settled.disconnect();
    if (this.network) this.network.destroy();
    this.root.remove();
    maps.delete(this);
  }
}

/** Draw (or update) the map in ``host``. Returns the view; call ``destroy()`` to remove it. */
export function render(host, data, options) {
  let view = views.get(host);
  if (!view) {
    view = new MapView(host, options);
    views.set(host, view);
  }
  view.options = options;
  view.update(data);
  return view;
}

const views = new WeakMap();

globalThis.ecomapMaps = maps;
