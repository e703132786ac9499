"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { REGIONS, type Region } from "@/lib/intake/options";

/**
 * A drawing of both feet and lower legs, seen from above and from underneath, split into the
 * regions the questionnaire names. The client marks regions on it; the therapist sees the marks
 * and the areas to avoid. Marks are told apart by pattern and text as well as colour, and the
 * same choices always exist as labelled checkboxes beside it.
 */

export const MARKS = {
  reducedFeeling: { label: "Reduced feeling", pattern: "dots" },
  painfulToLightTouch: { label: "Painful to light touch", pattern: "hatch" },
  woundsOrBlisters: { label: "Wound or blister", pattern: "cross" },
} as const;

export type MarkKind = keyof typeof MARKS;
export type Marks = Record<MarkKind, readonly Region[]>;
const MARK_KINDS = Object.keys(MARKS) as MarkKind[];

type Shape = { x: number; y: number; w: number; h: number; r: number };

// Left side of the drawing is the client's left. Right side mirrors it.
const LEFT_SHAPES: Record<"LowerLeg" | "Ankle" | "Top" | "Toes" | "Sole" | "Heel", Shape> = {
  LowerLeg: { x: 40, y: 22, w: 60, h: 84, r: 22 },
  Ankle: { x: 42, y: 108, w: 56, h: 26, r: 12 },
  Top: { x: 36, y: 136, w: 72, h: 52, r: 18 },
  Toes: { x: 40, y: 190, w: 70, h: 24, r: 12 },
  Sole: { x: 36, y: 250, w: 72, h: 56, r: 26 },
  Heel: { x: 44, y: 308, w: 58, h: 30, r: 15 },
};

function shapeOf(region: Region): Shape {
  const side = region.startsWith("left") ? "left" : "right";
  const part = region.slice(side.length) as keyof typeof LEFT_SHAPES;
  const s = LEFT_SHAPES[part];
  return side === "left" ? s : { ...s, x: 320 - s.x - s.w };
}

function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-dots`} width="8" height="8" patternUnits="userSpaceOnUse">
        <circle cx="4" cy="4" r="2" fill="#1d4ed8" />
      </pattern>
      <pattern id={`${prefix}-hatch`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="3" height="8" fill="#b45309" />
      </pattern>
      <pattern id={`${prefix}-cross`} width="10" height="10" patternUnits="userSpaceOnUse">
        <path d="M1 1 L9 9 M9 1 L1 9" stroke="#b91c1c" strokeWidth="2" />
      </pattern>
    </defs>
  );
}

function RegionShape({ region, marks, avoid, prefix }: { region: Region; marks: Marks; avoid: boolean; prefix: string }) {
  const s = shapeOf(region);
  const rect = { x: s.x, y: s.y, width: s.w, height: s.h, rx: s.r };
  return (
    <>
      <rect {...rect} className="region-base" />
      {MARK_KINDS.filter((k) => marks[k].includes(region)).map((k) => (
        <rect key={k} {...rect} fill={`url(#${prefix}-${MARKS[k].pattern})`} className="region-mark" />
      ))}
      {avoid ? <rect {...rect} className="region-avoid" /> : null}
    </>
  );
}

function Labels() {
  return (
    <g className="map-labels" aria-hidden="true">
      <text x="72" y="14">Left</text>
      <text x="248" y="14">Right</text>
      <text x="160" y="120">from above</text>
      <text x="160" y="280">underneath</text>
    </g>
  );
}

function Legend({ showAvoid }: { showAvoid: boolean }) {
  const prefix = useId().replace(/:/g, "");
  return (
    <ul className="map-legend">
      {MARK_KINDS.map((k) => (
        <li key={k}>
          <svg width="22" height="16" aria-hidden="true">
            <Patterns prefix={prefix} />
            <rect x="1" y="1" width="20" height="14" rx="3" className="region-base" />
            <rect x="1" y="1" width="20" height="14" rx="3" fill={`url(#${prefix}-${MARKS[k].pattern})`} />
          </svg>
          {MARKS[k].label}
        </li>
      ))}
      {showAvoid ? (
        <li>
          <svg width="22" height="16" aria-hidden="true">
            <rect x="2" y="2" width="18" height="12" rx="3" className="region-avoid" />
          </svg>
          Avoid (thick dashed outline)
        </li>
      ) : null}
    </ul>
  );
}

/** The client's map: choose what to mark, then click or press Space on a region to mark it. */
export function BodyMapInput({ marks, onToggle }: { marks: Marks; onToggle: (kind: MarkKind, region: Region) => void }) {
  const [kind, setKind] = useState<MarkKind>("reducedFeeling");
  const prefix = useId().replace(/:/g, "");
  const onKey = (event: KeyboardEvent, region: Region) => {
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      onToggle(kind, region);
    }
  };
  return (
    <div className="body-map">
      <fieldset className="field choices map-kind">
        <legend>Mark on the drawing</legend>
        <div className="choice-list">
          {MARK_KINDS.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name={`${prefix}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{MARKS[k].label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <svg
        viewBox="0 0 320 345"
        className="map-drawing"
        role="group"
        aria-label={`Feet and lower legs: each place can be marked as ${MARKS[kind].label.toLowerCase()}`}
      >
        <Patterns prefix={prefix} />
        <Labels />
        {REGIONS.ids.map((region) => (
          <g
            key={region}
            role="checkbox"
            tabIndex={0}
            aria-checked={marks[kind].includes(region)}
            aria-label={REGIONS.labels[region]}
            className="map-region"
            data-region={region}
            onClick={() => onToggle(kind, region)}
            onKeyDown={(event) => onKey(event, region)}
          >
            <title>{REGIONS.labels[region]}</title>
            <RegionShape region={region} marks={marks} avoid={false} prefix={prefix} />
          </g>
        ))}
      </svg>
      <Legend showAvoid={false} />
    </div>
  );
}

/** The therapist's map: the client's marks and the areas to avoid, with a legend and a text list. */
export function BodyMapView({ marks, avoid }: { marks: Marks; avoid: readonly Region[] }) {
  const prefix = useId().replace(/:/g, "");
  const rows = [
    ...MARK_KINDS.map((k) => ({ label: MARKS[k].label, regions: marks[k] })),
    { label: "Avoid", regions: avoid },
  ];
  return (
    <div className="body-map view">
      <svg viewBox="0 0 320 345" className="map-drawing" role="img" aria-labelledby={`${prefix}-list`}>
        <Patterns prefix={prefix} />
        <Labels />
        {REGIONS.ids.map((region) => (
          <g key={region} data-region={region} data-avoid={avoid.includes(region) || undefined}>
            <RegionShape region={region} marks={marks} avoid={avoid.includes(region)} prefix={prefix} />
          </g>
        ))}
      </svg>
      <div>
        <Legend showAvoid />
        <dl id={`${prefix}-list`} className="map-list">
          {rows.map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.regions.length > 0 ? row.regions.map((r) => REGIONS.labels[r]).join(", ") : "None"}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
