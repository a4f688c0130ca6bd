// The alert queue's calls to the public API.
import { api } from '../api.ts';
import type { AlertStatusFilter } from '../router.ts';
import type { AlertView, VerdictBody } from './types.ts';

/** Most alerts one page lists. */
export const ALERT_LIMIT = 200;

/** The path of GET /alerts for a status (or all) and a typology (or any), highest score first. */
export function alertsPath(status: AlertStatusFilter, typology: string): string {
  const qs = new URLSearchParams();
  if (status !== 'all') qs.set('status', status);
  if (typology) qs.set('typology', typology);
  qs.set('limit', String(ALERT_LIMIT));
  return `/alerts?${qs}`;
}

export function getAlert(id: string, signal?: AbortSignal): Promise<AlertView> {
  return api('GET', `/alerts/${encodeURIComponent(id)}`, undefined, signal);
}

/** Confirms, dismisses or re-opens an alert; answers with the alert as it now is. */
export function reviewAlert(id: string, body: VerdictBody): Promise<AlertView> {
  return api('POST', `/alerts/${encodeURIComponent(id)}/review`, body);
}
