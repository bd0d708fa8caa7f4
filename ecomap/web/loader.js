// The map component's entry point, given to Streamlit as inline code: ui/map_view.py fills in
// __BASE__ (the app's base URL path, "" at the root) and Streamlit runs it from memory.
//
// Why not name index.js itself: Streamlit runs a component given as a file by adding a new
// <script type="module"> for that file on every change and waiting for its load event, which
// the browser gave only after the rest of the page's updates (35-125 ms later in the app;
// bench/NOTES.md, 2026-12-03, afternoon). This entry imports index.js once per page, from the
// app's own origin, and hands it every update straight away.
const entry = new URL("__BASE__/_stcore/bidi-components/ecomap.map/index.js", location.origin);
let map = null;

export default function (component) {
  if (map) return map.default(component);
  return import(entry.href).then((module) => {
    map = module;
    return map.default(component);
  });
}
