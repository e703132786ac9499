import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AnswerSections } from "@/components/answer-sections";
import { ChangesSinceLastVisit } from "@/components/staff/changes-since-last-visit";
import { describeAnswers } from "@/lib/intake/answers";
import { questionnaire } from "@/lib/intake/questionnaire";
import { intakeSchema } from "@/lib/intake/schema";
import { neuropathyIntake } from "../helpers/intake-fixtures";

const before = intakeSchema.parse(neuropathyIntake()) as Record<string, unknown>;
const after = intakeSchema.parse(neuropathyIntake({ conditions: ["neuropathy", "diabetes", "varicoseVeins"], hasAllergies: "yes", allergies: ["latex"] })) as Record<string, unknown>;

describe("changed since the last visit", () => {
  it("shows each changed answer with the last visit's and today's side by side", () => {
    render(<ChangesSinceLastVisit lastVisitDate="2026-09-14" changes={questionnaire.changesBetween({ answers: before }, { answers: after })} />);
    const section = screen.getByRole("region", { name: "Changed since the last visit" });
    expect(within(section).getByText(/Last visit: .*14.*2026/)).toBeInTheDocument();
    const rows = within(section).getAllByRole("row").slice(1).map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    const headers = within(section).getAllByRole("rowheader").map((h) => h.textContent);
    expect(headers).toEqual(["Conditions", "Any allergies", "Allergies"]);
    expect(rows).toEqual([
      ["Peripheral neuropathy, Diabetes", "Peripheral neuropathy, Diabetes, Varicose veins"],
      ["No", "Yes"],
      ["Not asked", "Latex"],
    ]);
  });

  it("says so when nothing changed", () => {
    render(<ChangesSinceLastVisit lastVisitDate="2026-09-14" changes={questionnaire.changesBetween({ answers: before }, { answers: before })} />);
    expect(screen.getByRole("region", { name: "Changed since the last visit" })).toHaveTextContent("Nothing changed");
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("marks the changed answers among all the answers, in words", () => {
    const changes = questionnaire.changesBetween({ answers: before }, { answers: after });
    render(<AnswerSections sections={describeAnswers(after, "therapist")} changed={new Set(changes.map((c) => c.label))} />);
    const marked = [...document.querySelectorAll(".changed-mark")].map((m) => m.closest("div")!.querySelector("dt")!.textContent);
    expect(marked).toEqual(["Conditions", "Any allergies", "Allergies"]);
    expect(screen.getAllByText(/\(changed since the last visit\)/)).toHaveLength(3);
  });
});
