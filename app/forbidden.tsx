import Link from "next/link";

/** What forbidden() shows, with a 403: a signed-in therapist on a page for the clinic's owner. */
export default function Forbidden() {
  return (
    <div className="page">
      <h1>Only the clinic&apos;s owner can do this</h1>
      <p className="lede">Your account can read and review intakes, but this page is for the owner of the clinic&apos;s account. Ask them if you need it.</p>
      <p>
        <Link href="/dashboard">Back to the dashboard</Link>
      </p>
    </div>
  );
}
