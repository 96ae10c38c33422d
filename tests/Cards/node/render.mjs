// Oracle for the C# card engine tests: runs the official Adaptive Cards libraries on jobs read from stdin.
// Input:  {"jobs": [{"id", "template"?, "data"?, "card"?, "validate"?, "render"?}]}
// Output: [{"id", "expanded"?, "error"?, "events"?, "text"?, "anchors"?}]
//   expanded: adaptivecards-templating's Template.expand({$root: data})
//   events:   adaptivecards v3 parse + validateProperties messages for "card" (or the expanded card)
//   text/anchors: the card rendered to a DOM (jsdom) with Markdown on, as Teams does; anchors counts <a> links
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import MarkdownIt from "markdown-it";
import * as ACData from "adaptivecards-templating";

const require = createRequire(import.meta.url);

// adaptivecards renders into a DOM; jsdom provides one. jsdom has no innerText, which the renderer uses to
// write plain text, so map it to textContent (both set text literally, never as HTML).
const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of Object.getOwnPropertyNames(dom.window)) {
  if ((/^(HTML|SVG)/.test(name) || ["Node", "Element", "Event", "KeyboardEvent", "MouseEvent", "navigator"].includes(name)) && !(name in globalThis)) {
    globalThis[name] = dom.window[name];
  }
}
Object.defineProperty(dom.window.HTMLElement.prototype, "innerText", {
  configurable: true,
  get() { return this.textContent; },
  set(value) { this.textContent = value; },
});

// The package's "lib" folder is ESM without file extensions, which node cannot load; the UMD bundle works.
const AC = require("adaptivecards/dist/adaptivecards.js");
const markdown = new MarkdownIt();
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown.render(text);
  result.didProcess = true;
};

function validate(card) {
  const events = [];
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push(`parse ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of adaptiveCard.validateProperties().validationEvents) {
    events.push(`validate ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return events;
}

function render(card) {
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.parse(card);
  const element = adaptiveCard.render();
  return { text: element.textContent, anchors: element.querySelectorAll("a").length };
}

const request = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const job of request.jobs) {
  const result = { id: job.id };
  try {
    let card = job.card;
    if (job.template !== undefined) {
      const template = new ACData.Template(job.template);
      result.expanded = template.expand({ $root: job.data });
      card = card ?? result.expanded;
    }
    if (job.validate) result.events = validate(card);
    if (job.render) Object.assign(result, render(card));
  } catch (e) {
    result.error = String(e && e.message ? e.message : e);
  }
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
