// Grading, TLP and handling code badges: the marks that travel with every value, each with its meaning on hover and for screen readers.

const SOURCE: Record<string, string> = {
  A: 'no doubt about the source',
  B: 'source mostly reliable',
  C: 'source mostly unreliable',
  X: 'source reliability cannot be assessed',
};
const INFO: Record<string, string> = {
  '1': 'information not in doubt',
  '2': 'known personally to the source, not to the official',
  '3': 'not known personally to the source, corroborated',
  '4': 'information cannot be assessed',
};
const HANDLING: Record<string, string> = {
  H0: 'for crime-fighting use only',
  H1: 'not to be disclosed in judicial proceedings without the provider’s permission',
  H2: 'not to be disseminated without the provider’s permission',
  H3: 'other restrictions',
};

/** The meaning of a Europol 4x4 grading such as B2. */
export function gradingMeaning(g: string): string {
  const s = SOURCE[g.charAt(0)];
  const i = INFO[g.charAt(1)];
  return s && i ? `${s}; ${i}` : 'grading not recognised';
}

export function GradingBadge(props: { grading: string }) {
  const meaning = gradingMeaning(props.grading);
  return (
    <abbr className={`badge grading grading-${props.grading.charAt(0).toLowerCase()}`} title={`Grading ${props.grading}: ${meaning}`}>
      {props.grading}
    </abbr>
  );
}

export function TlpBadge(props: { tlp: string }) {
  const cls = props.tlp.toLowerCase().replace('+', '-');
  return (
    <span className={`badge tlp tlp-${cls}`} title={`Traffic Light Protocol: ${props.tlp}`}>
      TLP:{props.tlp}
    </span>
  );
}

export function HandlingBadge(props: { code: string; note?: string }) {
  const meaning = HANDLING[props.code] ?? 'unknown handling code';
  const title = props.note ? `${props.code}: ${meaning}. ${props.note}` : `${props.code}: ${meaning}`;
  return (
    <abbr className={`badge handling handling-${props.code.toLowerCase()}`} title={title}>
      {props.code}
    </abbr>
  );
}
