/**
 * The intake form's resolver: the intake's schema (schema.ts) as react-hook-form reads it. A module
 * of its own so the form can load it, and Zod with it, after the page's first JavaScript.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import type { IntakeFormValues } from "./questionnaire";
import { intakeSchema, type IntakeInput } from "./schema";

export const intakeResolver: Resolver<IntakeFormValues, unknown, IntakeInput> = zodResolver(intakeSchema);
