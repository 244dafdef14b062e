// Types of the JSON API documents (SPEC §5.2, §5.3, §7.16). Ratios are
// fractions; money is in currency units; a ratio with a zero denominator is null.

export type Role = 'ae' | 'manager' | 'executive' | string;

export interface UserRef {
  id: string;
  name: string;
  role: Role;
  manager_id: string | null;
}

export interface User extends UserRef {
  team?: string | null;
  email?: string | null;
  /** Whether the person has direct reports (the team page applies). */
  has_reports?: boolean;
}

export interface Period {
  label: string;
  start: string;
  end: string;
  elapsed_fraction?: number;
}

export interface Forecast {
  commit: number | null;
  best_case: number | null;
  calculated: number | null;
  source?: string;
}

export interface ForecastCoverage {
  commit: number | null;
  best_case: number | null;
  calculated: number | null;
}

export interface TimelinePoint {
  date: string;
  bookings: number;
  quota_pace: number;
}

export interface WinRate {
  period: string;
  closed: number;
  won: number;
  win_rate: number | null;
  win_rate_amount?: number | null;
  team_win_rate?: number | null;
  team_closed?: number | null;
  team_won?: number | null;
}

export interface FunnelStage {
  stage: string;
  order: number;
  /** The next open stage's name, "Won" for the last (else derived from the order). */
  next_stage?: string;
  reached: number;
  conversion: number | null;
  team_reached?: number | null;
  team_conversion?: number | null;
  peer_reached?: number | null;
  peer_conversion?: number | null;
  p_value?: number | null;
  lost_deals?: number | null;
  bottleneck: boolean;
  skills?: string[];
}

export interface Diagnosis {
  stage: string;
  next_stage: string;
  conversion: number | null;
  peer_conversion: number | null;
  p_value: number | null;
  lost_deals?: number | null;
  skills?: string[];
  /** Optional: the rep's deals that reached the stage (else taken from the funnel). */
  reached?: number | null;
}

export interface Deal {
  id: string;
  name: string;
  account_id?: string | null;
  account_name?: string | null;
  owner_id?: string | null;
  owner_name?: string | null;
  amount: number | null;
  stage: string;
  close_date: string | null;
  days_since_change?: number | null;
  last_change?: string | null;
  original_close_date?: string | null;
}

export interface ActivityCounts {
  call?: number;
  email?: number;
  meeting?: number;
  other?: number;
}

export interface Kpis {
  avg_deal_size?: number | null;
  sales_cycle_days?: number | null;
  pipeline_created?: number | null;
  activities?: ActivityCounts;
  team_activities_per_rep?: ActivityCounts;
  stalled?: Deal[];
  slipped?: Deal[];
}

export interface AccountsRollup {
  total: number;
  with_open_pipeline: number;
  stale: number;
}

export interface TeamWinRate {
  period?: string;
  closed: number;
  won: number;
  win_rate: number | null;
}

/** One row of a manager's team table (SPEC §7.16). */
export interface TeamRow {
  user: UserRef;
  quota: number | null;
  bookings: number | null;
  quota_retirement: number | null;
  pace: number | null;
  remaining_quota: number | null;
  open_pipeline: number | null;
  pipeline_coverage: number | null;
  quota_met?: boolean;
  forecast?: Forecast | null;
  forecast_coverage?: ForecastCoverage | null;
  win_rate?: TeamWinRate | null;
  accounts?: AccountsRollup | null;
}

export type TeamTotal = Omit<TeamRow, 'user'> & { user?: UserRef };

export interface Scorecard {
  user: UserRef;
  as_of: string;
  period: Period;
  quota: number | null;
  bookings: number | null;
  quota_retirement: number | null;
  pace: number | null;
  remaining_quota: number | null;
  open_pipeline: number | null;
  pipeline_coverage: number | null;
  quota_met?: boolean;
  /** Optional: ISO 4217 code of the dataset's currency (default USD). */
  currency?: string | null;
  /** Optional: settings' coverage.target (default 3.0). */
  coverage_target?: number | null;
  forecast?: Forecast | null;
  forecast_coverage?: ForecastCoverage | null;
  bookings_timeline?: TimelinePoint[];
  win_rates?: WinRate[];
  funnel?: { cohort_size?: number; team_cohort_size?: number; has_peers?: boolean; stages: FunnelStage[] } | null;
  diagnosis?: Diagnosis[];
  kpis?: Kpis | null;
  accounts?: AccountsRollup | null;
  team?: TeamRow[];
  team_total?: TeamTotal | null;
}

export interface AccountRow {
  id: string;
  name: string;
  owner_id?: string | null;
  owner_name?: string | null;
  open_pipeline: number | null;
  open_opportunities: number | null;
  last_touch_at: string | null;
  days_since_touch: number | null;
  calls_30d: number | null;
  emails_30d: number | null;
  meetings_30d: number | null;
  calls_90d: number | null;
  emails_90d: number | null;
  meetings_90d: number | null;
  next_close_date: string | null;
  stale: boolean;
}

export interface AccountsPage {
  total: number;
  rows: AccountRow[];
}

export interface TeamDoc {
  user: UserRef;
  as_of?: string;
  period?: Period;
  team: TeamRow[];
  team_total?: TeamTotal | null;
}
