/** A valid intake body for the API, distinct per index. */
export function intakeBody(i: number, tag: string): Record<string, unknown> {
  const appointment = new Date(Date.now() + (1 + (i % 30)) * 86_400_000).toISOString().slice(0, 10);
  const name = `${tag} Client ${i}`;
  return {
    fullName: name,
    email: `client${i}@example.com`,
    phone: "+1 555 010 2030",
    dateOfBirth: "1960-05-01",
    appointmentDate: appointment,
    emergencyContactName: "Emergency Contact",
    emergencyContactPhone: "555 010 9999",
    conditions: i % 3 === 0 ? ["neuropathy", "diabetes"] : [],
    ...(i % 3 === 0 ? { neuropathyCauses: ["diabetes"], symptomStrength: i % 11, reducedFeeling: ["leftSole"] } : {}),
    hasAllergies: "no",
    skinSensitivity: "mild",
    pressure: "light",
    consentSpeakUp: true,
    consentNotMedicalCare: true,
    consentAccurate: true,
    signature: name,
  };
}
