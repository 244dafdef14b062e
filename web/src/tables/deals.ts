// Stalled and slipped deals (SPEC §3.7, §7.13) as table rows.
import { date, days, money } from '../format';
import type { Deal } from '../types';

export interface DealRowModel {
  id: string;
  name: string;
  account: string;
  owner: string;
  amount: string;
  stage: string;
  closeDate: string;
  originalCloseDate: string;
  sinceChange: string;
}

/** Rows by amount, largest first; owner names from the users list when known. */
export function dealRows(deals: Deal[] | undefined, ownerName: (id: string) => string | undefined = () => undefined): DealRowModel[] {
  return [...(deals ?? [])]
    .sort((a, b) => (b.amount ?? -Infinity) - (a.amount ?? -Infinity))
    .map((d) => ({
      id: d.id,
      name: d.name || d.id,
      account: d.account_name ?? d.account_id ?? '—',
      owner: d.owner_name ?? (d.owner_id ? (ownerName(d.owner_id) ?? d.owner_id) : null) ?? '—',
      amount: money(d.amount),
      stage: d.stage,
      closeDate: date(d.close_date),
      originalCloseDate: date(d.original_close_date),
      sinceChange: days(d.days_since_change),
    }));
}
