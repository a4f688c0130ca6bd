// Turns a failed call into what the analyst reads: what went wrong, and what to do about it.
import { ApiError } from '../api.ts';

export interface ChartError {
  message: string;
  hint: string;
  code?: string;
}

/**
 * Describes a failure of `doing` (e.g. "Expanding Mario Rossi").
 * @example describeError(new ApiError(403, 'CORVID_ERR_AUTH_FORBIDDEN', 'no'), 'Opening the chart').hint
 */
export function describeError(err: unknown, doing: string): ChartError {
  if (err instanceof ApiError) {
    const code = err.code;
    if (err.status === 403) return { message: `${doing} was refused.`, hint: 'Your account may not see this. Ask the case owner or an administrator for access to its compartment.', code };
    if (err.status === 404) return { message: `${doing} failed: not found.`, hint: 'It was deleted, or it is not visible to you. Search for it again or open another chart.', code };
    if (err.status === 400 || err.status === 422) return { message: `${doing} failed: ${err.message}`, hint: 'Change the request (fewer entities, a smaller hop limit) and try again.', code };
    if (err.status === 413) return { message: `${doing} failed: the request is too large.`, hint: 'Hide or remove part of the chart, then try again.', code };
    if (err.status === 429) return { message: `${doing} was refused: too many requests.`, hint: 'Wait a moment, then try again.', code };
    if (err.status >= 500) return { message: `${doing} failed on the server (${code}).`, hint: 'Try again. If it keeps failing, tell your administrator and quote the code.', code };
    return { message: `${doing} failed: ${err.message}`, hint: 'Try again.', code };
  }
  if (err instanceof TypeError) return { message: `${doing} failed: Corvid's server did not answer.`, hint: 'Check your network connection, then try again.' };
  return { message: `${doing} failed: ${err instanceof Error ? err.message : String(err)}`, hint: 'Try again; reload the page if it keeps failing.' };
}
