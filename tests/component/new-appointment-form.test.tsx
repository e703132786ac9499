import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { NewAppointmentForm, type ClientMatch, type CreatedAppointment } from "@/components/staff/new-appointment-form";
import type { ActionResult } from "@/lib/action-result";

vi.mock("next/link", () => ({ default: ({ href, children }: { href: string; children: React.ReactNode }) => <a href={href}>{children}</a> }));

const LINK = "https://intake.example-clinic.com/i/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

function renderForm(
  create: (values: unknown) => Promise<ActionResult<CreatedAppointment>>,
  search: (typed: unknown) => Promise<ActionResult<ClientMatch[]>> = async () => ({ ok: true, data: [] }),
) {
  const user = userEvent.setup();
  render(<NewAppointmentForm create={create} search={search} today="2026-12-01" timeZone="Europe/London" />);
  return user;
}

describe("New appointment", () => {
  it("names each missing answer beside its field before asking the server", async () => {
    const create = vi.fn();
    const user = renderForm(create);
    await user.click(screen.getByRole("button", { name: "Create appointment" }));
    expect(await screen.findByLabelText("Client name")).toHaveAccessibleDescription(/Enter the client's name/);
    expect(screen.getByLabelText("Client email")).toHaveAccessibleDescription(/Enter the client's email/);
    expect(screen.getByLabelText("Appointment date")).toHaveAccessibleDescription(/Enter the appointment date/);
    expect(screen.getByLabelText("Appointment time")).toHaveAccessibleDescription(/Enter the appointment time/);
    expect(screen.getByLabelText("Client phone (optional)")).not.toHaveAttribute("aria-invalid");
    expect(create).not.toHaveBeenCalled();
  });

  it("books a returning client picked from the search, then shows the link to copy and that the email went", async () => {
    const create = vi.fn(async (): Promise<ActionResult<CreatedAppointment>> => ({
      ok: true,
      data: { link: LINK, clientId: "c1", emailed: true, emailProblem: null, email: "asa@example.com" },
    }));
    const search = vi.fn(async () => ({ ok: true as const, data: [{ id: "c1", fullName: "Åsa Lind", email: "asa@example.com" }] }));
    const user = renderForm(create, search);
    await user.type(screen.getByLabelText("Find a returning client"), "asa");
    await user.click(await screen.findByRole("button", { name: "Choose Åsa Lind (asa@example.com)" }));
    expect(screen.queryByLabelText("Client name")).toBeNull();
    await user.type(screen.getByLabelText("Appointment date"), "2026-12-08");
    await user.type(screen.getByLabelText("Appointment time"), "10:30");
    await user.click(screen.getByRole("button", { name: "Create appointment" }));
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ clientId: "c1", date: "2026-12-08", time: "10:30" }));
    expect(await screen.findByRole("heading", { name: "Appointment created" })).toHaveFocus();
    expect(screen.getByLabelText("Personal link")).toHaveValue(LINK);
    expect(screen.getByRole("status")).toHaveTextContent("The personal link was emailed to asa@example.com.");
    expect(screen.getByRole("button", { name: "Copy link" })).toBeVisible();
  });

  it("says plainly when the email did not go, and still shows the link", async () => {
    const create = vi.fn(async (): Promise<ActionResult<CreatedAppointment>> => ({
      ok: true,
      data: { link: LINK, clientId: "c2", emailed: false, emailProblem: "The mail server did not accept the email.", email: "ben@example.com" },
    }));
    const user = renderForm(create);
    await user.type(screen.getByLabelText("Client name"), "Ben Okoro");
    await user.type(screen.getByLabelText("Client email"), "ben@example.com");
    await user.type(screen.getByLabelText("Appointment date"), "2026-12-08");
    await user.type(screen.getByLabelText("Appointment time"), "09:00");
    await user.click(screen.getByRole("button", { name: "Create appointment" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The email was not sent: The mail server did not accept the email.");
    expect(screen.getByLabelText("Personal link")).toHaveValue(LINK);
  });
});
