import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { IntakeForm, type SubmitIntake } from "@/components/intake/intake-form";
import { DRAFT_KEY } from "@/components/intake/draft";
import type { IntakeFormValues } from "@/lib/intake/schema";
import type { FormStep as StepId } from "@/lib/intake/form-steps";
import { neuropathyIntake, validIntake } from "../helpers/intake-fixtures";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

const KEY = "6f1c1d3e-9a43-4c5e-8a55-0f6b2d3c4e5f";

function startAt(step: StepId, values: Partial<IntakeFormValues>) {
  window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ values, step, idempotencyKey: KEY }));
}

function renderForm(submit: SubmitIntake = vi.fn()) {
  const user = userEvent.setup();
  const view = render(<IntakeForm submit={submit} />);
  return { user, submit, ...view };
}

beforeEach(() => push.mockReset());

describe("the intake form", () => {
  it("starts on step 1 with every field labelled", () => {
    renderForm();
    expect(screen.getByText("Step 1 of 6")).toBeInTheDocument();
    for (const label of ["Full name", "Email", "Phone", "Date of birth", "Appointment date", "Emergency contact name", "Emergency contact phone"]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
  });

  it("shows each error beside its field, announces them and focuses the first", async () => {
    const { user } = renderForm();
    await user.type(screen.getByLabelText("Full name"), "Maria Jensen");
    await user.type(screen.getByLabelText("Email"), "maria@");
    await user.click(screen.getByRole("button", { name: "Next" }));

    const email = screen.getByLabelText("Email");
    // The schema's check loads with its first use.
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription(/name@example\.com/);
    expect(screen.getByLabelText("Full name")).not.toHaveAttribute("aria-invalid");
    await waitFor(() => expect(email).toHaveFocus());
    const summary = screen.getByRole("alert");
    expect(within(summary).getByText(/answers need your attention/)).toBeInTheDocument();
    expect(within(summary).getByText(/Enter your phone number/)).toBeInTheDocument();
    // Still on step 1.
    expect(screen.getByText("Step 1 of 6")).toBeInTheDocument();
  });

  it("moves to the next step when the step is valid, and focuses its heading", async () => {
    startAt("about", validIntake());
    const { user } = renderForm();
    await waitFor(() => expect(screen.getByLabelText("Full name")).toHaveValue("Maria Jensen"));
    await user.click(screen.getByRole("button", { name: "Next" }));
    const heading = await screen.findByRole("heading", { name: "Your health" });
    expect(screen.getByText("Step 2 of 6")).toBeInTheDocument();
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it("asks the neuropathy questions only when Peripheral neuropathy is ticked", async () => {
    startAt("health", validIntake());
    const { user } = renderForm();
    await screen.findByRole("heading", { name: "Your health" });
    expect(screen.queryByLabelText("Numbness")).not.toBeInTheDocument();

    await user.click(screen.getByLabelText("Peripheral neuropathy"));
    expect(screen.getByText("Step 2 of 7")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByRole("heading", { name: "Your feet and legs" });
    for (const label of ["Pain", "Numbness", "Tingling", "Burning"]) expect(screen.getByLabelText(label)).toBeInTheDocument();

    // Required when shown: cause and today's strength.
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText(/Choose what caused your neuropathy/, { selector: ".field-error" })).toBeInTheDocument();
    expect(screen.getByLabelText("How strong are your symptoms today?")).toHaveAttribute("aria-invalid", "true");

    // Unticked again: the step is gone and Next goes straight on to allergies.
    await user.click(screen.getByRole("button", { name: "Back" }));
    await user.click(await screen.findByLabelText("Peripheral neuropathy"));
    expect(screen.getByText("Step 2 of 6")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByRole("heading", { name: "Allergies and skin" })).toBeInTheDocument();
  });

  it("shows the allergy list only after Yes, and the details only for Other", async () => {
    startAt("allergiesAndSkin", validIntake({ hasAllergies: undefined }));
    const { user } = renderForm();
    await screen.findByRole("heading", { name: "Allergies and skin" });
    expect(screen.queryByLabelText("Latex")).not.toBeInTheDocument();

    await user.click(screen.getByLabelText("Yes"));
    for (const label of ["Nut oils", "Fragrances or essential oils", "Latex", "Lotions or creams"]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    expect(screen.queryByLabelText("Allergy details")).not.toBeInTheDocument();
    await user.click(screen.getByLabelText("Other"));
    expect(screen.getByLabelText("Allergy details")).toBeInTheDocument();

    await user.click(screen.getByLabelText("No"));
    expect(screen.queryByLabelText("Latex")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Allergy details")).not.toBeInTheDocument();
  });

  it("keeps the answers in this tab across a reload", async () => {
    const first = renderForm();
    await first.user.type(screen.getByLabelText("Full name"), "Maria Jensen");
    await first.user.type(screen.getByLabelText("Phone"), "555 010 2030");
    first.unmount();

    renderForm();
    await waitFor(() => expect(screen.getByLabelText("Full name")).toHaveValue("Maria Jensen"));
    expect(screen.getByLabelText("Phone")).toHaveValue("555 010 2030");
  });

  it("shows every answer for review, then submits the validated answers once", async () => {
    const submit = vi.fn<SubmitIntake>().mockResolvedValue({ ok: true, data: { reference: "ABCD-EFGH", seeDoctorToday: [] } });
    startAt("review", neuropathyIntake({ hasAllergies: "no", allergies: ["latex"] }));
    const { user } = renderForm(submit);
    await screen.findByRole("heading", { name: "Check your answers" });
    expect(screen.getByText("Left heel")).toBeInTheDocument();
    expect(screen.getByText("4 out of 10")).toBeInTheDocument();

    const button = screen.getByRole("button", { name: "Submit intake" });
    await user.dblClick(button);
    await waitFor(() => expect(push).toHaveBeenCalledWith("/intake/thank-you?ref=ABCD-EFGH"));
    expect(submit).toHaveBeenCalledTimes(1);
    const [sent, key] = submit.mock.calls[0]!;
    expect(key).toBe(KEY);
    // Hidden answers were dropped before sending; the honeypot travels empty.
    expect((sent as IntakeFormValues).allergies).toEqual([]);
    expect(sent).toHaveProperty("website", "");
    expect(window.sessionStorage.getItem(DRAFT_KEY)).toBeNull();
  });

  it("puts a server's field error on its field and takes the client there", async () => {
    const submit = vi.fn<SubmitIntake>().mockResolvedValue({
      ok: false,
      fieldErrors: { email: "This email address was refused by the server" },
    });
    startAt("review", validIntake());
    const { user } = renderForm(submit);
    await user.click(await screen.findByRole("button", { name: "Submit intake" }));

    await screen.findByRole("heading", { name: "About you" });
    const email = screen.getByLabelText("Email");
    expect(email).toHaveAccessibleDescription("This email address was refused by the server");
    await waitFor(() => expect(email).toHaveFocus());
    expect(push).not.toHaveBeenCalled();
  });

  it("shows a server's form error and a lost connection without losing the answers", async () => {
    const submit = vi
      .fn<SubmitIntake>()
      .mockResolvedValueOnce({ ok: false, formError: "We could not save your answers just now." })
      .mockRejectedValueOnce(new TypeError("Failed to fetch"));
    startAt("review", validIntake());
    const { user } = renderForm(submit);

    await user.click(await screen.findByRole("button", { name: "Submit intake" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("We could not save your answers just now.");
    // The button reads "Sending…" until the transition ends, which may be just after the alert shows.
    await user.click(await screen.findByRole("button", { name: "Submit intake" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/could not reach the clinic's server/);
    expect(JSON.parse(window.sessionStorage.getItem(DRAFT_KEY)!).values.fullName).toBe("Maria Jensen");
  });

  it("tells a client with a red, hot or swollen foot to contact a doctor today, on the last steps and after", async () => {
    const submit = vi.fn<SubmitIntake>().mockResolvedValue({ ok: true, data: { reference: "ABCD-EFGH", seeDoctorToday: ["redHotSwollenToday"] } });
    startAt("consent", validIntake({ conditions: ["redHotSwollenToday"] }));
    const { user } = renderForm(submit);
    await screen.findByRole("heading", { name: "Consent and signature" });
    const advice = screen.getByRole("region", { name: "Please contact your doctor or foot clinic today" });
    expect(advice).toHaveTextContent("You told us about a foot or leg that is red, hot or swollen today.");
    expect(advice).toHaveTextContent("Your therapist will be in touch with you about your appointment.");

    await user.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByRole("heading", { name: "Check your answers" });
    expect(screen.getByRole("region", { name: "Please contact your doctor or foot clinic today" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Submit intake" }));
    await waitFor(() => expect(push).toHaveBeenCalledWith("/intake/thank-you?ref=ABCD-EFGH&care=redHotSwollenToday"));
  });

  it("gives no such advice for answers that can wait for the appointment", async () => {
    startAt("consent", validIntake({ conditions: ["swollenFeet"] }));
    renderForm();
    await screen.findByRole("heading", { name: "Consent and signature" });
    expect(screen.queryByText("Please contact your doctor or foot clinic today")).toBeNull();
  });
});
