// The map as a Streamlit custom component (components v2, package form: the files of this folder
// are served by the app itself from /_stcore/bidi-components/ecomap.map/, nothing from any other
// host). Streamlit calls the default export again with new data after every change; the map in
// the same element is updated in place (map.js), so vis-network is parsed once per page.
import "./vis-network.min.js";
import { render } from "./map.js";

const fonts = {
  regular: new URL("./fonts/EcomapSans-Regular.ttf", import.meta.url).href,
  bold: new URL("./fonts/EcomapSans-Bold.ttf", import.meta.url).href,
};

// The pictograms (OpenMoji, CC BY-SA 4.0) are files of this component too: the data names them.
const pictogram = (file) => new URL(`./pictograms/${file}`, import.meta.url).href;

// The app sends the map data as compact JSON in bytes (ui/map_view.py, payload); a dict would
// reach here already parsed.
const decoded = (data) =>
  data instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(data)) : data;

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const view = render(parentElement, decoded(component.data), {
    fonts,
    pictogram,
    onMove: (moved) => setTriggerValue("moved", moved),
    onPick: (id) => setTriggerValue("picked", id),
  });
  // Streamlit keeps only the last cleanup and runs it when the element goes away (and may run
  // one early when data changes fast): remove the map only if its element is really gone.
  return () => {
    setTimeout(() => {
      if (!parentElement.isConnected) view.destroy();
    }, 0);
  };
}
