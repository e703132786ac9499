import type { Metadata } from "next";
import { IntakeForm } from "@/components/intake/intake-form";
import { submitIntake } from "./actions";

export const metadata: Metadata = { title: "Before your massage" };

export default function IntakePage() {
  return (
    <div className="page">
      <h1>Before your massage</h1>
      <p className="lede">
        These questions help your therapist keep your session safe and comfortable. It takes about five
        minutes. Your answers are kept if you reload this page.
      </p>
      <IntakeForm submit={submitIntake} />
    </div>
  );
}
