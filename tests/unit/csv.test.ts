/**
 * The CSV's cells and stream without a database: formula injection neutralised, one column per
 * question with a unique header, the byte order mark first, and a failure mid-way that ends the
 * download as failed instead of short and silent.
 */
import { describe, expect, it } from "vitest";
import type { IntakeForExport } from "@/lib/data/intakes/export";
import { CSV_HEADERS, SUMMARY_HEADERS, csvRow, intakesCsv, neutralise } from "@/lib/exports/csv";
import { questionnaire } from "@/lib/intake/questionnaire";
import { intakeSchema } from "@/lib/intake/schema";
import { validIntake } from "../helpers/intake-fixtures";

const row = (over: Partial<IntakeForExport> = {}): IntakeForExport => ({
  id: "cm0000000000000000000001",
  reference: "K7Q-4M2P",
  fullName: "Maria Jensen",
  appointmentDate: "2026-12-09",
  createdAt: new Date("2026-12-01T10:00:00Z"),
  status: "new",
  schemaVersion: 3,
  answers: intakeSchema.parse(validIntake()),
  stopCount: 0,
  referCount: 1,
  avoidCount: 2,
  rulesChanged: false,
  ...over,
});

describe("cells", () => {
  it.each(["=1+1", "+1 555", "-2", "@SUM(A1)", "\tx", "\rx"])("neutralises %j", (cell) => {
    expect(neutralise(cell)).toBe(`'${cell}`);
  });
  it.each(["Maria", "1+1", " =x", "José", ""])("leaves %j alone", (cell) => expect(neutralise(cell)).toBe(cell));

  it("has one uniquely named column per question, after the summary", () => {
    expect(new Set(CSV_HEADERS).size).toBe(CSV_HEADERS.length);
    expect(CSV_HEADERS).toHaveLength(SUMMARY_HEADERS.length + questionnaire.registry.questions.length);
    const cells = csvRow(row());
    expect(cells).toHaveLength(CSV_HEADERS.length);
    expect(cells.slice(0, SUMMARY_HEADERS.length)).toEqual(["K7Q-4M2P", "Maria Jensen", "2026-12-09", "2026-12-01T10:00:00.000Z", "New", "", 0, 1, 2]);
    expect(csvRow(row({ status: "reviewed", rulesChanged: true })).slice(4, 6)).toEqual(["Reviewed", "Yes"]);
    const at = (header: string) => cells[CSV_HEADERS.indexOf(header)];
    expect(at("Pressure preference")).toBe("Medium");
    expect(at("Takes blood thinners")).toBe("No");
    // Not asked of this client: empty, not "No".
    expect(at("Injects insulin")).toBe("");
  });
});

describe("the stream", () => {
  async function text(stream: ReadableStream<Uint8Array>) {
    const parts: Uint8Array[] = [];
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(Buffer.concat(parts));
  }

  it("starts with the byte order mark and the header, then a line per intake", async () => {
    async function* batches() {
      yield [row({ fullName: "Zoë Brontë" })];
      yield [row({ fullName: "=cmd|' /C calc'!A0", reference: "AAA-BBBB" })];
    }
    const csv = await text(intakesCsv(batches(), () => {}));
    expect(csv.startsWith("\uFEFFReference,Client,")).toBe(true);
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("Zoë Brontë");
    expect(lines[2]).toContain(`,'=cmd|' /C calc'!A0,`);
  });

  it("fails the download when reading fails mid-way, and reports it", async () => {
    const reported: unknown[] = [];
    async function* batches(): AsyncGenerator<IntakeForExport[]> {
      yield [row()];
      throw new Error("database gone");
    }
    await expect(text(intakesCsv(batches(), (e) => reported.push(e)))).rejects.toThrow("The export stopped.");
    expect(reported).toHaveLength(1);
  });
});
