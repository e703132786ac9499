/** The errors of a step, listed above it; each links to its field. Announced when it appears. */
export function ErrorSummary({ errors, onPick }: { errors: { name: string; message: string }[]; onPick: (name: string) => void }) {
  return (
    <div className="error-summary" role="alert">
      <p>{errors.length === 1 ? "One answer needs your attention:" : `${errors.length} answers need your attention:`}</p>
      <ul>
        {errors.map((e) => (
          <li key={e.name}>
            <a
              href={`#field-${e.name}`}
              onClick={(event) => {
                event.preventDefault();
                onPick(e.name);
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
