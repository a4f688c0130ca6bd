// Which form field a refused request was about: the domain's `details.field`, or the first schema issue's path.

/** Labels of the review form's fields, as the analyst sees them. */
export const FIELD_LABELS: Record<string, string> = { reason: 'Reason', grading: 'Grading', verdict: 'Verdict' };

/**
 * The field a validation error names, or '' when it names none.
 * @example errorField({ field: 'reason' }) // 'reason'
 * @example errorField({ part: 'body', issues: [{ path: '/grading' }] }) // 'grading'
 */
export function errorField(details: Record<string, unknown>): string {
  if (typeof details['field'] === 'string') return details['field'];
  const issues = details['issues'];
  if (Array.isArray(issues) && issues.length > 0) {
    const first = issues[0] as { path?: unknown; params?: { missingProperty?: unknown } };
    const path = typeof first.path === 'string' ? first.path.replace(/^\//, '').split('/')[0]! : '';
    if (path) return path;
    if (typeof first.params?.missingProperty === 'string') return first.params.missingProperty;
  }
  return '';
}

/** Admiralty gradings a reviewer may give: source reliability A–F (X: cannot be judged) × information 1–6. */
export const GRADINGS: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F', 'X'].flatMap((r) => [1, 2, 3, 4, 5, 6].map((c) => `${r}${c}`));
export const DEFAULT_GRADING = 'B3';
