import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PrecautionCard } from "@/components/staff/precaution-card";
import { LEVELS, LEVEL_ORDER, MUST_ACKNOWLEDGE, type Precaution } from "@/lib/intake/precautions";

/** One made-up item per level, so every part of the card is drawn. */
const ONE_OF_EACH: Precaution[] = LEVEL_ORDER.map((level) => ({
  id: `${level}.example`,
  level,
  instruction: `What to do at level ${level}.`,
  regions: [],
  because: [`Answer behind ${level}`],
  sources: [
    { citation: `Guide for ${level}`, url: `https://example.org/${level}` },
    { citation: "Second guide", url: `https://example.org/${level}/second` },
  ],
}));

const itemOf = (level: string) => document.querySelector(`[data-precaution="${level}.example"]`) as HTMLElement;

describe("the precaution card", () => {
  it("draws every level, most serious first, with its heading, instruction and reasons", () => {
    render(<PrecautionCard precautions={[...ONE_OF_EACH].reverse()} reviewFormId="review-form" />);
    const headings = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent ?? "");
    expect(headings).toHaveLength(LEVEL_ORDER.length);
    LEVEL_ORDER.forEach((level, i) => expect(headings[i]).toContain(LEVELS[level].title));
    expect(headings[0]).toContain("Do not massage today");
    for (const level of LEVEL_ORDER) {
      const item = itemOf(level);
      expect(within(item).getByText(`What to do at level ${level}.`)).toBeInTheDocument();
      expect(within(item).getByText(`Because: Answer behind ${level}`)).toBeInTheDocument();
      const source = item.querySelector(".source") as HTMLElement;
      expect(source.textContent).toBe(`Source: Guide for ${level}; Second guide`);
      expect(within(source).getByRole("link", { name: `Guide for ${level}` })).toHaveAttribute("href", `https://example.org/${level}`);
      expect(within(source).getByRole("link", { name: "Second guide" })).toHaveAttribute("href", `https://example.org/${level}/second`);
    }
    expect(screen.queryByText(/Nothing in the answers calls for a precaution/)).not.toBeInTheDocument();
  });

  it("asks for an acknowledgement of each stop, refer and avoid item, tied to the review form", () => {
    render(<PrecautionCard precautions={ONE_OF_EACH} reviewFormId="review-form" />);
    for (const level of LEVEL_ORDER) {
      const box = within(itemOf(level)).queryByRole("checkbox", { name: `Read and understood: What to do at level ${level}.` });
      if (MUST_ACKNOWLEDGE.includes(level)) {
        expect(box, level).toHaveAttribute("form", "review-form");
        expect(box).toHaveAttribute("value", `${level}.example`);
        expect(box).not.toBeChecked();
      } else {
        expect(box, level).toBeNull();
      }
    }
  });

  it("after review, shows what was acknowledged and asks for nothing", () => {
    render(<PrecautionCard precautions={ONE_OF_EACH} acknowledged={["stop.example", "avoid.example"]} />);
    expect(screen.queryAllByRole("checkbox")).toHaveLength(0);
    expect(within(itemOf("stop")).getByText("✓ Acknowledged at review")).toBeInTheDocument();
    expect(within(itemOf("avoid")).getByText("✓ Acknowledged at review")).toBeInTheDocument();
    expect(within(itemOf("refer")).queryByText("✓ Acknowledged at review")).toBeNull();
  });

  it("says when nothing calls for a precaution beyond the usual care", () => {
    render(<PrecautionCard precautions={ONE_OF_EACH.filter((p) => p.level === "always")} />);
    expect(screen.getByText(/Nothing in the answers calls for a precaution/)).toBeInTheDocument();
  });

  it("after the rules changed, lists the items no review acknowledged and asks for those alone", () => {
    render(
      <PrecautionCard
        precautions={ONE_OF_EACH}
        reviewFormId="review-form"
        acknowledged={["refer.example"]}
        changedSinceReview={["stop.example", "avoid.example"]}
      />,
    );
    const notice = screen.getByRole("note", { name: "Rules changed since this review" });
    expect(within(notice).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Do not massage today: What to do at level stop.",
      "Avoid these areas: What to do at level avoid.",
    ]);
    expect(screen.getAllByRole("checkbox").map((box) => box.getAttribute("value"))).toEqual(["stop.example", "avoid.example"]);
    expect(within(itemOf("stop")).getByText("New since the last review")).toBeInTheDocument();
    expect(within(itemOf("refer")).getByText("✓ Acknowledged at review")).toBeInTheDocument();
    expect(within(itemOf("refer")).queryByText("New since the last review")).toBeNull();
  });

  it("shows no notice when nothing changed since the review", () => {
    render(<PrecautionCard precautions={ONE_OF_EACH} acknowledged={["stop.example", "refer.example", "avoid.example"]} />);
    expect(screen.queryByRole("note")).toBeNull();
    expect(screen.queryByText("Rules changed since this review")).toBeNull();
  });
});
