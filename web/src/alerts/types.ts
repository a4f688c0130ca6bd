// The shapes of /api/v1/alerts (src/server/routes/alerts.ts): detector findings waiting for an analyst's verdict.

export type AlertStatus = 'open' | 'confirmed' | 'dismissed';

export interface AlertView {
  id: string;
  name: string;
  typology: string;
  detector: string;
  /** 0..1: how far the pattern stands out from the background. */
  score: number;
  explanation: string;
  status: AlertStatus;
  reviewReason: string;
  raisedAt: string;
  /** Entity ids of the accounts and wallets involved. */
  accounts: string[];
  /** Entity ids of the payments and transfers that are the evidence. */
  transfers: string[];
}

/** The body of POST /alerts/:id/review. */
export interface VerdictBody {
  verdict: AlertStatus;
  reason: string;
  grading?: string;
}
