import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { BodyMapInput, BodyMapView, type Marks } from "@/components/body-map";
import { DRAFT_KEY } from "@/components/intake/draft";
import { IntakeForm } from "@/components/intake/intake-form";
import { neuropathyIntake } from "../helpers/intake-fixtures";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

const none: Marks = { reducedFeeling: [], painfulToLightTouch: [], woundsOrBlisters: [] };

describe("the body map", () => {
  it("toggles a region by click, for the kind of mark chosen", async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(<BodyMapInput marks={none} onToggle={onToggle} />);
    const map = screen.getByRole("group", { name: /Feet and lower legs/ });

    await user.click(within(map).getByRole("checkbox", { name: "Left heel" }));
    expect(onToggle).toHaveBeenLastCalledWith("reducedFeeling", "leftHeel");

    await user.click(screen.getByLabelText("Wound or blister"));
    await user.click(within(map).getByRole("checkbox", { name: "Right toes" }));
    expect(onToggle).toHaveBeenLastCalledWith("woundsOrBlisters", "rightToes");
  });

  it("toggles a region from the keyboard: Tab to it, Space or Enter", async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(<BodyMapInput marks={none} onToggle={onToggle} />);
    const region = screen.getByRole("checkbox", { name: "Left sole" });
    while (document.activeElement !== region) await user.tab();
    await user.keyboard(" ");
    expect(onToggle).toHaveBeenLastCalledWith("reducedFeeling", "leftSole");
    await user.keyboard("{Enter}");
    expect(onToggle).toHaveBeenCalledTimes(2);
  });

  it("shows each region's state for the chosen kind of mark", async () => {
    const user = userEvent.setup();
    render(
      <BodyMapInput marks={{ ...none, reducedFeeling: ["leftSole"], woundsOrBlisters: ["rightHeel"] }} onToggle={vi.fn()} />,
    );
    expect(screen.getByRole("checkbox", { name: "Left sole" })).toHaveAttribute("aria-checked", "true");
    expect(screen.getByRole("checkbox", { name: "Right heel" })).toHaveAttribute("aria-checked", "false");
    await user.click(screen.getByLabelText("Wound or blister"));
    expect(screen.getByRole("checkbox", { name: "Right heel" })).toHaveAttribute("aria-checked", "true");
    expect(screen.getByRole("checkbox", { name: "Left sole" })).toHaveAttribute("aria-checked", "false");
  });

  it("reports marks to the form: the matching checkbox is ticked, and unticked again", async () => {
    window.sessionStorage.setItem(
      DRAFT_KEY,
      JSON.stringify({
        values: neuropathyIntake({ reducedFeeling: [], woundsOrBlisters: [] }),
        step: "neuropathy",
        idempotencyKey: "6f1c1d3e-9a43-4c5e-8a55-0f6b2d3c4e5f",
      }),
    );
    const user = userEvent.setup();
    render(<IntakeForm submit={vi.fn()} />);
    await screen.findByRole("heading", { name: "Your feet and legs" });
    const woundsList = screen.getByRole("group", { name: "Where are there wounds, blisters or ulcers?" });
    const leftHeelBox = within(woundsList).getByRole("checkbox", { name: "Left heel" });
    expect(leftHeelBox).not.toBeChecked();

    // The drawing's code loads with its step (components/intake/step-questions.tsx): wait for it.
    await user.click(await screen.findByLabelText("Wound or blister"));
    const map = screen.getByRole("group", { name: /Feet and lower legs/ });
    await user.click(within(map).getByRole("checkbox", { name: "Left heel" }));
    await waitFor(() => expect(leftHeelBox).toBeChecked());
    expect(JSON.parse(window.sessionStorage.getItem(DRAFT_KEY)!).values.woundsOrBlisters).toEqual(["leftHeel"]);

    // And the other way: ticking the list updates the drawing.
    await user.click(leftHeelBox);
    await waitFor(() => expect(within(map).getByRole("checkbox", { name: "Left heel" })).toHaveAttribute("aria-checked", "false"));
  });
});

describe("the therapist's map", () => {
  it("lists the marks and the areas to avoid beside the drawing", () => {
    render(<BodyMapView marks={{ ...none, reducedFeeling: ["leftSole", "rightSole"] }} avoid={["leftHeel"]} />);
    const list = screen.getByRole("img");
    expect(list).toHaveAccessibleName(/Reduced feeling\s*Left sole, Right sole/);
    expect(list).toHaveAccessibleName(/Avoid\s*Left heel/);
    expect(document.querySelector('[data-region="leftHeel"][data-avoid]')).not.toBeNull();
    expect(document.querySelector('[data-region="rightHeel"][data-avoid]')).toBeNull();
  });
});
