/**
 * A submission as a PDF, for a therapist to print or file: the words of intake-document.ts, in the
 * page's order, on A4 or US Letter. Set in DejaVu Sans, shipped beside this file, so a name such as
 * "Łukasz Żółć" prints as typed (the built-in PDF fonts stop at Western European letters), and so
 * pdfkit never loads its own Helvetica metrics. Nothing relies on colour: levels are told apart by
 * their bold titles and words, and the page prints as well on a black-and-white printer.
 *
 * What clients typed is drawn as plain text, never read as markup. Long answers wrap within the
 * margins; a word too long for a line (a pasted link, a held-down key) is cut where the line ends
 * rather than running off the page. Every page carries the intake's reference and "Page N of M",
 * so loose pages can be put back together. The client's name is printed, but kept out of the file's
 * metadata, which travels further (file lists, search indexes, mail previews) than the pages.
 */
import "server-only";
import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { IntakeDocument } from "./intake-document";

export type PaperSize = "A4" | "Letter";

/** pdfkit's names for the paper sizes a clinic may print on. */
export const PAPER_SIZES = { A4: "A4", Letter: "LETTER" } as const satisfies Record<PaperSize, string>;

const MARGIN = 50;
const INDENT = 14;
const SIZE = { clinic: 9, title: 18, heading: 13, level: 11.5, body: 10, small: 9, footer: 8 } as const;
const REGULAR = "regular";
const BOLD = "bold";

type FontName = typeof REGULAR | typeof BOLD;

let fontFiles: { regular: Buffer; bold: Buffer } | undefined;

/** Read once per process: the server runs with the project folder as its working directory. */
function fonts(): { regular: Buffer; bold: Buffer } {
  const dir = path.join(/* turbopackIgnore: true */ process.cwd(), "lib/exports/fonts");
  fontFiles ??= {
    regular: fs.readFileSync(path.join(dir, "DejaVuSans.ttf")),
    bold: fs.readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")),
  };
  return fontFiles;
}

/**
 * Typed text as pdfkit should draw it: one kind of line break, tabs as spaces, and no control or
 * direction characters, which the font has no glyph for (the schema refuses most of them, but
 * answers stored before it did, and reviewers' notes, pass through here too).
 */
function plain(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\t/g, "    ")
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, "");
}

export async function renderIntakePdf(doc: IntakeDocument, paper: PaperSize): Promise<Buffer> {
  const { regular, bold } = fonts();
  const reference = doc.header.find((line) => line.label === "Reference")?.value ?? "";
  const pdf = new PDFDocument({
    size: PAPER_SIZES[paper],
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    // The first font is given here so pdfkit does not open its default, Helvetica. Its types
    // (@types/pdfkit 0.17) know only a file name; pdfkit 0.20 takes the bytes as well.
    font: regular as unknown as string,
    bufferPages: true,
    lang: "en",
    displayTitle: true,
    info: { Title: reference ? `Intake ${plain(reference)}` : "Intake" },
  });

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  pdf.registerFont(REGULAR, regular);
  pdf.registerFont(BOLD, bold);

  // pdfkit sets the document's first font again on each new page, even in the middle of a
  // paragraph: put back the one in use, so bold text that breaks across pages stays bold.
  let current: FontName = REGULAR;
  const setFont = (font: FontName, size: number) => {
    current = font;
    pdf.font(font).fontSize(size);
  };
  pdf.on("pageAdded", () => pdf.font(current));

  const width = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN;
  /** A new page when `height` would not fit, so a heading is never left alone at a page's foot. */
  const keep = (height: number) => {
    if (pdf.y + height > bottom()) pdf.addPage();
  };
  const text = (value: string, indent = 0, options: PDFKit.Mixins.TextOptions = {}) =>
    pdf.text(plain(value), MARGIN + indent, pdf.y, { width: width - indent, ...options });
  /** "Label: value", the label in bold; the value may be long and hold line breaks. */
  const line = (label: string, value: string, indent = 0, size: number = SIZE.body) => {
    setFont(BOLD, size);
    const words = plain(value);
    // A continued paragraph ends with the next piece of text: it must not be empty.
    if (words.trim() === "") {
      text(label, indent);
      return;
    }
    text(`${label}: `, indent, { continued: true });
    setFont(REGULAR, size);
    pdf.text(words);
  };
  /** An item of a list: the bullet stays on the page of the item's first line. */
  const bullet = (value: string) => {
    keep(pdf.currentLineHeight(true) * 2);
    const top = pdf.y;
    text("•", 0, { lineBreak: false });
    pdf.y = top;
    text(value, INDENT);
  };
  const heading = (title: string) => {
    setFont(BOLD, SIZE.heading);
    keep(pdf.currentLineHeight(true) * 3 + 12);
    pdf.moveDown(0.8);
    text(title);
    pdf.moveDown(0.3);
  };

  // Who and what.
  setFont(REGULAR, SIZE.clinic);
  text(doc.clinicName);
  pdf.moveDown(0.3);
  setFont(BOLD, SIZE.title);
  text(doc.title);
  pdf.moveDown(0.4);
  for (const { label, value } of doc.header) line(label, value);

  // The card, most serious level first.
  heading("Precautions");
  if (doc.allClear) {
    setFont(REGULAR, SIZE.body);
    text("Nothing in the answers calls for a precaution. Follow the usual care below.");
  }
  for (const level of doc.precautions) {
    setFont(BOLD, SIZE.level);
    keep(pdf.currentLineHeight(true) * 4 + 8);
    pdf.moveDown(0.6);
    text(level.title);
    setFont(REGULAR, SIZE.small);
    text(level.hint);
    for (const item of level.items) {
      pdf.moveDown(0.4);
      setFont(REGULAR, SIZE.body);
      bullet(item.instruction);
      setFont(REGULAR, SIZE.small);
      if (item.because.length > 0) text(`Because: ${item.because.join("; ")}`, INDENT);
      for (const source of item.sources) text(`Source: ${source}`, INDENT);
      if (item.acknowledged !== undefined) {
        setFont(BOLD, SIZE.small);
        text(item.acknowledged ? "Acknowledged at review" : "Not yet acknowledged", INDENT);
      }
    }
  }

  if (doc.bodyMap.length > 0) {
    heading("Feet and lower legs");
    for (const { label, value } of doc.bodyMap) line(label, value);
  }

  for (const section of doc.sections) {
    heading(section.title);
    for (const { label, value } of section.items) {
      line(label, value);
      pdf.moveDown(0.2);
    }
  }

  heading("Review");
  if (doc.reviews.length === 0) {
    setFont(REGULAR, SIZE.body);
    text("Not reviewed yet.");
  }
  for (const [i, review] of doc.reviews.entries()) {
    if (i > 0) pdf.moveDown(0.6);
    setFont(BOLD, SIZE.body);
    keep(pdf.currentLineHeight(true) * 2);
    text(`Reviewed by ${review.by} on ${review.at}`);
    setFont(REGULAR, SIZE.body);
    if (review.note !== "") text(review.note);
    if (review.acknowledged.length > 0) {
      pdf.moveDown(0.2);
      setFont(BOLD, SIZE.small);
      text("Acknowledged:");
      setFont(REGULAR, SIZE.small);
      for (const instruction of review.acknowledged) bullet(instruction);
    }
  }

  // The footer, once the number of pages is known. It sits in the bottom margin, where pdfkit
  // would otherwise start a new page for it.
  const { start, count } = pdf.bufferedPageRange();
  setFont(REGULAR, SIZE.footer);
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const margins = pdf.page.margins;
    pdf.page.margins = { ...margins, bottom: 0 };
    const y = pdf.page.height - MARGIN / 2 - SIZE.footer;
    if (reference) pdf.text(`Reference ${plain(reference)}`, MARGIN, y, { width: width / 2, lineBreak: false });
    pdf.text(`Page ${i - start + 1} of ${count}`, MARGIN + width / 2, y, { width: width / 2, align: "right", lineBreak: false });
    pdf.page.margins = margins;
  }

  pdf.end();
  return done;
}
