import type { Metadata } from "next";
import Link from "next/link";
import { AddTeamMemberForm } from "@/components/staff/add-team-member-form";
import { requireOwner } from "@/lib/auth/session";
import { listTeam } from "@/lib/data/team";
import { addTeamMember, disableTeamMember, resetTeamMemberTwoFactor, sendNewPasswordLink } from "./actions";

export const metadata: Metadata = { title: "Team" };

/** The owner's page: who has an account, adding a therapist, disabling one, a lost second factor. */
export default async function TeamPage() {
  const owner = await requireOwner();
  const team = await listTeam();
  return (
    <div className="page wide">
      <p className="back">
        <Link href="/dashboard">← Dashboard</Link>
      </p>
      <h1>Team</h1>
      <div className="table-wrap" tabIndex={0} role="group" aria-label="Accounts">
        <table className="intakes">
          <caption className="visually-hidden">The clinic&apos;s accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Sign-in</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {team.map((member) => (
              <tr key={member.id}>
                <th scope="row">{member.name}</th>
                <td>{member.email}</td>
                <td>{member.role === "owner" ? "Owner" : "Therapist"}</td>
                <td>
                  {member.disabled
                    ? "Disabled"
                    : !member.hasPassword
                      ? "Waiting for a password"
                      : member.twoFactorEnabled
                        ? "Password and authenticator"
                        : "Password only"}
                </td>
                <td>
                  {member.disabled || member.id === owner.id ? null : (
                    <div className="row-actions">
                      <form action={disableTeamMember}>
                        <input type="hidden" name="userId" value={member.id} />
                        <button type="submit" className="secondary small">
                          Disable {member.name}
                        </button>
                      </form>
                      <form action={sendNewPasswordLink}>
                        <input type="hidden" name="userId" value={member.id} />
                        <button type="submit" className="secondary small">
                          Email {member.name} a new password link
                        </button>
                      </form>
                      {member.twoFactorEnabled ? (
                        <form action={resetTeamMemberTwoFactor}>
                          <input type="hidden" name="userId" value={member.id} />
                          <button type="submit" className="secondary small">
                            Reset two-factor sign-in for {member.name}
                          </button>
                        </form>
                      ) : null}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Add a therapist</h2>
      <AddTeamMemberForm add={addTeamMember} />
    </div>
  );
}
