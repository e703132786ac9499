import Link from "next/link";
import { requireTherapist } from "@/lib/auth/session";
import { isOwner } from "@/lib/data/therapists";
import { signOut } from "./actions";

/** The frame of every staff page. Each page checks the session itself too: this is not the guard. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const therapist = await requireTherapist();
  return (
    <div className="staff">
      <header className="staff-header">
        <Link href="/dashboard" className="brand">
          Intakes
        </Link>
        <span className="who">{therapist.name}</span>
        {(await isOwner(therapist.id)) ? (
          <Link href="/dashboard/team" className="small-link">
            Team
          </Link>
        ) : null}
        <Link href="/two-factor" className="small-link">
          Two-factor sign-in
        </Link>
        <form action={signOut}>
          <button type="submit" className="secondary small">
            Sign out
          </button>
        </form>
      </header>
      {children}
    </div>
  );
}
