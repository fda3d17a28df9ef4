// pdf.js (Mozilla's PDF reader, as in Firefox) lists every annotation of a PDF:
//     node tests/pdf/annotations.mjs marked.pdf
// prints one JSON array: {page, type, author, contents, subject, inReplyTo, hasAppearance, rect}.
import { readFileSync } from "node:fs";

// Nothing is drawn here, so pdf.js's canvas (a native package) is left out; the one
// drawing class it builds when loaded gets a stand-in.
globalThis.DOMMatrix ??= class DOMMatrix {
  constructor() { Object.assign(this, { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }); }
};
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, verbosity: 0 }).promise;
const out = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  for (const a of await page.getAnnotations()) {
    out.push({
      page: n,
      type: a.subtype,
      author: a.titleObj ? a.titleObj.str : null,
      contents: a.contentsObj ? a.contentsObj.str : null,
      inReplyTo: a.inReplyTo ?? null,
      replyType: a.replyType ?? null,
      hasAppearance: Boolean(a.hasAppearance),
      modified: a.modificationDate ?? null,
      rect: a.rect,
    });
  }
}
process.stdout.write(JSON.stringify(out) + "\n");
