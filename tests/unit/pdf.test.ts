import { createRequire } from "node:module";
import path from "node:path";
import { extractText, extractTextItems, getDocumentProxy, getMeta } from "unpdf";
import { describe, expect, it } from "vitest";
import { intakeDocument, type IntakeDocument, type IntakeForDocument } from "@/lib/exports/intake-document";
import { renderIntakePdf, type PaperSize } from "@/lib/exports/pdf";
import { MUST_ACKNOWLEDGE, precautionsFor } from "@/lib/intake/precautions";
import { INTAKE_SCHEMA_VERSION, intakeSchema, type IntakeFormValues } from "@/lib/intake/schema";
import { newReference } from "@/lib/intake/reference";
import { neuropathyIntake, validIntake } from "../helpers/intake-fixtures";

const CLINIC = "Harbour Street Foot Clinic";
const NAMES = ["José Núñez", "Łukasz Żółć", "Zoë Brontë"];
/** The sizes a PDF viewer reports for each paper, in points. */
const PAGE: Record<PaperSize, [number, number]> = { A4: [595.28, 841.89], Letter: [612, 792] };

/** Validated as the server stores them, so hidden answers are dropped exactly as in real life. */
function stored(values: IntakeFormValues) {
  const parsed = intakeSchema.safeParse(values);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

function forDocument(values: IntakeFormValues, reviews: IntakeForDocument["reviews"] = []): IntakeForDocument {
  return {
    reference: newReference(),
    fullName: values.fullName,
    appointmentDate: values.appointmentDate,
    createdAt: new Date("2026-03-02T09:15:00Z"),
    status: reviews.length > 0 ? "reviewed" : "new",
    schemaVersion: INTAKE_SCHEMA_VERSION,
    answers: stored(values),
    reviews,
  };
}

/** A client with something at every level of the card. */
const everyLevel = (fullName: string) =>
  neuropathyIntake({
    fullName,
    signature: fullName,
    conditions: ["neuropathy", "diabetes", "feverToday", "varicoseVeins", "openWounds"],
    hasAllergies: "yes",
    allergies: ["nutOils", "fragrances"],
    allergyDetails: "Almond oil: hives within an hour.",
    medications: "Metformin 500 mg twice a day\nApixaban (blood thinner)",
    takesBloodThinners: true,
    areasToAvoid: "Left big toe, recently injured",
  });

/** Text as compared: Unicode-normalised, with no whitespace, because wrapped lines come back split. */
const squash = (text: string) => text.normalize("NFC").replace(/\s+/g, "");
/** Text with its whitespace kept as single spaces, for what fits on one line (a name, a page number). */
const oneSpaced = (text: string) => text.normalize("NFC").replace(/\s+/g, " ").trim();

/**
 * The footer ("Reference K7M4-QPXD Page 2 of 3") is drawn last on each page, so in the extracted
 * text it falls in the middle of whatever runs on to the next page: take it out before comparing.
 */
const withoutFooters = (text: string) => text.replace(/Reference\s+\S+\s+Page\s+\d+\s+of\s+\d+/g, " ");

async function read(bytes: Buffer) {
  // pdf.js may take over the buffer it is given: give it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  const { info } = await getMeta(pdf);
  const views: number[][] = [];
  for (let n = 1; n <= totalPages; n++) views.push((await pdf.getPage(n)).view);
  return { pdf, totalPages, text, info, views };
}

async function render(document: IntakeDocument, paper: PaperSize = "A4") {
  const bytes = await renderIntakePdf(document, paper);
  return { bytes, ...(await read(bytes)) };
}

/** What must appear in the text of every intake's PDF: the document's own words, not copies of them. */
function expectDocumentIn(text: string, document: IntakeDocument) {
  const all = squash(withoutFooters(text));
  const expectIn = (part: string, what: string) => expect(all.includes(squash(part)), `${what}: ${part}`).toBe(true);
  expect(oneSpaced(text)).toContain(oneSpaced(document.title));
  expectIn(document.clinicName, "clinic");
  for (const { label, value } of document.header) expectIn(`${label}: ${value}`, "header");
  for (const level of document.precautions) {
    expectIn(level.title, "level");
    for (const item of level.items) {
      expectIn(item.instruction, level.level);
      if (item.because.length > 0) expectIn(`Because: ${item.because.join("; ")}`, "because");
      for (const source of item.sources) expectIn(`Source: ${source}`, "source");
    }
  }
  for (const { label, value } of document.bodyMap) expectIn(`${label}: ${value}`, "body map");
  for (const section of document.sections) {
    expectIn(section.title, "section");
    for (const { label, value } of section.items) {
      expectIn(label, "question");
      expectIn(value, "answer");
    }
  }
}

describe("the PDF of a submission", () => {
  it.each(NAMES)("is a PDF with %s's name as typed, the whole card and every answer", async (name) => {
    const document = intakeDocument(forDocument(everyLevel(name)), CLINIC);
    // The intake reaches every level, so the test covers them all.
    expect(document.precautions.map((p) => p.level)).toEqual(["stop", "refer", "avoid", "modify", "products", "always"]);
    expect(document.bodyMap.length).toBeGreaterThan(0);

    const { bytes, text, totalPages, info } = await render(document);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.subarray(-7).toString("latin1")).toMatch(/%%EOF\n?$/);
    expect(totalPages).toBeGreaterThanOrEqual(1);

    expect(oneSpaced(text)).toContain(name.normalize("NFC"));
    // The clinic, then the name as the heading, then the header lines.
    expect(oneSpaced(text)).toContain(oneSpaced(`${CLINIC} ${name} Client: ${name}`));
    expectDocumentIn(text, document);
    // Not reviewed: each stop, refer and avoid item says so.
    const mustAcknowledge = document.precautions.filter((p) => MUST_ACKNOWLEDGE.includes(p.level)).flatMap((p) => p.items);
    expect(text.match(/Not yet acknowledged/g)).toHaveLength(mustAcknowledge.length);
    expect(text).not.toContain("Acknowledged at review");
    expect(text).toContain("Not reviewed yet.");
    expect(text).not.toContain("Nothing in the answers calls for a precaution");

    expect(info.Title).toBe(`Intake ${document.header.find((l) => l.label === "Reference")!.value}`);
    for (const part of name.split(" ")) expect(JSON.stringify(info).normalize("NFC")).not.toContain(part);
  });

  it("says when nothing calls for a precaution", async () => {
    const document = intakeDocument(forDocument(validIntake({ fullName: "Zoë Brontë", signature: "Zoë Brontë" })), CLINIC);
    expect(document.allClear).toBe(true);
    const { text } = await render(document);
    expect(oneSpaced(text)).toContain("Nothing in the answers calls for a precaution. Follow the usual care below.");
    expectDocumentIn(text, document);
  });

  it("prints the marks of the body map", async () => {
    const values = neuropathyIntake({
      fullName: "José Núñez",
      signature: "José Núñez",
      reducedFeeling: ["leftToes", "rightSole", "rightLowerLeg"],
      painfulToLightTouch: ["leftAnkle"],
      woundsOrBlisters: ["rightHeel"],
    });
    const document = intakeDocument(forDocument(values), CLINIC);
    const { text } = await render(document);
    expect(document.bodyMap.map((l) => l.value)).toEqual(
      expect.arrayContaining(["Left toes, Right sole, Right lower leg", "Left ankle", "Right heel"]),
    );
    expect(oneSpaced(text)).toContain("Feet and lower legs");
    const all = squash(withoutFooters(text));
    for (const { label, value } of document.bodyMap) expect(all).toContain(squash(`${label}: ${value}`));
  });

  it("prints each review: who, when, the note and what was acknowledged", async () => {
    const values = everyLevel("Łukasz Żółć");
    const acknowledged = precautionsFor(stored(values))
      .filter((p) => MUST_ACKNOWLEDGE.includes(p.level))
      .map((p) => p.id);
    const reviews = [
      {
        reviewerName: "Ingrid Sørensen",
        createdAt: new Date("2026-03-02T11:40:00Z"),
        note: "Called the client: the GP has seen the left foot.\nRebooked for next week, light pressure only.",
        acknowledged,
      },
    ];
    const document = intakeDocument(forDocument(values, reviews), CLINIC);
    const { text } = await render(document);
    const all = squash(withoutFooters(text));
    const [review] = document.reviews;
    expect(all).toContain(squash(`Reviewed by ${review!.by} on ${review!.at}`));
    expect(all).toContain(squash(review!.note));
    expect(review!.acknowledged.length).toBe(acknowledged.length);
    for (const instruction of review!.acknowledged) expect(all).toContain(squash(instruction));
    expect(text.match(/Acknowledged at review/g)).toHaveLength(acknowledged.length);
    expect(text).not.toContain("Not yet acknowledged");
    expect(text).not.toContain("Not reviewed yet.");
  });

  it("uses only the fonts shipped with it: pdfkit never loads its built-in font metrics", async () => {
    const document = intakeDocument(forDocument(everyLevel("José Núñez")), CLINIC);
    const { bytes } = await render(document);
    const fonts = bytes.toString("latin1").match(/\/BaseFont\s*\/[^\s/<>[\]]+/g) ?? [];
    expect(new Set(fonts.map((f) => f.replace(/^.*\/(?:[A-Z]{6}\+)?/, "")))).toEqual(new Set(["DejaVuSans", "DejaVuSans-Bold"]));
    // pdfkit loads a standard font's metrics (Helvetica, its default) with require() when a
    // document opens one: none may be in the cache, so the server bundle needs none of them.
    const standardFonts = `${path.sep}pdfkit${path.sep}js${path.sep}standard-fonts${path.sep}`;
    expect(Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes(standardFonts))).toEqual([]);
  });

  it.each(["A4", "Letter"] as const)("fits %s paper, and a long intake runs onto numbered pages", async (paper) => {
    const unbroken = `https://example.com/${"Żółć".repeat(71)}`;
    const long = (topic: string) =>
      [`${topic}: ${unbroken}`, ...Array.from({ length: 40 }, (_, i) => `Line ${i + 1} about ${topic}, plainly typed by the client.`)]
        .join("\n")
        .slice(0, 2000);
    const values = everyLevel("Zoë Brontë");
    const document = intakeDocument(
      forDocument({ ...values, medications: long("medications"), otherConditions: long("other conditions"), areasToAvoid: long("areas") }),
      CLINIC,
    );
    expect(unbroken.length).toBeGreaterThan(300);
    expect(document.sections.flatMap((s) => s.items).filter((i) => i.value.length > 1900)).toHaveLength(3);

    const { pdf, text, totalPages, views } = await render(document, paper);
    const [width, height] = PAGE[paper];
    for (const view of views) expect(view.map((n) => Math.round(n * 100) / 100)).toEqual([0, 0, width, height]);
    expect(totalPages).toBeGreaterThan(1);
    for (let n = 1; n <= totalPages; n++) expect(oneSpaced(text)).toContain(`Page ${n} of ${totalPages}`);
    expect(oneSpaced(text)).not.toContain(`Page ${totalPages + 1} of`);
    const reference = document.header.find((l) => l.label === "Reference")!.value;
    expect(oneSpaced(text).split(`Reference ${reference}`)).toHaveLength(totalPages + 1);
    expectDocumentIn(text, document);
    expect(squash(withoutFooters(text))).toContain(squash(unbroken));

    // Nothing runs past the margins, not even the word too long for a line.
    const { items } = await extractTextItems(pdf);
    for (const item of items.flat().filter((i) => i.str.trim() !== "")) {
      expect(item.x, item.str).toBeGreaterThanOrEqual(49.5);
      expect(item.x + item.width, item.str).toBeLessThanOrEqual(width - 49.5);
      expect(item.y, item.str).toBeGreaterThan(0);
      expect(item.y, item.str).toBeLessThan(height - 49.5);
    }
  });
});
