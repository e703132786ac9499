import "server-only";
/** What identifies an intake on staff pages: shared by the list and the submission view. */
export const SUMMARY_FIELDS = {
  id: true,
  reference: true,
  fullName: true,
  appointmentDate: true,
  createdAt: true,
  status: true,
} as const;

export const INTAKE_STATUSES = { new: "New", reviewed: "Reviewed" } as const;
export type IntakeStatus = keyof typeof INTAKE_STATUSES;

/** The fields of SUMMARY_FIELDS, as staff pages get them. */
export type IntakeSummary = {
  id: string;
  reference: string;
  fullName: string;
  appointmentDate: string;
  createdAt: Date;
  status: IntakeStatus;
};
