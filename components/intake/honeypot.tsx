import type { Ref } from "react";
import { HONEYPOT_FIELD } from "@/lib/intake/honeypot";

/** A field a person never sees or reaches by keyboard; a bot that fills it is answered and ignored. */
export function Honeypot({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="field-website">Leave this empty</label>
      <input id="field-website" ref={inputRef} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
