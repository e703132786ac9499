import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ReviewState } from "@/components/staff/review-form";
import type { SignInState } from "@/components/staff/sign-in-form";
import { ReviewForm } from "@/components/staff/review-form";
import { SignInForm } from "@/components/staff/sign-in-form";

describe("the staff forms' fields", () => {
  it("sign-in: ties each error the server returns to its field, announced, and keeps the email typed", async () => {
    const user = userEvent.setup();
    const action = vi.fn(
      async (): Promise<SignInState> => ({ fieldErrors: { password: "Enter your password" }, email: "therapist@clinic.example" }),
    );
    render(<SignInForm action={action} />);
    const email = screen.getByLabelText("Email");
    const password = screen.getByLabelText("Password");
    expect(password).not.toHaveAttribute("aria-invalid");
    expect(password).not.toHaveAttribute("aria-describedby");

    await user.type(email, "therapist@clinic.example");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Enter your password");
    expect(action).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription(/Enter your password/);
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByLabelText("Email")).toHaveValue("therapist@clinic.example");
  });

  it("review: shows the note's error on the note, and keeps what was written", async () => {
    const user = userEvent.setup();
    const action = vi.fn<(previous: ReviewState, data: FormData) => Promise<ReviewState>>(async () => ({
      ok: false,
      fieldErrors: { note: "Keep the note under 2,000 characters" },
    }));
    render(<ReviewForm intakeId="i1" action={action} toAcknowledge={0} />);
    const note = screen.getByLabelText("Note (optional)");
    await user.type(note, "Checked both feet.");
    await user.click(screen.getByRole("button", { name: "Mark as reviewed" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Keep the note under 2,000 characters");
    expect(note).toHaveAttribute("aria-invalid", "true");
    expect(note).toHaveAccessibleDescription(/Keep the note under 2,000 characters/);
    expect(note).toHaveValue("Checked both feet.");
    expect(action.mock.calls[0]?.[1].get("note")).toBe("Checked both feet.");
  });
});
